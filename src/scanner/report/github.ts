/**
 * `--format github`: GitHub Actions workflow commands, one `::error` or `::warning` annotation per
 * finding, shown on the pull request's files and in the run summary. Messages hold only the masked
 * secret. Paths are relative to the working directory, so run the scan from the repository root
 * (the checkout directory) for annotations to land on the right files.
 */
import { escapeForTerminal } from "../../utils/safe-text.js";
import type { Finding, SkippedFile } from "../types.js";
import { findingTitle } from "./fields.js";
import type { Reporter } from "./types.js";

/** Skips that deserve an annotation: the user may not expect them. Binary files and symlinks do not. */
const ANNOTATED_SKIPS = new Set<SkippedFile["reason"]>(["too-large", "unreadable", "undecodable", "not-a-file", "missing"]);

/**
 * Escaping of a workflow command's message (everything after `::`): the runner's own escapes for
 * `%`, CR and LF, after every other control (ESC...) is written as a visible escape.
 */
export function escapeData(text: string): string {
  return escapeForTerminal(text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A"));
}

/** Escaping of a workflow command's property value: also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function command(name: string, properties: Readonly<Record<string, string | number>>, message: string): string {
  const list = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${name} ${list}::${escapeData(message)}`;
}

/** A finding from `--history` says where the key entered the repository. */
function historySuffix(finding: Finding & { readonly commit?: string; readonly authorDate?: string }): string {
  if (finding.commit === undefined) return "";
  return ` Added in commit ${finding.commit.slice(0, 12)}${finding.authorDate === undefined ? "" : ` (${finding.authorDate})`}.`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export const formatGithub: Reporter = (result) => {
  const lines = result.findings.map((finding) =>
    command(
      finding.severity,
      {
        file: finding.path,
        line: finding.line,
        col: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        title: findingTitle(finding),
      },
      `${finding.message}${historySuffix(finding)}`,
    ),
  );
  for (const warning of result.warnings) {
    lines.push(command("warning", { ...(warning.path === undefined ? {} : { file: warning.path }), title: "aoai-key-scan" }, warning.message));
  }
  for (const skip of result.skipped) {
    if (!ANNOTATED_SKIPS.has(skip.reason)) continue;
    const detail = skip.detail === undefined ? "" : `: ${skip.detail}`;
    lines.push(command("warning", { file: skip.path, title: "aoai-key-scan skipped a file" }, `Not scanned (${skip.reason}${detail}).`));
  }
  const { summary } = result;
  const skippedTotal = Object.values(summary.skipped).reduce((total, count) => total + count, 0);
  // A plain log line (not an annotation) so the run log always ends with the counts.
  lines.push(
    `aoai-key-scan: ${plural(summary.filesScanned, "file")} scanned, ${plural(summary.findings, "finding")}, ${summary.suppressed} suppressed, ${skippedTotal} skipped, ${summary.durationMs} ms`,
  );
  return `${lines.join("\n")}\n`;
};
