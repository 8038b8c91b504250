/** `aoai-keyless enforce` reports: one row per account (or policy assignment / exemption) with what was done and why; counts per action. */
import { clean, json, markdownTable, markdownText, textTable } from "./format.js";

export const ENFORCE_FORMATS = ["text", "json", "markdown"] as const;
export type EnforceFormat = (typeof ENFORCE_FORMATS)[number];

export type AccountAction = "patched" | "would-patch" | "already-disabled" | "excluded" | "failed";
export type PolicyResultAction = "created" | "updated" | "unchanged" | "would-create" | "would-update" | "failed";
export type EnforceAction = AccountAction | PolicyResultAction;

export interface EnforceResult {
  readonly id: string;
  readonly action: EnforceAction;
  /** Why excluded or failed; for failures from Azure, its error message. */
  readonly reason?: string;
  /** Azure's error code, for failures Azure reported. */
  readonly code?: string;
}

export interface EnforceReport {
  readonly mode: "resource" | "policy";
  readonly dryRun: boolean;
  readonly results: readonly EnforceResult[];
  /** Things to know that are not a result: accounts a policy will flag but cannot fix, ... */
  readonly notes: readonly string[];
}

/** Counts per action, in a fixed order. */
export function summarizeResults(results: readonly EnforceResult[]): Partial<Record<EnforceAction, number>> {
  const order: EnforceAction[] = ["patched", "would-patch", "created", "updated", "would-create", "would-update", "unchanged", "already-disabled", "excluded", "failed"];
  const summary: Partial<Record<EnforceAction, number>> = {};
  for (const action of order) {
    const count = results.filter((result) => result.action === action).length;
    if (count > 0) summary[action] = count;
  }
  return summary;
}

export function summaryText(report: EnforceReport): string {
  const counts = Object.entries(summarizeResults(report.results)).map(([action, count]) => `${count} ${action}`);
  const body = counts.length === 0 ? "nothing to do" : counts.join(", ");
  return report.dryRun ? `dry run: ${body}; nothing was changed` : body;
}

function reasonOf(result: EnforceResult): string {
  if (result.reason === undefined) return "";
  return result.code === undefined ? result.reason : `${result.code}: ${result.reason}`;
}

export function formatEnforceText(report: EnforceReport): string {
  const lines: string[] = [];
  if (report.results.length > 0) {
    // No reason anywhere (all patched, say): no empty column either.
    const withReasons = report.results.some((result) => result.reason !== undefined);
    const rows = report.results.map((result) => [result.action, result.id, ...(withReasons ? [reasonOf(result)] : [])]);
    lines.push(...textTable(["ACTION", "RESOURCE", ...(withReasons ? ["REASON"] : [])], rows), "");
  }
  lines.push(...report.notes.map((note) => `note: ${clean(note)}`), summaryText(report));
  return `${lines.join("\n")}\n`;
}

export function formatEnforceJson(report: EnforceReport): string {
  return json({
    version: 1,
    mode: report.mode,
    dryRun: report.dryRun,
    results: report.results,
    summary: summarizeResults(report.results),
    notes: report.notes,
  });
}

export function formatEnforceMarkdown(report: EnforceReport): string {
  const title = report.mode === "policy" ? "Azure Policy: key access disabled" : "Key access disabled per account";
  return [
    `## ${title}${report.dryRun ? " (dry run)" : ""}`,
    "",
    `**${markdownText(summaryText(report))}**`,
    "",
    ...(report.results.length === 0
      ? []
      : [...markdownTable(["Action", "Resource", "Reason"], report.results.map((result) => [result.action, markdownText(result.id), markdownText(reasonOf(result))])), ""]),
    ...report.notes.map((note) => `> ${markdownText(note)}`),
    ...(report.notes.length > 0 ? [""] : []),
  ].join("\n");
}

export const ENFORCE_REPORTERS: Record<EnforceFormat, (report: EnforceReport) => string> = {
  text: formatEnforceText,
  json: formatEnforceJson,
  markdown: formatEnforceMarkdown,
};
