/** Azure resource ids: `/subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}`. */

export interface ParsedResourceId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

const ACCOUNT_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)$/i;

/** The parts of an Azure AI account id; undefined for anything else. */
export function parseAccountId(id: string): ParsedResourceId | undefined {
  const match = ACCOUNT_ID.exec(id);
  if (match === null) return undefined;
  return { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! };
}

export type PolicyScope =
  | { readonly kind: "managementGroup"; readonly id: string; readonly managementGroup: string }
  | { readonly kind: "subscription"; readonly id: string; readonly subscriptionId: string }
  | { readonly kind: "resourceGroup"; readonly id: string; readonly subscriptionId: string; readonly resourceGroup: string };

/** A scope for a policy assignment: management group, subscription or resource group id. */
export function parsePolicyScope(scope: string): PolicyScope | undefined {
  const trimmed = scope.replace(/\/+$/, "");
  let match = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(trimmed);
  if (match !== null) return { kind: "managementGroup", id: trimmed, managementGroup: match[1]! };
  match = /^\/subscriptions\/([^/]+)$/i.exec(trimmed);
  if (match !== null) return { kind: "subscription", id: trimmed, subscriptionId: match[1]! };
  match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i.exec(trimmed);
  if (match !== null) return { kind: "resourceGroup", id: trimmed, subscriptionId: match[1]!, resourceGroup: match[2]! };
  return undefined;
}

/** True when `id` is `scope` or lies under it (ids compare case-insensitively in Azure). */
export function isWithinScope(id: string, scope: string): boolean {
  const lowerId = id.toLowerCase();
  const lowerScope = scope.toLowerCase().replace(/\/+$/, "");
  return lowerId === lowerScope || lowerId.startsWith(`${lowerScope}/`);
}
