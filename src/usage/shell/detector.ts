/**
 * Shell scripts (tree-sitter-bash): `curl` requests that send a key header, and
 * `az cognitiveservices account keys list` whose output is captured (a variable, a file). The
 * script's own `NAME=value` assignments are expanded into URLs and header values; every other
 * `$NAME` is an environment variable. Whether a header carries an Azure AI key is requests.ts's call,
 * the evidence `no-api-key-header` uses for JavaScript.
 */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { SHELL_HEADER_RULE, SHELL_LISTING_RULE } from "./descriptor.js";
import { SameFileBindings } from "../bindings.js";
import { UsageFindings } from "../findings.js";
import type { ExpandedValue } from "../requests.js";
import { endpointOf, Expansion, headerUse, isJudgedHeader, keyHeaderEvidence, keyHeaderMessage, keySourceOf, MAX_EXPANSION_DEPTH } from "../requests.js";
import type { Node } from "../tree-sitter.js";
import { nodes, parseSource } from "../tree-sitter.js";
import type { ShellHttpClient } from "./surfaces.js";
import { KEY_LISTING, SHELL_HTTP_CLIENTS, SHELL_QUERIES, SHELL_SCOPES } from "./surfaces.js";

const INSTEAD =
  'Send `-H "Authorization: Bearer $(az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)"` instead.';

export async function detectShell(text: string): Promise<DetectedFinding[]> {
  const parsed = await parseSource("bash", text);
  try {
    const bindings = new SameFileBindings(parsed.root, parsed.query(SHELL_QUERIES.bindings), SHELL_SCOPES);
    /** A word's text with the script's own variables expanded; unbound `$NAME`s are env vars. */
    const expand = (node: Node, depth = 0): ExpandedValue => {
      const expansion = new Expansion();
      const visit = (current: Node): string => {
        switch (current.type) {
          case "raw_string":
            return current.text.slice(1, -1);
          case "string_content":
          case "word":
            return current.text;
          case "simple_expansion":
          case "expansion": {
            const variable = nodes(current.namedChildren).find((child) => child.type === "variable_name");
            if (variable === undefined) return current.text;
            const value = depth < MAX_EXPANSION_DEPTH ? bindings.valueOf(variable.text, current.startIndex) : undefined;
            return expansion.variable(variable.text, current.text, value === undefined ? undefined : expand(value, depth + 1), true);
          }
          case "string":
          case "concatenation":
            return nodes(current.namedChildren).map(visit).join("") || current.text.replace(/^"|"$/g, "");
          default:
            return current.text;
        }
      };
      return expansion.value(visit(node));
    };

    const findings = new UsageFindings("Shell");

    for (const { node: command } of parsed.query(SHELL_QUERIES.commands).captures(parsed.root)) {
      const words = nodes(command.children).filter((child) => child.type !== "command_name" && child.type !== "variable_assignment" && child.type !== "file_redirect");
      const name = command.childForFieldName("name")?.text;
      if (name === undefined) continue;
      const expandedWords = words.map((word) => expand(word));
      if (name === KEY_LISTING.command && KEY_LISTING.words.every((word, index) => expandedWords[index]?.text === word)) {
        if (!isCaptured(command)) continue;
        findings.add({
          ruleId: SHELL_LISTING_RULE.id,
          message:
            "`az cognitiveservices account keys list` fetches the resource's API key, and the script keeps it (a variable or a file): what uses it authenticates with a key. Get a Microsoft Entra ID token with `az account get-access-token --resource https://cognitiveservices.azure.com` instead, or give the app a managed identity.",
          client: "az cognitiveservices account keys list (Shell)",
          keySource: "az cognitiveservices account keys list",
          start: command.startIndex,
          end: command.endIndex,
          identity: `listing|${command.text.replace(/\s+/g, " ")}`,
        });
        continue;
      }
      const client = SHELL_HTTP_CLIENTS.find((candidate) => candidate.command === name);
      if (client === undefined) continue;
      const { url, headers } = readClientWords(client, expandedWords);
      for (const { header, value } of headers) {
        if (!isJudgedHeader(header, value.text)) continue;
        const use = headerUse(header, value, url);
        const evidence = keyHeaderEvidence(use, text);
        if (evidence === undefined) continue;
        findings.add({
          ruleId: SHELL_HEADER_RULE.id,
          message: keyHeaderMessage(use, evidence, INSTEAD),
          client: `${client.command} ${header.toLowerCase() === "authorization" ? "Authorization: Bearer" : header} header (Shell)`,
          keySource: keySourceOf(use),
          endpoint: endpointOf(use),
          start: command.startIndex,
          end: command.endIndex,
          identity: `${header.toLowerCase()}|${url ?? ""}`,
        });
      }
    }
    return findings.list();
  } finally {
    parsed.dispose();
  }
}

/** A native HTTP client's request as its words say: the URL and the `-H "Name: value"` headers. */
export function readClientWords(client: ShellHttpClient, words: readonly ExpandedValue[]): { url?: string; headers: { header: string; value: ExpandedValue }[] } {
  let url: string | undefined;
  const headers: { header: string; value: ExpandedValue }[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!.text;
    const headerOption = client.headerOptions.find((option) => word === option || (option.length === 2 && word.startsWith(option) && word.length > 2));
    if (headerOption !== undefined) {
      const valueWord = word === headerOption ? words[++index] : { ...words[index]!, text: word.slice(2) };
      const colon = valueWord?.text.indexOf(":") ?? -1;
      if (valueWord !== undefined && colon > 0) headers.push({ header: valueWord.text.slice(0, colon), value: { ...valueWord, text: valueWord.text.slice(colon + 1).trim() } });
      continue;
    }
    if (client.urlOptions.includes(word)) {
      url = words[++index]?.text;
      continue;
    }
    if (client.valueOptions.includes(word)) {
      index += 1;
      continue;
    }
    if (url === undefined && !word.startsWith("-") && /^[a-z][a-z0-9+.-]*:\/\/|\/openai\//i.test(word)) url = word;
  }
  return url === undefined ? { headers } : { url, headers };
}

/** Whether a command's output is kept: inside `$(...)` or backticks, or its statement writes to a file. */
function isCaptured(command: Node): boolean {
  for (let current: Node | null = command.parent; current !== null; current = current.parent) {
    if (current.type === "command_substitution" || current.type === "process_substitution") return true;
    if (current.type === "redirected_statement" && nodes(current.children).some((child) => child.type === "file_redirect" && /^&?>>?|^\d?>>?/.test(child.text))) return true;
    if (current.type === "program" || current.type === "function_definition") return false;
  }
  return false;
}
