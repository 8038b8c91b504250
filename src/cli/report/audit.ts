/**
 * `aoai-keyless audit` reports: a table sorted by subscription and name with a summary line (text),
 * `{ version, resources, summary, problems }` (json), a summary for `$GITHUB_STEP_SUMMARY` (markdown),
 * and one SARIF result per account that still allows keys, located by its resource id.
 */
import { createHash } from "node:crypto";

import type { AccountListing, AccountRecord } from "../../azure/accounts.js";
import { encodeId } from "../../azure/accounts.js";
import { sarifLog } from "../../scanner/report/sarif-log.js";
import { clean, json, markdownTable, markdownText, plural, textTable } from "./format.js";

export const AUDIT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const AUDIT_RULE_ID = "azure-ai-key-access-enabled";
const INFORMATION_URI = "https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs/azure.md";

export interface AuditSummary {
  readonly accounts: number;
  readonly subscriptions: number;
  readonly keyAccessEnabled: number;
  readonly keyAccessDisabled: number;
  /** Accounts without a custom subdomain: tokens do not work on them yet. */
  readonly withoutCustomSubDomain: number;
  readonly source: AccountListing["source"];
  /** Some scope could not be listed: the counts are a lower bound. */
  readonly incomplete: boolean;
}

export function summarizeAccounts(listing: AccountListing): AuditSummary {
  const { accounts } = listing;
  return {
    accounts: accounts.length,
    subscriptions: new Set(accounts.map((account) => account.subscriptionId.toLowerCase())).size,
    keyAccessEnabled: accounts.filter((account) => account.keyAccess === "enabled").length,
    keyAccessDisabled: accounts.filter((account) => account.keyAccess === "disabled").length,
    withoutCustomSubDomain: accounts.filter((account) => account.customSubDomainName === null).length,
    source: listing.source,
    incomplete: listing.problems.length > 0,
  };
}

/** "7 accounts in 2 subscriptions: 4 allow keys, 3 keyless, 1 without a custom subdomain". */
export function summaryLine(summary: AuditSummary): string {
  const parts = [
    `${plural(summary.accounts, "account")} in ${plural(summary.subscriptions, "subscription")}: ${summary.keyAccessEnabled} ${summary.keyAccessEnabled === 1 ? "allows" : "allow"} keys, ${summary.keyAccessDisabled} keyless`,
    ...(summary.withoutCustomSubDomain > 0 ? [`${summary.withoutCustomSubDomain} without a custom subdomain`] : []),
    ...(summary.incomplete ? ["incomplete (see the warnings)"] : []),
  ];
  return parts.join(", ");
}

/** Lines about how the listing was made and what it could not see. */
function notes(listing: AccountListing): string[] {
  return [
    ...(listing.fallbackReason === undefined ? [] : [`note: ${listing.fallbackReason}; listed through Resource Manager per subscription`]),
    ...listing.problems.map((problem) => `warning: ${problem.scope} not listed: ${problem.code}: ${problem.message}`),
  ];
}

export function formatAuditText(listing: AccountListing): string {
  const lines: string[] = [];
  if (listing.accounts.length > 0) {
    lines.push(
      ...textTable(
        ["SUBSCRIPTION", "RESOURCE GROUP", "NAME", "KIND", "LOCATION", "KEY ACCESS", "CUSTOM SUBDOMAIN"],
        listing.accounts.map((account) => [
          account.subscriptionId,
          account.resourceGroup,
          account.name,
          account.kind,
          account.location,
          account.keyAccess,
          account.customSubDomainName ?? "(none)",
        ]),
      ),
      "",
    );
  }
  lines.push(...notes(listing).map(clean), summaryLine(summarizeAccounts(listing)));
  return `${lines.join("\n")}\n`;
}

export function formatAuditJson(listing: AccountListing): string {
  return json({
    version: 1,
    resources: listing.accounts,
    summary: summarizeAccounts(listing),
    ...(listing.fallbackReason === undefined ? {} : { fallbackReason: listing.fallbackReason }),
    problems: listing.problems,
  });
}

export function formatAuditMarkdown(listing: AccountListing): string {
  const summary = summarizeAccounts(listing);
  const lines = ["## Azure AI accounts: key access", ""];
  lines.push(summary.keyAccessEnabled === 0 ? `All ${plural(summary.accounts, "account")} are keyless.` : `**${summary.keyAccessEnabled} of ${plural(summary.accounts, "account")} allow keys.**`, "");
  lines.push(markdownText(summaryLine(summary)), "");
  if (listing.accounts.length > 0) {
    lines.push(
      ...markdownTable(
        ["Account", "Subscription", "Resource group", "Kind", "Location", "Key access", "Custom subdomain"],
        listing.accounts.map((account) => [
          markdownText(account.name),
          `\`${account.subscriptionId.replaceAll("`", "")}\``,
          markdownText(account.resourceGroup),
          markdownText(account.kind),
          markdownText(account.location),
          account.keyAccess === "enabled" ? "**enabled**" : "disabled",
          account.customSubDomainName === null ? "none" : markdownText(account.customSubDomainName),
        ]),
      ),
      "",
    );
  }
  const extra = notes(listing);
  if (extra.length > 0) lines.push(...extra.map((line) => `> ${markdownText(line)}`), "");
  return `${lines.join("\n")}`;
}

function resultMessage(account: AccountRecord): string {
  const subdomain =
    account.customSubDomainName === null ? " It has no custom subdomain: add one before disabling keys, or Entra ID tokens will not work on it." : "";
  return `Azure AI account ${account.name} (${account.kind}, ${account.location}) accepts API keys: properties.disableLocalAuth is not true.${subdomain}`;
}

const HELP =
  "Move every client of the account to Microsoft Entra ID (DefaultAzureCredential or a managed identity with the Cognitive Services OpenAI User role), verify with `aoai-keyless verify ENDPOINT`, then disable key access: `aoai-keyless enforce` or the built-in Azure Policy.";

export function formatAuditSarif(listing: AccountListing): string {
  return sarifLog({
    toolName: "aoai-keyless",
    informationUri: INFORMATION_URI,
    rules: [
      {
        id: AUDIT_RULE_ID,
        name: "AzureAiKeyAccessEnabled",
        shortDescription: { text: "Azure AI account accepts API keys" },
        fullDescription: { text: "An Azure AI services account (Azure OpenAI, AI Services, Speech, ...) with key access enabled: anyone holding one of its keys can call it." },
        help: { text: HELP, markdown: HELP },
        helpUri: INFORMATION_URI,
        defaultConfiguration: { level: "error" },
        properties: { tags: ["security", "azure", "external/cwe/cwe-798"], precision: "very-high", "security-severity": "7.0" },
      },
    ],
    notifications: listing.problems.map((problem) => ({ level: "warning", message: { text: `${problem.scope} not listed: ${problem.code}: ${problem.message}` } })),
    results: listing.accounts
      .filter((account) => account.keyAccess === "enabled")
      .map((account) => ({
        ruleId: AUDIT_RULE_ID,
        ruleIndex: 0,
        level: "error",
        message: { text: resultMessage(account) },
        locations: [
          {
            // GitHub code scanning only takes results with a repository-relative path: the resource id stands in for one.
            physicalLocation: { artifactLocation: { uri: encodeId(account.id.replace(/^\/+/, "")) } },
            logicalLocations: [{ fullyQualifiedName: account.id, name: account.name, kind: "resource" }],
          },
        ],
        partialFingerprints: { "azureResourceId/v1": createHash("sha256").update(account.id.toLowerCase()).digest("hex") },
        properties: { subscriptionId: account.subscriptionId, resourceGroup: account.resourceGroup, kind: account.kind, location: account.location },
      })),
  });
}

export const AUDIT_REPORTERS: Record<AuditFormat, (listing: AccountListing) => string> = {
  text: formatAuditText,
  json: formatAuditJson,
  markdown: formatAuditMarkdown,
  sarif: formatAuditSarif,
};
