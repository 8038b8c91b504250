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
import { callArguments, keywordValue, stringContent } from "./python-module.js";
import { PYTHON_HEADER_RULE } from "./python-descriptor.js";
import { PYTHON_SURFACES } from "./python-surfaces.js";
import type { ExpandedValue } from "./requests.js";
import { endpointOf, Expansion, headerUse, isJudgedHeader, keyHeaderEvidence, keyHeaderMessage, keySourceOf, MAX_EXPANSION_DEPTH, unresolved } from "./requests.js";
import type { Node } from "./tree-sitter.js";

const INSTEAD =
  'Send `Authorization: Bearer` with a token from `get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")()` (azure.identity) instead.';

/** Calls that read an environment variable by name (their first argument). */
const ENV_READERS = new Set(["os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop"]);

/** Nodes a header dictionary passes through on its way to a call or a variable (`({...} if key else {...})`). */
const TRANSPARENT = new Set(["parenthesized_expression", "conditional_expression", "boolean_operator", "keyword_argument"]);

/**
 * An expression's text with the module's own variables expanded, and every name read on the way:
 * variables, settings attributes (`DefaultConfig.SPEECH_KEY`), `os.getenv("NAME")` (an env var) and
 * `config["NAME"]`. A variable the module does not bind, and an f-string's part that cannot be
 * resolved, stay as `{name}`, so a host templated on one (`f"https://{region}.api.cognitive.microsoft.com"`)
 * reads as a templated host, not as a host named after the variable.
 */
function expand(module: PythonModule, node: Node, depth = 0): ExpandedValue {
  const expansion = new Expansion();
  const visit = (current: Node): string => {
    switch (current.type) {
      case "parenthesized_expression":
      case "conditional_expression":
      case "boolean_operator": {
        const first = current.namedChild(0);
        return first === null ? current.text : visit(first);
      }
      case "identifier": {
        if (module.imports.has(current.text)) return unresolved(current.text);
        const bound = depth < MAX_EXPANSION_DEPTH ? module.bindings.valueOf(current.text, current.startIndex) : undefined;
        const value = bound === undefined || bound.startIndex === current.startIndex ? undefined : expand(module, bound, depth + 1);
        return expansion.variable(current.text, unresolved(current.text), value, false);
      }
      case "string": {
        const literal = stringContent(current);
        if (literal !== undefined) return literal;
        return current.namedChildren
          .map((child) => {
            if (child === null) return "";
            if (child.type !== "interpolation") return child.type === "string_start" || child.type === "string_end" ? "" : child.text;
            const expression = child.namedChild(0);
            return expression === null ? unresolved(child.text) : visit(expression);
          })
          .join("");
      }
      case "concatenated_string":
        return current.namedChildren.map((child) => (child === null ? "" : visit(child))).join("");
      case "binary_operator": {
        const left = current.childForFieldName("left");
        const right = current.childForFieldName("right");
        return current.childForFieldName("operator")?.text === "+" && left !== null && right !== null ? visit(left) + visit(right) : current.text;
      }
      case "attribute": {
        const attribute = current.childForFieldName("attribute")?.text;
        if (attribute !== undefined) expansion.name(attribute);
        return unresolved(current.text);
      }
      case "subscript": {
        const key = current.childForFieldName("subscript");
        const name = key === null ? undefined : stringContent(module.follow(key));
        const target = current.childForFieldName("value");
        if (name === undefined) return unresolved(current.text);
        if (target !== null && module.qualifiedName(target) === "os.environ") return expansion.variable(name, unresolved(name), undefined, true);
        expansion.name(name);
        return unresolved(current.text);
      }
      case "call": {
        const callee = current.childForFieldName("function");
        const argumentList = current.childForFieldName("arguments");
        const first = argumentList?.type === "argument_list" ? callArguments(argumentList).positional[0] : undefined;
        const name = first === undefined ? undefined : stringContent(module.follow(first));
        if (name === undefined) return unresolved(current.text);
        const qualified = callee === null ? undefined : module.qualifiedName(callee);
        if (qualified !== undefined && ENV_READERS.has(qualified)) return expansion.variable(name, unresolved(name), undefined, true);
        // `config("KEY")`, `secrets.get("KEY")`: a named setting.
        expansion.name(name);
        return unresolved(current.text);
      }
      default:
        return unresolved(current.text);
    }
  };
  return expansion.value(visit(node));
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
function urlOf(module: PythonModule, call: Node | undefined): string | undefined {
  const argumentList = call?.childForFieldName("arguments");
  if (argumentList?.type !== "argument_list") return undefined;
  const args = callArguments(argumentList);
  const url = keywordValue(args.keywords.get("url")) ?? args.positional[0];
  return url === undefined ? undefined : expand(module, url).text;
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
  for (const { site, header: headerNode, value: valueNode, call } of headerSites(module)) {
    const header = stringContent(headerNode);
    if (header === undefined) continue;
    const value = expand(module, valueNode);
    if (!isJudgedHeader(header, value.text)) continue;
    if (testFile && value.names.length === 0 && detectKeys(value.text).length === 0) continue;
    const use = headerUse(header, value, urlOf(module, call));
    const evidence = keyHeaderEvidence(use, module.text);
    if (evidence === undefined) continue;
    const keySource = keySourceOf(use);
    const endpoint = endpointOf(use);
    const bearer = header.trim().toLowerCase() === "authorization";
    findings.add({
      ruleId: PYTHON_HEADER_RULE.id,
      message: keyHeaderMessage(use, evidence, INSTEAD),
      client: `${bearer ? "Authorization: Bearer" : header.trim()} header (Python)`,
      keySource,
      endpoint,
      start: toFile(site.startIndex),
      end: toFile(site.endIndex - 1) + 1,
      identity: `header|${header.trim().toLowerCase()}|${keySource}|${endpoint ?? ""}`,
    });
  }
}
