/**
 * Go usage findings: the rows of surfaces.ts read with tree-sitter-go. A call counts when its package
 * identifier is the file's import of the row's path (under its alias, if any); the key is followed
 * through same-file variables and constants to `os.Getenv("NAME")` or a literal.
 */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { GO_RULE } from "./descriptor.js";
import { SameFileBindings } from "../bindings.js";
import { endpointFrom, UsageFindings } from "../findings.js";
import type { Node } from "../tree-sitter.js";
import { nodes, parseSource } from "../tree-sitter.js";
import type { GoSurface } from "./surfaces.js";
import { GO_QUERIES, GO_SCOPES, GO_SURFACES } from "./surfaces.js";

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
    if (relevant.length === 0) return [];
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

    const findings = new UsageFindings("Go");
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
