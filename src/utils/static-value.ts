/**
 * What a rule can see of a value without type information: through same-file `const` bindings,
 * object spreads of such constants, and URLs built from templates or concatenation.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

/** Drops TypeScript wrappers that do not change the value: `x as T`, `x satisfies T`, `x!`, `<T>x`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** A `const` of this file that an identifier refers to, with its initializer. */
export interface ConstBinding {
  readonly variable: TSESLint.Scope.Variable;
  readonly declarator: TSESTree.VariableDeclarator;
  readonly init: TSESTree.Node;
}

/** Resolves an identifier to the `const name = init` it names; undefined for anything else. */
export function resolveConst(node: TSESTree.Node, scope: TSESLint.Scope.Scope): ConstBinding | undefined {
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(scope, unwrapped);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (variable === null || variable === undefined || definition?.type !== "Variable") return undefined;
  const declarator = definition.node;
  if (
    declarator.parent.kind !== "const" ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.init === null
  ) {
    return undefined;
  }
  // `const options = {}; options.apiKey = key;` or `Object.assign(options, ...)`: what the
  // initializer shows is not what the object holds.
  if (isMutatedObject(variable)) return undefined;
  return { variable, declarator, init: unwrapExpression(declarator.init) };
}

/** Per variable: a file's scopes do not change while it is linted, and a busy `const` is asked about often. */
const mutatedObjects = new WeakMap<TSESLint.Scope.Variable, boolean>();

function isMutatedObject(variable: TSESLint.Scope.Variable): boolean {
  let mutated = mutatedObjects.get(variable);
  if (mutated === undefined) {
    mutated = hasMutatingReference(variable);
    mutatedObjects.set(variable, mutated);
  }
  return mutated;
}

function hasMutatingReference(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some(({ identifier }) => {
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const user = parent.parent;
      return (
        (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) ||
        (user?.type === AST_NODE_TYPES.UnaryExpression && user.operator === "delete")
      );
    }
    return (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === identifier &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      ASTUtils.getPropertyName(parent.callee) === "assign"
    );
  });
}

/** Follows identifiers through same-file constants to the expression they hold. */
export function resolveValue(node: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESTree.Node {
  let current = unwrapExpression(node);
  for (let depth = 0; depth < 8; depth++) {
    const binding = resolveConst(current, scope);
    if (binding === undefined) return current;
    current = binding.init;
  }
  return current;
}

/**
 * Every value an expression may evaluate to, as far as the file shows: both branches of `c ? a : b`,
 * both sides of `a ?? b` and `a || b` (the right side of `a && b`), through same-file consts, and each
 * value written to a `let`/`var` (its initialiser and every `x = value` assignment, as in
 * `let options; if (c) options = {...}; else options = {...}`). An expression it cannot see through
 * is its own only value. Never empty.
 */
export function possibleValues(node: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  const seen = new Set<TSESTree.Node>();
  const visit = (current: TSESTree.Node, depth: number): void => {
    const value = resolveValue(current, scope);
    if (seen.has(value)) return;
    seen.add(value);
    if (depth > 6) {
      found.push(value);
      return;
    }
    if (value.type === AST_NODE_TYPES.ConditionalExpression) {
      visit(value.consequent, depth + 1);
      visit(value.alternate, depth + 1);
    } else if (value.type === AST_NODE_TYPES.LogicalExpression) {
      if (value.operator !== "&&") visit(value.left, depth + 1);
      visit(value.right, depth + 1);
    } else if (value.type === AST_NODE_TYPES.Identifier) {
      const writes = variableWrites(value, scope);
      if (writes === undefined) found.push(value);
      else for (const write of writes) visit(write, depth + 1);
    } else {
      found.push(value);
    }
  };
  visit(node, 0);
  return found;
}

/**
 * The values written to a `let`/`var` of the file: its initialiser and the right side of each plain
 * assignment. Undefined when something else writes it (a parameter, destructuring, `+=`, a loop) or
 * code changes the object it holds (`options.apiKey = key`), since then the writes are not all it holds.
 */
function variableWrites(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): TSESTree.Node[] | undefined {
  const variable = ASTUtils.findVariable(scope, identifier);
  const written = variable === null ? undefined : writtenValues(variable);
  if (variable === null || written === undefined) return undefined;
  const declarator = written.declarator;
  if (declarator.parent.kind === "const" || declarator.id.type !== AST_NODE_TYPES.Identifier || isMutatedObject(variable)) {
    return undefined;
  }
  return written.values.length === 0 ? undefined : written.values;
}

/**
 * What a variable declared once (`const`/`let`/`var`) is given: the declarator's initialiser and the
 * right side of every plain `x = value`. Undefined for parameters, imports and functions, and when any
 * other write (`+=`, `++`, destructuring assignment, a `for`-of target) changes it.
 */
export function writtenValues(
  variable: TSESLint.Scope.Variable,
): { readonly declarator: TSESTree.VariableDeclarator; readonly values: TSESTree.Node[] } | undefined {
  const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== "Variable") return undefined;
  const declarator = definition.node;
  const values: TSESTree.Node[] = declarator.init === null ? [] : [declarator.init];
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init === true) continue;
    const assignment = reference.identifier.parent;
    if (
      assignment.type !== AST_NODE_TYPES.AssignmentExpression ||
      assignment.operator !== "=" ||
      assignment.left !== reference.identifier
    ) {
      return undefined;
    }
    values.push(assignment.right);
  }
  return { declarator, values };
}

/** Read references of a variable outside its own declaration. */
export function readReferenceCount(variable: TSESLint.Scope.Variable): number {
  return variable.references.filter((reference) => reference.isRead()).length;
}

/** One property of an options object, possibly reached through a spread. */
export interface VisibleProperty {
  readonly name: string;
  readonly property: TSESTree.Property;
  readonly value: TSESTree.Node;
  /** The object literal the property is written in. */
  readonly object: TSESTree.ObjectExpression;
  /** Written in the root object itself, not in a spread source. */
  readonly direct: boolean;
}

export interface VisibleObject {
  /** Last write wins, as at run time. */
  readonly properties: ReadonlyMap<string, VisibleProperty>;
  /** False when a spread or a computed key could not be resolved: absent names may still be set. */
  readonly complete: boolean;
}

/** The properties of an object literal, following spreads of same-file constant objects. */
export function visibleProperties(object: TSESTree.ObjectExpression, scope: TSESLint.Scope.Scope): VisibleObject {
  const properties = new Map<string, VisibleProperty>();
  let complete = true;
  const visit = (current: TSESTree.ObjectExpression, direct: boolean, depth: number): void => {
    for (const member of current.properties) {
      if (member.type === AST_NODE_TYPES.SpreadElement) {
        const source = resolveValue(member.argument, scope);
        if (source.type === AST_NODE_TYPES.ObjectExpression && depth < 5) visit(source, false, depth + 1);
        else complete = false;
        continue;
      }
      const name = ASTUtils.getPropertyName(member, scope);
      if (name === null) {
        complete = false;
        continue;
      }
      properties.set(name, { name, property: member, value: member.value, object: current, direct });
    }
  };
  visit(object, true, 0);
  return { properties, complete };
}

/**
 * The text of a URL-like value as far as it can be seen: a constant string, or a template or `+`
 * concatenation whose unknown parts are replaced by `x` (so `https://${name}.openai.azure.com`
 * still names an Azure host). `bind` gives the value of a parameter where a call shows it. Undefined
 * when nothing of it is visible.
 */
export function visibleText(
  node: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  depth = 0,
  bind?: (node: TSESTree.Node) => TSESTree.Node | undefined,
): string | undefined {
  const value = ASTUtils.getStaticValue(node, scope);
  if (typeof value?.value === "string") return value.value;
  if (depth > 5) return undefined;
  const unwrapped = unwrapExpression(node);
  const partText = (part: TSESTree.Node): string | undefined => visibleText(part, scope, depth + 1, bind);
  switch (unwrapped.type) {
    case AST_NODE_TYPES.TemplateLiteral:
      return unwrapped.quasis
        .map((quasi, index) => {
          const expression = unwrapped.expressions[index];
          return quasi.value.cooked + (expression === undefined ? "" : (partText(expression) ?? "x"));
        })
        .join("");
    case AST_NODE_TYPES.BinaryExpression:
      if (unwrapped.operator !== "+") return undefined;
      return `${partText(unwrapped.left) ?? "x"}${partText(unwrapped.right) ?? "x"}`;
    case AST_NODE_TYPES.Identifier: {
      // A parameter read where its argument is known (`bind`, for a helper's call).
      const bound = bind?.(unwrapped);
      if (bound !== undefined) return partText(bound);
      const binding = resolveConst(unwrapped, scope);
      return binding === undefined ? undefined : partText(binding.init);
    }
    case AST_NODE_TYPES.LogicalExpression:
      // `process.env.ENDPOINT ?? "https://…"`: the visible fallback says where it goes.
      return partText(unwrapped.right) ?? partText(unwrapped.left);
    default:
      return undefined;
  }
}

/** `process.env` or `import.meta.env`. */
export const isEnvObject = (node: TSESTree.Node): boolean =>
  node.type === AST_NODE_TYPES.MemberExpression &&
  ASTUtils.getPropertyName(node) === "env" &&
  ((node.object.type === AST_NODE_TYPES.Identifier && node.object.name === "process") ||
    node.object.type === AST_NODE_TYPES.MetaProperty);

/**
 * Whether dropping this value from the code could drop an effect: a call, a construction, an
 * `await` or `yield`, an assignment or update. Property reads (`process.env.X`, `settings.key`) are
 * what the value is, and count as free.
 */
export function mayHaveSideEffects(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return false;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.some(mayHaveSideEffects);
    case AST_NODE_TYPES.BinaryExpression:
      return mayHaveSideEffects(value.left) || mayHaveSideEffects(value.right);
    case AST_NODE_TYPES.LogicalExpression:
      return mayHaveSideEffects(value.left) || mayHaveSideEffects(value.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return mayHaveSideEffects(value.test) || mayHaveSideEffects(value.consequent) || mayHaveSideEffects(value.alternate);
    case AST_NODE_TYPES.MemberExpression:
      // Reading a key from a config object is what removing it undoes; a getter with effects is rare.
      return mayHaveSideEffects(value.object) || (value.computed && mayHaveSideEffects(value.property));
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === "delete" || mayHaveSideEffects(value.argument);
    case AST_NODE_TYPES.MetaProperty:
      return false;
    case AST_NODE_TYPES.ChainExpression:
      return mayHaveSideEffects(value.expression);
    default:
      return true;
  }
}
