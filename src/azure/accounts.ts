/**
 * Azure AI accounts (`Microsoft.CognitiveServices/accounts`, every kind): listed through Resource
 * Graph, or through Resource Manager one subscription at a time where Resource Graph is refused;
 * read and normalised to one record shape that every report and `readiness` use.
 */
import type { ArmClient } from "./arm.js";
import { AzureRequestError } from "./arm.js";
import { parseAccountId } from "./resource-id.js";
import type { GraphScope } from "./resource-graph.js";
import { queryResourceGraph } from "./resource-graph.js";

/**
 * Microsoft.CognitiveServices api-version for list, GET and PATCH: the management SDK's default
 * (@azure/arm-cognitiveservices 8.x). Newer versions reach sovereign clouds later; `disableLocalAuth`
 * and `customSubDomainName` exist since 2021-04-30.
 */
export const COGNITIVE_API_VERSION = "2025-09-01";
export const SUBSCRIPTIONS_API_VERSION = "2022-12-01";

export type KeyAccess = "enabled" | "disabled";

/** One account, as `audit --format json` prints it. */
export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly kind: string;
  readonly location: string;
  /** `properties.endpoint`; null while an account is being created. */
  readonly endpoint: string | null;
  /** `properties.endpoints`: every API's endpoint (an AIServices account has an openai.azure.com one too). */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Entra ID tokens are only accepted on accounts with one. */
  readonly customSubDomainName: string | null;
  readonly disableLocalAuth: boolean;
  /** Absent `disableLocalAuth` means keys work: the built-in policy tests `notEquals true` too. */
  readonly keyAccess: KeyAccess;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ScopeProblem {
  /** The subscription (or other scope) that could not be read. */
  readonly scope: string;
  readonly code: string;
  readonly message: string;
}

export interface AccountListing {
  readonly accounts: AccountRecord[];
  readonly source: "resource-graph" | "resource-manager";
  /** Why Resource Graph was not used. */
  readonly fallbackReason?: string;
  /** Scopes that could not be listed: the listing is incomplete. */
  readonly problems: ScopeProblem[];
}

export type AccountScope = GraphScope;

const ACCOUNTS_QUERY = [
  "resources",
  "| where type =~ 'microsoft.cognitiveservices/accounts'",
  "| project id, name, kind, location, tags, properties",
  "| order by id asc",
].join("\n");

/** Resource Graph refusals that a per-subscription Resource Manager listing may get past. */
const GRAPH_REFUSED_CODES = new Set(["DisallowedProvider", "RequestDisallowedByPolicy", "AuthorizationFailed", "Forbidden"]);

export async function listAccounts(arm: ArmClient, scope: AccountScope): Promise<AccountListing> {
  const accounts: AccountRecord[] = [];
  try {
    for await (const row of queryResourceGraph(arm, ACCOUNTS_QUERY, scope)) accounts.push(accountFromResource(row));
    return { accounts: sortAccounts(uniqueById(accounts)), source: "resource-graph", problems: [] };
  } catch (error) {
    if (!(error instanceof AzureRequestError) || !(error.status === 403 || error.status === 404 || GRAPH_REFUSED_CODES.has(error.code))) throw error;
    const fallbackReason = `Resource Graph refused the query (${error.code}: ${error.message})`;
    if (scope.managementGroups.length > 0 && scope.subscriptions.length === 0) {
      throw new AzureRequestError(error.status, error.code, `${fallbackReason}; listing a management group without it needs --subscription`, error.requestId);
    }
    return { ...(await listThroughResourceManager(arm, scope.subscriptions)), fallbackReason };
  }
}

async function listThroughResourceManager(arm: ArmClient, subscriptions: readonly string[]): Promise<Omit<AccountListing, "fallbackReason">> {
  const problems: ScopeProblem[] = [];
  let subscriptionIds = [...subscriptions];
  if (subscriptionIds.length === 0) {
    for await (const subscription of arm.list(`/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`)) {
      // Disabled and deleted subscriptions refuse reads; they hold no running account.
      if (typeof subscription.subscriptionId === "string" && subscription.state !== "Disabled" && subscription.state !== "Deleted") {
        subscriptionIds.push(subscription.subscriptionId);
      }
    }
  }
  subscriptionIds = [...new Set(subscriptionIds)];
  const accounts: AccountRecord[] = [];
  for (const subscriptionId of subscriptionIds) {
    try {
      const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.CognitiveServices/accounts?api-version=${COGNITIVE_API_VERSION}`;
      for await (const resource of arm.list(path)) accounts.push(accountFromResource(resource));
    } catch (error) {
      if (!(error instanceof AzureRequestError)) throw error;
      problems.push({ scope: `/subscriptions/${subscriptionId}`, code: error.code, message: error.message });
    }
  }
  return { accounts: sortAccounts(accounts), source: "resource-manager", problems };
}

/** One account read from Resource Manager: the source of truth (Resource Graph lags behind writes). */
export async function getAccount(arm: ArmClient, id: string): Promise<AccountRecord> {
  const response = await arm.request("GET", `${encodeId(id)}?api-version=${COGNITIVE_API_VERSION}`);
  return accountFromResource(response.body as Record<string, unknown>);
}

/** Percent-encodes each segment of a resource id (resource group names allow parentheses and more). */
export function encodeId(id: string): string {
  return id
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/** Normalises a Resource Graph row or a Resource Manager resource (same property names). */
export function accountFromResource(resource: Readonly<Record<string, unknown>>): AccountRecord {
  const id = typeof resource.id === "string" ? resource.id : "";
  const parsed = parseAccountId(id);
  const properties = typeof resource.properties === "object" && resource.properties !== null ? (resource.properties as Record<string, unknown>) : {};
  const disableLocalAuth = properties.disableLocalAuth === true;
  return {
    id,
    name: typeof resource.name === "string" ? resource.name : (parsed?.name ?? ""),
    subscriptionId: parsed?.subscriptionId ?? "",
    resourceGroup: parsed?.resourceGroup ?? "",
    kind: typeof resource.kind === "string" ? resource.kind : "",
    location: typeof resource.location === "string" ? resource.location : "",
    endpoint: nonEmptyString(properties.endpoint),
    endpoints: stringRecord(properties.endpoints),
    customSubDomainName: nonEmptyString(properties.customSubDomainName),
    disableLocalAuth,
    keyAccess: disableLocalAuth ? "disabled" : "enabled",
    tags: stringRecord(resource.tags),
  };
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const record: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === "string") record[key] = item;
  return record;
}

/** A subscription given both by id and through its management group is queried twice; each account counts once. */
function uniqueById(accounts: readonly AccountRecord[]): AccountRecord[] {
  return [...new Map(accounts.map((account) => [account.id.toLowerCase(), account])).values()];
}

/** Reports list accounts by subscription, then name. */
export function sortAccounts(accounts: AccountRecord[]): AccountRecord[] {
  const key = (account: AccountRecord): string => `${account.subscriptionId.toLowerCase()}\u0000${account.name.toLowerCase()}\u0000${account.id.toLowerCase()}`;
  return accounts.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
