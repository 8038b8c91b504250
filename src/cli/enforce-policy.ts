/**
 * `aoai-keyless enforce --policy`: the built-in Azure Policy assigned at a scope, and an exemption for
 * each excluded account in it. Planned with reads first (a dry run of the same calls), so the plan, the
 * confirmation and the second run's `unchanged` all come from what Azure holds.
 */
import type { AccountRecord } from "../azure/accounts.js";
import { listAccounts } from "../azure/accounts.js";
import type { ArmClient } from "../azure/arm.js";
import type { PolicyEffect } from "../azure/policy.js";
import { assignmentIdAt, ensureAssignment, ensureExemption } from "../azure/policy.js";
import type { PolicyScope } from "../azure/resource-id.js";
import { isWithinScope } from "../azure/resource-id.js";
import type { KeylessIo } from "./common.js";
import type { Approval } from "./enforce.js";
import { approveChanges } from "./enforce.js";
import type { Exclusion } from "./exclusions.js";
import { describeExclusion, findExclusion } from "./exclusions.js";
import type { EnforceReport, EnforceResult } from "./report/enforce.js";

export interface PolicyOptions extends Approval {
  readonly scope: PolicyScope;
  readonly effect: PolicyEffect;
  readonly exclusions: readonly Exclusion[];
}

export async function enforcePolicy(arm: ArmClient, options: PolicyOptions, io: KeylessIo): Promise<EnforceReport> {
  const { scope } = options;
  const listing = await listAccounts(
    arm,
    scope.kind === "managementGroup" ? { subscriptions: [], managementGroups: [scope.managementGroup] } : { subscriptions: [scope.subscriptionId], managementGroups: [] },
  );
  const accounts = scope.kind === "resourceGroup" ? listing.accounts.filter((account) => isWithinScope(account.id, scope.id)) : listing.accounts;
  const problems: EnforceResult[] = listing.problems.map((problem) => ({ id: problem.scope, action: "failed", code: problem.code, reason: `not listed, so its exclusions are unknown: ${problem.message}` }));
  const excluded: { account: AccountRecord; reason: string }[] = [];
  for (const account of accounts) {
    const exclusion = findExclusion(options.exclusions, account);
    if (exclusion !== undefined) excluded.push({ account, reason: describeExclusion(exclusion) });
  }
  const withoutSubdomain = accounts.filter((account) => account.customSubDomainName === null && account.keyAccess === "enabled" && findExclusion(options.exclusions, account) === undefined);
  const notes = [
    ...(listing.fallbackReason === undefined ? [] : [`${listing.fallbackReason}; listed through Resource Manager per subscription`]),
    ...(withoutSubdomain.length === 0
      ? []
      : [
          `${withoutSubdomain.length === 1 ? "1 account allows keys and has" : `${withoutSubdomain.length} accounts allow keys and have`} no custom subdomain (${withoutSubdomain.map((account) => account.name).join(", ")}): the policy reports ${withoutSubdomain.length === 1 ? "it" : "them"} non-compliant; give ${withoutSubdomain.length === 1 ? "it" : "them"} a custom subdomain before disabling keys, or exclude ${withoutSubdomain.length === 1 ? "it" : "them"}`,
        ]),
  ];

  const apply = async (dryRun: boolean): Promise<EnforceResult[]> => {
    const assignment = await ensureAssignment(arm, scope.id, options.effect, dryRun);
    const results: EnforceResult[] = [{ id: assignment.id, action: assignment.action, reason: `effect ${options.effect}` }];
    for (const { account, reason } of excluded) {
      const exemption = await ensureExemption(arm, account.id, assignmentIdAt(scope.id), reason, dryRun);
      results.push({ id: exemption.id, action: exemption.action, reason });
    }
    return results;
  };

  const planned = await apply(true);
  const plan: EnforceReport = { mode: "policy", dryRun: true, results: [...problems, ...planned], notes };
  const changes = planned.filter((result) => result.action !== "unchanged").length;
  if (options.dryRun || changes === 0) return { ...plan, dryRun: options.dryRun };
  await approveChanges(io, options, plan, `Make ${changes === 1 ? "1 policy change" : `${changes} policy changes`} at ${scope.id}?`);
  return { mode: "policy", dryRun: false, results: [...problems, ...(await apply(false))], notes };
}
