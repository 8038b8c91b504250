/**
 * What the AST says about a string literal, for rules that hand string values to the detection engine
 * (src/detect) and need the context the engine cannot see in the value itself.
 *
 * API:
 * - `stringValueOf(node)`: the value of a string `Literal` (JSX attribute strings included), of one
 *   template-literal part (`TemplateElement`, cooked) or of `JSXText`; undefined for anything else.
 * - `boundNames(node, sourceCode)`: the names the string is bound to, innermost first, as the engine's
 *   `DetectOptions.names` expects: the variable (`const apiKey = "…"`), the assignment target
 *   (`x.apiKey = …`, `process.env.X = …`, also as `object.property`), the object property key (quoted,
 *   computed with a static value, numeric) and the keys of the objects around it (the two innermost
 *   also joined as `outer.inner`), a parameter or destructuring default, the class property, the TS enum
 *   member, the JSX attribute, the header-style name before it (`headers.set("api-key", "…")`,
 *   `[["api-key", "…"]]`, `env("NAME", "…")`), the left side of `process.env.X ?? "…"`, and for call
 *   arguments the callee (`new AzureKeyCredential("…")` reads `AzureKeyCredential`) or the SDK's name
 *   for that parameter (`SpeechConfig.fromSubscription("…", region)` reads `subscriptionKey`).
 *   The names are raw; whether one is key-like is the engine's call (`isKeyLikeName`).
 * - `createAzureHostLookup(sourceCode)`: finds the Azure AI hosts named by string literals of the file
 *   (one pass over the string tokens, done lazily on the first question, then reused), and answers
 *   `inSameObject(node)` (the host closest to `node` inside the outermost object literal holding it)
 *   and `inFile(node)` (the host closest to `node` anywhere in the file). A host whose resource label
 *   is an interpolation or a placeholder (`https://${resource}.openai.azure.com`) counts, named
 *   `*.openai.azure.com` as the engine names it.
 * - `sourceRangeOfValueSlice(node, sourceCode, start, end)`: where `value.slice(start, end)` sits in the
 *   source (through escapes and entities), so a report can point at a key inside a longer string
 *   rather than at its quote.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES, AST_TOKEN_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import { findAzureAiHosts } from "../detect/index.js";

/** A string the rules inspect: a string literal (also a JSX attribute value), one part of a template, or JSX text. */
export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateElement | TSESTree.JSXText;

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The string value of a string literal or the cooked text of a template part; undefined otherwise. */
export function stringValueOf(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === "string" ? node.value : undefined;
  // `cooked` is null for a tagged template with an invalid escape: nothing to read there.
  if (node.type === AST_NODE_TYPES.TemplateElement) return node.value.cooked ?? undefined;
  if (node.type === AST_NODE_TYPES.JSXText) return node.value;
  return undefined;
}

/**
 * SDK calls whose key parameter is not named by the callee: the parameter's own name in the SDK,
 * by argument position. The Speech SDK's `SpeechConfig.fromSubscription(subscriptionKey, region)` and
 * its `fromEndpoint(endpoint, subscriptionKey)` / `fromHost(host, subscriptionKey)` siblings.
 */
const KEY_PARAMETERS_BY_CALLEE: ReadonlyMap<string, readonly (string | undefined)[]> = new Map([
  ["fromSubscription", ["subscriptionKey"]],
  ["fromEndpoint", [undefined, "subscriptionKey"]],
  ["fromHost", [undefined, "subscriptionKey"]],
]);

/** The static name an expression is known by: `x`, `a.b.x`, `a["x"]` read `x`; undefined otherwise. */
function expressionName(node: TSESTree.Node, scopeOf: () => TSESLint.Scope.Scope): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return node.property.name;
    return ASTUtils.getPropertyName(node, node.computed ? scopeOf() : undefined) ?? undefined;
  }
  if (node.type === AST_NODE_TYPES.ThisExpression) return "this";
  return undefined;
}

/** A member target read as its last two names (`config.openai.apiKey` -> `apiKey`, `openai.apiKey`). */
function memberNames(node: TSESTree.MemberExpression, scopeOf: () => TSESLint.Scope.Scope): string[] {
  const property = expressionName(node, scopeOf);
  if (property === undefined) return [];
  const object = expressionName(node.object, scopeOf);
  return object === undefined || object === "this" ? [property] : [property, `${object}.${property}`];
}

/** The key of a property-like node, including numeric, computed-static and `#private` keys. */
function propertyKeyName(
  node: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
  scopeOf: () => TSESLint.Scope.Scope,
): string | undefined {
  if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return node.key.name;
  if (node.type === AST_NODE_TYPES.AccessorProperty) {
    return node.key.type === AST_NODE_TYPES.Identifier && !node.computed ? node.key.name : undefined;
  }
  return ASTUtils.getPropertyName(node, node.computed ? scopeOf() : undefined) ?? undefined;
}

/** The string a node surely holds (`"api-key"`, a `const` of one), or undefined. */
function staticString(node: TSESTree.Node | null | undefined, scopeOf: () => TSESLint.Scope.Scope): string | undefined {
  if (node === null || node === undefined || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const literal = stringValueOf(node);
  if (literal !== undefined) return literal;
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.TemplateLiteral) return undefined;
  return ASTUtils.getStringIfConstant(node, scopeOf()) ?? undefined;
}

/** Names for a value passed as argument `index` of a call or construction. */
function argumentNames(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  scopeOf: () => TSESLint.Scope.Scope,
): string[] {
  const names: string[] = [];
  // `headers.set("api-key", "…")`, `setItem("AZURE_OPENAI_KEY", "…")`: the string before names the value.
  const pairedName = index > 0 ? staticString(call.arguments[index - 1], scopeOf) : undefined;
  if (pairedName !== undefined) names.push(pairedName);
  const callee = expressionName(call.callee, scopeOf);
  if (callee !== undefined) {
    const parameter = KEY_PARAMETERS_BY_CALLEE.get(callee)?.[index];
    if (parameter !== undefined) names.push(parameter);
    names.push(callee);
  }
  return names;
}

/**
 * The names `node` is bound to, innermost first (see the file comment). Walks up through wrappers that
 * pass the value on unchanged (`as`, `satisfies`, `!`, `? :`, `??`, `||`, `+`, arrays, object literals,
 * JSX expression containers) and stops at the first binding that is not a property.
 */
export function boundNames(node: StringNode, sourceCode: SourceCode): string[] {
  const names: string[] = [];
  let scope: TSESLint.Scope.Scope | undefined;
  const scopeOf = (): TSESLint.Scope.Scope => (scope ??= sourceCode.getScope(node));
  /** The innermost property key seen, to join with the next object key out (`openai.key`). */
  let innerPropertyName: string | undefined;
  let joined = false;

  let child: TSESTree.Node = node.type === AST_NODE_TYPES.TemplateElement ? node.parent : node;
  for (let parent = child.parent; parent !== undefined; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.JSXExpressionContainer:
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.test) return names;
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== "+") return names;
        continue;
      case AST_NODE_TYPES.LogicalExpression: {
        // `process.env.AZURE_OPENAI_API_KEY ?? "…"`: the fallback stands in for what the left side names.
        const fallbackFor = child === parent.right ? expressionName(parent.left, scopeOf) : undefined;
        if (fallbackFor !== undefined) names.push(fallbackFor);
        continue;
      }
      case AST_NODE_TYPES.ArrayExpression: {
        // `[["api-key", "…"]]` (Headers init, Map entries): the first element names the second.
        const [first, second] = parent.elements;
        const pairedName =
          parent.elements.length === 2 && second === child ? staticString(first, scopeOf) : undefined;
        if (pairedName !== undefined) names.push(pairedName);
        continue;
      }
      case AST_NODE_TYPES.Property: {
        if (child !== parent.value || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return names;
        const name = propertyKeyName(parent, scopeOf);
        if (name === undefined) continue;
        if (innerPropertyName === undefined) {
          innerPropertyName = name;
        } else if (!joined) {
          names.push(`${name}.${innerPropertyName}`);
          joined = true;
        }
        names.push(name);
        continue;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (child === parent.init && parent.id.type === AST_NODE_TYPES.Identifier) names.push(parent.id.name);
        return names;
      case AST_NODE_TYPES.AssignmentExpression:
        if (child !== parent.right) return names;
        if (parent.left.type === AST_NODE_TYPES.Identifier) names.push(parent.left.name);
        else if (parent.left.type === AST_NODE_TYPES.MemberExpression) names.push(...memberNames(parent.left, scopeOf));
        return names;
      case AST_NODE_TYPES.AssignmentPattern:
        // Parameter defaults (`function f(apiKey = "…")`) and destructuring defaults (`{ apiKey = "…" }`).
        if (child === parent.right && parent.left.type === AST_NODE_TYPES.Identifier) names.push(parent.left.name);
        return names;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty: {
        const name = child === parent.value ? propertyKeyName(parent, scopeOf) : undefined;
        if (name !== undefined) names.push(name);
        return names;
      }
      case AST_NODE_TYPES.TSEnumMember: {
        const name =
          parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : stringValueOf(parent.id);
        if (child === parent.initializer && name !== undefined) names.push(name);
        return names;
      }
      case AST_NODE_TYPES.JSXAttribute:
        names.push(
          parent.name.type === AST_NODE_TYPES.JSXNamespacedName
            ? `${parent.name.namespace.name}:${parent.name.name.name}`
            : parent.name.name,
        );
        return names;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
        if (index !== -1) names.push(...argumentNames(parent, index, scopeOf));
        return names;
      }
      default:
        return names;
    }
  }
  return names;
}

/** An Azure AI host named by a string of the file. */
interface HostLiteral {
  /** The hostname as the engine reports it (`*.openai.azure.com` for a templated resource label). */
  readonly host: string;
  /** Where the string token naming it starts and ends. */
  readonly start: number;
  readonly end: number;
  /** The lines the token spans (1-based). */
  readonly startLine: number;
  readonly endLine: number;
}

/** Where the Azure AI hosts of a file are, for context that lies outside a string itself. */
export interface AzureHostLookup {
  /** The host closest to `node` named inside the outermost object literal holding `node`, or undefined. */
  inSameObject(node: TSESTree.Node): string | undefined;
  /** The host closest to `node` named by any string literal of the file, or undefined. */
  inFile(node: TSESTree.Node): string | undefined;
  /** The host closest to `node` named within `lines` lines above or below it, or undefined. */
  nearby(node: TSESTree.Node, lines: number): string | undefined;
}

/** The outermost object literal `node` sits in through property values, arrays and value wrappers. */
function outermostObjectLiteral(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  let outermost: TSESTree.ObjectExpression | undefined;
  for (let current = node.parent; current !== undefined; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ObjectExpression:
        outermost = current;
        continue;
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        continue;
      default:
        return outermost;
    }
  }
  return outermost;
}

/** The host of `hosts` closest to `[start, end)`, or undefined. */
function closestHost(hosts: readonly HostLiteral[], start: number, end: number): string | undefined {
  let closest: { host: string; distance: number } | undefined;
  for (const occurrence of hosts) {
    const distance = occurrence.start >= end ? occurrence.start - end : Math.max(0, start - occurrence.end);
    if (closest === undefined || distance < closest.distance) closest = { host: occurrence.host, distance };
  }
  return closest?.host;
}

/** Scans the file's string tokens for Azure AI hosts on the first question only. */
export function createAzureHostLookup(sourceCode: SourceCode): AzureHostLookup {
  let hosts: HostLiteral[] | undefined;

  const hostLiterals = (): HostLiteral[] => {
    if (hosts !== undefined) return hosts;
    hosts = [];
    for (const token of sourceCode.ast.tokens) {
      if (
        token.type !== AST_TOKEN_TYPES.String &&
        token.type !== AST_TOKEN_TYPES.Template &&
        token.type !== AST_TOKEN_TYPES.JSXText
      ) {
        continue;
      }
      // A template part after an interpolation starts with its closing "}": `}.openai.azure.com`.
      for (const { host } of findAzureAiHosts(token.value, { templatedResource: true })) {
        hosts.push({
          host,
          start: token.range[0],
          end: token.range[1],
          startLine: token.loc.start.line,
          endLine: token.loc.end.line,
        });
      }
    }
    return hosts;
  };

  return {
    inSameObject(node) {
      const object = outermostObjectLiteral(node);
      if (object === undefined) return undefined;
      const [objectStart, objectEnd] = object.range;
      // Host tokens are disjoint and in source order: the closest host in the object is the last one
      // starting before the node ends or the first one after, found by binary search rather than by
      // filtering every host for every string (a large object of hosts and hex strings).
      const all = hostLiterals();
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (all[middle]!.start < node.range[1]) low = middle + 1;
        else high = middle;
      }
      // Of several hosts in one token, the first counts (as a scan in source order would find it).
      let before = low - 1;
      while (before > 0 && all[before - 1]!.start === all[before]!.start) before -= 1;
      const neighbours = [all[before], all[low]].filter(
        (host): host is HostLiteral => host !== undefined && host.start >= objectStart && host.end <= objectEnd,
      );
      return closestHost(neighbours, node.range[0], node.range[1]);
    },
    inFile(node) {
      return closestHost(hostLiterals(), node.range[0], node.range[1]);
    },
    nearby(node, lines) {
      const from = node.loc.start.line - lines;
      const to = node.loc.end.line + lines;
      // Tokens come in source order, so the hosts are sorted by line: binary-search the window's
      // start instead of filtering every host for every string (a file of many hosts and hex strings).
      const all = hostLiterals();
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (all[middle]!.endLine < from) low = middle + 1;
        else high = middle;
      }
      const near: HostLiteral[] = [];
      for (let index = low; index < all.length && all[index]!.startLine <= to; index++) near.push(all[index]!);
      return closestHost(near, node.range[0], node.range[1]);
    },
  };
}

/** How a string's source spells its value: JS escapes, template escapes and line ends, or JSX entities. */
type Spelling = "string" | "template" | "jsx";

/** Source length of the escape sequence at `body[index]` (a backslash), and how many UTF-16 units it makes. */
function escapeLength(body: string, index: number): { length: number; units: number } {
  const next = body[index + 1] ?? "";
  if (next === "\r" && body[index + 2] === "\n") return { length: 3, units: 0 }; // line continuation
  if (next === "\n" || next === "\r" || next === "\u2028" || next === "\u2029") return { length: 2, units: 0 };
  if (next === "x") return { length: 4, units: 1 };
  if (next === "u") {
    if (body[index + 2] !== "{") return { length: 6, units: 1 };
    const close = body.indexOf("}", index + 3);
    const codePoint = Number.parseInt(body.slice(index + 3, close), 16);
    return { length: close + 1 - index, units: codePoint > 0xffff ? 2 : 1 };
  }
  if (next >= "0" && next <= "7") {
    // Legacy octal: up to three digits while the value stays below 0o400.
    let length = 2;
    const maxDigits = next <= "3" ? 3 : 2;
    while (length <= maxDigits && (body[index + length] ?? "") >= "0" && (body[index + length] ?? "") <= "7") length++;
    return { length, units: 1 };
  }
  const escaped = body.codePointAt(index + 1) ?? 0;
  return escaped > 0xffff ? { length: 3, units: 2 } : { length: 2, units: 1 };
}

/**
 * For each UTF-16 unit of the value, the offset in `body` where its spelling starts (plus one entry
 * for the end of the value); undefined when the spelling does not add up to `value`.
 */
function valueOffsets(body: string, value: string, spelling: Spelling): number[] | undefined {
  const offsets: number[] = [];
  for (let index = 0; index < body.length; ) {
    const char = body[index]!;
    let length = 1;
    let units = 1;
    if (char === "\\" && spelling !== "jsx") {
      ({ length, units } = escapeLength(body, index));
    } else if (char === "\r" && spelling === "template") {
      // Templates read CRLF and CR as LF.
      length = body[index + 1] === "\n" ? 2 : 1;
    } else if (char === "&" && spelling === "jsx") {
      const close = body.indexOf(";", index);
      if (close !== -1 && close - index <= 32) length = close + 1 - index;
    } else if (value[offsets.length] !== char) {
      return undefined;
    }
    for (let unit = 0; unit < units; unit++) offsets.push(index);
    index += length;
  }
  if (offsets.length !== value.length) return undefined;
  offsets.push(body.length);
  return offsets;
}

/**
 * The source range of `value.slice(start, end)` for a string node, where `value` is `stringValueOf(node)`:
 * exact through escapes, line continuations, template line ends and JSX entities; the whole string
 * body when the spelling cannot be followed.
 */
export function sourceRangeOfValueSlice(
  node: StringNode,
  sourceCode: SourceCode,
  start: number,
  end: number,
): [number, number] {
  // Literals and template parts start with a one-char delimiter ("'`}); a template part ends with "`"
  // (tail) or "${". JSX text has no delimiters.
  const isTemplate = node.type === AST_NODE_TYPES.TemplateElement;
  const isJsxText = node.type === AST_NODE_TYPES.JSXText;
  const bodyStart = isJsxText ? node.range[0] : node.range[0] + 1;
  const bodyEnd = isJsxText ? node.range[1] : isTemplate ? node.range[1] - (node.tail ? 1 : 2) : node.range[1] - 1;
  const body = sourceCode.text.slice(bodyStart, bodyEnd);
  const value = stringValueOf(node) ?? "";
  if (body === value) return [bodyStart + start, bodyStart + end];

  const spelling: Spelling = isTemplate
    ? "template"
    : isJsxText || node.parent.type === AST_NODE_TYPES.JSXAttribute
      ? "jsx"
      : "string";
  const offsets = valueOffsets(body, value, spelling);
  const [sliceStart, sliceEnd] = [offsets?.[start], offsets?.[end]];
  return sliceStart === undefined || sliceEnd === undefined
    ? [bodyStart, bodyEnd]
    : [bodyStart + sliceStart, bodyStart + sliceEnd];
}
