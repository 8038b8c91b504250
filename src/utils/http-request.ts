/**
 * Outgoing HTTP requests a rule can see without type information, and the headers they send.
 *
 * API:
 * - `findHttpRequests(sourceCode)`: one pass over the file's imports, `require` calls and globals with
 *   `ReferenceTracker`. Returns the request calls (`fetch` and `new Request`, undici `fetch`/`request`,
 *   node-fetch, axios and its methods, `axios.create` and the methods of the instance it returns, got,
 *   ky, Node's `http`/`https` `request`/`get`, `new WebSocket` of `ws`), the `new Headers(...)`
 *   constructions, and the `openai` clients
 *   (`OpenAI`, `AzureOpenAI`) whose `defaultHeaders` send headers with every request. `fetch`,
 *   `Headers` and `require` count as globals only where nothing in the file shadows them.
 * - `requestUrlNodes(request, scope)`: the expressions that say where a request goes (the URL
 *   argument or the parts of a `new URL(path, base)` there, `url`/`baseURL`/`prefixUrl`/`hostname`/`host`/`path` of its options, the `baseURL` of
 *   the axios instance it is called on).
 * - `headerEntries(node, scope)`: the name/value pairs of a header bag: an object literal (also
 *   through same-file `const`s and spreads of such objects, computed keys resolved with
 *   `getStaticValue`), `new Headers(init)`, or an array of `[name, value]` pairs.
 * - `requestHeaders(request, scope)`: the header bag a request passes in its options (`headers`).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import { withImplicitGlobals } from "./implicit-globals.js";
import { resolveValue, unwrapExpression, visibleProperties } from "./static-value.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

const { CALL, CONSTRUCT, ESM } = ASTUtils.ReferenceTracker;

/** How a request function takes its arguments. */
interface RequestShape {
  readonly kind: "request";
  /** The library, for messages and tests. */
  readonly library: string;
  /** Index of the options argument when the first argument is a URL. */
  readonly optionsIndex: number;
  /** `axios.create(config)`, `got.extend(options)`: the only argument is the options. */
  readonly optionsOnly?: boolean;
  /** `axios.create`: calls on the instance it returns are requests too. */
  readonly createsInstance?: boolean;
  /** `axios.create`, `got.extend`, `ky.create`: the options are defaults for every later request. */
  readonly setsDefaults?: boolean;
  /** `new WebSocket(url, protocols, options)` (`ws`): the options may follow a protocols argument. */
  readonly optionsAfterProtocols?: boolean;
}

interface HeadersShape {
  readonly kind: "headers";
}

/** An `openai` client: its `defaultHeaders` go with every request. */
interface OpenAiClientShape {
  readonly kind: "openai-client";
  readonly client: "OpenAI" | "AzureOpenAI";
}

type TrackedShape = RequestShape | HeadersShape | OpenAiClientShape;

/** A `ReferenceTracker` trace map level: names go on, the tracker's symbols hold a `TrackedShape`. */
interface TraceElement {
  [name: string]: TraceElement;
}

const request = (library: string, optionsIndex = 1, extra: Partial<RequestShape> = {}): RequestShape => ({
  kind: "request",
  library,
  optionsIndex,
  ...extra,
});
const callOf = (shape: TrackedShape): TraceElement => ({ [CALL]: shape });
const constructOf = (shape: TrackedShape): TraceElement => ({ [CONSTRUCT]: shape });
const HEADERS: HeadersShape = { kind: "headers" };
const headersClass = { [CONSTRUCT]: HEADERS };

/** axios methods by where their config argument is: after the URL, or after the URL and the body. */
function axiosMethods(library: string): Record<string, TraceElement> {
  const methods: Record<string, TraceElement> = {};
  for (const method of ["get", "delete", "head", "options"]) methods[method] = callOf(request(library, 1));
  for (const method of ["post", "put", "patch", "postForm", "putForm", "patchForm"]) {
    methods[method] = callOf(request(library, 2));
  }
  methods.request = callOf(request(library, 0, { optionsOnly: true }));
  return methods;
}

/** got and ky: `lib(url, options)`, `lib.get(url, options)`, `lib.extend(options)`. */
function urlThenOptionsLibrary(
  library: string,
  factories: readonly string[],
): TraceElement {
  const element: TraceElement = { [CALL]: request(library) };
  for (const method of ["get", "post", "put", "patch", "delete", "head"]) element[method] = callOf(request(library));
  for (const factory of factories) {
    element[factory] = callOf(request(library, 0, { optionsOnly: true, setsDefaults: true }));
  }
  return element;
}

const axios: TraceElement = {
  [CALL]: request("axios"),
  ...axiosMethods("axios"),
  create: callOf(request("axios", 0, { optionsOnly: true, createsInstance: true, setsDefaults: true })),
};
const got = urlThenOptionsLibrary("got", ["extend"]);
const ky = urlThenOptionsLibrary("ky", ["create", "extend"]);
const nodeHttp = { request: callOf(request("node:http")), get: callOf(request("node:http")) };
const nodeHttps = { request: callOf(request("node:https")), get: callOf(request("node:https")) };
const openAiClients = {
  OpenAI: { [CONSTRUCT]: { kind: "openai-client", client: "OpenAI" } },
  AzureOpenAI: { [CONSTRUCT]: { kind: "openai-client", client: "AzureOpenAI" } },
} satisfies Record<string, TraceElement>;

/** Modules, as imported or required. */
const MODULE_TRACE_MAP: Record<string, TraceElement> = {
  undici: {
    [ESM]: true,
    fetch: callOf(request("undici")),
    request: callOf(request("undici")),
    Request: constructOf(request("undici")),
    Headers: headersClass,
  },
  "node-fetch": {
    [ESM]: true,
    [CALL]: request("node-fetch"),
    default: { [CALL]: request("node-fetch") },
    Request: constructOf(request("node-fetch")),
    Headers: headersClass,
  },
  // Node's realtime WebSocket client: `new WebSocket(url, { headers })`.
  ws: {
    [ESM]: true,
    [CONSTRUCT]: request("ws", 1, { optionsAfterProtocols: true }),
    default: constructOf(request("ws", 1, { optionsAfterProtocols: true })),
    WebSocket: constructOf(request("ws", 1, { optionsAfterProtocols: true })),
  },
  axios: { [ESM]: true, ...axios, default: axios },
  got: { [ESM]: true, ...got, default: got },
  ky: { [ESM]: true, ...ky, default: ky },
  http: { [ESM]: true, ...nodeHttp, default: nodeHttp },
  "node:http": { [ESM]: true, ...nodeHttp, default: nodeHttp },
  https: { [ESM]: true, ...nodeHttps, default: nodeHttps },
  "node:https": { [ESM]: true, ...nodeHttps, default: nodeHttps },
  openai: {
    [ESM]: true,
    // `const OpenAI = require("openai")`: the CommonJS module is the class.
    [CONSTRUCT]: { kind: "openai-client", client: "OpenAI" },
    ...openAiClients,
    default: { [CONSTRUCT]: { kind: "openai-client", client: "OpenAI" }, ...openAiClients },
  },
};

/** Web-platform globals (Node 18+, browsers, Deno, Bun). */
const GLOBAL_TRACE_MAP: Record<string, TraceElement> = {
  fetch: callOf(request("fetch")),
  Request: constructOf(request("fetch")),
  Headers: headersClass,
};

export type RequestCall = TSESTree.CallExpression | TSESTree.NewExpression;

/** A call that sends an HTTP request (or creates a client whose options hold request defaults). */
export interface HttpRequest {
  readonly node: RequestCall;
  readonly library: string;
  /** The options argument, when the call has one. */
  readonly options: TSESTree.Node | undefined;
  /** The URL argument, when the call has one. */
  readonly url: TSESTree.Node | undefined;
  /** For calls on an `axios.create(...)` instance: that `create` call's options. */
  readonly instanceOptions?: TSESTree.Node;
  /** Whether the call creates a client whose options are defaults for every request (`axios.create`). */
  readonly setsDefaults: boolean;
}

export interface OpenAiClientConstruction {
  readonly node: TSESTree.NewExpression;
  readonly client: "OpenAI" | "AzureOpenAI";
  readonly options: TSESTree.Node | undefined;
}

export interface HttpRequests {
  readonly requests: readonly HttpRequest[];
  readonly headersConstructions: readonly TSESTree.NewExpression[];
  readonly openAiClients: readonly OpenAiClientConstruction[];
}

function plainArgument(node: RequestCall, index: number): TSESTree.Node | undefined {
  // A spread before or at `index` hides which argument lands there.
  for (let position = 0; position <= index && position < node.arguments.length; position++) {
    if (node.arguments[position]?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  }
  return node.arguments[index];
}

function toRequest(
  node: RequestCall,
  shape: RequestShape,
  scope: TSESLint.Scope.Scope,
  instanceOptions?: TSESTree.Node,
): HttpRequest {
  const first = plainArgument(node, 0);
  // `axios(config)`, `got(options)`, `http.request(options, callback)`: the first argument is the options.
  const firstIsOptions =
    shape.optionsOnly === true ||
    (first !== undefined && resolveValue(first, scope).type === AST_NODE_TYPES.ObjectExpression);
  let options = firstIsOptions ? first : plainArgument(node, shape.optionsIndex);
  if (shape.optionsAfterProtocols === true && options !== undefined) {
    // `new WebSocket(url, "protocol", options)` / `new WebSocket(url, ["a", "b"], options)`.
    const second = resolveValue(options, scope);
    if (second.type !== AST_NODE_TYPES.ObjectExpression) options = plainArgument(node, shape.optionsIndex + 1);
  }
  return {
    node,
    library: shape.library,
    options,
    url: firstIsOptions ? undefined : first,
    setsDefaults: shape.setsDefaults === true,
    ...(instanceOptions === undefined ? {} : { instanceOptions }),
  };
}

/** Calls on the instance an `axios.create(...)` call returns, when it is held in a variable. */
function instanceRequests(create: TSESTree.CallExpression, sourceCode: SourceCode): HttpRequest[] {
  const declarator = create.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== create) return [];
  const options = plainArgument(create, 0);
  const found: HttpRequest[] = [];
  for (const variable of sourceCode.scopeManager?.getDeclaredVariables(declarator) ?? []) {
    for (const reference of variable.references) {
      const member = reference.identifier.parent;
      const call = member?.parent;
      if (
        member?.type !== AST_NODE_TYPES.MemberExpression ||
        member.object !== reference.identifier ||
        call?.type !== AST_NODE_TYPES.CallExpression ||
        call.callee !== member
      ) {
        continue;
      }
      const method = ASTUtils.getPropertyName(member);
      const element = method === null ? undefined : axiosMethods("axios")[method];
      const shape = (element as Record<symbol, unknown> | undefined)?.[CALL] as RequestShape | undefined;
      if (shape !== undefined) found.push(toRequest(call, shape, sourceCode.getScope(call), options));
    }
    // `instance(config)` itself.
    for (const reference of variable.references) {
      const call = reference.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier) {
        found.push(toRequest(call, request("axios"), sourceCode.getScope(call), options));
      }
    }
  }
  return found;
}

/** Every request, `Headers` construction and `openai` client of the file; see the top of this file. */
export function findHttpRequests(sourceCode: SourceCode): HttpRequests {
  const globalScope = sourceCode.scopeManager?.globalScope;
  const requests: HttpRequest[] = [];
  const headersConstructions: TSESTree.NewExpression[] = [];
  const openAiClients: OpenAiClientConstruction[] = [];
  if (globalScope === null || globalScope === undefined) return { requests, headersConstructions, openAiClients };

  const scope = withImplicitGlobals(globalScope, ["fetch", "Request", "Headers", "require"]);
  const tracker = new ASTUtils.ReferenceTracker(scope, { mode: "legacy" });
  const found = [
    ...tracker.iterateGlobalReferences<TrackedShape>(GLOBAL_TRACE_MAP),
    ...tracker.iterateEsmReferences<TrackedShape>(MODULE_TRACE_MAP),
    ...tracker.iterateCjsReferences<TrackedShape>(MODULE_TRACE_MAP),
  ];
  const seen = new Set<TSESTree.Node>();
  for (const { node, info, type } of found) {
    if (seen.has(node)) continue;
    seen.add(node);
    const isRequestCall =
      (type === CALL && node.type === AST_NODE_TYPES.CallExpression) ||
      (type === CONSTRUCT && node.type === AST_NODE_TYPES.NewExpression);
    if (info.kind === "request" && isRequestCall) {
      requests.push(toRequest(node, info, sourceCode.getScope(node)));
      if (info.createsInstance === true && node.type === AST_NODE_TYPES.CallExpression) {
        requests.push(...instanceRequests(node, sourceCode));
      }
    } else if (info.kind === "headers" && type === CONSTRUCT && node.type === AST_NODE_TYPES.NewExpression) {
      headersConstructions.push(node);
    } else if (info.kind === "openai-client" && type === CONSTRUCT && node.type === AST_NODE_TYPES.NewExpression) {
      openAiClients.push({ node, client: info.client, options: plainArgument(node, 0) });
    }
  }
  return { requests, headersConstructions, openAiClients };
}

/** Option names that say where a request goes, in the order a URL is built from them. */
const URL_OPTION_NAMES = ["baseURL", "prefixUrl", "url", "hostname", "host", "path"] as const;

/** The expressions that say where a request goes; see the top of this file. */
export function requestUrlNodes(request: HttpRequest, scope: TSESLint.Scope.Scope): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  if (request.url !== undefined) {
    // `new URL(path, base)`: both parts say where the request goes.
    const url = resolveValue(request.url, scope);
    if (url.type === AST_NODE_TYPES.NewExpression && url.callee.type === AST_NODE_TYPES.Identifier && url.callee.name === "URL") {
      nodes.push(...url.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement));
    } else {
      nodes.push(request.url);
    }
  }
  for (const options of [request.options, request.instanceOptions]) {
    if (options === undefined) continue;
    const object = resolveValue(options, scope);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const { properties } = visibleProperties(object, scope);
    for (const name of URL_OPTION_NAMES) {
      const property = properties.get(name);
      if (property !== undefined) nodes.push(property.value);
    }
  }
  return nodes;
}

/** The `headers` a request passes in its options, unresolved; undefined when none is visible. */
export function requestHeaders(request: HttpRequest, scope: TSESLint.Scope.Scope): TSESTree.Node | undefined {
  return optionsProperty(request.options, "headers", scope);
}

/** One property of an options argument (through same-file consts and spreads). */
export function optionsProperty(
  options: TSESTree.Node | undefined,
  name: string,
  scope: TSESLint.Scope.Scope,
): TSESTree.Node | undefined {
  if (options === undefined) return undefined;
  const object = resolveValue(options, scope);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  return visibleProperties(object, scope).properties.get(name)?.value;
}

/** One header of a header bag. */
export interface HeaderEntry {
  /** The header name, as written (letter case kept). */
  readonly name: string;
  /** The node that names the header: a property key, or the first element of a pair. */
  readonly nameNode: TSESTree.Node;
  /** The header value. */
  readonly value: TSESTree.Node;
  /** What a fix replaces: the whole property, or the whole `[name, value]` pair. */
  readonly container: TSESTree.Property | TSESTree.ArrayExpression;
}

/** The headers of a header bag; see the top of this file. */
export function headerEntries(
  node: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  isHeadersConstruction: (node: TSESTree.Node) => boolean,
  depth = 0,
): HeaderEntry[] {
  const bag = resolveValue(node, scope);
  if (bag.type === AST_NODE_TYPES.ObjectExpression) {
    const entries: HeaderEntry[] = [];
    for (const { name, property, value } of visibleProperties(bag, scope).properties.values()) {
      entries.push({ name, nameNode: property.key, value, container: property });
    }
    return entries;
  }
  if (bag.type === AST_NODE_TYPES.ArrayExpression) {
    const entries: HeaderEntry[] = [];
    for (const element of bag.elements) {
      const pair = element === null ? undefined : unwrapExpression(element);
      if (pair?.type !== AST_NODE_TYPES.ArrayExpression || pair.elements.length !== 2) continue;
      const [nameNode, value] = pair.elements;
      if (
        nameNode === null ||
        nameNode === undefined ||
        value === null ||
        value === undefined ||
        nameNode.type === AST_NODE_TYPES.SpreadElement ||
        value.type === AST_NODE_TYPES.SpreadElement
      ) {
        continue;
      }
      const name = ASTUtils.getStringIfConstant(nameNode, scope);
      if (name !== null) entries.push({ name, nameNode, value, container: pair });
    }
    return entries;
  }
  if (bag.type === AST_NODE_TYPES.NewExpression && isHeadersConstruction(bag) && depth < 3) {
    const init = plainArgument(bag, 0);
    return init === undefined ? [] : headerEntries(init, scope, isHeadersConstruction, depth + 1);
  }
  return [];
}

/** A same-file call of the function a request is made in. */
export interface HelperCall {
  readonly call: TSESTree.CallExpression;
  /** The argument this call passes for a parameter of that function; undefined for any other node. */
  readonly argumentFor: (node: TSESTree.Node) => TSESTree.Node | undefined;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const isFunctionNode = (node: TSESTree.Node): node is FunctionNode =>
  node.type === AST_NODE_TYPES.FunctionDeclaration ||
  node.type === AST_NODE_TYPES.FunctionExpression ||
  node.type === AST_NODE_TYPES.ArrowFunctionExpression;

/**
 * The same-file calls of the named function a request is made in (`async function post(path,
 * headers) { return fetch(...) }`, `const call = (url, config) => axios.get(url, config)`), so the
 * headers, options and URL parts it takes as parameters can be read at each call. Empty for a request
 * outside such a function.
 */
export function helperCalls(request: HttpRequest, sourceCode: SourceCode): HelperCall[] {
  let helper: FunctionNode | undefined;
  // The Program's own `parent` is null at run time.
  for (let current: TSESTree.Node | undefined = request.node.parent; current && helper === undefined; current = current.parent) {
    if (isFunctionNode(current)) helper = current;
  }
  if (helper === undefined) return [];
  const fn = helper;
  const declaration =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn
      : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn
        ? fn.parent
        : undefined;
  if (declaration === undefined) return [];
  const variable = (sourceCode.scopeManager?.getDeclaredVariables(declaration) ?? []).find(
    (candidate) => candidate.defs[0]?.type === "FunctionName" || candidate.defs[0]?.type === "Variable",
  );
  if (variable === undefined) return [];

  const parameterIndex = (node: TSESTree.Node): number => {
    const identifier = unwrapExpression(node);
    if (identifier.type !== AST_NODE_TYPES.Identifier) return -1;
    const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
    if (definition?.type !== "Parameter" || definition.node !== fn) return -1;
    return fn.params.findIndex(
      (parameter) =>
        parameter === definition.name ||
        (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left === definition.name),
    );
  };
  const calls: HelperCall[] = [];
  for (const reference of variable.references) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    calls.push({
      call,
      argumentFor: (node) => {
        const index = parameterIndex(node);
        return index === -1 ? undefined : plainArgument(call, index);
      },
    });
  }
  return calls;
}
