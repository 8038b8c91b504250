/** `aoai-keyless verify ENDPOINT`: on the data plane, a token must work and keys must be refused. */
import { verifyEndpoint } from "../azure/data-plane.js";
import type { KeylessIo } from "./common.js";
import { checkFormat, COMMON_HELP, COMMON_OPTIONS, connect, EXIT_CLEAN, EXIT_FINDINGS, parseCommand, reportError, UsageError, writeReport } from "./common.js";
import { isKeyless, VERIFY_FORMATS, VERIFY_REPORTERS } from "./report/verify.js";

export const VERIFY_HELP = `Usage: aoai-keyless verify ENDPOINT [options]

Sends the cheapest Azure OpenAI request that needs no deployment (GET
openai/models) to ENDPOINT, any https:// URL of the account (custom domain,
private endpoint or gateway included), three ways:
  - with a Microsoft Entra ID token (DefaultAzureCredential): should succeed
  - with a real key, if --key-env names a variable holding one: should get
    403 AuthenticationTypeDisabled, the proof that disableLocalAuth is in effect
  - with a made-up key: should get 401

Options:
      --key-env <name>           Environment variable holding a real key of the
                                 account (never a key on the command line)
${COMMON_HELP}
  Formats: text, json, markdown

Exit codes:
  0  the token works and keys are refused
  1  the token is refused, a key is accepted, or refusal is not proven
  2  usage or fatal error
`;

export async function runVerify(argv: readonly string[], io: KeylessIo): Promise<number> {
  try {
    const { values, positionals } = parseCommand(argv, { ...COMMON_OPTIONS, "key-env": { type: "string" } });
    if (values.help) {
      io.stdout.write(VERIFY_HELP);
      return EXIT_CLEAN;
    }
    const format = checkFormat(values.format, VERIFY_FORMATS);
    if (positionals.length !== 1) throw new UsageError(`expected one ENDPOINT, got ${positionals.length} (see --help)`);
    const endpoint = parseEndpoint(positionals[0]!);
    const keyEnv = values["key-env"];
    let key: { value: string; source: string } | undefined;
    if (keyEnv !== undefined) {
      const value = io.env[keyEnv];
      if (value === undefined || value.trim() === "") throw new UsageError(`--key-env ${keyEnv}: that environment variable is not set or empty.`);
      key = { value: value.trim(), source: keyEnv };
    }
    const { cloud, credential, senders } = await connect(io, "verify ENDPOINT", values["management-endpoint"]);
    const result = await verifyEndpoint({ endpoint, cloud, credential, senders, ...(key === undefined ? {} : { key }) });
    writeReport(io, values.output, VERIFY_REPORTERS[format](result, keyEnv));
    return isKeyless(result) ? EXIT_CLEAN : EXIT_FINDINGS;
  } catch (error) {
    return reportError(io, "verify", error);
  }
}

function parseEndpoint(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`ENDPOINT must be an https:// URL, got ${JSON.stringify(value)}.`);
  }
  // Tokens and keys only travel over TLS.
  if (url.protocol !== "https:") throw new UsageError(`ENDPOINT must be an https:// URL, got ${JSON.stringify(value)}.`);
  if (url.username !== "" || url.password !== "") throw new UsageError("ENDPOINT must not hold credentials.");
  return url;
}
