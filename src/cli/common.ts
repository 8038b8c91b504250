/**
 * What the `aoai-keyless` subcommands share: the I/O they get, argument parsing that fails in one
 * line, the Azure connection (cloud, credential, Resource Manager), writing the report, and turning
 * any error into one line on stderr and exit 2.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { parseArgs } from "node:util";

import type { TokenCredential } from "@azure/identity";

import type { ArmClient } from "../azure/arm.js";
import { AzureRequestError, createArmClient } from "../azure/arm.js";
import type { AzureCloud } from "../azure/cloud.js";
import { CloudConfigError, MANAGEMENT_ENDPOINT_ENV, resolveCloud } from "../azure/cloud.js";
import { createCredential, CredentialError, oneLine } from "../azure/credential.js";
import type { SenderFactory } from "../azure/http.js";
import { createSenderFactory, TransportError } from "../azure/http.js";
import { AzureSdkError, loadAzureSdk } from "../azure/sdk.js";
import type { CliIo } from "../scanner/cli.js";
import { UsageError } from "../scanner/config.js";
import { EXIT_ERROR } from "../utils/exit-codes.js";
import { clean } from "./report/format.js";

export { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from "../utils/exit-codes.js";
export { UsageError } from "../scanner/config.js";

export interface KeylessIo extends CliIo {
  /** Asks a yes/no question on an interactive terminal; absent when there is none to ask. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every subcommand takes. */
export const COMMON_OPTIONS = {
  format: { type: "string", short: "f", default: "text" },
  output: { type: "string", short: "o" },
  "management-endpoint": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies Options;

/** Where to look for accounts. */
export const SCOPE_OPTIONS = {
  subscription: { type: "string", multiple: true, default: [] as string[] },
  "management-group": { type: "string", multiple: true, default: [] as string[] },
} as const satisfies Options;

export const COMMON_HELP = `  -f, --format <name>            Report format (see above; default text)
  -o, --output <file>            Write the report to a file instead of stdout
      --management-endpoint <url>  Azure Resource Manager of a sovereign cloud, e.g.
                                 https://management.usgovcloudapi.net (or ${MANAGEMENT_ENDPOINT_ENV})
  -h, --help                     Show this help`;

export type ParsedCommand<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** Options and positionals (each subcommand says how many it takes); a parse error is a one-line usage error. */
export function parseCommand<T extends Options>(argv: readonly string[], options: T): ParsedCommand<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
}

export function checkFormat<F extends string>(format: string, allowed: readonly F[]): F {
  if (!(allowed as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format ${JSON.stringify(format)} (use ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}).`);
  }
  return format as F;
}

export function checkSubscriptions(ids: readonly string[]): string[] {
  for (const id of ids) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new UsageError(`--subscription must be a subscription id (a GUID), got ${JSON.stringify(id)}.`);
  }
  return [...ids];
}

export interface AzureConnection {
  readonly cloud: AzureCloud;
  readonly credential: TokenCredential;
  readonly arm: ArmClient;
  readonly senders: SenderFactory;
}

/** `command`: how the user runs it (`audit`, `readiness --azure`); named when the Azure SDK is missing. */
export async function connect(io: KeylessIo, command: string, managementEndpoint: string | undefined): Promise<AzureConnection> {
  const cloud = resolveCloud(managementEndpoint ?? io.env[MANAGEMENT_ENDPOINT_ENV]);
  const sdk = await loadAzureSdk(command);
  const credential = createCredential(sdk.identity, cloud, io.env);
  const senders = createSenderFactory(sdk.pipeline);
  return { cloud, credential, senders, arm: createArmClient(cloud, credential, senders) };
}

export function writeReport(io: KeylessIo, output: string | undefined, report: string): void {
  if (output === undefined) {
    io.stdout.write(report);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, output), report);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}

/** Every failure ends here: one line on stderr, exit 2. */
export function reportError(io: KeylessIo, command: string, error: unknown): number {
  const prefix = `aoai-keyless${command === "" ? "" : ` ${command}`}`;
  let message: string;
  if (error instanceof UsageError || error instanceof CloudConfigError || error instanceof CredentialError || error instanceof TransportError || error instanceof AzureSdkError) {
    message = error.message;
  } else if (error instanceof AzureRequestError) {
    message = `Azure refused the request: ${error.code}: ${error.message}${error.requestId === undefined ? "" : ` (request id ${error.requestId})`}`;
  } else {
    // A bug or an environment failure: still one line, still exit 2.
    message = `fatal: ${oneLine(error)}`;
  }
  io.stderr.write(`${prefix}: ${clean(oneLine(message))}\n`);
  return EXIT_ERROR;
}
