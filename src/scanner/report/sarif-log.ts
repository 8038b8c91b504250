/**
 * The SARIF 2.1.0 envelope every report of the package shares: one run, this package as the tool's
 * organization and version. Callers bring the tool name, rules, results and notifications.
 */
import { PACKAGE_NAME, PACKAGE_VERSION } from "../../utils/package-info.js";
import { neutraliseJson } from "../../utils/safe-text.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifRun {
  readonly toolName: string;
  readonly informationUri: string;
  readonly rules: readonly Record<string, unknown>[];
  readonly results: readonly Record<string, unknown>[];
  readonly notifications?: readonly Record<string, unknown>[];
  /** Only for runs whose results point into text files. */
  readonly columnKind?: "utf16CodeUnits";
}

export function sarifLog(run: SarifRun): string {
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: run.toolName,
            semanticVersion: PACKAGE_VERSION,
            version: PACKAGE_VERSION,
            organization: PACKAGE_NAME,
            informationUri: run.informationUri,
            rules: run.rules,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: run.notifications ?? [] }],
        ...(run.columnKind === undefined ? {} : { columnKind: run.columnKind }),
        results: run.results,
      },
    ],
  };
  // Printed into CI logs: characters a terminal or an agent acts on become JSON escapes (same value).
  return `${neutraliseJson(JSON.stringify(log, null, 2))}\n`;
}
