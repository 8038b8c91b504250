/**
 * Python requests that send an Azure AI key in a header: a `{"api-key": key}` entry or a
 * `headers["Ocp-Apim-Subscription-Key"] = key` assignment, handed to `requests`, `httpx`, `aiohttp` or
 * an SDK call's `headers=`. The value and the request's URL are read through same-file variables; the
 * URL is the first argument (or `url=`) of the call the headers reach. Whether the header carries an
 * Azure AI key is requests.ts's call, on the evidence `no-api-key-header` uses for JavaScript.
 */
import { detectKeys } from "../detect/index.js";
import type { UsageFindings } from "./findings.js";
import type { PythonModule } from "./python-module.js";
import { callArguments, ENV_READERS, keywordValue, stringContent } from "./python-module.js";
import { PYTHON_HEADER_RULE } from "./python-descriptor.js";
import { PYTHON_SURFACES } from "./python-surfaces.js";
import type { ValueSyntax } from "./requests.js";
import { addKeyHeader, expandValue, unresolved } from "./requests.js";
import type { Node } from "./tree-sitter.js";
import { nodes } from "./tree-sitter.js";

const INSTEAD =
  'Send `Authorization: Bearer` with a token from `get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")()` (azure.identity) instead.';

/** Nodes a header dictionary passes through on its way to a call or a variable (`({...} if key else {...})`). */
const TRANSPARENT = new Set(["parenthesized_expression", "conditional_expression", "boolean_operator", "keyword_argument"]);

/**
 * How a Python value reads, for `expandValue`: variables through the module's bindings (imports are
 * not variables), f-strings part by part, `+` and implicit concatenation, settings attributes
 * (`DefaultConfig.SPEECH_KEY`), `os.getenv("NAME")` / `os.environ["NAME"]` (env vars), and
 * `config["NAME"]` / `config("NAME")` (settings).
 */
function pythonValues(module: PythonModule): ValueSyntax {
  const firstArgument = (call: Node): Node | undefined => {
    const argumentList = call.childForFieldName("arguments");
    return argumentList?.type === "argument_list" ? callArguments(argumentList).positional[0] : undefined;
  };
  return {
    literal: stringContent,
    variable: (node) => (node.type === "identifier" && !module.imports.has(node.text) ? node.text : undefined),
    bound: (node) => module.bindings.valueOf(node.text, node.startIndex) ?? node,
    interpolation: (node) =>
      node.type !== "string"
        ? undefined
        : nodes(node.namedChildren)
            .filter((child) => child.type !== "string_start" && child.type !== "string_end")
            .map((child) => (child.type === "interpolation" ? (child.namedChild(0) ?? unresolved(child.text)) : child.text)),
    operands(node) {
      if (node.type === "parenthesized_expression" || node.type === "conditional_expression" || node.type === "boolean_operator") return nodes(node.namedChildren).slice(0, 1);
      if (node.type === "concatenated_string") return nodes(node.namedChildren);
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      return node.type === "binary_operator" && node.childForFieldName("operator")?.text === "+" && left !== null && right !== null ? [left, right] : undefined;
    },
    member: (node) => (node.type === "attribute" ? node.childForFieldName("attribute")?.text : undefined),
    read(node) {
      if (node.type === "subscript") {
        const key = node.childForFieldName("subscript");
        const name = key === null ? undefined : stringContent(module.follow(key));
        const target = node.childForFieldName("value");
        if (name === undefined) return undefined;
        return target !== null && module.qualifiedName(target) === "os.environ" ? { env: name } : { setting: name };
      }
      if (node.type !== "call") return undefined;
      const first = firstArgument(node);
      const name = first === undefined ? undefined : stringContent(module.follow(first));
      if (name === undefined) return undefined;
      const callee = node.childForFieldName("function");
      const qualified = callee === null ? undefined : module.qualifiedName(callee);
      return qualified !== undefined && ENV_READERS.has(qualified) ? { env: name } : { setting: name };
    },
  };
}

/** The call a header dictionary (or its variable) reaches: the dictionary as an argument, or a later call given its variable. */
function requestCall(module: PythonModule, dictionary: Node): Node | undefined {
  let current = dictionary;
  while (current.parent !== null && TRANSPARENT.has(current.parent.type)) current = current.parent;
  const parent = current.parent;
  if (parent?.type === "argument_list") return parent.parent?.type === "call" ? parent.parent : undefined;
  if (parent?.type === "assignment" && parent.childForFieldName("right")?.startIndex === current.startIndex) {
    const target = parent.childForFieldName("left");
    return target?.type === "identifier" ? callGiven(module, target) : undefined;
  }
  return undefined;
}

/** The first call after `variable`'s binding that is given the variable as an argument (`requests.post(url, headers=headers)`). */
function callGiven(module: PythonModule, variable: Node): Node | undefined {
  for (const use of module.identifiers.get(variable.text) ?? []) {
    if (use.startIndex <= variable.startIndex) continue;
    const argument = use.parent?.type === "keyword_argument" && use.parent.childForFieldName("value")?.startIndex === use.startIndex ? use.parent : use;
    if (argument.parent?.type === "argument_list" && argument.parent.parent?.type === "call") return argument.parent.parent;
  }
  return undefined;
}

/** The URL a request call is given: `url=`, else its first positional argument. */
function urlOf(module: PythonModule, values: ValueSyntax, call: Node | undefined): string | undefined {
  const argumentList = call?.childForFieldName("arguments");
  if (argumentList?.type !== "argument_list") return undefined;
  const args = callArguments(argumentList);
  const url = keywordValue(args.keywords.get("url")) ?? args.positional[0];
  return url === undefined ? undefined : expandValue(url, values).text;
}

interface HeaderSite {
  readonly site: Node;
  readonly header: Node;
  readonly value: Node;
  /** The call the header reaches, when the module shows it. */
  readonly call: Node | undefined;
}

function headerSites(module: PythonModule): HeaderSite[] {
  const { parsed } = module;
  const sites: HeaderSite[] = [];
  for (const match of parsed.query(PYTHON_SURFACES.queries.headerEntries).matches(parsed.root)) {
    const capture = (name: string): Node | undefined => match.captures.find((item) => item.name === name)?.node;
    const site = capture("site");
    const header = capture("header");
    const value = capture("value");
    if (site === undefined || header === undefined || value === undefined) continue;
    const target = capture("target");
    let call: Node | undefined;
    if (target !== undefined) call = target.type === "identifier" ? callGiven(module, target) : undefined;
    else if (site.parent !== null) call = requestCall(module, site.parent);
    sites.push({ site, header, value, call });
  }
  return sites;
}

/**
 * Reports each header entry of the module that sends an Azure AI key. `toFile` maps module offsets to
 * the file's (a notebook's JSON); `testFile`: a literal that is not a key is a test double there.
 */
export function reportKeyHeaders(module: PythonModule, findings: UsageFindings, toFile: (offset: number) => number, testFile: boolean): void {
  const values = pythonValues(module);
  for (const { site, header: headerNode, value: valueNode, call } of headerSites(module)) {
    const header = stringContent(headerNode);
    if (header === undefined) continue;
    const value = expandValue(valueNode, values);
    if (testFile && value.names.length === 0 && detectKeys(value.text).length === 0) continue;
    const url = urlOf(module, values, call);
    addKeyHeader(findings, { ruleId: PYTHON_HEADER_RULE.id, header, value, url, start: toFile(site.startIndex), end: toFile(site.endIndex - 1) + 1 }, module.text, "Python", INSTEAD);
  }
}
