/**
 * What readiness needs from each file besides findings, read in the scanner's one pass (pure, so it
 * runs in worker threads too): the account endpoints a file names, the settings that hold an account
 * endpoint (env files, app settings, manifests), and clients that authenticate with Entra ID tokens.
 */
import { basename, posix } from "node:path";

import { readDeclaredAccounts } from "../iac/declared-accounts.js";
import { templateFormat } from "../iac/template-files.js";
import { extractorFor } from "../scanner/extract/index.js";
import type { SourceFragment } from "../scanner/types.js";
import { accountSubdomainsIn, subdomainOf } from "./endpoints.js";
import { lineIndexOf, lineStartsOf } from "../utils/line-index.js";

export type InventoryItem =
  | { readonly kind: "endpoint"; readonly subdomain: string; readonly path: string; readonly line: number }
  | { readonly kind: "setting"; readonly name: string; readonly value: string; readonly path: string; readonly line: number }
  | { readonly kind: "endpoint-setting-read"; readonly name: string; readonly path: string; readonly line: number }
  | { readonly kind: "keyless"; readonly construct: string; readonly path: string; readonly line: number }
  | {
      readonly kind: "template-account";
      readonly symbol: string;
      readonly name?: string;
      readonly subdomain?: string;
      readonly keyAccess?: "enabled" | "disabled";
      /** A local module call: the repository path of the module it deploys (a file in Bicep, a folder in Terraform). */
      readonly module?: string;
      readonly path: string;
      readonly line: number;
    }
  | { readonly kind: "template-binding"; readonly name: string; readonly accountSymbol: string; readonly path: string; readonly line: number };

/**
 * Byte words that make a file worth an inventory: an account host, or a token-provider construct.
 * Settings files are read whole (they are small and name endpoints without these words only through
 * references).
 */
const INVENTORY_TRIGGERS = [".azure.com", "TokenProvider", "token_provider", "DefaultAzureCredential", "ManagedIdentityCredential", "use_azure_ad", "ENDPOINT"].map(
  (word) => Buffer.from(word, "latin1"),
);

/** The longest trigger word in bytes: a file read in chunks overlaps them by one byte less. */
export const INVENTORY_TRIGGER_SPAN = Math.max(...INVENTORY_TRIGGERS.map((word) => word.length));

/** Whether a file's bytes may hold an inventory item: settings files and templates always, others by trigger word. */
export function mayHoldInventory(path: string, bytes: Buffer): boolean {
  return extractorFor(path) !== undefined || templateFormat(path) !== undefined || INVENTORY_TRIGGERS.some((word) => bytes.includes(word));
}

/** Constructs that mean "this client sends an Entra ID token", as each SDK spells them. */
const KEYLESS_CONSTRUCT =
  /\b(?:(getBearerTokenProvider|get_bearer_token_provider|DefaultAzureCredential|ManagedIdentityCredential)\s*\(|(azureADTokenProvider|azure_ad_token_provider)\s*[:=]|(use_azure_ad)\s*=\s*True)/;

/** Env var names a file reads that look like an endpoint setting (`AZURE_OPENAI_ENDPOINT`). */
const ENDPOINT_SETTING_NAME = /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:ENDPOINT|BASE|HOST|URL|URI|API_BASE))\b/g;

/** Code files whose endpoint-ish names and keyless constructs count; config and docs do not. */
const CODE_EXTENSION = /\.(?:[cm]?[jt]sx?|py|ipynb|cs|java|go|ps1|sh|bash)$/i;

/** Symbols are scoped to their file: two templates may both call their account `openai`. */
export function templateSymbol(path: string, symbol: string): string {
  return `${path}#${symbol}`;
}

/** An account name or subdomain as written literally; expressions (`'${prefix}-ai'`) identify nothing. */
const LITERAL_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

function endpointOf(symbol: string): RegExp {
  // Symbols are identifiers; Terraform's are qualified by their resource type (`azurerm_cognitive_account.ai`).
  return new RegExp(`(?:^|[^\\w.]|azurerm_\\w+\\.)${symbol}\\.[\\w.]*endpoint`, "i");
}

/**
 * Accounts a template declares, and outputs that hand out an account's endpoint (the azd pattern:
 * `output AZURE_OPENAI_ENDPOINT string = openai.properties.endpoint` becomes the app's env var).
 * Templates with several files per folder are read one file at a time; a file that is no template says nothing.
 */
async function templateInventory(path: string, text: string, companions: ReadonlyMap<string, string> | undefined): Promise<InventoryItem[]> {
  // Companions: parameters files beside a template, a Terraform module's other .tf files (variables.tf).
  const { accounts, outputs } = await readDeclaredAccounts(path, text, companions);
  const items: InventoryItem[] = [];
  const symbols = new Set<string>();
  for (const account of accounts) {
    if (account.symbol === undefined) continue;
    symbols.add(account.symbol);
    const name = account.name !== undefined && LITERAL_NAME.test(account.name) ? account.name : undefined;
    const subdomain = account.customSubDomainName !== undefined && LITERAL_NAME.test(account.customSubDomainName) ? account.customSubDomainName.toLowerCase() : undefined;
    items.push({
      kind: "template-account",
      symbol: templateSymbol(path, account.symbol),
      ...(name === undefined ? {} : { name }),
      ...(subdomain === undefined ? {} : { subdomain }),
      ...(account.keyAccess === "unknown" ? {} : { keyAccess: account.keyAccess }),
      ...(account.module === undefined ? {} : { module: posix.join(posix.dirname(path), account.module) }),
      path,
      line: account.line,
    });
  }
  for (const output of outputs) {
    // `openai.properties.endpoint`, `openAi.outputs.endpoint`, also inside a condition (`create ? openAi.outputs.endpoint : endpoint`).
    const account = [...symbols].find((candidate) => endpointOf(candidate).test(output.value));
    if (account === undefined) continue;
    items.push({ kind: "template-binding", name: output.name, accountSymbol: templateSymbol(path, account), path, line: output.line });
  }
  return items;
}

export async function inventoryOf(fragment: SourceFragment): Promise<InventoryItem[]> {
  const { path, text } = fragment;
  const items: InventoryItem[] = [];
  const starts = lineStartsOf(text);
  const firstLine = (fragment.firstLine ?? 1) - 1;
  const subdomains = accountSubdomainsIn(text);
  for (const subdomain of subdomains) {
    const offset = text.toLowerCase().indexOf(`${subdomain}.`);
    items.push({ kind: "endpoint", subdomain, path, line: firstLine + lineIndexOf(starts, Math.max(0, offset)) + 1 });
  }
  const extractor = extractorFor(path);
  if (extractor !== undefined) {
    for (const value of extractor(text)) {
      const reference = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.text.trim());
      if (!reference && subdomainOf(value.text) === undefined) continue;
      const [inner, outer] = value.names;
      if (inner === undefined) continue;
      const line = firstLine + lineIndexOf(starts, value.start) + 1;
      // .NET reads `{"AzureOpenAI": {"Endpoint": ...}}` as `AzureOpenAI:Endpoint`, env vars as `AzureOpenAI__Endpoint`.
      const names = outer === undefined ? [inner] : [inner, `${outer}:${inner}`, `${outer}__${inner}`];
      for (const name of names) items.push({ kind: "setting", name, value: value.text.trim(), path, line });
    }
  }
  if (CODE_EXTENSION.test(basename(path))) {
    const seen = new Set<string>();
    for (const match of text.matchAll(ENDPOINT_SETTING_NAME)) {
      if (seen.has(match[1]!)) continue;
      seen.add(match[1]!);
      items.push({ kind: "endpoint-setting-read", name: match[1]!, path, line: firstLine + lineIndexOf(starts, match.index) + 1 });
    }
    const construct = KEYLESS_CONSTRUCT.exec(text);
    const name = construct === null ? undefined : (construct[1] ?? construct[2] ?? construct[3]);
    if (construct !== null && name !== undefined) items.push({ kind: "keyless", construct: name, path, line: firstLine + lineIndexOf(starts, construct.index) + 1 });
  }
  if (templateFormat(path) !== undefined) items.push(...(await templateInventory(path, text, fragment.companions)));
  return items;
}
