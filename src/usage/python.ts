/**
 * The Python usage detector: clients of Azure OpenAI and Azure AI services built with a key, an
 * `AzureKeyCredential`, or no credential where the SDK then reads a key from the environment, and
 * the pre-1.0 `openai` module globals. Import-aware (a class only counts when it comes from the
 * SDK's module), through same-file variables; notebooks are read as one module.
 */
import { detectKeys } from "../detect/index.js";
import type { DetectedFinding } from "../scanner/detectors/types.js";
import type { Confidence } from "../detect/index.js";
import type { SourceFragment } from "../scanner/types.js";
import { UsageFindings } from "./findings.js";
import { notebookModule } from "./notebook.js";
import { planModuleFixes } from "./python-fix.js";
import { reportKeyHeaders } from "./python-headers.js";
import type { CallArguments, ValueSource } from "./python-module.js";
import {
  callArguments,
  describeEndpoint,
  describeSource,
  endpointIsAzure,
  endpointIsGitHub,
  isGitHubSource,
  keywordValue,
  PythonModule,
  valueSource,
} from "./python-module.js";
import { PYTHON_RULE } from "./python-descriptor.js";
import { PYTHON_SURFACES } from "./python-surfaces.js";
import type { ClientSurface } from "./surface.js";
import type { Node } from "./tree-sitter.js";
import { parseSource } from "./tree-sitter.js";
import { isTestPath } from "../utils/test-path.js";

/** A client the detector matched: the row, the call and what its arguments say. */
export interface PythonClient {
  readonly surface: ClientSurface;
  /** The client as users know it: the row's name, or the class itself for a family row (`*Client`). */
  readonly client: string;
  readonly call: Node;
  readonly arguments: CallArguments;
  /** The keyword argument that carries the key, when one does. */
  readonly keyArgument: Node | undefined;
  readonly source: ValueSource;
  /** True when no credential is passed and the SDK reads `envFallback`. */
  readonly fromEnvFallback: boolean;
}

function surfaceFor(qualified: string): ClientSurface | undefined {
  const dot = qualified.lastIndexOf(".");
  const name = qualified.slice(dot + 1);
  return PYTHON_SURFACES.surfaces.find(
    (surface) =>
      (surface.construct === name || (surface.construct === "*Client" && name.endsWith("Client"))) &&
      surface.modules.some((module) => qualified.startsWith(`${module}.`)),
  );
}

function isTrue(module: PythonModule, node: Node | undefined): boolean {
  return node !== undefined && module.follow(node).type === "true";
}

/** The client a call builds, when it is one of the table's and authenticates with a key. */
function readClient(module: PythonModule, call: Node, testFile: boolean): PythonClient | undefined {
  const callee = call.childForFieldName("function");
  const argumentList = call.childForFieldName("arguments");
  if (callee === null || argumentList?.type !== "argument_list") return undefined;
  const qualified = module.qualifiedName(callee);
  const surface = qualified === undefined ? undefined : surfaceFor(qualified);
  if (surface === undefined) return undefined;
  const args = callArguments(argumentList);
  const endpointNode =
    surface.endpointOptions?.map((option) => keywordValue(args.keywords.get(option))).find((node) => node !== undefined) ??
    (surface.endpointArgument === undefined ? undefined : args.positional[surface.endpointArgument]);
  if (endpointNode !== undefined && endpointIsGitHub(module, endpointNode)) return undefined;
  if (surface.requiresAzureEndpoint === true && (endpointNode === undefined || !endpointIsAzure(module, endpointNode))) return undefined;

  let keyArgument: Node | undefined;
  let source: ValueSource = { kind: "absent" };
  if (surface.shape === "credential") {
    const credentialArgument =
      (surface.credentialOption === undefined ? undefined : keywordValue(args.keywords.get(surface.credentialOption))) ??
      (surface.credentialArgument === undefined ? undefined : args.positional[surface.credentialArgument]);
    if (credentialArgument === undefined) return undefined;
    const credential = module.follow(credentialArgument);
    const credentialCallee = credential.type === "call" ? credential.childForFieldName("function") : null;
    const credentialName = credentialCallee === null ? undefined : module.qualifiedName(credentialCallee);
    const isKeyCredential = surface.keyCredentials?.some((key) => key.modules.some((name) => credentialName === `${name}.${key.construct}`)) === true;
    if (!isKeyCredential) return undefined;
    const credentialArguments = credential.childForFieldName("arguments");
    const keyNode = credentialArguments?.type === "argument_list" ? callArguments(credentialArguments).positional[0] ?? keywordValue(callArguments(credentialArguments).keywords.get("key")) : undefined;
    source = keyNode === undefined ? { kind: "unknown" } : valueSource(module, keyNode);
    if (source.kind === "absent") source = { kind: "unknown" };
  } else {
    if (surface.keylessFlag !== undefined && isTrue(module, keywordValue(args.keywords.get(surface.keylessFlag)))) return undefined;
    const keyless = surface.keylessOptions?.some((option) => {
      const value = keywordValue(args.keywords.get(option));
      return value !== undefined && valueSource(module, value).kind !== "absent";
    });
    if (keyless === true) return undefined;
    for (const option of surface.keyOptions ?? []) {
      const argument = args.keywords.get(option);
      const value = keywordValue(argument);
      if (value === undefined) continue;
      keyArgument = argument;
      source = valueSource(module, value);
      if (source.kind !== "absent") break;
    }
    if (source.kind === "keyless") return undefined;
  }
  if (isGitHubSource(source)) return undefined;
  const fromEnvFallback = source.kind === "absent";
  if (fromEnvFallback && (args.splat || surface.envFallback === undefined)) return undefined;
  // A test double: a test file's client given a literal that is not a key (the leak engine reports real ones).
  if (testFile && source.kind === "literal" && detectKeys(source.value).length === 0) return undefined;
  const client = surface.construct.startsWith("*") ? `${qualified ?? surface.construct} (Python)` : surface.client;
  return { surface, client, call, arguments: args, keyArgument, source, fromEnvFallback };
}

function sourcePhrase(source: ValueSource): string {
  switch (source.kind) {
    case "literal":
      return " written in the code";
    case "env":
      return ` from env \`${source.name}\``;
    case "config":
      return ` from setting \`${source.name}\``;
    default:
      return "";
  }
}

interface LegacyAssignment {
  readonly node: Node;
  readonly source: ValueSource;
  readonly endpoint: string | undefined;
}

/** openai < 1.0: `openai.api_type = "azure"` (or an Azure `api_base`) with `openai.api_key = <key>`. */
function legacyGlobals(module: PythonModule): LegacyAssignment[] {
  const legacy = PYTHON_SURFACES.legacyGlobals;
  const types: string[] = [];
  const keys: LegacyAssignment[] = [];
  let azureBase = false;
  let endpoint: string | undefined;
  for (const match of module.parsed.query(PYTHON_SURFACES.queries.attributeAssignments).matches(module.parsed.root)) {
    const capture = (name: string): Node | undefined => match.captures.find((item) => item.name === name)?.node;
    const object = capture("object");
    const attribute = capture("attribute")?.text;
    const value = capture("value");
    const assignment = capture("assignment");
    if (object === undefined || value === undefined || assignment === undefined) continue;
    if (module.imports.get(object.text)?.qualified !== legacy.module) continue;
    if (attribute === legacy.typeAttribute) {
      const source = valueSource(module, value);
      types.push(source.kind === "literal" ? source.value.toLowerCase() : "");
    } else if (attribute === legacy.endpointAttribute) {
      azureBase ||= endpointIsAzure(module, value);
      endpoint ??= describeEndpoint(module, value);
    } else if (attribute === legacy.keyAttribute) {
      keys.push({ node: assignment, source: valueSource(module, value), endpoint: undefined });
    }
  }
  if (types.some((type) => legacy.keylessTypes.includes(type))) return [];
  if (!types.some((type) => legacy.keyTypes.includes(type)) && !azureBase) return [];
  return keys
    .filter(({ source }) => source.kind !== "keyless" && source.kind !== "absent" && !isGitHubSource(source))
    .map((key) => ({ ...key, endpoint }));
}

export interface PythonFinding {
  readonly client: PythonClient;
  /** The fix's edits and description, or why there is none (fixable rows only). */
  readonly fix?: DetectedFinding["fix"];
  readonly noFixReason?: string;
}

export async function detectPython(fragment: SourceFragment): Promise<DetectedFinding[]> {
  const notebook = fragment.path.toLowerCase().endsWith(".ipynb") ? notebookModule(fragment.text) : undefined;
  if (fragment.path.toLowerCase().endsWith(".ipynb") && notebook === undefined) return [];
  const text = notebook?.text ?? fragment.text;
  const toFile = (offset: number): number => notebook?.offsets[offset] ?? offset;
  const parsed = await parseSource(PYTHON_SURFACES.grammar, text);
  try {
    const module = new PythonModule(text, parsed);
    const testFile = isTestPath(fragment.path);
    const clients: PythonClient[] = [];
    for (const capture of parsed.query(PYTHON_SURFACES.queries.calls).captures(parsed.root)) {
      if (capture.name !== "call") continue;
      const client = readClient(module, capture.node, testFile);
      if (client !== undefined) clients.push(client);
    }
    const fixes = planModuleFixes(module, clients, notebook !== undefined);
    const findings = new UsageFindings(PYTHON_SURFACES.language);
    clients.forEach((client, index) => {
      const { surface, source, client: name } = client;
      const endpointNode =
        surface.endpointOptions?.map((option) => keywordValue(client.arguments.keywords.get(option))).find((node) => node !== undefined) ??
        (surface.endpointArgument === undefined ? undefined : client.arguments.positional[surface.endpointArgument]);
      const endpoint = endpointNode === undefined ? (surface.endpointEnv === undefined ? undefined : `env:${surface.endpointEnv}`) : describeEndpoint(module, endpointNode);
      const envName = surface.envFallback?.join("` or `") ?? "";
      const keySource = client.fromEnvFallback ? `env:${surface.envFallback?.[0] ?? ""}` : describeSource(source);
      const what = client.fromEnvFallback
        ? `is given no credential, so the SDK authenticates with the key in \`${envName}\``
        : surface.shape === "credential"
          ? `authenticates with an \`AzureKeyCredential\`${sourcePhrase(source)}`
          : `authenticates with a key${sourcePhrase(source)}`;
      const fix = fixes[index];
      const fixNote =
        fix === undefined
          ? ""
          : typeof fix === "string"
            ? ` No automatic fix: ${fix}.`
            : ` \`aoai-key-scan --fix\` rewrites it.${surface.envTrap === undefined ? "" : ` After the fix, ${surface.envTrap}.`}`;
      const confidence: Confidence = client.fromEnvFallback ? "medium" : "high";
      findings.add({
        ruleId: PYTHON_RULE.id,
        confidence,
        client: name,
        keySource,
        endpoint,
        fix: typeof fix === "string" ? undefined : fix,
        message: `${name} ${what}. Use Microsoft Entra ID: ${surface.advice}.${fixNote}`,
        start: toFile(client.call.startIndex),
        end: toFile(client.call.endIndex - 1) + 1,
        identity: `${name}|${keySource ?? "unknown"}`,
      });
    });
    const legacy = PYTHON_SURFACES.legacyGlobals;
    for (const { node, source, endpoint } of legacyGlobals(module)) {
      const keySource = describeSource(source);
      findings.add({
        ruleId: PYTHON_RULE.id,
        client: legacy.client,
        keySource,
        endpoint,
        message: `${legacy.client} set \`api_type = "azure"\` and authenticate with a key${sourcePhrase(source)}. Use Microsoft Entra ID: ${legacy.advice}.`,
        start: toFile(node.startIndex),
        end: toFile(node.endIndex - 1) + 1,
        identity: `${legacy.client}|${keySource ?? "unknown"}`,
      });
    }
    reportKeyHeaders(module, findings, toFile, testFile);
    return findings.list();
  } finally {
    parsed.dispose();
  }
}
