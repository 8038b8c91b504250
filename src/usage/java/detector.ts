/**
 * Java usage findings: the rows of surfaces.ts read with tree-sitter-java. A builder call counts when
 * the chain it sits on (followed through same-file variables) starts at the row's builder, whose class
 * is imported (single-type or on-demand) or written fully qualified, and its argument is a key.
 */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { JAVA_HEADER_RULE, JAVA_RULE } from "./descriptor.js";
import { SameFileBindings } from "../bindings.js";
import { endpointFrom, UsageFindings } from "../findings.js";
import { addKeyHeader, cFamilyValues, expandValue } from "../requests.js";
import type { Node } from "../tree-sitter.js";
import { nodes, parseSource } from "../tree-sitter.js";
import type { JavaSurface } from "./surfaces.js";
import { JAVA_HEADER_METHODS, JAVA_QUERIES, JAVA_SCOPES, JAVA_SURFACES, JAVA_URL_METHODS } from "./surfaces.js";

const HEADER_INSTEAD =
  "Send `Authorization: Bearer` with a token from `DefaultAzureCredential` (azure-identity) for the scope `https://cognitiveservices.azure.com/.default` instead.";

function stringValue(node: Node): string | undefined {
  return node.type === "string_literal" ? nodes(node.namedChildren).map((child) => child.text).join("") : undefined;
}

const METHODS = new Set(JAVA_SURFACES.map((surface) => surface.method));

export async function detectJava(text: string): Promise<DetectedFinding[]> {
  const parsed = await parseSource("java", text);
  try {
    const imports = new Set(parsed.query(JAVA_QUERIES.imports).captures(parsed.root).map((capture) => capture.node.text));
    const wildcards = new Set(parsed.query(JAVA_QUERIES.wildcardImports).captures(parsed.root).map((capture) => capture.node.text));
    /** Whether `written` (`Foo` or `a.b.Foo`) names class `type` of `packageName` in this file. */
    const names = (written: string, type: string, packageName: string): boolean =>
      written === `${packageName}.${type}` || (written === type && (imports.has(`${packageName}.${type}`) || wildcards.has(packageName)));
    const bindings = new SameFileBindings(parsed.root, parsed.query(JAVA_QUERIES.bindings), JAVA_SCOPES);
    const resolve = (node: Node): Node => bindings.followIdentifiers(node);
    const firstArgument = (invocation: Node): Node | undefined => nodes(invocation.childForFieldName("arguments")?.namedChildren ?? [])[0];
    const keySource = (node: Node | undefined): string | undefined => {
      if (node === undefined) return undefined;
      const value = resolve(node);
      if (stringValue(value) !== undefined) return "literal";
      if (value.type === "method_invocation" && value.childForFieldName("name")?.text === "getenv") {
        const name = firstArgument(value);
        const env = name === undefined ? undefined : stringValue(resolve(name));
        return env === undefined ? undefined : `env:${env}`;
      }
      return undefined;
    };
    /** The calls of a builder chain from its origin outwards, and the origin (through variables). */
    const chainOf = (invocation: Node): { origin: Node; calls: Node[] } => {
      const calls: Node[] = [];
      let current: Node = invocation;
      for (let depth = 0; depth < 64; depth += 1) {
        if (current.type === "method_invocation") {
          const object = current.childForFieldName("object");
          // `Client.builder()`: the origin is the factory call itself.
          if (object === null || (object.type === "identifier" && current.childForFieldName("name")?.text === "builder" && bindings.valueOf(object.text, object.startIndex) === undefined)) {
            return { origin: current, calls };
          }
          calls.unshift(current);
          current = resolve(object);
        } else {
          return { origin: current, calls };
        }
      }
      return { origin: current, calls };
    };
    const isOrigin = (origin: Node, surface: JavaSurface): boolean => {
      const { kind, type, packageName } = surface.origin;
      if (kind === "constructor") return origin.type === "object_creation_expression" && names(origin.childForFieldName("type")?.text ?? "", type, packageName);
      return origin.type === "method_invocation" && origin.childForFieldName("name")?.text === "builder" && names(origin.childForFieldName("object")?.text ?? "", type, packageName);
    };
    const endpointOf = (calls: readonly Node[], method: string | undefined): string | undefined => {
      const call = calls.find((candidate) => candidate.childForFieldName("name")?.text === method);
      const argument = call === undefined ? undefined : firstArgument(call);
      return argument === undefined ? undefined : endpointFrom(stringValue(resolve(argument)), keySource(argument));
    };

    /**
     * How a Java value reads, for `expandValue`: variables through the file's bindings, `+`,
     * parentheses, fields (`settings.azureOpenAiKey`), `System.getenv("X")` (an env var), `URI.create(url)`
     * (its URL), and other calls with a string argument (`config.getProperty("x")`: a setting).
     */
    const values = cFamilyValues({
      literal: stringValue,
      bound: resolve,
      wrappers: ["parenthesized_expression"],
      member: (node) => (node.type === "field_access" ? node.childForFieldName("field")?.text : undefined),
      read(node) {
        if (node.type !== "method_invocation") return undefined;
        const name = node.childForFieldName("name")?.text;
        const argument = firstArgument(node);
        if (name === "create" && argument !== undefined) return { value: argument };
        const text = argument === undefined ? undefined : stringValue(resolve(argument));
        if (text === undefined) return undefined;
        return name === "getenv" ? { env: text } : { setting: text };
      },
    });
    /** The URL a header's request goes to: a `.uri(...)`/`.url(...)` of its builder chain, or the `new URL(...)` a connection was opened on. */
    const requestUrl = (invocation: Node): string | undefined => {
      const calls = [...chainOf(invocation).calls, ...chainCallsAbove(invocation)];
      const urlCall = calls.find((call) => JAVA_URL_METHODS.includes(call.childForFieldName("name")?.text ?? ""));
      const argument = urlCall === undefined ? undefined : firstArgument(urlCall);
      if (argument !== undefined) return expandValue(argument, values).text;
      // `conn = (HttpURLConnection) new URL(url).openConnection(); conn.setRequestProperty(...)`.
      const owner = invocation.childForFieldName("object");
      let opened = owner === null ? undefined : resolve(owner);
      if (opened?.type === "cast_expression") opened = opened.childForFieldName("value") ?? undefined;
      const created = opened?.type === "method_invocation" && opened.childForFieldName("name")?.text === "openConnection" ? opened.childForFieldName("object") : null;
      const address = created === null || created === undefined ? undefined : resolve(created);
      const url = address?.type === "object_creation_expression" ? nodes(address.childForFieldName("arguments")?.namedChildren ?? [])[0] : undefined;
      return url === undefined ? undefined : expandValue(url, values).text;
    };

    const findings = new UsageFindings("Java");
    for (const match of parsed.query(JAVA_QUERIES.invocations).matches(parsed.root)) {
      const method = match.captures.find((capture) => capture.name === "method")?.node.text;
      const invocation = match.captures.find((capture) => capture.name === "invocation")?.node;
      if (method === undefined || invocation === undefined) continue;
      if (JAVA_HEADER_METHODS.includes(method)) {
        const [headerNode, valueNode] = nodes(invocation.childForFieldName("arguments")?.namedChildren ?? []);
        const header = headerNode === undefined ? undefined : stringValue(resolve(headerNode));
        if (header === undefined || valueNode === undefined) continue;
        const value = expandValue(valueNode, values);
        // From the method's name: the chain before it is the request's other parts.
        const start = invocation.childForFieldName("name")?.startIndex ?? invocation.startIndex;
        addKeyHeader(findings, { ruleId: JAVA_HEADER_RULE.id, header, value, url: requestUrl(invocation), start, end: invocation.endIndex }, text, "Java", HEADER_INSTEAD);
        continue;
      }
      if (!METHODS.has(method)) continue;
      const { origin, calls } = chainOf(invocation);
      const surface = JAVA_SURFACES.find((row) => row.method === method && isOrigin(origin, row));
      if (surface === undefined) continue;
      const argument = firstArgument(invocation);
      if (argument === undefined) continue;
      let key: Node | undefined = argument;
      if (surface.keyCredential !== undefined) {
        const { type, packageName, factory } = surface.keyCredential;
        const credential = resolve(argument);
        if (factory === undefined) {
          if (credential.type !== "object_creation_expression" || !names(credential.childForFieldName("type")?.text ?? "", type, packageName)) continue;
          key = nodes(credential.childForFieldName("arguments")?.namedChildren ?? [])[0];
        } else {
          const isFactory =
            credential.type === "method_invocation" &&
            credential.childForFieldName("name")?.text === factory &&
            names(credential.childForFieldName("object")?.text ?? "", type, packageName);
          if (!isFactory) continue;
          key = firstArgument(credential);
        }
      }
      // The whole chain up to the builder's last call: the client's construction.
      let construction = invocation;
      while (construction.parent?.type === "method_invocation" && construction.parent.childForFieldName("object")?.id === construction.id) construction = construction.parent;
      const allCalls = [...calls, ...chainCallsAbove(invocation)];
      const endpoint = endpointOf(allCalls, surface.endpointMethod);
      if (surface.azureEndpointMethod !== undefined && (endpoint === undefined || endpoint.startsWith("env:"))) continue;
      const source = keySource(key);
      findings.add({
        ruleId: JAVA_RULE.id,
        message: `\`${surface.origin.type}\` is built with an API key in \`${method}\`${source === undefined ? "" : ` (key from \`${source}\`)`}. ${surface.instead}`,
        client: surface.client,
        keySource: source,
        endpoint,
        start: construction.startIndex,
        end: construction.endIndex,
        identity: `${surface.client}|${source ?? ""}`,
      });
    }
    return findings.list();
  } finally {
    parsed.dispose();
  }
}

/** Calls chained after `invocation` (`.credential(...).baseUrl(...).build()`). */
function chainCallsAbove(invocation: Node): Node[] {
  const calls: Node[] = [];
  for (let current = invocation; current.parent?.type === "method_invocation" && current.parent.childForFieldName("object")?.id === current.id; ) {
    current = current.parent;
    calls.push(current);
  }
  return calls;
}
