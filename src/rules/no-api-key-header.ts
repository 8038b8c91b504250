import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { HeaderEntry, HttpRequest } from "../utils/http-request.js";
import type { IdentityFixPlan } from "../utils/identity-import.js";
import type { RequestEvidence } from "../usage/requests.js";
import type { KeylessFixOptions } from "../utils/keyless-options.js";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import {
  AZURE_KEY_HEADER_NAMES,
  AZURE_OPENAI_REST_SHAPES,
  detectKeys,
  findAzureAiHost,
  isAzureKeyName,
  isKeyHeaderName,
  nameWords,
} from "../detect/index.js";
import { describeEvidence } from "../usage/requests.js";
import { createRule } from "../utils/create-rule.js";
import {
  findHttpRequests,
  headerEntries,
  helperCalls,
  optionsProperty,
  requestHeaders,
  requestUrlNodes,
} from "../utils/http-request.js";
import { planIdentityFix } from "../utils/identity-import.js";
import {
  AZURE_AI_SCOPE,
  COGNITIVE_SERVICES_SCOPE,
  credentialOptionSchema,
  DEFAULT_CREDENTIAL_EXPRESSION,
  keylessOptionDefaults,
  scopeOptionSchema,
} from "../utils/keyless-options.js";
import { isEntraToken } from "../utils/entra-token.js";
import { createAzureHostLookup } from "../utils/literal-context.js";
import { resolveConst, unwrapExpression, visibleText } from "../utils/static-value.js";

type Options = [
  Partial<KeylessFixOptions> & {
    requireAzureContext?: boolean;
    checkAllSubscriptionKeyHeaders?: boolean;
  },
];

type MessageIds =
  | "keyHeader"
  | "keyAsBearer"
  | "keyQueryParameter"
  | "defaultsKeyHeader"
  | "clientKeyHeader"
  | "useEntraToken";

const [API_KEY_HEADER, SUBSCRIPTION_KEY_HEADER] = AZURE_KEY_HEADER_NAMES;
const AUTHORIZATION_HEADER = "Authorization";
const BEARER_PREFIX = "bearer ";

const escapeDashes = (text: string): string => text.replace(/-/g, "\\-");

/**
 * Cheap first look: a file that names neither key header (in any case), nor both `Authorization` and
 * a bearer scheme, has nothing to report.
 */
const MENTIONS_KEY_HEADER = new RegExp(AZURE_KEY_HEADER_NAMES.map(escapeDashes).join("|"), "i");
const MENTIONS_AUTHORIZATION = new RegExp(AUTHORIZATION_HEADER, "i");
const MENTIONS_BEARER = new RegExp(BEARER_PREFIX.trim(), "i");

/** `api-key=` in a URL, in any letter case. */
const QUERY_MARKER = new RegExp(`${API_KEY_HEADER}=`, "i");

/** The REST shape that other Azure APIs share (Azure AI Search takes `api-version=` too). */
const API_VERSION_PARAMETER = AZURE_OPENAI_REST_SHAPES[1];

/** The `/openai/v1/` API takes tokens for the Azure AI scope. */
const AZURE_OPENAI_V1_PATH = "/openai/v1/";

/**
 * Anthropic's key header, and the path of the Anthropic endpoint of an Azure AI Foundry resource
 * (`https://<resource>.services.ai.azure.com/anthropic/`), which takes it as a key (and Azure AI
 * scope tokens). `x-api-key` is reported only on such a URL: many other APIs use that name.
 */
const ANTHROPIC_KEY_HEADER = "x-api-key";
const FOUNDRY_ANTHROPIC_PATH = "/anthropic/";

/** Names tried, in order, for a module-scope token provider the suggestion adds. */
const TOKEN_PROVIDER_NAMES = ["getAzureToken", "getEntraToken", "azureTokenProvider"] as const;

/**
 * The evidence that a header carries an Azure AI key, named in the message: what the raw-request
 * readers of the scanner decide on, plus what only JavaScript shows (a client, an option).
 */
type AzureContext =
  | RequestEvidence
  | { readonly type: "client"; readonly client: string }
  | { readonly type: "everywhere"; readonly option: string };

function describeContext(context: AzureContext): string {
  switch (context.type) {
    case "client":
      return `\`${context.client}\` is an Azure OpenAI client`;
    case "everywhere":
      return `\`${context.option}\` reports it everywhere`;
    default:
      return describeEvidence(context);
  }
}

/** The names a value is read from: variables, properties, env vars, through same-file consts. */
function valueNames(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth = 0): string[] {
  if (depth > 6) return [];
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Identifier: {
      const binding = resolveConst(value, scope);
      return [value.name, ...(binding === undefined ? [] : valueNames(binding.init, scope, depth + 1))];
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = ASTUtils.getPropertyName(value, scope);
      return name === null ? [] : [name];
    }
    case AST_NODE_TYPES.ChainExpression:
      return valueNames(value.expression, scope, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return [
        ...valueNames(value.left, scope, depth + 1),
        ...valueNames(value.right, scope, depth + 1),
      ];
    case AST_NODE_TYPES.ConditionalExpression:
      return [...valueNames(value.consequent, scope, depth + 1), ...valueNames(value.alternate, scope, depth + 1)];
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.flatMap((expression) => valueNames(expression, scope, depth + 1));
    default:
      return [];
  }
}

/** The value after a `Bearer ` scheme: the interpolation of `` `Bearer ${v}` ``, the right side of `"Bearer " + v`. */
function bearerCredential(node: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESTree.Node | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    const head = value.quasis[0]?.value.cooked?.toLowerCase() ?? "";
    if (head.trimStart() === BEARER_PREFIX && value.expressions.length === 1) return value.expressions[0];
    return head.trimStart().startsWith(BEARER_PREFIX) && value.expressions.length === 0 ? value : undefined;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === "+") {
    const head = ASTUtils.getStringIfConstant(value.left, scope);
    return head?.toLowerCase().trimStart() === BEARER_PREFIX ? value.right : undefined;
  }
  const text = ASTUtils.getStringIfConstant(value, scope);
  return text?.toLowerCase().trimStart().startsWith(BEARER_PREFIX) === true ? value : undefined;
}

const isNullish = (node: TSESTree.Node): boolean => {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === "undefined") ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "void")
  );
};

const isAuthorization = (entry: { readonly name: string }): boolean =>
  entry.name.trim().toLowerCase() === AUTHORIZATION_HEADER.toLowerCase();

function isInsideFunction(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Whether `set`/`append` is called on a header bag: a `new Headers()` held in a `const`, a `headers`
 * property (`init.headers.set(...)`), or a variable named for headers (`requestHeaders`). A settings
 * store's `set("api-key", ...)` is not a request.
 */
function isHeadersReceiver(
  receiver: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  isHeadersConstruction: (node: TSESTree.Node) => boolean,
): boolean {
  const isHeadersName = (name: string | null | undefined): boolean =>
    name !== null && name !== undefined && nameWords(name).some((word) => word === "headers" || word === "header");
  if (receiver.type === AST_NODE_TYPES.MemberExpression) return isHeadersName(ASTUtils.getPropertyName(receiver, scope));
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = resolveConst(receiver, scope);
  return (binding !== undefined && isHeadersConstruction(binding.init)) || isHeadersName(receiver.name);
}

/** What a report at one header can replace. */
type Replaceable =
  | { readonly kind: "property"; readonly node: TSESTree.Property }
  | { readonly kind: "pair"; readonly node: TSESTree.ArrayExpression }
  | { readonly kind: "arguments"; readonly name: TSESTree.Node; readonly value: TSESTree.Node }
  | { readonly kind: "assignment"; readonly member: TSESTree.MemberExpression; readonly value: TSESTree.Node }
  | { readonly kind: "value"; readonly node: TSESTree.Node };

/** Reads a parameter's argument at one call of a helper function (see `helperCalls`). */
type ParameterBinding = (node: TSESTree.Node) => TSESTree.Node | undefined;

/**
 * Where a request's header bag lives, so writes to it elsewhere in the file are headers of that
 * request: a variable and the property path from it (\`fetch(url, init)\`: \`init\` and \`["headers"]\`).
 */
interface HeaderBag {
  readonly variable: TSESLint.Scope.Variable;
  readonly path: readonly string[];
  readonly url: AzureContext | undefined;
  readonly urlText: string;
}

export default createRule<Options, MessageIds>({
  name: "no-api-key-header",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow HTTP requests that send an Azure OpenAI or Azure AI services API key in a header or URL instead of a Microsoft Entra ID token",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          requireAzureContext: {
            type: "boolean",
            description:
              "Report an `api-key` header only when something shows the request goes to Azure AI (its URL, the value's name, an Azure key, an Azure AI host in the file). `false` reports every `api-key` header.",
          },
          checkAllSubscriptionKeyHeaders: {
            type: "boolean",
            description:
              "Report every `Ocp-Apim-Subscription-Key` header, also those without an Azure AI host or key in sight (the header is used by other Azure APIs too).",
          },
          credential: credentialOptionSchema,
          scope: scopeOptionSchema,
        },
      },
    ],
    defaultOptions: [{ requireAzureContext: true, checkAllSubscriptionKeyHeaders: false, ...keylessOptionDefaults }],
    messages: {
      keyHeader:
        "The `{{header}}` header sends an Azure AI API key ({{context}}). Send `Authorization: Bearer <token>` with a Microsoft Entra ID token from `getBearerTokenProvider` (`@azure/identity`) instead.{{hint}}",
      keyAsBearer:
        "`Authorization: Bearer` sends an Azure AI API key ({{context}}), not a Microsoft Entra ID token. Send a token from `getBearerTokenProvider` (`@azure/identity`) instead.{{hint}}",
      keyQueryParameter:
        "The `{{parameter}}` query parameter sends an Azure AI API key ({{context}}). Authenticate with a Microsoft Entra ID token instead (see the rule documentation).",
      defaultsKeyHeader:
        "The `{{header}}` default header sends an Azure AI API key with every request ({{context}}). Add a Microsoft Entra ID token to each request instead (an interceptor awaiting `getBearerTokenProvider` from `@azure/identity`).",
      clientKeyHeader:
        "`defaultHeaders` of `{{client}}` sends an Azure AI API key in `{{header}}` ({{context}}). Remove the header and give the client a Microsoft Entra ID token provider (see `no-api-key-client`).",
      useEntraToken: "Send `Authorization: Bearer` with a Microsoft Entra ID token from `{{provider}}()`.",
    },
    languages: ["js/js"],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const fileText = sourceCode.text;
    const mentionsBearer = MENTIONS_AUTHORIZATION.test(fileText) && MENTIONS_BEARER.test(fileText);
    if (!mentionsBearer && !MENTIONS_KEY_HEADER.test(fileText)) return {};
    const requireAzureContext = options.requireAzureContext !== false;
    const credentialExpression = options.credential ?? DEFAULT_CREDENTIAL_EXPRESSION;
    const hosts = createAzureHostLookup(sourceCode);
    const reported = new Set<TSESTree.Node>();
    const keySetCalls: TSESTree.CallExpression[] = [];
    const memberAssignments: TSESTree.AssignmentExpression[] = [];
    const queryUrls: TSESTree.Node[] = [];
    let topLevelAwait = false;

    /**
     * Host or REST-shape evidence in the texts of URL expressions. `api-version=` alone is not enough on
     * a visible host that is not an Azure AI host: Azure AI Search and other Azure APIs use it too.
     */
    const urlContext = (
      urlNodes: readonly TSESTree.Node[],
      scope: TSESLint.Scope.Scope,
      bind?: ParameterBinding,
    ): AzureContext | undefined => {
      let shape: AzureContext | undefined;
      for (const node of urlNodes) {
        const text = visibleText(node, scope, 0, bind);
        if (text === undefined) continue;
        const host = findAzureAiHost(text);
        if (host !== undefined) {
          // `visibleText` writes `x` for what it cannot see: `https://${resource}.openai.azure.com`.
          const fromInterpolation = host.startsWith("x.") && ASTUtils.getStringIfConstant(node, scope) === null;
          return { type: "host", host: fromInterpolation ? `*${host.slice(1)}` : host };
        }
        const lower = text.toLowerCase();
        const otherHost = URL.canParse(text) && new URL(text).hostname !== "";
        const found = AZURE_OPENAI_REST_SHAPES.find(
          (candidate) => lower.includes(candidate) && !(otherHost && candidate === API_VERSION_PARAMETER),
        );
        if (found !== undefined) shape ??= { type: "rest-shape", shape: found };
      }
      return shape;
    };

    const valueKeyContext = (value: TSESTree.Node, scope: TSESLint.Scope.Scope): AzureContext | undefined => {
      const text = visibleText(value, scope);
      const match = text === undefined ? undefined : detectKeys(text)[0];
      return match === undefined ? undefined : { type: "key", service: match.service };
    };

    const valueNameContext = (value: TSESTree.Node, scope: TSESLint.Scope.Scope): AzureContext | undefined => {
      const name = valueNames(value, scope).find(isAzureKeyName);
      return name === undefined ? undefined : { type: "name", name };
    };

    const fileHostContext = (node: TSESTree.Node): AzureContext | undefined => {
      const host = hosts.inFile(node);
      return host === undefined ? undefined : { type: "file-host", host };
    };

    /** The evidence for an `api-key` / `Ocp-Apim-Subscription-Key` header; undefined: not reported. */
    const keyHeaderContext = (
      headerName: string,
      value: TSESTree.Node,
      scope: TSESLint.Scope.Scope,
      url: AzureContext | undefined,
      client: AzureContext | undefined,
    ): AzureContext | undefined => {
      if (isNullish(value) || isEntraToken(value, scope)) return undefined;
      if (headerName.trim().toLowerCase() === SUBSCRIPTION_KEY_HEADER.toLowerCase()) {
        // Other Azure APIs (API Management products, Bing, Maps) use this header too: only a host or a key says AI.
        const evidence = (url?.type === "host" ? url : undefined) ?? valueKeyContext(value, scope);
        if (evidence !== undefined || options.checkAllSubscriptionKeyHeaders !== true) return evidence;
        return { type: "everywhere", option: "checkAllSubscriptionKeyHeaders" };
      }
      const evidence =
        url ??
        client ??
        valueKeyContext(value, scope) ??
        valueNameContext(value, scope) ??
        fileHostContext(value);
      if (evidence !== undefined || requireAzureContext) return evidence;
      return { type: "everywhere", option: "requireAzureContext: false" };
    };

    /** Whether `await` may be written at `node`: inside an async function, or at a module top level that awaits. */
    const canAwaitAt = (node: TSESTree.Node): boolean => {
      for (let current = node.parent; current; current = current.parent) {
        switch (current.type) {
          case AST_NODE_TYPES.FunctionDeclaration:
          case AST_NODE_TYPES.FunctionExpression:
          case AST_NODE_TYPES.ArrowFunctionExpression:
            return current.async;
          case AST_NODE_TYPES.PropertyDefinition:
          case AST_NODE_TYPES.StaticBlock:
            return false;
          default:
            continue;
        }
      }
      return topLevelAwait;
    };

    /** A module-scope `const x = getBearerTokenProvider(...)` the file already has, usable at `node`. */
    const existingTokenProvider = (node: TSESTree.Node, plan: IdentityFixPlan): string | undefined => {
      const scope = sourceCode.getScope(node);
      for (const statement of sourceCode.ast.body) {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== "const") continue;
        for (const declarator of declaration.declarations) {
          if (
            declarator.id.type === AST_NODE_TYPES.Identifier &&
            declarator.init?.type === AST_NODE_TYPES.CallExpression &&
            sourceCode.getText(declarator.init.callee) === plan.name("getBearerTokenProvider") &&
            ASTUtils.findVariable(scope, declarator.id.name)?.identifiers.includes(declarator.id) === true
          ) {
            return declarator.id.name;
          }
        }
      }
      return undefined;
    };

    const isFreeName = (scope: TSESLint.Scope.Scope, name: string): boolean =>
      ASTUtils.findVariable(scope, name) === null &&
      !(sourceCode.scopeManager?.globalScope?.through ?? []).some((reference) => reference.identifier.name === name);

    /** The program statement holding `node`. */
    const topLevelStatement = (node: TSESTree.Node): TSESTree.ProgramStatement | undefined => {
      let current: TSESTree.Node = node;
      // The Program's own `parent` is null at run time.
      while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
      return current.parent ? (current as TSESTree.ProgramStatement) : undefined;
    };

    /** The suggestion for a report, or none when the token cannot be awaited there or a name is taken. */
    const suggestionFor = (
      target: Replaceable | undefined,
      site: TSESTree.Node,
      scopeUrl: string | undefined,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] | undefined => {
      if (target === undefined || !canAwaitAt(site)) return undefined;
      const plan = planIdentityFix(context, site, { credential: credentialExpression, names: ["getBearerTokenProvider"] });
      if (plan === undefined) return undefined;
      const statement = topLevelStatement(site);
      if (statement === undefined) return undefined;
      const scope = sourceCode.getScope(site);
      let provider = existingTokenProvider(site, plan);
      // With a token provider already in the file, nothing needs importing or creating.
      const setupEdits = provider === undefined ? plan.fix : (): TSESLint.RuleFix[] => [];
      let providerDeclaration: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
      if (provider === undefined) {
        const name = TOKEN_PROVIDER_NAMES.find((candidate) => isFreeName(scope, candidate));
        if (name === undefined) return undefined;
        provider = name;
        const aiScope = [AZURE_OPENAI_V1_PATH, FOUNDRY_ANTHROPIC_PATH].some((path) => scopeUrl?.includes(path) === true);
        const tokenScope = options.scope ?? (aiScope ? AZURE_AI_SCOPE : COGNITIVE_SERVICES_SCOPE);
        const text = `const ${name} = ${plan.name("getBearerTokenProvider")}(${plan.credential}, ${plan.quote}${tokenScope}${plan.quote})${plan.semicolon}`;
        // A module const the credential is already held in may be declared after the request's statement.
        const credentialVariable = ASTUtils.findVariable(scope, plan.credential);
        const credentialStatement =
          credentialVariable?.defs[0] === undefined ? undefined : topLevelStatement(credentialVariable.defs[0].node);
        providerDeclaration =
          credentialStatement !== undefined && credentialStatement.range[0] > statement.range[0]
            ? (fixer) => fixer.insertTextAfter(credentialStatement, `\n${text}`)
            : (fixer) => fixer.insertTextBefore(statement, `${text}\n`);
      }
      const bearer = `\`Bearer \${await ${provider}()}\``;
      const quoted = `${plan.quote}${AUTHORIZATION_HEADER}${plan.quote}`;
      const replace = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        switch (target.kind) {
          case "property":
            return [fixer.replaceText(target.node, `${AUTHORIZATION_HEADER}: ${bearer}`)];
          case "pair":
            return [fixer.replaceText(target.node, `[${quoted}, ${bearer}]`)];
          case "arguments":
            return [fixer.replaceTextRange([target.name.range[0], target.value.range[1]], `${quoted}, ${bearer}`)];
          case "assignment":
            return [
              fixer.replaceText(target.member.property, target.member.computed ? quoted : AUTHORIZATION_HEADER),
              fixer.replaceText(target.value, bearer),
            ];
          case "value":
            return [fixer.replaceText(target.node, bearer)];
        }
      };
      return [
        {
          messageId: "useEntraToken",
          data: { provider },
          fix: (fixer) => [
            ...setupEdits(fixer),
            ...(providerDeclaration === undefined ? [] : [providerDeclaration(fixer)]),
            ...replace(fixer),
          ],
        },
      ];
    };

    const NO_SUGGESTION_HINT =
      " The token must be awaited: get it inside an async function (see the rule documentation).";

    /** Reports a header that may carry a key, with a suggestion where one can be made. */
    const checkHeader = (
      entry: { name: string; nameNode: TSESTree.Node; value: TSESTree.Node },
      target: Replaceable | undefined,
      url: AzureContext | undefined,
      urlText: string | undefined,
      client: AzureContext | undefined,
      hasAuthorization = false,
    ): void => {
      if (reported.has(entry.nameNode)) return;
      const scope = sourceCode.getScope(entry.value);
      const foundryAnthropicKey =
        entry.name.trim().toLowerCase() === ANTHROPIC_KEY_HEADER &&
        url?.type === "host" &&
        urlText?.toLowerCase().includes(FOUNDRY_ANTHROPIC_PATH) === true;
      if (isKeyHeaderName(entry.name) || foundryAnthropicKey) {
        const evidence = foundryAnthropicKey
          ? isNullish(entry.value) || isEntraToken(entry.value, scope)
            ? undefined
            : url
          : keyHeaderContext(entry.name, entry.value, scope, url, client);
        if (evidence === undefined) return;
        reported.add(entry.nameNode);
        // A second `Authorization` in the same bag would override or be overridden: leave that to the user.
        const replaceable = hasAuthorization ? undefined : target;
        const suggest = suggestionFor(replaceable, entry.nameNode, urlText);
        context.report({
          node: entry.nameNode,
          messageId: "keyHeader",
          data: {
            header: entry.name,
            context: describeContext(evidence),
            hint: suggest === undefined && replaceable !== undefined ? NO_SUGGESTION_HINT : "",
          },
          ...(suggest === undefined ? {} : { suggest }),
        });
        return;
      }
      if (!isAuthorization(entry)) return;
      const credential = bearerCredential(entry.value, scope);
      if (credential === undefined || isEntraToken(credential, scope)) return;
      // A bearer value reaching Azure is normal (Entra ID tokens): only the value itself says "key".
      const evidence = valueKeyContext(credential, scope) ?? valueNameContext(credential, scope);
      if (evidence === undefined) return;
      reported.add(entry.nameNode);
      const valueTarget: Replaceable = { kind: "value", node: entry.value };
      const suggest = target === undefined ? undefined : suggestionFor(valueTarget, entry.value, urlText);
      context.report({
        node: entry.value,
        messageId: "keyAsBearer",
        data: {
          context: describeContext(evidence),
          hint: suggest === undefined && target !== undefined ? NO_SUGGESTION_HINT : "",
        },
        ...(suggest === undefined ? {} : { suggest }),
      });
    };

    const replaceableOf = (entry: HeaderEntry): Replaceable =>
      entry.container.type === AST_NODE_TYPES.Property
        ? { kind: "property", node: entry.container }
        : { kind: "pair", node: entry.container };

    /** Checks the headers a request sends; returns where its header bag lives, for writes to it elsewhere. */
    const checkRequest = (request: HttpRequest, isHeadersConstruction: (node: TSESTree.Node) => boolean): HeaderBag[] => {
      const scope = sourceCode.getScope(request.node);
      const urlNodes = requestUrlNodes(request, scope);
      const checkHeaders = (headers: TSESTree.Node, bind?: ParameterBinding): void => {
        const url = urlContext(urlNodes, scope, bind);
        const urlText = urlNodes.map((node) => visibleText(node, scope, 0, bind) ?? "").join("");
        const entries = headerEntries(headers, sourceCode.getScope(headers), isHeadersConstruction);
        if (request.setsDefaults) {
          for (const entry of entries) checkDefaultHeader(entry, url);
          return;
        }
        const hasAuthorization = entries.some(isAuthorization);
        for (const entry of entries) checkHeader(entry, replaceableOf(entry), url, urlText, undefined, hasAuthorization);
      };
      const headers = requestHeaders(request, scope);
      if (headers !== undefined) checkHeaders(headers);
      // A function of the file that sends what it is given: the headers are at its callers.
      for (const helper of helperCalls(request, sourceCode)) {
        const options = request.options === undefined ? undefined : helper.argumentFor(request.options);
        const passed =
          options === undefined
            ? headers === undefined
              ? undefined
              : helper.argumentFor(headers)
            : optionsProperty(options, "headers", sourceCode.getScope(options));
        if (passed !== undefined) checkHeaders(passed, helper.argumentFor);
      }

      const bags: HeaderBag[] = [];
      const url = urlContext(urlNodes, scope);
      const urlText = urlNodes.map((node) => visibleText(node, scope) ?? "").join("");
      const addBag = (node: TSESTree.Node | undefined, path: readonly string[]): void => {
        const identifier = node === undefined ? undefined : unwrapExpression(node);
        if (identifier?.type !== AST_NODE_TYPES.Identifier) return;
        const variable = ASTUtils.findVariable(scope, identifier);
        if (variable !== null) bags.push({ variable, path, url, urlText });
      };
      addBag(request.options, ["headers"]);
      addBag(headers, []);
      return bags;
    };

    /** `init.headers` → the variable `init` and the path `["headers"]`; undefined for other receivers. */
    const bagPath = (
      receiver: TSESTree.Node,
      scope: TSESLint.Scope.Scope,
    ): { variable: TSESLint.Scope.Variable; path: string[] } | undefined => {
      const path: string[] = [];
      let current = unwrapExpression(receiver);
      while (current.type === AST_NODE_TYPES.MemberExpression) {
        const name = ASTUtils.getPropertyName(current, scope);
        if (name === null) return undefined;
        path.unshift(name);
        current = unwrapExpression(current.object);
      }
      if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = ASTUtils.findVariable(scope, current);
      return variable === null ? undefined : { variable, path };
    };

    const bagOf = (bags: readonly HeaderBag[], receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): HeaderBag | undefined => {
      const found = bagPath(receiver, scope);
      return found === undefined
        ? undefined
        : bags.find((bag) => bag.variable === found.variable && bag.path.join("\0") === found.path.join("\0"));
    };

    /** `init.headers["api-key"] = key`, `headers[NAME] = key` on a header bag a request sends. */
    const checkBagAssignment = (assignment: TSESTree.AssignmentExpression, bags: readonly HeaderBag[]): void => {
      const member = assignment.left;
      if (member.type !== AST_NODE_TYPES.MemberExpression || assignment.operator !== "=") return;
      const scope = sourceCode.getScope(assignment);
      const name = ASTUtils.getPropertyName(member, scope);
      const bag = name === null ? undefined : bagOf(bags, member.object, scope);
      if (name === null || bag === undefined) return;
      checkHeader(
        { name, nameNode: member.property, value: assignment.right },
        { kind: "assignment", member, value: assignment.right },
        bag.url,
        bag.urlText,
        undefined,
      );
    };

    /**
     * A key header sent with every request of a client (`axios.create({ headers })`, an `openai`
     * client's `defaultHeaders`): reported once, without a suggestion, since a token there would expire.
     */
    const checkDefaultHeader = (
      entry: HeaderEntry,
      url: AzureContext | undefined,
      client?: { readonly name: string; readonly context: AzureContext | undefined },
    ): void => {
      if (!isKeyHeaderName(entry.name) || reported.has(entry.nameNode)) return;
      const evidence = keyHeaderContext(entry.name, entry.value, sourceCode.getScope(entry.value), url, client?.context);
      if (evidence === undefined) return;
      reported.add(entry.nameNode);
      const data = { header: entry.name, context: describeContext(evidence) };
      context.report(
        client === undefined
          ? { node: entry.nameNode, messageId: "defaultsKeyHeader", data }
          : { node: entry.nameNode, messageId: "clientKeyHeader", data: { ...data, client: client.name } },
      );
    };

    /** `x.defaults.headers["api-key"] = v`, `x.defaults.headers.common["api-key"] = v` (axios). */
    const checkDefaultsAssignment = (assignment: TSESTree.AssignmentExpression): void => {
      const target = assignment.left;
      if (target.type !== AST_NODE_TYPES.MemberExpression) return;
      const scope = sourceCode.getScope(assignment);
      const name = ASTUtils.getPropertyName(target, scope);
      if (name === null || !isKeyHeaderName(name) || reported.has(target.property)) return;
      const path: string[] = [];
      for (let object = unwrapExpression(target.object); object.type === AST_NODE_TYPES.MemberExpression; object = unwrapExpression(object.object)) {
        path.unshift(ASTUtils.getPropertyName(object, scope) ?? "");
      }
      const defaultsIndex = path.indexOf("defaults");
      if (defaultsIndex === -1 || path[defaultsIndex + 1] !== "headers") return;
      const evidence = keyHeaderContext(name, assignment.right, scope, undefined, undefined);
      if (evidence === undefined) return;
      reported.add(target.property);
      context.report({
        node: target.property,
        messageId: "defaultsKeyHeader",
        data: { header: name, context: describeContext(evidence) },
      });
    };

    /** `headers.set("api-key", v)`, `headers.append(...)`; `url.searchParams.set("api-key", v)` is a query parameter. */
    const checkKeySetCall = (
      call: TSESTree.CallExpression,
      isHeadersConstruction: (node: TSESTree.Node) => boolean,
      bags: readonly HeaderBag[],
    ): void => {
      const [nameNode, value] = call.arguments;
      if (nameNode === undefined || value === undefined || value.type === AST_NODE_TYPES.SpreadElement) return;
      if (nameNode.type === AST_NODE_TYPES.SpreadElement) return;
      const scope = sourceCode.getScope(call);
      const name = ASTUtils.getStringIfConstant(nameNode, scope);
      if (name === null) return;
      const receiver = unwrapExpression((call.callee as TSESTree.MemberExpression).object);
      if (receiver.type === AST_NODE_TYPES.MemberExpression && ASTUtils.getPropertyName(receiver, scope) === "searchParams") {
        if (name.trim().toLowerCase() !== API_KEY_HEADER || isNullish(value) || isEntraToken(value, scope)) return;
        const evidence = fileHostContext(call) ?? valueKeyContext(value, scope) ?? valueNameContext(value, scope);
        if (evidence === undefined) return;
        context.report({
          node: nameNode,
          messageId: "keyQueryParameter",
          data: { parameter: name, context: describeContext(evidence) },
        });
        return;
      }
      // A bag a request of the file sends brings that request's URL as evidence.
      const bag = bagOf(bags, receiver, scope);
      if (bag === undefined && !isHeadersReceiver(receiver, scope, isHeadersConstruction)) return;
      checkHeader({ name, nameNode, value }, { kind: "arguments", name: nameNode, value }, bag?.url, bag?.urlText, undefined);
    };

    /** A URL to an Azure AI host with an `api-key=` query parameter (the realtime WebSocket pattern). */
    const checkQueryUrl = (node: TSESTree.Node): void => {
      const scope = sourceCode.getScope(node);
      const text = visibleText(node, scope);
      if (text === undefined) return;
      const host = findAzureAiHost(text);
      if (host === undefined) return;
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return;
      }
      // The host must be the URL's own, not a part of its path or query.
      if (url.hostname.toLowerCase() !== host) return;
      const parameter = [...url.searchParams.keys()].find((key) => key.toLowerCase() === API_KEY_HEADER);
      if (parameter === undefined || url.searchParams.get(parameter) === "") return;
      const shown = host.startsWith("x.") && ASTUtils.getStringIfConstant(node, scope) === null ? `*${host.slice(1)}` : host;
      context.report({
        node,
        messageId: "keyQueryParameter",
        data: { parameter, context: describeContext({ type: "host", host: shown }) },
      });
    };

    return {
      AwaitExpression(node): void {
        if (!topLevelAwait && !isInsideFunction(node)) topLevelAwait = true;
      },
      // Plain node-type listeners (no selectors): the scanner runs this rule without ESLint's selector engine.
      MemberExpression(node): void {
        // `x.set(name, value)`, `x.append(name, value)`.
        const call = node.parent;
        const name = (node.property as { name?: unknown }).name;
        if (call.type === AST_NODE_TYPES.CallExpression && call.callee === node && call.arguments.length === 2 && (name === "set" || name === "append")) {
          keySetCalls.push(call);
        }
      },
      AssignmentExpression(node): void {
        if (node.left.type === AST_NODE_TYPES.MemberExpression) memberAssignments.push(node);
      },
      Literal(node): void {
        if (typeof node.value !== "string" || !QUERY_MARKER.test(node.value)) return;
        // `"wss://…&api-key=" + key`: the whole concatenation is the URL.
        let url: TSESTree.Node = node;
        while (url.parent?.type === AST_NODE_TYPES.BinaryExpression && url.parent.operator === "+") url = url.parent;
        if (!queryUrls.includes(url)) queryUrls.push(url);
      },
      TemplateElement(node): void {
        const template = node.parent;
        if (template.type !== AST_NODE_TYPES.TemplateLiteral || typeof node.value.cooked !== "string" || !QUERY_MARKER.test(node.value.cooked)) return;
        if (!queryUrls.includes(template)) queryUrls.push(template);
      },
      "Program:exit"(): void {
        const { requests, headersConstructions, openAiClients } = findHttpRequests(sourceCode);
        const constructions = new Set<TSESTree.Node>(headersConstructions);
        const isHeadersConstruction = (node: TSESTree.Node): boolean => constructions.has(node);
        const bags = requests.flatMap((request) => checkRequest(request, isHeadersConstruction));
        for (const assignment of memberAssignments) checkBagAssignment(assignment, bags);
        for (const client of openAiClients) {
          const scope = sourceCode.getScope(client.node);
          const headers = optionsProperty(client.options, "defaultHeaders", scope);
          if (headers === undefined) continue;
          const baseUrl = optionsProperty(client.options, "baseURL", scope);
          const endpoint = optionsProperty(client.options, "endpoint", scope);
          const url = urlContext([baseUrl, endpoint].filter((node) => node !== undefined), scope);
          const clientContext: AzureContext | undefined =
            client.client === "AzureOpenAI" ? { type: "client", client: client.client } : undefined;
          for (const entry of headerEntries(headers, scope, isHeadersConstruction)) {
            checkDefaultHeader(entry, url, { name: client.client, context: clientContext });
          }
        }
        for (const construction of headersConstructions) {
          const init = construction.arguments[0];
          if (init === undefined || init.type === AST_NODE_TYPES.SpreadElement) continue;
          const scope = sourceCode.getScope(construction);
          const entries = headerEntries(init, scope, isHeadersConstruction);
          const hasAuthorization = entries.some(isAuthorization);
          for (const entry of entries) {
            checkHeader(entry, replaceableOf(entry), undefined, undefined, undefined, hasAuthorization);
          }
        }
        for (const call of keySetCalls) checkKeySetCall(call, isHeadersConstruction, bags);
        for (const assignment of memberAssignments) checkDefaultsAssignment(assignment);
        for (const url of queryUrls) checkQueryUrl(url);
      },
    };
  },
});
