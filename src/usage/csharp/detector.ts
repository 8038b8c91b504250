/**
 * C# usage findings: the rows of surfaces.ts read with tree-sitter-c-sharp. A construction counts when
 * its namespace is imported (`using`, `global using`) or written out, and its credential, followed
 * through same-file variables, fields and assignments, is a key: a key credential class, a key string
 * where Semantic Kernel takes `apiKey`, or nothing at all where the SDK reads a key from the environment.
 */
import { isAzureAiHost } from "../../detect/index.js";
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { CSHARP_HEADER_RULE, CSHARP_RULE } from "./descriptor.js";
import { SameFileBindings } from "../bindings.js";
import { endpointFrom, UsageFindings } from "../findings.js";
import type { ValueSyntax } from "../requests.js";
import { addKeyHeader, cFamilyValues, expandValue, unresolved } from "../requests.js";
import type { Node, ParsedSource } from "../tree-sitter.js";
import { nodes, parseSource } from "../tree-sitter.js";
import type { CSharpSurface } from "./surfaces.js";
import { CSHARP_HEADER_METHODS, CSHARP_QUERIES, CSHARP_SCOPES, CSHARP_SURFACES } from "./surfaces.js";

const HEADER_INSTEAD =
  'Send `Authorization: Bearer` with a token from `DefaultAzureCredential` (Azure.Identity) for the scope `https://cognitiveservices.azure.com/.default` instead.';

/** Construct names of the table, for the trigger words and a quick look-up. */
const SURFACES_BY_CONSTRUCT = new Map<string, CSharpSurface[]>();
for (const surface of CSHARP_SURFACES) {
  SURFACES_BY_CONSTRUCT.set(surface.construct, [...(SURFACES_BY_CONSTRUCT.get(surface.construct) ?? []), surface]);
}

interface Argument {
  readonly name?: string;
  readonly value: Node;
}

function argumentsOf(list: Node | null | undefined): Argument[] {
  if (list === null || list === undefined) return [];
  return list.namedChildren
    .filter((child): child is Node => child !== null && child.type === "argument")
    .map((argument) => {
      const name = argument.childForFieldName("name")?.text;
      const value = argument.namedChildren.filter((child): child is Node => child !== null).at(-1)!;
      return name === undefined ? { value } : { name, value };
    });
}

/** The argument list of a `new T(...)` or a target-typed `new(...)`. */
const argumentListOf = (node: Node): Node | undefined =>
  (node.type === "object_creation_expression" ? node.childForFieldName("arguments") : node.namedChildren.find((child) => child?.type === "argument_list")) ?? undefined;

/** The last identifier of a type or name (`Azure.AI.OpenAI.AzureOpenAIClient` -> `AzureOpenAIClient`). */
const lastSegment = (text: string): string => text.replace(/<[^]*$/, "").split(".").at(-1)!.trim();
/** The qualifier of a qualified type name, or undefined. */
const qualifierOf = (text: string): string | undefined => {
  const dot = text.replace(/<[^]*$/, "").lastIndexOf(".");
  return dot === -1 ? undefined : text.slice(0, dot).replace(/^global::/, "");
};

/** The string a literal holds, or undefined for anything else. */
function stringValue(node: Node): string | undefined {
  if (node.type === "string_literal" || node.type === "verbatim_string_literal" || node.type === "raw_string_literal") {
    return node.namedChildren
      .filter((child): child is Node => child !== null)
      .map((child) => child.text)
      .join("");
  }
  return undefined;
}

class CSharpFile {
  private readonly bindings: SameFileBindings;
  readonly namespaces = new Set<string>();

  constructor(private readonly parsed: ParsedSource) {
    this.bindings = new SameFileBindings(parsed.root, parsed.query(CSHARP_QUERIES.bindings), CSHARP_SCOPES);
    for (const capture of parsed.query(CSHARP_QUERIES.usings).captures(parsed.root)) this.namespaces.add(capture.node.text.replace(/^global::/, ""));
  }

  /** The expression behind `node`: through parentheses, `!`, `?? throw`, casts and same-file variables. */
  resolve(node: Node, depth = 0): Node {
    if (depth > 8) return node;
    switch (node.type) {
      case "parenthesized_expression":
      case "postfix_unary_expression":
      case "cast_expression":
      case "await_expression": {
        const inner = node.namedChildren.filter((child): child is Node => child !== null).at(-1);
        return inner === undefined ? node : this.resolve(inner, depth + 1);
      }
      case "binary_expression":
        // `configured ?? fallback`: the left side is what is normally used.
        return node.childForFieldName("operator")?.text === "??" ? this.resolve(node.childForFieldName("left")!, depth + 1) : node;
      case "identifier": {
        const followed = this.bindings.follow(node, (candidate) => (candidate.type === "identifier" ? candidate.text : undefined));
        return followed === node ? node : this.resolve(followed, depth + 1);
      }
      default:
        return node;
    }
  }

  /** Where a key string comes from: `literal`, `env:NAME`, `config:Section:Key`; undefined when the file does not show it. */
  keySource(node: Node): string | undefined {
    const value = this.resolve(node);
    if (stringValue(value) !== undefined || value.type === "interpolated_string_expression") return "literal";
    if (value.type === "element_access_expression") {
      const key = value.childForFieldName("subscript")?.namedChildren[0]?.namedChildren[0];
      const text = key === null || key === undefined ? undefined : stringValue(this.resolve(key));
      return text === undefined ? undefined : `config:${text}`;
    }
    if (value.type === "invocation_expression") {
      // `Environment.GetEnvironmentVariable(...)`, or `GetEnvironmentVariable(...)` under `using static System.Environment`.
      const callee = value.childForFieldName("function");
      const method = (callee?.type === "identifier" ? callee.text : callee?.childForFieldName("name")?.text) ?? "";
      const first = argumentsOf(value.childForFieldName("arguments"))[0];
      const text = first === undefined ? undefined : stringValue(this.resolve(first.value));
      if (text === undefined) return undefined;
      if (method === "GetEnvironmentVariable") return `env:${text}`;
      if (/^GetValue\b/.test(method) || method === "GetSection") return `config:${text}`;
    }
    return undefined;
  }

  /**
   * How a C# value reads, for `expandValue`: variables through the file's bindings, interpolated
   * strings part by part, `+`, parentheses, casts and awaits, members (`settings.AzureOpenAIKey`),
   * and what `keySource` reads (env vars, configuration keys).
   */
  readonly values: ValueSyntax = cFamilyValues({
    literal: stringValue,
    bound: (node) => this.resolve(node),
    wrappers: ["parenthesized_expression", "postfix_unary_expression", "cast_expression", "await_expression"],
    // `configured ?? fallback`: the left side is what is normally used.
    leftOperators: ["??"],
    interpolation: (node) =>
      node.type !== "interpolated_string_expression"
        ? undefined
        : nodes(node.namedChildren)
            .filter((child) => child.type !== "interpolation_start" && child.type !== "interpolation_quote")
            .map((child) => (child.type === "interpolation" ? (nodes(child.namedChildren).find((part) => part.type !== "interpolation_brace") ?? unresolved(child.text)) : child.text)),
    member: (node) => (node.type === "member_access_expression" ? node.childForFieldName("name")?.text : undefined),
    read: (node) => {
      const source = this.keySource(node);
      if (source?.startsWith("env:") === true) return { env: source.slice("env:".length) };
      if (source?.startsWith("config:") === true) return { setting: source.slice("config:".length) };
      return undefined;
    },
  });


  /**
   * The URL of the requests a header collection belongs to, when the file shows it:
   * `client.DefaultRequestHeaders` of a client whose `BaseAddress` is set (in its initializer or by an
   * assignment), `request.Headers` of `new HttpRequestMessage(method, url)`. Undefined otherwise
   * (`PostAsync(url)` elsewhere): the value and the file are then the evidence.
   */
  requestUrl(collection: Node | undefined): string | undefined {
    const owner = collection?.type === "member_access_expression" ? collection.childForFieldName("expression") : null;
    if (owner === null || owner === undefined) return undefined;
    const created = this.resolve(owner);
    let url: Node | undefined;
    if (created.type === "object_creation_expression" || created.type === "implicit_object_creation_expression") {
      const type = lastSegment(this.constructedType(created) ?? "");
      if (type === "HttpRequestMessage") url = argumentsOf(argumentListOf(created))[1]?.value;
      const initializer = created.type === "object_creation_expression" ? created.childForFieldName("initializer") : null;
      for (const child of initializer?.namedChildren ?? []) {
        if (child?.type === "assignment_expression" && child.childForFieldName("left")?.text === "BaseAddress") url ??= child.childForFieldName("right") ?? undefined;
      }
    }
    for (const { name, node } of this.parsed.query(CSHARP_QUERIES.baseAddresses).captures(this.parsed.root)) {
      if (url !== undefined) break;
      if (name !== "assignment") continue;
      const left = node.childForFieldName("left");
      if (left?.childForFieldName("expression")?.text === owner.text) url = node.childForFieldName("right") ?? undefined;
    }
    if (url === undefined) return undefined;
    const value = this.resolve(url);
    const address = value.type === "object_creation_expression" && lastSegment(value.childForFieldName("type")?.text ?? "") === "Uri" ? argumentsOf(value.childForFieldName("arguments"))[0]?.value : value;
    return address === undefined ? undefined : expandValue(address, this.values).text;
  }

  /** The type a `new` builds: its written type, or the declared type of a target-typed `new(...)`. */
  constructedType(node: Node): string | undefined {
    if (node.type === "object_creation_expression") return node.childForFieldName("type")?.text;
    const declaration = node.parent?.type === "variable_declarator" ? node.parent.parent : undefined;
    return declaration?.type === "variable_declaration" ? declaration.childForFieldName("type")?.text : undefined;
  }

  /** Whether a written type or method name refers to the surface's namespace. */
  inNamespace(surface: CSharpSurface, written: string): boolean {
    const qualifier = qualifierOf(written);
    if (qualifier !== undefined) return surface.namespaces.includes(qualifier);
    return surface.namespaces.some((namespace) => this.namespaces.has(namespace));
  }

  /** An Azure AI host the endpoint names, `env:`/`config:` when read from there, or the endpoint is not shown. */
  endpoint(node: Node | undefined): string | undefined {
    if (node === undefined) return undefined;
    const value = this.resolve(node);
    if (value.type === "object_creation_expression" && lastSegment(value.childForFieldName("type")?.text ?? "") === "Uri") {
      const first = argumentsOf(value.childForFieldName("arguments"))[0];
      return first === undefined ? undefined : this.endpoint(first.value);
    }
    return endpointFrom(stringValue(value) ?? (value.type === "interpolated_string_expression" ? value.text : undefined), this.keySource(value));
  }

  /** The `Endpoint` an options object sets in its initializer (`new OpenAIClientOptions { Endpoint = ... }`). */
  optionsEndpoint(node: Node | undefined): Node | undefined {
    if (node === undefined) return undefined;
    const value = this.resolve(node);
    const initializer = value.type === "object_creation_expression" ? value.childForFieldName("initializer") : null;
    for (const child of initializer?.namedChildren ?? []) {
      if (child?.type === "assignment_expression" && child.childForFieldName("left")?.text === "Endpoint") return child.childForFieldName("right") ?? undefined;
    }
    return undefined;
  }
}

interface Verdict {
  readonly keySource?: string;
  /** What the message says about the credential; it names the key source itself when `saysSource`. */
  readonly what: string;
  readonly saysSource?: boolean;
}

/** Whether a construction of `surface` with `args` authenticates with a key, and with what. */
function judge(file: CSharpFile, surface: CSharpSurface, args: readonly Argument[]): Verdict | undefined {
  if (args.length === 0) {
    return surface.envFallback === undefined
      ? undefined
      : { keySource: `env:${surface.envFallback}`, what: `has no credential, so it reads an API key from \`${surface.envFallback}\``, saysSource: true };
  }
  if (args.some((argument) => argument.name !== undefined && surface.keylessParameters?.includes(argument.name))) return undefined;
  const positional = args.filter((argument) => argument.name === undefined);
  const credential = args.find((argument) => argument.name === surface.credentialParameter) ?? positional[surface.credentialArgument];
  if (credential === undefined) return undefined;
  const value = file.resolve(credential.value);
  // `new AzureKeyCredential(key)`, or target-typed: `AzureKeyCredential credential = new(key);`.
  const constructed = value.type === "object_creation_expression" || value.type === "implicit_object_creation_expression" ? file.constructedType(value) : undefined;
  if (surface.shape === "credential-object") {
    const created = constructed === undefined ? undefined : lastSegment(constructed);
    if (created === undefined || !surface.keyCredentials?.includes(created)) return undefined;
    const key = argumentsOf(argumentListOf(value))[0];
    const keySource = key === undefined ? undefined : file.keySource(key.value);
    return { ...(keySource === undefined ? {} : { keySource }), what: `authenticates with an \`${created}\`` };
  }
  // A key string, unless the value is a credential (the `TokenCredential` overload, passed by position).
  const created = constructed === undefined ? undefined : lastSegment(constructed);
  if (created !== undefined && created.endsWith("Credential")) return undefined;
  if (value.type === "identifier" && /credential|client/i.test(value.text)) return undefined;
  const keySource = file.keySource(credential.value);
  return { ...(keySource === undefined ? {} : { keySource }), what: `authenticates with the API key in \`${surface.credentialParameter}\`` };
}

export async function detectCSharp(text: string): Promise<DetectedFinding[]> {
  const parsed = await parseSource("c-sharp", text);
  try {
    const file = new CSharpFile(parsed);
    const findings = new UsageFindings("C#");
    const consider = (node: Node, written: string, kind: CSharpSurface["kind"], args: readonly Argument[]): void => {
      for (const surface of SURFACES_BY_CONSTRUCT.get(lastSegment(written)) ?? []) {
        if (surface.kind !== kind || !file.inNamespace(surface, written)) continue;
        if (surface.azureEndpointOptions !== undefined) {
          const endpointNode = file.optionsEndpoint(args.filter((argument) => argument.name === undefined)[surface.azureEndpointOptions]?.value ?? args.find((argument) => argument.name === "options")?.value);
          const endpoint = endpointNode === undefined ? undefined : file.endpoint(endpointNode);
          if (endpoint === undefined || !isAzureAiHost(endpoint)) continue;
        }
        const verdict = judge(file, surface, args);
        if (verdict === undefined) continue;
        const endpointArgument = surface.endpointArgument === undefined ? undefined : args.filter((argument) => argument.name === undefined)[surface.endpointArgument]?.value;
        const endpoint =
          surface.azureEndpointOptions !== undefined
            ? file.endpoint(file.optionsEndpoint(args.filter((argument) => argument.name === undefined)[surface.azureEndpointOptions]?.value))
            : (file.endpoint(args.find((argument) => argument.name === "endpoint")?.value ?? endpointArgument) ??
              (args.length === 0 && surface.envFallback !== undefined ? "env:AZURE_OPENAI_ENDPOINT" : undefined));
        findings.add({
          ruleId: CSHARP_RULE.id,
          message: `\`${surface.construct}\` ${verdict.what}${verdict.keySource === undefined || verdict.saysSource === true ? "" : ` (key from \`${verdict.keySource}\`)`}. ${surface.instead}`,
          client: surface.client,
          keySource: verdict.keySource,
          endpoint,
          start: node.startIndex,
          end: node.endIndex,
          identity: `${surface.client}|${verdict.keySource ?? ""}`,
        });
        return;
      }
    };
    for (const { node } of parsed.query(CSHARP_QUERIES.constructions).captures(parsed.root)) {
      const written = file.constructedType(node);
      if (written === undefined) continue;
      consider(node, written, "constructor", argumentsOf(argumentListOf(node)));
    }
    for (const match of parsed.query(CSHARP_QUERIES.invocations).matches(parsed.root)) {
      const method = match.captures.find((capture) => capture.name === "method")?.node;
      const invocation = match.captures.find((capture) => capture.name === "invocation")?.node;
      if (method === undefined || invocation === undefined) continue;
      consider(invocation, method.text, "method", argumentsOf(invocation.childForFieldName("arguments")));
      // `client.DefaultRequestHeaders.Add("api-key", key)`, RestSharp `AddHeader`, Flurl `WithHeader`.
      if (CSHARP_HEADER_METHODS.includes(method.text.toLowerCase())) {
        const [header, value] = argumentsOf(invocation.childForFieldName("arguments"));
        const collection = invocation.childForFieldName("function")?.childForFieldName("expression") ?? undefined;
        if (header !== undefined && value !== undefined) reportHeader(file, findings, invocation, header.value, value.value, file.requestUrl(collection), text);
      }
    }
    for (const match of parsed.query(CSHARP_QUERIES.headerIndexers).matches(parsed.root)) {
      const capture = (name: string): Node | undefined => match.captures.find((item) => item.name === name)?.node;
      const site = capture("site");
      const header = capture("header");
      const value = capture("value");
      if (site !== undefined && header !== undefined && value !== undefined) reportHeader(file, findings, site, header, value, file.requestUrl(capture("collection")), text);
    }
    return findings.list();
  } finally {
    parsed.dispose();
  }
}

/** A header set on a request (`Add`, an indexer): reported when requests.ts finds it sends an Azure AI key. */
function reportHeader(file: CSharpFile, findings: UsageFindings, site: Node, headerNode: Node, valueNode: Node, url: string | undefined, text: string): void {
  const header = stringValue(file.resolve(headerNode));
  if (header === undefined) return;
  const value = expandValue(valueNode, file.values);
  addKeyHeader(findings, { ruleId: CSHARP_HEADER_RULE.id, header, value, url, start: site.startIndex, end: site.endIndex }, text, "C#", HEADER_INSTEAD);
}
