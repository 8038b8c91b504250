/**
 * PowerShell scripts (tree-sitter-powershell): `Invoke-RestMethod` / `Invoke-WebRequest` (and their
 * aliases) whose `-Headers` send a key header, .NET header collections given one, `curl.exe -H`, and
 * key listings (`az cognitiveservices account keys list`, `Get-AzCognitiveServicesAccountKey`) whose
 * output the script keeps. Headers are read from a hashtable literal, a variable bound to one (with
 * entries added to it later), or a splatted hashtable's `Headers`; values are expanded through the
 * script's own variables, and `$env:NAME` is an environment variable unless the script sets it.
 * Whether a header carries an Azure AI key is requests.ts's call, as for shell and `.http` files.
 */
import type { DetectedFinding } from "../../scanner/detectors/types.js";
import { POWERSHELL_HEADER_RULE, POWERSHELL_LISTING_RULE, TOKEN_COMMAND } from "./descriptor.js";
import { SameFileBindings } from "../bindings.js";
import { UsageFindings } from "../findings.js";
import type { ExpandedValue } from "../requests.js";
import { endpointOf, Expansion, headerUse, isJudgedHeader, keyHeaderEvidence, keyHeaderMessage, keySourceOf, MAX_EXPANSION_DEPTH } from "../requests.js";
import { readClientWords } from "../shell/detector.js";
import type { Node } from "../tree-sitter.js";
import { nodes, parseSource } from "../tree-sitter.js";
import type { PowerShellHttpCmdlet } from "./surfaces.js";
import {
  DOTNET_HEADER_COLLECTIONS,
  FILE_WRITERS,
  POWERSHELL_HTTP_CMDLETS,
  POWERSHELL_KEY_LISTINGS,
  POWERSHELL_NATIVE_CLIENTS,
  POWERSHELL_QUERIES,
  POWERSHELL_SCOPES,
} from "./surfaces.js";

const INSTEAD = `Send \`Authorization = "Bearer $token"\` with a Microsoft Entra ID token instead (\`$token = ${TOKEN_COMMAND}\`).`;

/** Node types that only wrap one expression (PowerShell's grammar nests every operator level). */
const WRAPPERS = new Set([
  "pipeline",
  "pipeline_chain",
  "left_assignment_expression",
  "logical_expression",
  "bitwise_expression",
  "comparison_expression",
  "additive_expression",
  "multiplicative_expression",
  "format_expression",
  "range_expression",
  "array_literal_expression",
  "unary_expression",
  "parenthesized_expression",
  "key_expression",
  "string_literal",
  "script_parameter_default",
  "argument_expression",
  "logical_argument_expression",
  "bitwise_argument_expression",
  "comparison_argument_expression",
  "additive_argument_expression",
  "multiplicative_argument_expression",
  "format_argument_expression",
  "range_argument_expression",
]);

/** The expression inside a chain of wrappers; a cast (`[ordered]@{...}`) counts as its operand. */
function inner(node: Node): Node {
  let current = node;
  for (let depth = 0; depth < 64; depth += 1) {
    const children = nodes(current.namedChildren).filter((child) => child.type !== "comment");
    if (current.type === "cast_expression" && children.length > 0) current = children.at(-1)!;
    else if (children.length === 1 && WRAPPERS.has(current.type)) current = children[0]!;
    else return current;
  }
  return current;
}

interface Variable {
  /** The name as written, without `$`, braces or scope (`AZURE_OPENAI_API_KEY`, `apiKey`). */
  readonly written: string;
  /** The binding key: lower case, `env:` kept (`$env:X = ...` sets what `$env:X` reads later). */
  readonly key: string;
  readonly env: boolean;
}

function variableOf(node: Node): Variable | undefined {
  const variable = inner(node);
  if (variable.type !== "variable") return undefined;
  const bare = variable.text.replace(/^[$@]/, "").replace(/^\{([^]*)\}$/, "$1");
  const scoped = /^(env|script|global|local|private|using):(.+)$/i.exec(bare);
  const env = scoped?.[1]?.toLowerCase() === "env";
  const written = scoped?.[2] ?? bare;
  return { written, key: `${env ? "env:" : ""}${written.toLowerCase()}`, env };
}

/** A command's name as PowerShell resolves it: lower case, without a path or `.exe` (`& 'C:\tools\curl.exe'`). */
function commandName(command: Node): string | undefined {
  const name = nodes(command.namedChildren).find((child) => child.type === "command_name" || child.type === "command_name_expr");
  if (name === undefined) return undefined;
  return name.text
    .replace(/^['"]|['"]$/g, "")
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.exe$/i, "")
    .toLowerCase();
}

/** A command's arguments and parameters, without separators and redirections. */
const elementsOf = (command: Node): Node[] =>
  nodes(nodes(command.namedChildren).find((child) => child.type === "command_elements")?.namedChildren ?? []).filter(
    (child) => child.type !== "command_argument_sep" && child.type !== "redirection" && child.type !== "comment",
  );

/** Whether a command writes its output to a file (`> keys.json`, `>> $env:GITHUB_ENV`; not `2>` or `2>&1`). */
const redirectsToFile = (command: Node): boolean =>
  nodes(nodes(command.namedChildren).find((child) => child.type === "command_elements")?.namedChildren ?? []).some(
    (child) => child.type === "redirection" && nodes(child.namedChildren).some((part) => part.type === "file_redirection_operator" && /^[*1]?>>?$/.test(part.text.trim())),
  );

const nameMatches = (written: string, parameter: string): boolean => written === parameter || (written.length >= 3 && parameter.startsWith(written));

interface HeaderEntry {
  readonly name: Node;
  readonly value: Node;
}

export async function detectPowerShell(text: string): Promise<DetectedFinding[]> {
  const parsed = await parseSource("powershell", text);
  try {
    const bindings = new SameFileBindings(parsed.root, parsed.query(POWERSHELL_QUERIES.bindings), POWERSHELL_SCOPES, (node) => variableOf(node)?.key);
    // Entries added to a hashtable variable after its literal: `$h['api-key'] = v`, `$h.'api-key' = v`, `$h.Add('api-key', v)`.
    const addedEntries = new Map<string, HeaderEntry[]>();
    const addEntry = (target: Node, name: Node | undefined, value: Node | undefined): void => {
      const variable = variableOf(target);
      if (variable === undefined || name === undefined || value === undefined) return;
      addedEntries.set(variable.key, [...(addedEntries.get(variable.key) ?? []), { name, value }]);
    };
    for (const match of parsed.query(POWERSHELL_QUERIES.entryAssignments).matches(parsed.root)) {
      const target = match.captures.find((capture) => capture.name === "target")?.node;
      const value = match.captures.find((capture) => capture.name === "value")?.node;
      const access = target === undefined ? undefined : inner(target);
      if (access?.type !== "element_access" && access?.type !== "member_access") continue;
      const [object, key] = nodes(access.namedChildren);
      if (object !== undefined && key !== undefined) addEntry(object, key.type === "member_name" ? nodes(key.namedChildren)[0] : key, value);
    }
    for (const match of parsed.query(POWERSHELL_QUERIES.entryAdds).matches(parsed.root)) {
      const target = match.captures.find((capture) => capture.name === "target")?.node;
      const method = match.captures.find((capture) => capture.name === "method")?.node.text.toLowerCase();
      const args = argumentsOf(match.captures.find((capture) => capture.name === "arguments")?.node);
      if (target !== undefined && method === "add" && args.length === 2) addEntry(target, args[0], args[1]);
    }

    /** A value's text with the script's variables expanded, and every variable read on the way. */
    const expand = (node: Node, depth = 0): ExpandedValue => {
      const expansion = new Expansion();
      const visit = (raw: Node): string => {
        const current = inner(raw);
        switch (current.type) {
          case "variable": {
            const variable = variableOf(current);
            if (variable === undefined) return current.text;
            const value = depth < MAX_EXPANSION_DEPTH ? bindings.valueOf(variable.key, current.startIndex) : undefined;
            return expansion.variable(variable.written, current.text, value === undefined ? undefined : expand(value, depth + 1), variable.env);
          }
          case "expandable_string_literal":
          case "expandable_here_string_literal": {
            // The literal parts as written, each `$name` / `$(...)` inside replaced by its expansion.
            let result = "";
            let at = current.startIndex;
            for (const part of nodes(current.namedChildren)) {
              result += text.slice(at, part.startIndex) + visit(part);
              at = part.endIndex;
            }
            result += text.slice(at, current.endIndex);
            return current.type === "expandable_string_literal" ? result.slice(1, -1) : result.replace(/^@"\r?\n?/, "").replace(/\r?\n?"@$/, "");
          }
          case "additive_expression": {
            // `$Endpoint + $route`: strings joined; any other sum stays as written.
            const [left, right] = nodes(current.namedChildren);
            const operator = left === undefined || right === undefined ? "" : text.slice(left.endIndex, right.startIndex).trim();
            return operator === "+" ? visit(left!) + visit(right!) : current.text;
          }
          case "verbatim_string_characters":
            return current.text.slice(1, -1).replaceAll("''", "'");
          case "verbatim_here_string_characters":
            return current.text.replace(/^@'\r?\n?/, "").replace(/\r?\n?'@$/, "");
          case "sub_expression":
          case "member_access":
          case "element_access": {
            // `$config.AzureOpenAIKey`, `$settings['ApiKey']`, `$($token)`: the names read say where the value comes from.
            if (current.type !== "sub_expression") expansion.name(current.text.replace(/^\$/, ""));
            for (const part of nodes(current.namedChildren)) {
              if (part.type === "member_name") expansion.name(part.text.replace(/^['"]|['"]$/g, ""));
              else visit(part);
            }
            return current.text;
          }
          default:
            return current.text;
        }
      };
      return expansion.value(visit(node));
    };

    /** The entries of a headers value: a hashtable literal, or a variable bound to one plus what was added to it. */
    const entriesOf = (node: Node | undefined, depth = 0): HeaderEntry[] => {
      if (node === undefined || depth > 8) return [];
      const value = inner(node);
      if (value.type === "hash_literal_expression") {
        const body = nodes(value.namedChildren).find((child) => child.type === "hash_literal_body");
        return nodes(body?.namedChildren ?? [])
          .filter((entry) => entry.type === "hash_entry")
          .flatMap((entry) => {
            const [name, entryValue] = nodes(entry.namedChildren);
            return name === undefined || entryValue === undefined ? [] : [{ name, value: entryValue }];
          });
      }
      const variable = variableOf(value);
      if (variable === undefined) return [];
      // Every hashtable the variable may hold here: `if ($useKey) { $h = @{ 'api-key' = ... } } else { $h = @{ Authorization = ... } }`.
      const held = bindings.valuesOf(variable.key, value.startIndex).flatMap((bound) => entriesOf(bound, depth + 1));
      return [...held, ...(addedEntries.get(variable.key) ?? [])];
    };

    const findings = new UsageFindings("PowerShell");
    const report = (site: Node, client: string, header: string, value: ExpandedValue, url: string | undefined): void => {
      if (!isJudgedHeader(header, value.text)) return;
      const use = headerUse(header, value, url);
      const evidence = keyHeaderEvidence(use, text);
      if (evidence === undefined) return;
      findings.add({
        ruleId: POWERSHELL_HEADER_RULE.id,
        message: keyHeaderMessage(use, evidence, INSTEAD),
        client: `${client} ${header.toLowerCase() === "authorization" ? "Authorization: Bearer" : header} header (PowerShell)`,
        keySource: keySourceOf(use),
        endpoint: endpointOf(use),
        start: site.startIndex,
        end: site.endIndex,
        identity: `${client}|${header.toLowerCase()}|${url ?? ""}`,
      });
    };

    for (const { node: command } of parsed.query(POWERSHELL_QUERIES.commands).captures(parsed.root)) {
      const name = commandName(command);
      if (name === undefined) continue;
      const elements = elementsOf(command);
      const words = elements.map((element) => expand(element));
      const listing = POWERSHELL_KEY_LISTINGS.find((row) => row.command === name && row.words.every((word, index) => words[index]?.text.toLowerCase() === word));
      if (listing !== undefined) {
        if (isKept(command)) {
          findings.add({
            ruleId: POWERSHELL_LISTING_RULE.id,
            message: `\`${listing.client.replace(/ \(PowerShell\)$/, "")}\` fetches the resource's API key, and the script keeps it (a variable or a file): what uses it authenticates with a key. Get a Microsoft Entra ID token with \`Get-AzAccessToken -ResourceUrl https://cognitiveservices.azure.com\` or \`az account get-access-token --resource https://cognitiveservices.azure.com\` instead, or give the app a managed identity.`,
            client: listing.client,
            keySource: listing.client.replace(/ \(PowerShell\)$/, ""),
            start: command.startIndex,
            end: command.endIndex,
            identity: `listing|${command.text.replace(/\s+/g, " ")}`,
          });
        }
        continue;
      }
      for (const cmdlet of POWERSHELL_HTTP_CMDLETS.filter((row) => row.names.includes(name))) {
        const { headers, uri } = readCmdlet(cmdlet, elements, (node) => entriesOf(node));
        const url = uri === undefined ? undefined : expand(uri).text;
        for (const entry of entriesOf(headers)) report(command, cmdlet.cmdlet, expand(entry.name).text, expand(entry.value), url);
      }
      const native = POWERSHELL_NATIVE_CLIENTS.find((client) => client.command === name);
      if (native !== undefined) {
        const { url, headers } = readClientWords(native, words);
        for (const { header, value } of headers) report(command, `${native.command}`, header, value, url);
      }
    }

    // `$client.DefaultRequestHeaders.Add('api-key', $key)`: the request's URL is not in sight.
    for (const match of parsed.query(POWERSHELL_QUERIES.invocations).matches(parsed.root)) {
      const target = match.captures.find((capture) => capture.name === "target")?.node;
      const method = match.captures.find((capture) => capture.name === "method")?.node.text.toLowerCase() ?? "";
      const invocation = match.captures.find((capture) => capture.name === "invocation")?.node;
      const member = target === undefined ? undefined : nodes(target.namedChildren).find((child) => child.type === "member_name")?.text;
      if (invocation === undefined || member === undefined) continue;
      if (!(DOTNET_HEADER_COLLECTIONS.members as readonly string[]).includes(member.toLowerCase())) continue;
      if (!(DOTNET_HEADER_COLLECTIONS.methods as readonly string[]).includes(method)) continue;
      const [header, value] = argumentsOf(match.captures.find((capture) => capture.name === "arguments")?.node);
      if (header !== undefined && value !== undefined) report(invocation, `.NET ${member}`, expand(header).text, expand(value), undefined);
    }
    return findings.list();
  } finally {
    parsed.dispose();
  }
}

/** The arguments of a method call (`.Add('api-key', $key)`). */
function argumentsOf(list: Node | undefined): Node[] {
  const expressions = nodes(list?.namedChildren ?? []).find((child) => child.type === "argument_expression_list");
  return nodes(expressions?.namedChildren ?? []).filter((child) => child.type === "argument_expression");
}

/**
 * A web cmdlet's `-Headers` and `-Uri` (also the first positional argument), through parameter
 * abbreviations (`-Head`), `-Name:value`, and a splatted hashtable (`Invoke-RestMethod @params`).
 */
function readCmdlet(cmdlet: PowerShellHttpCmdlet, elements: readonly Node[], entriesOf: (node: Node) => HeaderEntry[]): { headers?: Node; uri?: Node } {
  const found: { headers?: Node; uri?: Node } = {};
  const take = (parameter: string, value: Node | undefined): void => {
    if (value === undefined) return;
    if (nameMatches(parameter, cmdlet.headersParameter)) found.headers ??= value;
    else if (nameMatches(parameter, cmdlet.uriParameter)) found.uri ??= value;
  };
  const switches = cmdlet.switches.map((name) => name.toLowerCase());
  const positional: Node[] = [];
  for (let index = 0; index < elements.length; index += 1) {
    const element = elements[index]!;
    if (element.type === "command_parameter") {
      const parameter = element.text.replace(/^-/, "").replace(/:$/, "").toLowerCase();
      if (switches.some((name) => nameMatches(parameter, name))) continue;
      const next = elements[index + 1];
      if (next !== undefined && next.type !== "command_parameter") {
        take(parameter, next);
        index += 1;
      }
      continue;
    }
    if (inner(element).type === "variable" && inner(element).text.startsWith("@")) {
      for (const entry of entriesOf(element)) take(inner(entry.name).text.replace(/^['"]|['"]$/g, "").toLowerCase(), entry.value);
      continue;
    }
    positional.push(element);
  }
  if (found.uri === undefined && positional[0] !== undefined) found.uri = positional[0];
  return found;
}

/**
 * Whether a listing's output is kept: assigned (`$key = az ...`, `$env:KEY = ...`, `(Get-Az...).Key1`
 * in an assignment), redirected to a file, or handed to a cmdlet that writes one (through a pipeline
 * or a `$(...)` inside an argument). Printed to the console, it is not.
 */
function isKept(command: Node): boolean {
  let child: Node = command;
  for (let current: Node | null = command.parent; current !== null; child = current, current = current.parent) {
    if (current.type === "assignment_expression" && nodes(current.namedChildren)[0]?.id !== child.id) return true;
    if (current.type === "pipeline_chain") {
      const commands = nodes(current.namedChildren).filter((node) => node.type === "command");
      const from = commands.findIndex((node) => node.startIndex >= child.startIndex);
      if (commands.slice(Math.max(from, 0)).some((node) => FILE_WRITERS.includes(commandName(node) ?? "") || redirectsToFile(node))) return true;
    }
    if (current.type === "command" && (FILE_WRITERS.includes(commandName(current) ?? "") || redirectsToFile(current))) return true;
    // A `$(...)` holds statements of its own: its value goes on to the string or argument around it.
    if ((current.type === "statement_list" && current.parent?.type !== "sub_expression") || current.type === "script_block_body" || current.type === "program") break;
  }
  return redirectsToFile(command);
}
