/**
 * `aoai-keyless readiness [paths...]`: which Azure AI accounts can turn keys off today, and what
 * blocks each. Reads the repository through the scanner (one pass: findings of every category and
 * each file's inventory) and, with `--azure`, the accounts `audit` lists. It never changes anything.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

import { listAccounts } from "../azure/accounts.js";
import { buildEstate } from "../readiness/estate.js";
import type { LiveAccount } from "../readiness/estate.js";
import { decideReadiness } from "../readiness/join.js";
import { formatReadinessJson } from "../readiness/report/json.js";
import { formatReadinessMarkdown } from "../readiness/report/markdown.js";
import { formatReadinessText } from "../readiness/report/text.js";
import { loadConfig } from "../scanner/config.js";
import { scan } from "../scanner/scan.js";
import type { KeylessIo } from "./common.js";
import { checkFormat, checkSubscriptions, COMMON_HELP, COMMON_OPTIONS, connect, EXIT_CLEAN, EXIT_FINDINGS, parseCommand, reportError, SCOPE_OPTIONS, UsageError, writeReport } from "./common.js";

const FORMATS = ["text", "json", "markdown"] as const;
const REPORTERS = { text: formatReadinessText, json: formatReadinessJson, markdown: formatReadinessMarkdown } as const;

export const READINESS_HELP = `Usage: aoai-keyless readiness [options] [paths...]

For each Azure AI account the repository talks to (endpoints in code and config,
accounts declared in Bicep, ARM and Terraform) and, with --azure, each account
Azure lists: can key access be turned off today (disableLocalAuth: true), and
which key-authenticated clients, key flows and leaked keys block it. Reads only.
Paths default to "."; the scanner's config file and ignore rules apply.

Options:
      --azure                    Also list live accounts (as aoai-keyless audit does):
                                 every one is a row, and its live key access decides
      --subscription <id>        With --azure: only this subscription (repeatable)
      --management-group <id>    With --azure: only under this management group (repeatable)
${COMMON_HELP}
  Formats: text, json, markdown (for a pull-request comment or $GITHUB_STEP_SUMMARY)

Exit codes:
  0  every account is ready or already keyless
  1  some account is blocked or unknown
  2  usage or fatal error
`;

export async function runReadiness(argv: readonly string[], io: KeylessIo): Promise<number> {
  try {
    const { values, positionals } = parseCommand(argv, { ...COMMON_OPTIONS, ...SCOPE_OPTIONS, azure: { type: "boolean", default: false } });
    if (values.help) {
      io.stdout.write(READINESS_HELP);
      return EXIT_CLEAN;
    }
    const format = checkFormat(values.format, FORMATS);
    const subscriptions = checkSubscriptions(values.subscription);
    if (!values.azure && (subscriptions.length > 0 || values["management-group"].length > 0)) {
      throw new UsageError("--subscription and --management-group need --azure.");
    }
    const roots = positionals.length > 0 ? positionals : ["."];
    const missing = roots.find((root) => root === "" || !existsSync(resolve(io.cwd, root)));
    if (missing !== undefined) throw new UsageError(`path not found: ${JSON.stringify(missing)}`);

    // Connect first: a missing Azure SDK or a bad endpoint shows before a long scan, not after it.
    const connection = values.azure ? await connect(io, "readiness --azure", values["management-endpoint"]) : undefined;
    const config = loadConfig(io.cwd, undefined);
    const scanned = await scan({
      roots,
      walk: { cwd: io.cwd, useIgnoreFiles: true, ignorePatterns: config.ignore, ignoreBase: config.base },
      settings: {
        categories: config.categories,
        detectors: config.detectors,
        maxFileSize: config.maxFileSize,
        allowFingerprints: config.allowFingerprints,
        allowValues: config.allowValues,
        inventory: true,
      },
    });
    let liveAccounts: LiveAccount[] = [];
    if (connection !== undefined) {
      const listing = await listAccounts(connection.arm, { subscriptions, managementGroups: values["management-group"] });
      if (listing.problems.length > 0) {
        // A partial listing would call accounts "ready" that it never saw: say so, and still decide.
        for (const problem of listing.problems) io.stderr.write(`aoai-keyless readiness: warning: ${problem.scope} not listed (${problem.code})\n`);
      }
      liveAccounts = listing.accounts;
    }
    const report = decideReadiness(buildEstate({ findings: scanned.findings, inventory: scanned.inventory ?? [], liveAccounts }));
    writeReport(io, values.output, REPORTERS[format](report));
    return report.resources.every((resource) => resource.verdict === "ready" || resource.verdict === "already-keyless") ? EXIT_CLEAN : EXIT_FINDINGS;
  } catch (error) {
    return reportError(io, "readiness", error);
  }
}
