/** `--format json`: `{ version: 1, findings, skipped, summary }`; secrets masked, paths relative with `/`. */
import type { Reporter } from "./types.js";

export const JSON_REPORT_VERSION = 1;

export const formatJson: Reporter = (result) =>
  `${JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      findings: result.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        confidence: finding.confidence,
        path: finding.path,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        message: finding.message,
        secret: finding.secret,
        fingerprint: finding.fingerprint,
        service: finding.service,
        createdAt: finding.createdAt,
        ...(finding.commit === undefined ? {} : { commit: finding.commit, authorDate: finding.authorDate }),
      })),
      skipped: result.skipped,
      summary: result.summary,
    },
    null,
    2,
  )}\n`;
