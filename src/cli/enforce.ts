/**
 * `aoai-keyless enforce`: disable key access per account (the plan first, then PATCH
 * `disableLocalAuth: true`, one outcome per account), or with `--policy` assign the built-in Azure
 * Policy at a scope, exempting the excluded accounts.
 */
import type { AccountRecord } from "../azure/accounts.js";
import { getAccount, listAccounts } from "../azure/accounts.js";
import type { ArmClient } from "../azure/arm.js";
import { AzureRequestError } from "../azure/arm.js";
import { disableLocalAuth } from "../azure/disable-local-auth.js";
import { TransportError } from "../azure/http.js";
import { POLICY_EFFECTS } from "../azure/policy.js";
import { parseAccountId, parsePolicyScope } from "../azure/resource-id.js";
import type { KeylessIo } from "./common.js";
import { checkFormat, checkSubscriptions, COMMON_HELP, COMMON_OPTIONS, connect, EXIT_CLEAN, EXIT_FINDINGS, parseCommand, reportError, SCOPE_OPTIONS, UsageError, writeReport } from "./common.js";
import { enforcePolicy } from "./enforce-policy.js";
import type { Exclusion } from "./exclusions.js";
import { CONFIG_FILE_NAME, describeExclusion, findExclusion, loadExclusions } from "./exclusions.js";
import type { EnforceReport, EnforceResult } from "./report/enforce.js";
import { ENFORCE_FORMATS, ENFORCE_REPORTERS, formatEnforceText } from "./report/enforce.js";

export const ENFORCE_HELP = `Usage: aoai-keyless enforce [ACCOUNT-ID...] [options]
       aoai-keyless enforce --policy --scope SCOPE [--effect Audit|Deny] [options]

Per account (default): lists the accounts (or takes the ACCOUNT-IDs given), shows
the plan, then sets properties.disableLocalAuth to true on each one that still
accepts keys, waiting for Resource Manager and reading the account back.
Outcomes: patched, would-patch, already-disabled, excluded, failed.
An account without a custom subdomain is not patched (Entra ID tokens would not
work on it): it fails with the reason, unless --force.

With --policy: assigns the built-in Azure Policy "Azure AI Services resources
should have key access disabled" at SCOPE (a management group, subscription or
resource group id) and exempts each excluded account. This also stops new
accounts with keys (effect Deny). Outcomes: created, updated, unchanged.

Options:
      --subscription <id>        Only this subscription (repeatable)
      --management-group <id>    Only subscriptions under this management group (repeatable)
      --exclude <match>          Leave an account alone: its resource id, its name,
                                 tag:KEY or tag:KEY=VALUE (repeatable)
  -c, --config <file>            Exclusions file (default: ./${CONFIG_FILE_NAME} if present),
                                 { "exclude": ["tag:legacy-keys", ...] }
      --dry-run                  Show the plan; change nothing
  -y, --yes                      Change without asking (needed when not on a terminal)
      --force                    Patch accounts without a custom subdomain too
      --policy                   Assign the Azure Policy instead of patching accounts
      --scope <id>               Scope of the assignment (with --policy)
      --effect <Audit|Deny>      Policy effect (default Audit)
${COMMON_HELP}
  Formats: text, json, markdown

Exit codes:
  0  done (or nothing to do)
  1  some account or policy change failed
  2  usage or fatal error; not confirmed (no --yes and no terminal)
`;

const ENFORCE_OPTIONS = {
  ...COMMON_OPTIONS,
  ...SCOPE_OPTIONS,
  exclude: { type: "string", multiple: true, default: [] as string[] },
  config: { type: "string", short: "c" },
  "dry-run": { type: "boolean", default: false },
  yes: { type: "boolean", short: "y", default: false },
  force: { type: "boolean", default: false },
  policy: { type: "boolean", default: false },
  scope: { type: "string" },
  effect: { type: "string" },
} as const;

export async function runEnforce(argv: readonly string[], io: KeylessIo): Promise<number> {
  try {
    const { values, positionals } = parseCommand(argv, ENFORCE_OPTIONS);
    if (values.help) {
      io.stdout.write(ENFORCE_HELP);
      return EXIT_CLEAN;
    }
    const format = checkFormat(values.format, ENFORCE_FORMATS);
    const exclusions = loadExclusions(io.cwd, values.config, values.exclude);
    const subscriptions = checkSubscriptions(values.subscription);
    const approval = { dryRun: values["dry-run"], yes: values.yes };
    let report: EnforceReport;
    if (values.policy) {
      if (values.scope === undefined) throw new UsageError("--policy needs --scope (a management group, subscription or resource group id).");
      const scope = parsePolicyScope(values.scope);
      if (scope === undefined) {
        throw new UsageError(`--scope must be /providers/Microsoft.Management/managementGroups/ID, /subscriptions/ID or /subscriptions/ID/resourceGroups/NAME, got ${JSON.stringify(values.scope)}.`);
      }
      const effect = values.effect ?? "Audit";
      if (!(POLICY_EFFECTS as readonly string[]).includes(effect)) throw new UsageError(`--effect must be Audit or Deny, got ${JSON.stringify(effect)}.`);
      if (positionals.length > 0 || subscriptions.length > 0 || values["management-group"].length > 0 || values.force) {
        throw new UsageError("--policy takes its scope from --scope only (no ACCOUNT-ID, --subscription, --management-group or --force).");
      }
      const { arm } = await connect(io, "enforce", values["management-endpoint"]);
      report = await enforcePolicy(arm, { scope, effect: effect as (typeof POLICY_EFFECTS)[number], exclusions, ...approval }, io);
    } else {
      if (values.scope !== undefined || values.effect !== undefined) throw new UsageError("--scope and --effect go with --policy.");
      for (const id of positionals) if (parseAccountId(id) === undefined) throw new UsageError(`${JSON.stringify(id)} is not an Azure AI account id (/subscriptions/.../resourceGroups/.../providers/Microsoft.CognitiveServices/accounts/NAME).`);
      if (positionals.length > 0 && (subscriptions.length > 0 || values["management-group"].length > 0)) throw new UsageError("give ACCOUNT-IDs or --subscription/--management-group, not both.");
      const { arm } = await connect(io, "enforce", values["management-endpoint"]);
      report = await enforcePerAccount(arm, { ids: positionals, subscriptions, managementGroups: values["management-group"], exclusions, force: values.force, ...approval }, io);
    }
    writeReport(io, values.output, ENFORCE_REPORTERS[format](report));
    return report.results.some((result) => result.action === "failed") ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    return reportError(io, "enforce", error);
  }
}

export interface Approval {
  readonly dryRun: boolean;
  readonly yes: boolean;
}

/** Changes happen with --yes, or after a yes on an interactive terminal; anything else stops before the first change. */
export async function approveChanges(io: KeylessIo, approval: Approval, plan: EnforceReport, question: string): Promise<void> {
  if (approval.yes) return;
  if (io.confirm === undefined) {
    throw new UsageError(`refusing to change anything without --yes when not on an interactive terminal (${question.replace(/\?$/, "")}; --dry-run shows the plan).`);
  }
  // The plan as it would run: "1 would-patch, ..." (no "dry run" wording: this one may go ahead).
  io.stderr.write(formatEnforceText({ ...plan, dryRun: false }));
  if (!(await io.confirm(question))) throw new UsageError("not confirmed: nothing was changed.");
}

interface PerAccountOptions extends Approval {
  readonly ids: readonly string[];
  readonly subscriptions: readonly string[];
  readonly managementGroups: readonly string[];
  readonly exclusions: readonly Exclusion[];
  readonly force: boolean;
}

const NO_SUBDOMAIN =
  "no custom subdomain: Entra ID tokens would not work on this account, so disabling keys would lock every client out; give it a custom subdomain first (it cannot be changed later), or pass --force";

/** Resource Manager errors and lost connections fail one account; a credential failure stops the run. */
function failure(id: string, error: unknown): EnforceResult {
  if (error instanceof AzureRequestError) return { id, action: "failed", code: error.code, reason: error.message };
  if (error instanceof TransportError) return { id, action: "failed", reason: error.message };
  throw error;
}

async function enforcePerAccount(arm: ArmClient, options: PerAccountOptions, io: KeylessIo): Promise<EnforceReport> {
  const results: EnforceResult[] = [];
  const notes: string[] = [];
  let accounts: AccountRecord[] = [];
  // Accounts read from Resource Manager already; listed ones are read again before a change (Resource Graph lags).
  const fresh = new Set<string>();
  if (options.ids.length > 0) {
    for (const id of options.ids) {
      try {
        const account = await getAccount(arm, id);
        accounts.push(account);
        fresh.add(account.id);
      } catch (error) {
        results.push(failure(id, error));
      }
    }
  } else {
    const listing = await listAccounts(arm, { subscriptions: options.subscriptions, managementGroups: options.managementGroups });
    accounts = listing.accounts;
    if (listing.fallbackReason !== undefined) notes.push(`${listing.fallbackReason}; listed through Resource Manager per subscription`);
    for (const problem of listing.problems) results.push({ id: problem.scope, action: "failed", code: problem.code, reason: `not listed: ${problem.message}` });
  }

  const candidates: AccountRecord[] = [];
  for (const listed of accounts) {
    const exclusion = findExclusion(options.exclusions, listed);
    if (exclusion !== undefined) {
      results.push({ id: listed.id, action: "excluded", reason: describeExclusion(exclusion) });
      continue;
    }
    let account = listed;
    if (account.keyAccess === "enabled" && !fresh.has(account.id)) {
      try {
        account = await getAccount(arm, account.id);
      } catch (error) {
        results.push(failure(account.id, error));
        continue;
      }
    }
    if (account.keyAccess === "disabled") results.push({ id: account.id, action: "already-disabled" });
    else if (account.customSubDomainName === null && !options.force) results.push({ id: account.id, action: "failed", reason: NO_SUBDOMAIN });
    else candidates.push(account);
  }

  const plan = (action: "would-patch"): EnforceReport => ({
    mode: "resource",
    dryRun: true,
    results: [...results, ...candidates.map((account) => ({ id: account.id, action }))],
    notes,
  });
  if (options.dryRun || candidates.length === 0) return { ...plan("would-patch"), dryRun: options.dryRun };
  await approveChanges(io, options, plan("would-patch"), `Disable key access on ${candidates.length === 1 ? "1 account" : `${candidates.length} accounts`}?`);

  for (const [index, account] of candidates.entries()) {
    if (io.stderr.isTTY === true) io.stderr.write(`patching ${index + 1}/${candidates.length} ${account.name}\n`);
    try {
      const updated = await disableLocalAuth(arm, account.id);
      results.push(
        updated.disableLocalAuth
          ? { id: account.id, action: "patched" }
          : { id: account.id, action: "failed", reason: "Resource Manager accepted the change but the account still allows keys (an Azure Policy modify effect or a resource lock?)" },
      );
    } catch (error) {
      results.push(failure(account.id, error));
    }
  }
  return { mode: "resource", dryRun: false, results, notes };
}
