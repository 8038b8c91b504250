/**
 * `--format json`: `{ version: 1, findings, skipped, warnings, summary }`; secrets masked, paths
 * relative with `/`. Printed into CI logs too, so characters a terminal or an agent acts on are
 * written as JSON escapes (same value, inert text).
 */
import { neutraliseJson } from "../../utils/safe-text.js";
import { categoryFields } from "./fields.js";
import type { Reporter } from "./types.js";

export const JSON_REPORT_VERSION = 1;

export const formatJson: Reporter = (result) =>
  `${neutraliseJson(JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      findings: result.findings.map((finding) => ({
        category: finding.category,
        ruleId: finding.ruleId,
        severity: finding.severity,
        confidence: finding.confidence,
        path: finding.path,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        message: finding.message,
        fingerprint: finding.fingerprint,
        ...categoryFields(finding),
        ...(finding.commit === undefined ? {} : { commit: finding.commit, authorDate: finding.authorDate }),
      })),
      skipped: result.skipped,
      warnings: result.warnings,
      summary: result.summary,
    },
    null,
    2,
  ))}\n`;
