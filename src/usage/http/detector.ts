/**
 * `.http` / `.rest` files (VS Code REST Client, JetBrains HTTP client): requests separated by `###`,
 * each a request line, headers up to the first blank line, then the body. A line format, read line by
 * line: `@name = value` file variables are expanded into URLs and values, `{{$processEnv NAME}}` and
 * `{{$dotenv NAME}}` are env vars, `#` and `//` lines are comments.
 */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { HTTP_RULE } from "./descriptor.js";
import { UsageFindings } from "../findings.js";
import type { ExpandedValue } from "../requests.js";
import { endpointOf, Expansion, headerUse, MAX_EXPANSION_DEPTH, isJudgedHeader, keyHeaderEvidence, keyHeaderMessage, keySourceOf } from "../requests.js";

const INSTEAD =
  "Send `Authorization: Bearer` with a Microsoft Entra ID token instead (REST Client: `{{$aadV2Token scopes:https://cognitiveservices.azure.com/.default}}`; any client: `az account get-access-token --resource https://cognitiveservices.azure.com`).";

const METHODS = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE";
const REQUEST_LINE = new RegExp(`^\\s*(?:(?:${METHODS})\\s+)?(\\S+)(?:\\s+HTTP/[\\d.]+)?\\s*$`, "i");
const HEADER_LINE = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*?)\s*$/;
const VARIABLE_LINE = /^\s*@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/;
const COMMENT_LINE = /^\s*(?:#|\/\/)/;
const SEPARATOR_LINE = /^\s*###/;
const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const ENV_REFERENCE = /^\$(?:processEnv|dotenv)\s+%?([A-Za-z_][\w.-]*)$/;

interface Line {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    lines.push({ text: content, start, end: start + content.length });
    start += raw.length + 1;
  }
  return lines;
}

/** Expands `{{name}}` with the file's variables, collecting every variable and env var read on the way. */
function expand(text: string, variables: ReadonlyMap<string, string>, depth = 0): ExpandedValue {
  const expansion = new Expansion();
  const expanded = text.replace(REFERENCE, (whole, inner: string) => {
    const env = ENV_REFERENCE.exec(inner);
    if (env !== null) return expansion.variable(env[1]!, whole, undefined, true);
    if (!/^[A-Za-z_][\w.-]*$/.test(inner)) return whole;
    const value = depth < MAX_EXPANSION_DEPTH ? variables.get(inner) : undefined;
    return expansion.variable(inner, whole, value === undefined ? undefined : expand(value, variables, depth + 1), false);
  });
  return expansion.value(expanded);
}

export function detectHttpFile(text: string): DetectedFinding[] {
  const lines = linesOf(text);
  const variables = new Map<string, string>();
  for (const line of lines) {
    const variable = VARIABLE_LINE.exec(line.text);
    if (variable !== null && !variables.has(variable[1]!)) variables.set(variable[1]!, variable[2]!);
  }
  const findings = new UsageFindings("HTTP");
  // Each request: skip to its request line, read its headers up to the first blank line.
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.text.trim() === "" || COMMENT_LINE.test(line.text) || VARIABLE_LINE.test(line.text)) {
      index += 1;
      continue;
    }
    const request = REQUEST_LINE.exec(line.text);
    if (request === null) {
      index += 1;
      continue;
    }
    const requestLine = line;
    let url = request[1]!;
    index += 1;
    // Query continuation lines (`?a=1`, `&b=2`) belong to the URL.
    while (index < lines.length && /^\s*[?&]/.test(lines[index]!.text)) {
      url += lines[index]!.text.trim();
      index += 1;
    }
    const expandedUrl = expand(url, variables).text;
    for (; index < lines.length && lines[index]!.text.trim() !== "" && !SEPARATOR_LINE.test(lines[index]!.text); index += 1) {
      const headerLine = lines[index]!;
      if (COMMENT_LINE.test(headerLine.text)) continue;
      const header = HEADER_LINE.exec(headerLine.text);
      if (header === null || !isJudgedHeader(header[1]!, header[2]!)) continue;
      const value = expand(header[2]!, variables);
      const use = headerUse(header[1]!, value, expandedUrl);
      const evidence = keyHeaderEvidence(use, text);
      if (evidence === undefined) continue;
      findings.add({
        ruleId: HTTP_RULE.id,
        message: keyHeaderMessage(use, evidence, INSTEAD),
        client: `${header[1]!.toLowerCase() === "authorization" ? "Authorization: Bearer" : header[1]!} header (HTTP)`,
        keySource: keySourceOf(use),
        endpoint: endpointOf(use),
        start: requestLine.start + (requestLine.text.length - requestLine.text.trimStart().length),
        end: headerLine.end,
        identity: `${header[1]!.toLowerCase()}|${url}`,
      });
    }
    // The body runs to the next separator: nothing in it is a header.
    while (index < lines.length && !SEPARATOR_LINE.test(lines[index]!.text)) index += 1;
  }
  return findings.list();
}
