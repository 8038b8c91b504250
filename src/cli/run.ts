/**
 * `aoai-keyless <subcommand>`: the resource side of the migration off API keys. `run` never touches
 * the process: bin.ts hands it argv and the streams, so tests can call it too.
 */
import { PACKAGE_VERSION } from "../utils/package-info.js";
import { runAudit } from "./audit.js";
import type { KeylessIo } from "./common.js";
import { EXIT_CLEAN, reportError, UsageError } from "./common.js";
import { runEnforce } from "./enforce.js";
import { runReadiness } from "./readiness.js";
import { runVerify } from "./verify.js";

export type { KeylessIo } from "./common.js";

export const HELP_TEXT = `Usage: aoai-keyless <command> [options]

Takes Azure AI services accounts (Azure OpenAI and the rest) from API keys to
Microsoft Entra ID, on live Azure (docs/azure.md).

Commands:
  audit            List accounts and whether each still accepts keys
  enforce          Disable key access per account (PATCH), or assign the built-in
                   Azure Policy with --policy
  verify ENDPOINT  Check on the data plane that a token works and keys are refused
  readiness [paths...]
                   Which accounts can turn keys off today, and what blocks each
                   (reads the repository, and Azure with --azure)

Run "aoai-keyless <command> --help" for a command's options.
  -h, --help       Show this help
  -v, --version    Show the version

Exit codes: 0 clean, 1 findings or failures (see each command), 2 usage or fatal error.
`;

const COMMANDS: Record<string, (argv: readonly string[], io: KeylessIo) => Promise<number>> = {
  audit: runAudit,
  enforce: runEnforce,
  verify: runVerify,
  readiness: runReadiness,
};

export async function run(argv: readonly string[], io: KeylessIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    io.stdout.write(HELP_TEXT);
    return EXIT_CLEAN;
  }
  if (first === "-v" || first === "--version") {
    io.stdout.write(`${PACKAGE_VERSION}\n`);
    return EXIT_CLEAN;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command === undefined) {
    return reportError(io, "", new UsageError(`unknown command ${JSON.stringify(first)} (use ${Object.keys(COMMANDS).join(", ")}; see --help)`));
  }
  return command(rest, io);
}
