/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and Azure DevOps. One rule per detector,
 * tagged CWE-798; `partialFingerprints` carry the secret's fingerprint so alerts survive code moves.
 * Messages and snippets only ever hold the masked secret.
 */
import { ruleDescriptions } from "../detectors/index.js";
import type { Finding } from "../types.js";
import { categoryFields } from "./fields.js";
import { sarifLog } from "./sarif-log.js";
import type { Reporter } from "./types.js";

const INFORMATION_URI = "https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs/scanner.md";
/** Versioned so a change of recipe shows as new alerts rather than silent mismatches. */
export const PARTIAL_FINGERPRINT_KEY = "aoaiKeyFingerprint/v1";

/** GitHub's severity scale: a leaked key is high, a client or template still on keys is medium. */
const SECURITY_SEVERITY: Record<Finding["category"], string> = { leak: "8.0", usage: "5.0", iac: "5.0" };

/** A relative URI reference for a report path: each segment percent-encoded (`#`, `?`, `%`, `:` included). */
export function pathToUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export const formatSarif: Reporter = (result) => {
  const rules = ruleDescriptions();
  const ruleIds = rules.map((rule) => rule.id);
  return sarifLog({
    toolName: "aoai-key-scan",
    informationUri: INFORMATION_URI,
    rules: rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      shortDescription: { text: rule.shortDescription },
      fullDescription: { text: rule.fullDescription },
      help: { text: rule.help, markdown: rule.help },
      helpUri: INFORMATION_URI,
      defaultConfiguration: { level: rule.defaultSeverity },
      properties: {
        tags: ["security", ...(rule.tags ?? [])],
        precision: "high",
        "security-severity": SECURITY_SEVERITY[rule.category],
      },
    })),
    notifications: [
      ...result.warnings.map((warning) => ({
        level: "warning",
        message: { text: warning.message },
        descriptor: { id: warning.code },
        ...(warning.path === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(warning.path) } } }] }),
      })),
      ...result.skipped.map((skip) => ({
        level: skip.reason === "binary" || skip.reason === "symlink" ? "note" : "warning",
        message: { text: `Skipped (${skip.reason}${skip.detail === undefined ? "" : `: ${skip.detail}`}).` },
        locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(skip.path) } } }],
      })),
    ],
    columnKind: "utf16CodeUnits",
    results: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      ruleIndex: ruleIds.indexOf(finding.ruleId),
      level: finding.severity,
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUri(finding.path) },
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn,
              // The masked key; other categories show no snippet (the file is the reference).
              ...(finding.category === "leak" ? { snippet: { text: finding.secret } } : {}),
            },
          },
        },
      ],
      partialFingerprints: { [PARTIAL_FINGERPRINT_KEY]: finding.fingerprint },
      properties: {
        category: finding.category,
        confidence: finding.confidence,
        ...Object.fromEntries(Object.entries(categoryFields(finding)).filter(([name]) => name !== "secret")),
        ...(finding.commit === undefined ? {} : { commit: finding.commit, authorDate: finding.authorDate }),
      },
    })),
  });
};
