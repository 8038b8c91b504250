/**
 * `--format text`: findings grouped by file, masked; warnings and skip warnings; a one-line summary.
 * Every path and detail is escaped: a file name chosen by a pull-request author must not move the
 * cursor or start a CI command in the log.
 */
import { escapeForTerminal } from "../../utils/safe-text.js";
import type { SkippedFile } from "../types.js";
import type { Reporter } from "./types.js";

/** SGR open/close codes; four styles do not justify a dependency. */
const STYLES = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  dim: [2, 22],
  underline: [4, 24],
} as const;

/** Skips worth a line of their own even without `--verbose`: something the user may not expect. */
const WARNED_SKIPS = new Set<SkippedFile["reason"]>(["too-large", "unreadable", "undecodable", "not-a-file", "missing"]);
/** Without `--verbose`, at most this many skip lines (a sparse checkout can miss thousands of files). */
const MAX_LISTED_SKIPS = 50;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

export const formatText: Reporter = (result, context) => {
  const paint = (style: keyof typeof STYLES, text: string): string =>
    context.color ? `\u001b[${STYLES[style][0]}m${text}\u001b[${STYLES[style][1]}m` : text;
  const lines: string[] = [];
  let currentPath: string | undefined;
  for (const finding of result.findings) {
    if (finding.path !== currentPath) {
      if (currentPath !== undefined) lines.push("");
      lines.push(paint("underline", escapeForTerminal(finding.path)));
      currentPath = finding.path;
    }
    const position = `${finding.line}:${finding.column}`.padEnd(8);
    const severity = finding.severity === "error" ? paint("red", "error  ") : paint("yellow", "warning");
    // `--history`: where the key entered the repository.
    const commit = finding.commit === undefined ? "" : `  ${paint("dim", `commit ${finding.commit.slice(0, 12)} ${finding.authorDate ?? ""}`.trimEnd())}`;
    lines.push(`  ${paint("dim", position)} ${severity}  ${escapeForTerminal(finding.message)}  ${paint("dim", finding.ruleId)}${commit}`);
  }
  const listed = result.skipped.filter((skip) => context.verbose || WARNED_SKIPS.has(skip.reason));
  const shown = context.verbose ? listed : listed.slice(0, MAX_LISTED_SKIPS);
  if (shown.length > 0 || result.warnings.length > 0) {
    if (lines.length > 0) lines.push("");
    for (const warning of result.warnings) lines.push(`${paint("yellow", "warning")} ${escapeForTerminal(warning.message)}`);
    for (const skip of shown) {
      const detail = skip.detail === undefined ? "" : `: ${skip.detail}`;
      lines.push(`${paint("yellow", "skipped")} ${escapeForTerminal(`${skip.path} (${skip.reason}${detail})`)}`);
    }
    if (shown.length < listed.length) lines.push(`${paint("yellow", "skipped")} … and ${listed.length - shown.length} more (--verbose or --format json lists them)`);
  }
  const { summary } = result;
  const skipCounts = Object.entries(summary.skipped)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${reason}`);
  const skippedTotal = Object.values(summary.skipped).reduce((total, count) => total + count, 0);
  const parts = [
    `${plural(summary.filesScanned, "file")} (${formatBytes(summary.bytesScanned)}) scanned`,
    ...(summary.commitsScanned === undefined ? [] : [plural(summary.commitsScanned, "commit")]),
    summary.findings === 0 ? paint("green", "no keys found") : paint("red", plural(summary.findings, "finding")),
    ...(summary.suppressed > 0 ? [`${summary.suppressed} suppressed`] : []),
    `${skippedTotal} skipped${skipCounts.length > 0 ? ` (${skipCounts.join(", ")})` : ""}`,
    ...(summary.baselined === undefined || summary.baselined === 0 ? [] : [`${summary.baselined} baselined`]),
    ...(summary.staleBaselineEntries === undefined || summary.staleBaselineEntries === 0
      ? []
      : [`${summary.staleBaselineEntries} stale baseline ${summary.staleBaselineEntries === 1 ? "entry" : "entries"}`]),
    `${summary.durationMs} ms`,
  ];
  if (lines.length > 0) lines.push("");
  lines.push(parts.join(", "));
  return `${lines.join("\n")}\n`;
};
