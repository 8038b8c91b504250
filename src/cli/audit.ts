/** `aoai-keyless audit`: every Azure AI account the caller can see, and whether it still accepts keys. */
import { listAccounts } from "../azure/accounts.js";
import { AUDIT_FORMATS, AUDIT_REPORTERS } from "./report/audit.js";
import type { KeylessIo } from "./common.js";
import { checkFormat, checkSubscriptions, COMMON_HELP, COMMON_OPTIONS, connect, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, parseCommand, reportError, SCOPE_OPTIONS, UsageError, writeReport } from "./common.js";

export const AUDIT_HELP = `Usage: aoai-keyless audit [options]

Lists every Azure AI services account (Microsoft.CognitiveServices/accounts of any
kind: OpenAI, AIServices, Speech, ...) the signed-in identity can read, with its
key access. Uses Azure Resource Graph; where that is refused, Resource Manager per
subscription. Credentials: DefaultAzureCredential (az login, managed identity,
workload identity, AZURE_CLIENT_* service principal).

Options:
      --subscription <id>        Only this subscription (repeatable)
      --management-group <id>    Only subscriptions under this management group (repeatable)
${COMMON_HELP}
  Formats: text, json, markdown (for $GITHUB_STEP_SUMMARY), sarif

Exit codes:
  0  every account listed is keyless
  1  some account allows keys
  2  error, or some subscription could not be listed (and no account allows keys)
`;

export async function runAudit(argv: readonly string[], io: KeylessIo): Promise<number> {
  try {
    const { values, positionals } = parseCommand(argv, { ...COMMON_OPTIONS, ...SCOPE_OPTIONS });
    if (values.help) {
      io.stdout.write(AUDIT_HELP);
      return EXIT_CLEAN;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
    const format = checkFormat(values.format, AUDIT_FORMATS);
    const subscriptions = checkSubscriptions(values.subscription);
    const { arm } = await connect(io, "audit", values["management-endpoint"]);
    const listing = await listAccounts(arm, { subscriptions, managementGroups: values["management-group"] });
    writeReport(io, values.output, AUDIT_REPORTERS[format](listing));
    if (listing.accounts.some((account) => account.keyAccess === "enabled")) return EXIT_FINDINGS;
    // A clean result over a partial listing is not clean.
    return listing.problems.length > 0 ? EXIT_ERROR : EXIT_CLEAN;
  } catch (error) {
    return reportError(io, "audit", error);
  }
}
