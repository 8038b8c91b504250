/**
 * Builds the estate from what the scanner found (findings and per-file inventory), what templates
 * declare, and what Azure lists: every source turned into sightings of accounts, clients and settings.
 */
import type { Finding } from "../scanner/types.js";
import { isTestPath } from "../utils/test-path.js";
import type { InventoryItem } from "./inventory.js";
import { templateSymbol } from "./inventory.js";
import type { AccountSighting, ClientSighting, Estate, Place, SettingValue } from "./types.js";

/** An account a template declares, as the IaC readers see it. */
export interface TemplateAccount {
  readonly symbol: string;
  readonly name?: string;
  readonly subdomain?: string;
  readonly kind?: string;
  readonly keyAccess?: "enabled" | "disabled";
  readonly place: Place;
}

/** A template output or app setting bound to a declared account's endpoint (the azd pattern). */
export interface TemplateBinding extends Place {
  /** The setting or output name, e.g. `AZURE_OPENAI_ENDPOINT`. */
  readonly name: string;
  readonly accountSymbol: string;
}

/** A live account, as `aoai-keyless audit` lists it. */
export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly endpoint: string | null;
  readonly customSubDomainName: string | null;
  readonly keyAccess: "enabled" | "disabled";
}

export interface EstateSources {
  readonly findings: readonly Finding[];
  readonly inventory: readonly InventoryItem[];
  readonly templateAccounts?: readonly TemplateAccount[];
  readonly templateBindings?: readonly TemplateBinding[];
  readonly liveAccounts?: readonly LiveAccount[];
}

/** One line for a finding's fix: its own fix, or the tool that fixes its category. */
function fixOf(finding: Finding): string {
  if (finding.category === "leak") return "Revoke the key (regenerate it on the account) and remove it from the repository and its history";
  if (finding.fix !== undefined) return `${finding.fix.description} (aoai-key-scan --fix)`;
  if (finding.category === "usage" && (finding.language === "JavaScript" || finding.language === "TypeScript")) return "eslint --fix with eslint-plugin-aoai-keyless (no-api-key-client)";
  // Detector messages say what is wrong in their first sentence and what to do instead after it.
  const afterProblem = finding.message.indexOf(". ");
  return afterProblem < 0 ? finding.message : finding.message.slice(afterProblem + 2);
}

function clientOf(finding: Finding): ClientSighting {
  const common = { path: finding.path, line: finding.line, category: finding.category, ruleId: finding.ruleId, keyless: false, fix: fixOf(finding) };
  switch (finding.category) {
    case "usage":
      return { ...common, language: finding.language, description: finding.client, ...(finding.endpoint === undefined ? {} : { endpoint: finding.endpoint }) };
    case "iac":
      return {
        ...common,
        language: finding.language,
        description: `${finding.resourceType}${finding.property === undefined ? "" : ` ${finding.property}`}`,
        ...(finding.account === undefined ? {} : { endpoint: `account:${templateSymbol(finding.path, finding.account)}` }),
      };
    case "leak":
      // A key in a file is no client of any language.
      return { ...common, language: "", description: `leaked ${finding.service} key ${finding.secret}` };
  }
}

/** IaC findings that are about an account's own key access, not a client: they say "keys on", they do not block. */
function isKeyAccessFinding(finding: Finding): boolean {
  return finding.category === "iac" && finding.property !== undefined && /disableLocalAuth|local_auth(?:entication)?_enabled/i.test(finding.property);
}

export function buildEstate(sources: EstateSources): Estate {
  const accounts: AccountSighting[] = [];
  const clients: ClientSighting[] = [];
  const settings: SettingValue[] = [];
  const hostsByPath = new Map<string, string[]>();
  const endpointNamesByPath = new Map<string, string[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };

  // An account declared inside a local module is the account of the module's call: the call passes its key access.
  const deployedByCall = sources.inventory.flatMap((item) => (item.kind === "template-account" && item.module !== undefined ? [item.module] : []));
  const insideCalledModule = (path: string): boolean => deployedByCall.some((module) => path === module || path.startsWith(`${module}/`));
  for (const item of sources.inventory) {
    const place = { path: item.path, line: item.line };
    switch (item.kind) {
      case "endpoint":
        // Tests name mock hosts (`test-openai-service`): they resolve a test's own clients but make no resource.
        if (!isTestPath(item.path)) accounts.push({ source: "code", subdomain: item.subdomain, place });
        push(hostsByPath, item.path, item.subdomain);
        break;
      case "setting":
        settings.push({ name: item.name, value: item.value, ...place });
        break;
      case "endpoint-setting-read":
        push(endpointNamesByPath, item.path, item.name);
        break;
      case "keyless":
        clients.push({ ...place, category: "usage", ruleId: "keyless", language: "", keyless: true, description: item.construct });
        break;
      case "template-account":
        if (insideCalledModule(item.path)) break;
        accounts.push({
          source: "iac",
          symbol: item.symbol,
          place,
          ...(item.name === undefined ? {} : { name: item.name }),
          ...(item.subdomain === undefined ? {} : { subdomain: item.subdomain }),
          ...(item.keyAccess === undefined ? {} : { keyAccess: item.keyAccess }),
        });
        break;
      case "template-binding":
        settings.push({ name: item.name, value: `account:${item.accountSymbol}`, ...place });
        break;
    }
  }
  for (const finding of sources.findings) if (!isKeyAccessFinding(finding)) clients.push(clientOf(finding));
  for (const account of sources.templateAccounts ?? []) {
    accounts.push({
      source: "iac",
      symbol: account.symbol,
      place: account.place,
      ...(account.name === undefined ? {} : { name: account.name }),
      ...(account.subdomain === undefined ? {} : { subdomain: account.subdomain }),
      ...(account.kind === undefined ? {} : { kind: account.kind }),
      ...(account.keyAccess === undefined ? {} : { keyAccess: account.keyAccess }),
    });
  }
  for (const binding of sources.templateBindings ?? []) settings.push({ name: binding.name, value: `account:${binding.accountSymbol}`, path: binding.path, line: binding.line });
  for (const account of sources.liveAccounts ?? []) {
    accounts.push({
      source: "azure",
      id: account.id,
      name: account.name,
      kind: account.kind,
      keyAccess: account.keyAccess,
      ...(account.customSubDomainName === null ? {} : { subdomain: account.customSubDomainName }),
      ...(account.endpoint === null ? {} : { endpoint: account.endpoint }),
    });
  }
  return { accounts, clients, settings, hostsByPath, endpointNamesByPath };
}
