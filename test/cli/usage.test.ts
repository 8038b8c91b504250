/** `aoai-keyless` argument handling, in process: everything here fails (or answers) before any request. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { HELP_TEXT, run } from "../../src/cli/run.js";
import { PACKAGE_VERSION } from "../../src/utils/package-info.js";

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "aoai-keyless-usage-"));
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

async function invoke(argv: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await run(argv, {
    cwd,
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

const SUBSCRIPTION = "11111111-1111-4111-8111-111111111111";

describe("aoai-keyless usage", () => {
  it("prints the help without a command, and the version", async () => {
    expect(await invoke([])).toEqual({ status: 0, stdout: HELP_TEXT, stderr: "" });
    expect(await invoke(["--version"])).toEqual({ status: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  });

  it.each([
    [["--help"], "Usage: aoai-keyless <command> [options]"],
    [["audit", "--help"], "Usage: aoai-keyless audit [options]"],
    [["enforce", "-h"], "Usage: aoai-keyless enforce [ACCOUNT-ID...] [options]"],
    [["verify", "--help"], "Usage: aoai-keyless verify ENDPOINT [options]"],
  ])("%j prints its help", async (argv, firstLine) => {
    const result = await invoke(argv);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(firstLine);
  });

  it.each<[string[], string, Record<string, string>?]>([
    [["scan"], 'aoai-keyless: unknown command "scan" (use audit, enforce, verify, readiness; see --help)'],
    [["audit", "--format", "github"], 'aoai-keyless audit: unknown --format "github" (use text, json, markdown or sarif).'],
    [["audit", "--bogus"], "aoai-keyless audit: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\" (see --help)"],
    [["audit", "extra"], 'aoai-keyless audit: unexpected argument "extra" (see --help)'],
    [["audit", "--subscription", "prod"], 'aoai-keyless audit: --subscription must be a subscription id (a GUID), got "prod".'],
    [["audit", "--management-endpoint", "http://management.azure.com"], 'aoai-keyless audit: the management endpoint must be an https:// URL, got "http://management.azure.com".'],
    [["audit"], 'aoai-keyless audit: the management endpoint must be an origin such as https://management.azure.com, got "https://management.azure.com/x".', { AOAI_KEYLESS_MANAGEMENT_ENDPOINT: "https://management.azure.com/x" }],
    [["verify"], "aoai-keyless verify: expected one ENDPOINT, got 0 (see --help)"],
    [["verify", "http://contoso.openai.azure.com/"], 'aoai-keyless verify: ENDPOINT must be an https:// URL, got "http://contoso.openai.azure.com/".'],
    [["verify", "https://contoso.openai.azure.com/", "--key-env", "AZURE_OPENAI_API_KEY"], "aoai-keyless verify: --key-env AZURE_OPENAI_API_KEY: that environment variable is not set or empty."],
    [["verify", "https://contoso.openai.azure.com/", "--format", "sarif"], 'aoai-keyless verify: unknown --format "sarif" (use text, json or markdown).'],
    [["enforce", "--policy"], "aoai-keyless enforce: --policy needs --scope (a management group, subscription or resource group id)."],
    [["enforce", "--policy", "--scope", "/tenants/x"], 'aoai-keyless enforce: --scope must be /providers/Microsoft.Management/managementGroups/ID, /subscriptions/ID or /subscriptions/ID/resourceGroups/NAME, got "/tenants/x".'],
    [["enforce", "--policy", "--scope", `/subscriptions/${SUBSCRIPTION}`, "--effect", "Modify"], 'aoai-keyless enforce: --effect must be Audit or Deny, got "Modify".'],
    [["enforce", "--policy", "--scope", `/subscriptions/${SUBSCRIPTION}`, "--subscription", SUBSCRIPTION], "aoai-keyless enforce: --policy takes its scope from --scope only (no ACCOUNT-ID, --subscription, --management-group or --force)."],
    [["enforce", "--effect", "Deny"], "aoai-keyless enforce: --scope and --effect go with --policy."],
    [["enforce", "chat-prod"], 'aoai-keyless enforce: "chat-prod" is not an Azure AI account id (/subscriptions/.../resourceGroups/.../providers/Microsoft.CognitiveServices/accounts/NAME).'],
    [["enforce", "--exclude", "tag:"], 'aoai-keyless enforce: --exclude: "tag:" names no tag (use tag:KEY or tag:KEY=VALUE).'],
    [["enforce", "--config", "missing.json"], "aoai-keyless enforce: missing.json: cannot read (ENOENT)."],
  ])("%j exits 2 with one line", async (argv, message, env) => {
    expect(await invoke(argv, env)).toEqual({ status: 2, stdout: "", stderr: `${message}\n` });
  });

  it("rejects a config file with an unknown property or a non-string exclusion", async () => {
    writeFileSync(path.join(cwd, "aoai-keyless.config.json"), JSON.stringify({ excludes: ["x"] }));
    expect((await invoke(["enforce", "--dry-run"])).stderr).toBe('aoai-keyless enforce: aoai-keyless.config.json: unknown property "excludes" (allowed: exclude).\n');
    writeFileSync(path.join(cwd, "other.json"), JSON.stringify({ exclude: [42] }));
    expect((await invoke(["enforce", "--config", "other.json"])).stderr).toBe('aoai-keyless enforce: other.json: "exclude" must be an array of strings.\n');
    rmSync(path.join(cwd, "aoai-keyless.config.json"));
  });
});
