/**
 * Azure Policy at scale: the built-in "Azure AI Services resources should have key access disabled"
 * assigned at a management group, subscription or resource group, and one exemption per account that
 * must keep its keys. Both are read first, so a second run changes nothing and says `unchanged`.
 */
import { encodeId } from "./accounts.js";
import type { ArmClient } from "./arm.js";

export const KEY_ACCESS_POLICY_DEFINITION_ID = "/providers/Microsoft.Authorization/policyDefinitions/71ef260a-8f18-47b7-abcb-62d0673d94dc";
/** At most 24 characters: the limit for assignments at management-group scope. */
export const POLICY_ASSIGNMENT_NAME = "aoai-keyless-no-keys";
export const POLICY_EXEMPTION_NAME = "aoai-keyless-keys-allowed";
/** Stable, in every cloud. */
export const POLICY_ASSIGNMENT_API_VERSION = "2023-04-01";
/** Exemptions reached a stable api-version only in 2026-06-01; the long-standing preview is served in every cloud. */
export const POLICY_EXEMPTION_API_VERSION = "2022-07-01-preview";

export const POLICY_EFFECTS = ["Audit", "Deny"] as const;
export type PolicyEffect = (typeof POLICY_EFFECTS)[number];

export type PolicyAction = "created" | "updated" | "unchanged" | "would-create" | "would-update";

export interface PolicyChange {
  readonly id: string;
  readonly action: PolicyAction;
}

type Properties = Record<string, unknown>;

function propertiesOf(body: unknown): Properties {
  const properties = (body as { properties?: unknown } | undefined)?.properties;
  return typeof properties === "object" && properties !== null ? (properties as Properties) : {};
}

function sameId(a: unknown, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

export function assignmentIdAt(scope: string): string {
  return `${scope.replace(/\/+$/, "")}/providers/Microsoft.Authorization/policyAssignments/${POLICY_ASSIGNMENT_NAME}`;
}

/** Creates or updates the assignment so it enforces `effect`; keeps everything else an admin set on it. */
export async function ensureAssignment(arm: ArmClient, scope: string, effect: PolicyEffect, dryRun: boolean): Promise<PolicyChange> {
  const id = assignmentIdAt(scope);
  const path = `${encodeId(id)}?api-version=${POLICY_ASSIGNMENT_API_VERSION}`;
  const existing = await arm.request("GET", path, { allow: [404] });
  const found = existing.status !== 404;
  const current = propertiesOf(existing.body);
  const currentEffect = (current.parameters as { effect?: { value?: unknown } } | undefined)?.effect?.value ?? "Audit";
  if (found && sameId(current.policyDefinitionId, KEY_ACCESS_POLICY_DEFINITION_ID) && currentEffect === effect && (current.enforcementMode ?? "Default") === "Default") {
    return { id, action: "unchanged" };
  }
  if (dryRun) return { id, action: found ? "would-update" : "would-create" };

  const { scope: _scope, instanceId: _instanceId, ...kept } = current;
  const existingBody = (existing.body ?? {}) as { identity?: unknown; location?: unknown };
  const body = {
    ...(found && existingBody.identity !== undefined ? { identity: existingBody.identity } : {}),
    ...(found && existingBody.location !== undefined ? { location: existingBody.location } : {}),
    properties: {
      displayName: "Azure AI Services resources should have key access disabled",
      description: "Assigned by aoai-keyless enforce --policy: Azure AI accounts authenticate with Microsoft Entra ID, not keys.",
      ...(found ? kept : {}),
      policyDefinitionId: KEY_ACCESS_POLICY_DEFINITION_ID,
      parameters: { ...((found ? kept.parameters : undefined) as Properties | undefined), effect: { value: effect } },
      enforcementMode: "Default",
    },
  };
  await arm.request("PUT", path, { body });
  return { id, action: found ? "updated" : "created" };
}

/** Exempts one account from the assignment (a waiver), with the reason it keeps its keys. */
export async function ensureExemption(arm: ArmClient, accountId: string, assignmentId: string, reason: string, dryRun: boolean): Promise<PolicyChange> {
  const id = `${accountId}/providers/Microsoft.Authorization/policyExemptions/${POLICY_EXEMPTION_NAME}`;
  const path = `${encodeId(id)}?api-version=${POLICY_EXEMPTION_API_VERSION}`;
  const existing = await arm.request("GET", path, { allow: [404] });
  const found = existing.status !== 404;
  const current = propertiesOf(existing.body);
  const description = `Keys stay allowed (aoai-keyless enforce --policy): ${reason}`;
  if (found && sameId(current.policyAssignmentId, assignmentId) && current.exemptionCategory === "Waiver" && current.description === description) {
    return { id, action: "unchanged" };
  }
  if (dryRun) return { id, action: found ? "would-update" : "would-create" };
  await arm.request("PUT", path, {
    body: { properties: { policyAssignmentId: assignmentId, exemptionCategory: "Waiver", displayName: "Key access still allowed", description } },
  });
  return { id, action: found ? "updated" : "created" };
}
