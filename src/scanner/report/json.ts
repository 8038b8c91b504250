/** `--format json`: `{ version: 1, findings, skipped, summary }`; secrets masked, paths relative with `/`. */
import { categoryFields } from "./fields.js";
import type { Reporter } from "./types.js";

export const JSON_REPORT_VERSION = 1;

export const formatJson: Reporter = (result) =>
  `${JSON.stringify(
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
      summary: result.summary,
    },
    null,
    2,
  )}\n`;
