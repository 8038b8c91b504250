/**
 * The Python `--fix`: the seed article's own change. `AzureOpenAI(api_key=...)` (or no credential)
 * becomes `AzureOpenAI(azure_ad_token_provider=token_provider)`, with, once per module after its
 * imports, `from azure.identity import DefaultAzureCredential, get_bearer_token_provider`,
 * `cred = DefaultAzureCredential()` and `token_provider = get_bearer_token_provider(cred, scope)`.
 * The async client gets `azure.identity.aio`. Nothing is rewritten when the result could differ from
 * what the user meant (a splat, a key used elsewhere, a name taken): the finding says why instead.
 */
import type { FindingFix, TextEdit } from "../scanner/types.js";
import type { PythonClient } from "./python.js";
import type { PythonModule } from "./python-module.js";
import { COGNITIVE_SERVICES_SCOPE } from "./python-surfaces.js";
import type { Node } from "./tree-sitter.js";

const TOKEN_OPTION = "azure_ad_token_provider";
const PROVIDER = "token_provider";
const CREDENTIAL = "cred";
const IMPORTED = ["DefaultAzureCredential", "get_bearer_token_provider"] as const;

type FixOutcome = FindingFix | string | undefined;

const IMPORT_TYPES = new Set(["import_statement", "import_from_statement", "future_import_statement"]);

/** The module-level statement that holds `node`. */
function topLevelStatement(node: Node): Node {
  let current = node;
  while (current.parent !== null && current.parent.type !== "module") current = current.parent;
  return current;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === "\r" ? newline - 1 : newline;
}

/** Identifier uses of `name` other than the nodes in `except` (ranges). */
function usesOf(module: PythonModule, name: string, except: readonly Node[]): Node[] {
  return (module.identifiers.get(name) ?? []).filter((node) => !except.some((skip) => skip.startIndex <= node.startIndex && node.endIndex <= skip.endIndex));
}

/** `token_provider = get_bearer_token_provider(...)` at module level from the right module: reused, not written again. */
function existingProvider(module: PythonModule, identityModule: string, before: number): Node | undefined {
  for (const node of module.identifiers.get(PROVIDER) ?? []) {
    const assignment = node.parent;
    if (assignment?.type !== "assignment" || assignment.childForFieldName("left")?.startIndex !== node.startIndex) continue;
    if (assignment.parent?.parent?.type !== "module" || assignment.endIndex > before) continue;
    const value = assignment.childForFieldName("right");
    const callee = value?.type === "call" ? value.childForFieldName("function") : null;
    if (callee !== null && module.qualifiedName(callee) === `${identityModule}.get_bearer_token_provider`) return assignment;
  }
  return undefined;
}

interface ModulePlan {
  readonly edits: readonly TextEdit[];
}

/** The module-level edits (import, credential, provider) for clients of one identity module, or why not. */
function planModule(module: PythonModule, identityModule: string, firstStatement: Node): ModulePlan | string {
  const { text } = module;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lastImport = module.parsed.root.namedChildren.filter((node) => IMPORT_TYPES.has(node.type) && node.endIndex <= firstStatement.startIndex).at(-1);
  if (lastImport === undefined) return "no module-level import comes before the client to put the token provider after";
  const insertAt = lineEnd(text, lastImport.endIndex);
  const provider = existingProvider(module, identityModule, firstStatement.startIndex);
  if (provider === undefined && (module.identifiers.get(PROVIDER)?.length ?? 0) > 0) return `the name \`${PROVIDER}\` is already used in this module`;

  // Names to import: those not already imported from the identity module before the insertion point.
  const missing: string[] = [];
  for (const name of provider === undefined ? IMPORTED : []) {
    const imported = module.imports.get(name);
    if (imported?.qualified === `${identityModule}.${name}` && imported.statement.parent?.type === "module" && imported.statement.endIndex <= insertAt) continue;
    if ((module.identifiers.get(name)?.length ?? 0) > 0) return `the name \`${name}\` already means something else in this module`;
    missing.push(name);
  }
  const edits: TextEdit[] = [];
  let block = "";
  if (missing.length > 0) {
    const merge = module.parsed.root.namedChildren.find(
      (node) => node.type === "import_from_statement" && node.childForFieldName("module_name")?.text === identityModule && node.endIndex <= insertAt && !node.text.includes("*"),
    );
    const lastName = merge?.childrenForFieldName("name").at(-1);
    if (lastName !== undefined) {
      const addition = missing.map((name) => `, ${name}`).join("");
      if (lastName.endIndex === insertAt) block += addition;
      else edits.push({ start: lastName.endIndex, end: lastName.endIndex, text: addition });
    } else {
      block += `${eol}from ${identityModule} import ${missing.join(", ")}`;
    }
  }
  if (provider === undefined) {
    // The seed's two lines when `cred` is free; one line otherwise.
    if ((module.identifiers.get(CREDENTIAL)?.length ?? 0) === 0) {
      block += `${eol}${CREDENTIAL} = DefaultAzureCredential()${eol}${PROVIDER} = get_bearer_token_provider(${CREDENTIAL}, "${COGNITIVE_SERVICES_SCOPE}")`;
    } else {
      block += `${eol}${PROVIDER} = get_bearer_token_provider(DefaultAzureCredential(), "${COGNITIVE_SERVICES_SCOPE}")`;
    }
  }
  if (block.length > 0) edits.push({ start: insertAt, end: insertAt, text: block });
  return { edits };
}

/** The edit inside the call: the key argument replaced, or the token argument added. */
function callEdit(module: PythonModule, client: PythonClient): TextEdit {
  const { text } = module;
  const argument = client.keyArgument;
  if (argument !== undefined) {
    const name = argument.childForFieldName("name");
    const value = argument.childForFieldName("value");
    const separator = name !== null && value !== null ? text.slice(name.endIndex, value.startIndex) : "=";
    return { start: argument.startIndex, end: argument.endIndex, text: `${TOKEN_OPTION}${separator}${PROVIDER}` };
  }
  const argumentList = client.call.childForFieldName("arguments");
  const items = argumentList?.namedChildren.filter((node) => node.type !== "comment") ?? [];
  const firstKeyword = items.find((node) => node.type === "keyword_argument");
  if (firstKeyword !== undefined) {
    // Before the first keyword argument, in the call's own layout: its own line when the arguments have theirs.
    const lineStart = text.lastIndexOf("\n", firstKeyword.startIndex - 1) + 1;
    const indent = text.slice(lineStart, firstKeyword.startIndex);
    const separator = /^[ \t]*$/.test(indent) ? `,${text.includes("\r\n") ? "\r\n" : "\n"}${indent}` : ", ";
    return { start: firstKeyword.startIndex, end: firstKeyword.startIndex, text: `${TOKEN_OPTION}=${PROVIDER}${separator}` };
  }
  const last = items.at(-1);
  if (last !== undefined) return { start: last.endIndex, end: last.endIndex, text: `, ${TOKEN_OPTION}=${PROVIDER}` };
  const open = argumentList?.startIndex ?? client.call.endIndex - 2;
  return { start: open + 1, end: open + 1, text: `${TOKEN_OPTION}=${PROVIDER}` };
}

const DESCRIPTION = {
  "sync-token-provider": `authenticate with Microsoft Entra ID: ${TOKEN_OPTION}=get_bearer_token_provider(DefaultAzureCredential(), "${COGNITIVE_SERVICES_SCOPE}") from azure.identity`,
  "async-token-provider": `authenticate with Microsoft Entra ID: ${TOKEN_OPTION}=get_bearer_token_provider(DefaultAzureCredential(), "${COGNITIVE_SERVICES_SCOPE}") from azure.identity.aio`,
} as const;

/**
 * One outcome per client, in order: undefined for clients the fix does not cover, a reason string
 * when it cannot be sure, else the edits. Module-level edits are identical across a module's clients,
 * so `--fix` applies them once.
 */
export function planModuleFixes(module: PythonModule, clients: readonly PythonClient[], notebook: boolean): FixOutcome[] {
  const kinds = new Set(clients.map((client) => client.surface.fix).filter((kind) => kind !== undefined));
  const plans = new Map<string, ModulePlan | string>();
  for (const kind of kinds) {
    const identityModule = kind === "async-token-provider" ? "azure.identity.aio" : "azure.identity";
    const first = clients.filter((client) => client.surface.fix === kind).map((client) => topLevelStatement(client.call))[0];
    if (first !== undefined) plans.set(kind, planModule(module, identityModule, first));
  }
  return clients.map((client): FixOutcome => {
    const kind = client.surface.fix;
    if (kind === undefined) return undefined;
    if (notebook) return "--fix does not rewrite notebooks";
    if (kinds.size > 1 && kind === "async-token-provider") return "the module also has a sync client; give the async one an `azure.identity.aio` provider under another name by hand";
    if (client.arguments.splat) return "a `**` splat may carry a key or a token provider";
    if (client.source.kind !== "absent" && client.source.kind !== "literal" && client.source.kind !== "env" && client.source.kind !== "config" && client.source.kind !== "unknown") return "its key is not one the fix understands";
    // A key held in a variable that something else also reads: the key stays needed after the fix.
    const value = client.keyArgument?.childForFieldName("value");
    if (value?.type === "identifier") {
      const others = usesOf(module, value.text, [value]).filter((node) => {
        const parent = node.parent;
        return !(parent?.type === "assignment" && parent.childForFieldName("left")?.startIndex === node.startIndex);
      });
      if (others.length > 0) return `\`${value.text}\` is also used elsewhere in this module`;
    }
    const plan = plans.get(kind);
    if (plan === undefined) return undefined;
    if (typeof plan === "string") return plan;
    return { edits: [...plan.edits, callEdit(module, client)], description: DESCRIPTION[kind] };
  });
}
