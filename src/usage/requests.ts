/**
 * Raw HTTP requests outside JavaScript (curl, PowerShell, `.http` files, and requests built in Python,
 * C#, Java and Go code, whose values `expandValue` reads): when a key header is an Azure
 * AI key. The same evidence, in the same order and words, as `no-api-key-header` decides for
 * JavaScript: the request's host, the Azure OpenAI REST shape of its URL, a key as the value, a value
 * read from an Azure key name, or an Azure AI host elsewhere in the file (when the request's own host is
 * not written out: these readers always see the URL, unlike the rule). `Ocp-Apim-Subscription-Key`
 * (also API Management, Bing, Maps) needs the host or a key; `Authorization: Bearer` needs the value
 * itself to say "key" (Entra ID tokens travel there too).
 */
import type { UsageFindings } from "./findings.js";
import type { Node } from "./tree-sitter.js";
import {
  AZURE_KEY_HEADER_NAMES,
  AZURE_OPENAI_REST_SHAPES,
  detectKeys,
  findAzureAiHosts,
  isAzureKeyName,
  isKeyHeaderName,
} from "../detect/index.js";

export type RequestEvidence =
  | { readonly type: "host"; readonly host: string }
  | { readonly type: "rest-shape"; readonly shape: string }
  | { readonly type: "key"; readonly service: string }
  | { readonly type: "name"; readonly name: string }
  | { readonly type: "file-host"; readonly host: string };

export function describeEvidence(evidence: RequestEvidence): string {
  switch (evidence.type) {
    case "host":
      return `the request goes to \`${evidence.host}\``;
    case "rest-shape":
      return `the request URL has the Azure OpenAI REST shape \`${evidence.shape}\``;
    case "key":
      return `the value is ${/^[AEIOU]/.test(evidence.service) ? "an" : "a"} ${evidence.service} key`;
    case "name":
      return `the value comes from \`${evidence.name}\``;
    case "file-host":
      return `this file calls \`${evidence.host}\``;
  }
}

/**
 * Trigger words of a reader of requests: the spellings of the key headers seen in scripts and request
 * files, and the bearer scheme. A file without any never reaches the reader.
 */
export const KEY_HEADER_TRIGGERS: readonly string[] = ["api-key", "Api-Key", "API-KEY", "Api-key", "ocp-apim", "Ocp-Apim", "OCP-APIM", "Bearer", "bearer", "BEARER"];

/**
 * .NET header collections (`client.DefaultRequestHeaders.Add("api-key", key)` for `HttpClient`,
 * `webClient.Headers.Add(...)` for `WebClient`), written the same in C# and PowerShell: a member of
 * one of these names, given a header by one of these methods (lower case: PowerShell ignores case).
 */
export const DOTNET_HEADER_COLLECTIONS = { members: ["headers", "defaultrequestheaders"], methods: ["add", "tryaddwithoutvalidation"] } as const;

/** One header of one request, as a language's reader sees it. */
export interface HeaderUse {
  readonly header: string;
  /** The header's value as written (variables unexpanded). */
  readonly value: string;
  /** Names the value is read from: variables, env vars, through the file's own assignments. */
  readonly valueNames: readonly string[];
  /** The env vars among them (`$AZURE_OPENAI_API_KEY`, `{{$dotenv AZURE_OPENAI_API_KEY}}`). */
  readonly envNames: readonly string[];
  /** The request URL with the file's own variables expanded where they are known; undefined when unseen. */
  readonly url?: string;
}

/** A value as a script or request file writes it, with the file's own variables expanded. */
export interface ExpandedValue {
  readonly text: string;
  /** Every variable read on the way (the file's and the environment's). */
  readonly names: string[];
  /** The environment variables among them: names the file does not bind. */
  readonly envNames: string[];
}

/**
 * A part of a value that a reader cannot resolve (a parameter, a field, a call): a placeholder, so a
 * URL templated on it reads as a templated host (`https://{region}.api.cognitive.microsoft.com` is
 * `*.api.cognitive.microsoft.com`), never as a host named after the expression.
 */
export const unresolved = (text: string): string => `{${text}}`;

/** Expansions deeper than this (`a` -> `b` -> ...) stop: enough for real files, bounded for cycles. */
export const MAX_EXPANSION_DEPTH = 8;

/** Collects what one expansion reads: each reader walks its own syntax and reports variables here. */
export class Expansion {
  private readonly names: string[] = [];
  private readonly envNames: string[] = [];

  /**
   * A variable read: `bound` is the expansion of the value the file gives it, undefined when the file
   * does not (then an env var when `env`); the text that stands for it comes back.
   */
  variable(name: string, asWritten: string, bound: ExpandedValue | undefined, env: boolean): string {
    this.names.push(name);
    if (bound === undefined) {
      if (env) this.envNames.push(name);
      return asWritten;
    }
    this.names.push(...bound.names);
    this.envNames.push(...bound.envNames);
    return bound.text;
  }

  /** A name read on the way that is not a variable of the file (`config.AzureOpenAIKey`). */
  name(name: string): void {
    this.names.push(name);
  }

  value(text: string): ExpandedValue {
    return { text, names: this.names, envNames: this.envNames };
  }
}

/** What a call or lookup in a value reads. */
export type ValueRead =
  /** An environment variable (`os.getenv("X")`, `Environment.GetEnvironmentVariable("X")`). */
  | { readonly env: string }
  /** A named setting or secret (`config["AzureOpenAI:Key"]`, `settings.get("KEY")`). */
  | { readonly setting: string }
  /** A printf format whose verbs are the parts filled in (`fmt.Sprintf("https://%s.openai.azure.com", name)`). */
  | { readonly format: Node }
  /** A call that stands for its argument (`URI.create(url)`). */
  | { readonly value: Node };

/**
 * How a language's expressions read, for `expandValue`: each reader answers for its grammar's node
 * types and its file's bindings; the walk over a value is the same in every language.
 */
export interface ValueSyntax {
  /** The text a plain string literal holds; undefined for anything else (an interpolated string too). */
  literal(node: Node): string | undefined;
  /** The name a variable reference reads, undefined when `node` is not one. */
  variable(node: Node): string | undefined;
  /** The expression the file binds the variable `node` to where it is read, or `node` itself when none is visible. */
  bound(node: Node): Node;
  /** An interpolated string's parts in order: literal text, or an expression. */
  interpolation(node: Node): readonly (string | Node)[] | undefined;
  /** The operands whose texts make the value: both sides of a `+`, or the one inside parentheses or a cast. */
  operands(node: Node): readonly Node[] | undefined;
  /** A member access's member name (`settings.AzureOpenAIKey`): a name the value is read from. */
  member(node: Node): string | undefined;
  /** What a call or lookup reads, when it names it. */
  read(node: Node): ValueRead | undefined;
}

/** What a C-family grammar's reader says about its values; `cFamilyValues` fills in the rest. */
export interface CFamilyValueParts extends Pick<ValueSyntax, "literal" | "bound" | "member" | "read"> {
  /** Node types whose last named child is the value (parentheses, casts, awaits). */
  readonly wrappers: readonly string[];
  readonly interpolation?: ValueSyntax["interpolation"];
  /** Binary operators whose left side stands for the value (`configured ?? fallback`). */
  readonly leftOperators?: readonly string[];
}

/**
 * The `ValueSyntax` of a grammar whose variables are `identifier` nodes and whose binary expressions
 * have `left`, `operator` and `right` fields (C#, Java, Go): `+` joins both sides.
 */
export function cFamilyValues(parts: CFamilyValueParts): ValueSyntax {
  const { wrappers, interpolation, leftOperators = [], ...rest } = parts;
  return {
    ...rest,
    variable: (node) => (node.type === "identifier" ? node.text : undefined),
    interpolation: interpolation ?? (() => undefined),
    operands(node) {
      if (wrappers.includes(node.type)) return node.namedChildren.filter((child): child is Node => child !== null).slice(-1);
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (node.type !== "binary_expression" || left === null || right === null) return undefined;
      const operator = node.childForFieldName("operator")?.text ?? "";
      return operator === "+" ? [left, right] : leftOperators.includes(operator) ? [left] : undefined;
    },
  };
}

/** printf verbs (`%s`, `%-8v`, `%%`): each but `%%` is a part filled in at run time. */
const PRINTF_VERB = /%[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]/g;

/**
 * A header value's or URL's text with the file's own variables expanded, and the names read on the
 * way (variables, members, env vars, settings). Whatever the reader cannot resolve stays `unresolved`.
 */
export function expandValue(node: Node, syntax: ValueSyntax, depth = 0): ExpandedValue {
  const expansion = new Expansion();
  const visit = (current: Node): string => {
    const literal = syntax.literal(current);
    if (literal !== undefined) return literal;
    const variable = syntax.variable(current);
    if (variable !== undefined) {
      const bound = depth < MAX_EXPANSION_DEPTH ? syntax.bound(current) : current;
      const value = bound.startIndex === current.startIndex && bound.endIndex === current.endIndex ? undefined : expandValue(bound, syntax, depth + 1);
      return expansion.variable(variable, unresolved(variable), value, false);
    }
    const parts = syntax.interpolation(current) ?? syntax.operands(current);
    if (parts !== undefined) return parts.map((part) => (typeof part === "string" ? part : visit(part))).join("");
    const member = syntax.member(current);
    if (member !== undefined) {
      expansion.name(member);
      return unresolved(current.text);
    }
    const read = syntax.read(current);
    if (read === undefined) return unresolved(current.text);
    if ("env" in read) return expansion.variable(read.env, unresolved(read.env), undefined, true);
    if ("format" in read) return visit(read.format).replace(PRINTF_VERB, (verb) => (verb === "%%" ? "%" : unresolved("")));
    if ("value" in read) return visit(read.value);
    expansion.name(read.setting);
    return unresolved(current.text);
  };
  return expansion.value(visit(node));
}

/** One header a code reader found set on a request, and where. */
export interface CodeHeader {
  readonly ruleId: string;
  readonly header: string;
  readonly value: ExpandedValue;
  /** The request's URL, when the file shows it. */
  readonly url: string | undefined;
  readonly start: number;
  readonly end: number;
}

/**
 * Adds a finding for a header that sends an Azure AI key (on `keyHeaderEvidence`), as every code
 * language reports it: `client` is `<header> header (<language>)`, the message ends with `instead`.
 */
export function addKeyHeader(findings: UsageFindings, header: CodeHeader, fileText: string, language: string, instead: string): void {
  if (!isJudgedHeader(header.header, header.value.text)) return;
  const use = headerUse(header.header, header.value, header.url);
  const evidence = keyHeaderEvidence(use, fileText);
  if (evidence === undefined) return;
  const keySource = keySourceOf(use);
  const endpoint = endpointOf(use);
  const name = header.header.trim();
  findings.add({
    ruleId: header.ruleId,
    message: keyHeaderMessage(use, evidence, instead),
    client: `${name.toLowerCase() === "authorization" ? "Authorization: Bearer" : name} header (${language})`,
    keySource,
    endpoint,
    start: header.start,
    end: header.end,
    identity: `header|${name.toLowerCase()}|${keySource}|${endpoint ?? ""}`,
  });
}

/** A header's use from its expanded value and the request's URL (when the reader found one). */
export const headerUse = (header: string, value: ExpandedValue, url: string | undefined): HeaderUse => ({
  header,
  value: value.text,
  valueNames: value.names,
  envNames: value.envNames,
  ...(url === undefined ? {} : { url }),
});

const SUBSCRIPTION_KEY_HEADER = AZURE_KEY_HEADER_NAMES[1].toLowerCase();
const BEARER = /^\s*bearer\s+/i;

/** A URL whose host is written out (`https://api.example.com/...`), not a variable. */
const hasVisibleHost = (url: string | undefined): boolean => url !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9]/i.test(url.trim());

function urlEvidence(url: string | undefined): RequestEvidence | undefined {
  if (url === undefined) return undefined;
  const host = findAzureAiHosts(url, { templatedResource: true })[0];
  if (host !== undefined) return { type: "host", host: host.host };
  const lower = url.toLowerCase();
  // `api-version=` alone is not enough on a visible host that is not an Azure AI host (Azure AI Search uses it too).
  const shape = AZURE_OPENAI_REST_SHAPES.find((candidate) => lower.includes(candidate) && !(hasVisibleHost(url) && candidate === "api-version="));
  return shape === undefined ? undefined : { type: "rest-shape", shape };
}

const keyEvidence = (value: string): RequestEvidence | undefined => {
  const match = detectKeys(value)[0];
  return match === undefined ? undefined : { type: "key", service: match.service };
};

const nameEvidence = (names: readonly string[]): RequestEvidence | undefined => {
  const name = names.find(isAzureKeyName);
  return name === undefined ? undefined : { type: "name", name };
};

/** Whether a header is one this module judges: a key header, or `Authorization` with a bearer value. */
export const isJudgedHeader = (header: string, value: string): boolean =>
  isKeyHeaderName(header) || (header.trim().toLowerCase() === "authorization" && BEARER.test(value));

/**
 * Why `use` sends an Azure AI key, or undefined when nothing shows it does. `fileText` is the whole
 * file, for the last resort: an Azure AI host named anywhere in it.
 */
export function keyHeaderEvidence(use: HeaderUse, fileText: string): RequestEvidence | undefined {
  const header = use.header.trim().toLowerCase();
  if (header === "authorization") {
    if (!BEARER.test(use.value)) return undefined;
    const credential = use.value.replace(BEARER, "");
    return keyEvidence(credential) ?? nameEvidence(use.valueNames);
  }
  if (!isKeyHeaderName(header)) return undefined;
  const url = urlEvidence(use.url);
  if (header === SUBSCRIPTION_KEY_HEADER) return (url?.type === "host" ? url : undefined) ?? keyEvidence(use.value);
  // An Azure AI host elsewhere in the file says nothing about a request to another host written out.
  const fileHost = hasVisibleHost(use.url) ? undefined : findAzureAiHosts(fileText, { templatedResource: true })[0];
  return (
    url ??
    keyEvidence(use.value) ??
    nameEvidence(use.valueNames) ??
    (fileHost === undefined ? undefined : { type: "file-host", host: fileHost.host })
  );
}

/** Where the key comes from, for the finding: an env var, a variable, or a literal. */
export function keySourceOf(use: HeaderUse): string {
  const env = use.envNames[0];
  if (env !== undefined) return `env:${env}`;
  const variable = use.valueNames[0];
  return variable === undefined ? "literal" : `variable:${variable}`;
}

/** The endpoint for the finding: the Azure AI host of the URL (a URL as written could carry anything). */
export function endpointOf(use: HeaderUse): string | undefined {
  return use.url === undefined ? undefined : findAzureAiHosts(use.url, { templatedResource: true })[0]?.host;
}

/** The message of a key header finding, ending with what replaces the key in that language. */
export function keyHeaderMessage(use: HeaderUse, evidence: RequestEvidence, instead: string): string {
  const context = describeEvidence(evidence);
  if (use.header.trim().toLowerCase() === "authorization") {
    return `\`Authorization: Bearer\` sends an Azure AI API key (${context}), not a Microsoft Entra ID token. ${instead}`;
  }
  return `The \`${use.header.trim()}\` header sends an Azure AI API key (${context}). ${instead}`;
}
