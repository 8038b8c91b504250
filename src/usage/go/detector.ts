/**
 * Go usage findings: the rows of surfaces.ts read with tree-sitter-go. A call counts when its package
 * identifier is the file's import of the row's path (under its alias, if any); the key is followed
 * through same-file variables and constants to `os.Getenv("NAME")` or a literal.
 */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { GO_HEADER_RULE, GO_RULE } from "./descriptor.js";
import { SameFileBindings } from "../bindings.js";
import { endpointFrom, UsageFindings } from "../findings.js";
import { addKeyHeader, cFamilyValues, expandValue } from "../requests.js";
import type { Node } from "../tree-sitter.js";
import { nodes, parseSource } from "../tree-sitter.js";
import type { GoSurface } from "./surfaces.js";
import { GO_HEADER_SETTERS, GO_QUERIES, GO_REQUEST_CONSTRUCTORS, GO_SCOPES, GO_SURFACES } from "./surfaces.js";

const HEADER_INSTEAD =
  "Send `Authorization: Bearer` with a token from an azidentity credential for the scope `https://cognitiveservices.azure.com/.default` instead.";

/** The text of a Go string literal (interpreted or raw). */
function stringValue(node: Node): string | undefined {
  if (node.type === "interpreted_string_literal") return nodes(node.namedChildren).map((child) => child.text).join("");
  if (node.type === "raw_string_literal") return node.text.slice(1, -1);
  return undefined;
}

export async function detectGo(text: string): Promise<DetectedFinding[]> {
  const parsed = await parseSource("go", text);
  try {
    // The package identifier each row's import path is known by in this file.
    const aliases = new Map<string, string>();
    for (const match of parsed.query(GO_QUERIES.imports).matches(parsed.root)) {
      const path = match.captures.find((capture) => capture.name === "path")?.node;
      const alias = match.captures.find((capture) => capture.name === "alias")?.node.text;
      const importPath = path === undefined ? undefined : stringValue(path);
      if (importPath === undefined || alias === "_" || alias === ".") continue;
      aliases.set(importPath, alias ?? importPath.replace(/\/v\d+$/, "").split("/").at(-1)!);
    }
    const packageFor = (pattern: RegExp): string | undefined => [...aliases].find(([path]) => pattern.test(path))?.[1];
    const relevant = GO_SURFACES.filter((surface) => packageFor(surface.importPath) !== undefined);
    const bindings = new SameFileBindings(parsed.root, parsed.query(GO_QUERIES.bindings), GO_SCOPES);
    const resolve = (node: Node): Node => bindings.followIdentifiers(node);
    const argumentsOf = (list: Node | null): Node[] => (list === null ? [] : nodes(list.namedChildren).filter((child) => child.type !== "comment"));
    const callOf = (node: Node, packageName: string | undefined, func: string): Node | undefined => {
      const call = resolve(node);
      const callee = call.type === "call_expression" ? call.childForFieldName("function") : null;
      return callee?.type === "selector_expression" &&
        callee.childForFieldName("operand")?.text === packageName &&
        callee.childForFieldName("field")?.text === func
        ? call
        : undefined;
    };
    const keySource = (node: Node): string | undefined => {
      const value = resolve(node);
      const literal = stringValue(value);
      if (literal !== undefined) return "literal";
      const getenv = callOf(value, aliases.get("os"), "Getenv");
      const name = getenv === undefined ? undefined : argumentsOf(getenv.childForFieldName("arguments"))[0];
      const envName = name === undefined ? undefined : stringValue(resolve(name));
      return envName === undefined ? undefined : `env:${envName}`;
    };
    const endpointOf = (node: Node | undefined): string | undefined => {
      if (node === undefined) return undefined;
      const value = resolve(node);
      return endpointFrom(stringValue(value), keySource(value));
    };

    /**
     * How a Go value reads, for `expandValue`: variables through the file's bindings, `+`, parentheses,
     * fields (`cfg.AzureOpenAIKey`), `os.Getenv("X")` (an env var), and `fmt.Sprintf` (its format, each
     * verb a part filled in at run time).
     */
    const values = cFamilyValues({
      literal: stringValue,
      bound: resolve,
      wrappers: ["parenthesized_expression"],
      member: (node) => (node.type === "selector_expression" ? node.childForFieldName("field")?.text : undefined),
      read(node) {
        const first = node.type === "call_expression" ? argumentsOf(node.childForFieldName("arguments"))[0] : undefined;
        if (first === undefined) return undefined;
        if (callOf(node, aliases.get("fmt"), "Sprintf") !== undefined) return { format: first };
        const name = callOf(node, aliases.get("os"), "Getenv") === undefined ? undefined : stringValue(resolve(first));
        return name === undefined ? undefined : { env: name };
      },
    });
    /** The URL of the request a header belongs to: `req, err := http.NewRequest(method, url, body)`. */
    const requestUrl = (owner: Node): string | undefined => {
      const request = resolve(owner);
      const constructor = GO_REQUEST_CONSTRUCTORS.find((candidate) => callOf(request, aliases.get("net/http"), candidate.func) !== undefined);
      const url = constructor === undefined ? undefined : argumentsOf(request.childForFieldName("arguments"))[constructor.urlArgument];
      return url === undefined ? undefined : expandValue(url, values).text;
    };

    const findings = new UsageFindings("Go");
    const reportHeader = (site: Node, owner: Node, headerNode: Node, valueNode: Node): void => {
      const header = stringValue(resolve(headerNode));
      if (header === undefined) return;
      const value = expandValue(valueNode, values);
      addKeyHeader(findings, { ruleId: GO_HEADER_RULE.id, header, value, url: requestUrl(owner), start: site.startIndex, end: site.endIndex }, text, "Go", HEADER_INSTEAD);
    };
    for (const match of parsed.query(GO_QUERIES.headerCalls).matches(parsed.root)) {
      const capture = (name: string): Node | undefined => match.captures.find((candidate) => candidate.name === name)?.node;
      const [site, owner, field, method] = [capture("site"), capture("owner"), capture("field")?.text, capture("method")?.text];
      if (site === undefined || owner === undefined || field !== GO_HEADER_SETTERS.field || !(GO_HEADER_SETTERS.methods as readonly string[]).includes(method ?? "")) continue;
      const [header, value] = argumentsOf(capture("arguments") ?? null);
      if (header !== undefined && value !== undefined) reportHeader(site, owner, header, value);
    }
    for (const match of parsed.query(GO_QUERIES.headerIndexes).matches(parsed.root)) {
      const capture = (name: string): Node | undefined => match.captures.find((candidate) => candidate.name === name)?.node;
      const [site, owner, header, values] = [capture("site"), capture("owner"), capture("header"), capture("value")];
      if (site === undefined || owner === undefined || header === undefined || values === undefined || capture("field")?.text !== GO_HEADER_SETTERS.field) continue;
      // `[]string{key}`: the header's first value.
      const body = values.type === "composite_literal" ? values.childForFieldName("body") : null;
      const first = body === null ? undefined : nodes(body.namedChildren).map((element) => nodes(element.namedChildren)[0] ?? element)[0];
      if (first !== undefined) reportHeader(site, owner, header, first);
    }
    for (const match of parsed.query(GO_QUERIES.calls).matches(parsed.root)) {
      const capture = (name: string): Node | undefined => match.captures.find((candidate) => candidate.name === name)?.node;
      const call = capture("call");
      const packageNode = capture("package");
      const func = capture("func")?.text;
      if (call === undefined || packageNode === undefined || func === undefined) continue;
      const surface = relevant.find((row: GoSurface) => row.func === func && packageFor(row.importPath) === packageNode.text);
      if (surface === undefined) continue;
      const args = argumentsOf(capture("arguments") ?? null);
      let endpoint = surface.endpointArgument === undefined ? undefined : endpointOf(args[surface.endpointArgument]);
      if (surface.azureSibling !== undefined) {
        // `openai.NewClient(option.WithBaseURL("https://x.openai.azure.com/openai/v1/"), option.WithAPIKey(key))`.
        const siblings = call.parent?.type === "argument_list" ? argumentsOf(call.parent) : [];
        const baseUrl = siblings.map((sibling) => callOf(sibling, packageNode.text, surface.azureSibling!)).find((found) => found !== undefined);
        const url = baseUrl === undefined ? undefined : argumentsOf(baseUrl.childForFieldName("arguments"))[0];
        endpoint = endpointOf(url);
        if (endpoint === undefined || endpoint.startsWith("env:")) continue;
      }
      let key = args[surface.keyArgument];
      if (key === undefined) continue;
      if (surface.keyWrapper !== undefined) {
        const wrapped = callOf(key, packageFor(surface.keyWrapper.importPath), surface.keyWrapper.func);
        // A credential built elsewhere (a function parameter) is still a key credential by the signature.
        key = wrapped === undefined ? key : (argumentsOf(wrapped.childForFieldName("arguments"))[0] ?? key);
      }
      const source = keySource(key);
      findings.add({
        ruleId: GO_RULE.id,
        message: `\`${packageNode.text}.${func}\` authenticates to Azure OpenAI with an API key${source === undefined ? "" : ` (key from \`${source}\`)`}. ${surface.instead}`,
        client: surface.client,
        keySource: source,
        endpoint,
        start: call.startIndex,
        end: call.endIndex,
        identity: `${surface.client}|${source ?? ""}`,
      });
    }
    return findings.list();
  } finally {
    parsed.dispose();
  }
}
