/** `aoai-keyless readiness` end to end: the built CLI over the acceptance estate, alone and with the emulated Azure. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { runKeyless } from "../azure/support/run-cli.js";
import { useEmulator } from "../azure/support/scenario.js";
import { writeEstate } from "./estate-fixture.js";

const setup = useEmulator("readiness");
// Each run loads ESLint, TypeScript and the tree-sitter grammars for the usage detectors: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });
const SUBSCRIPTION = "44444444-4444-4444-8444-444444444444";
let estate: string;

beforeAll(() => {
  estate = mkdtempSync(path.join(tmpdir(), "aoai-keyless-estate-"));
  writeEstate(estate);
});
afterAll(() => rmSync(estate, { recursive: true, force: true }));

interface Row {
  readonly name: string;
  readonly verdict: string;
  readonly keyAccess: string;
  readonly sources: string[];
  readonly drift?: string;
  readonly keyClients: { path: string; line: number; via: string }[];
  readonly keylessClients: { path: string; line: number }[];
}

const rows = (stdout: string) =>
  (JSON.parse(stdout) as { resources: Row[] }).resources.map((row) => ({
    name: row.name,
    verdict: row.verdict,
    keyAccess: row.keyAccess,
    sources: row.sources,
    ...(row.drift === undefined ? {} : { drift: row.drift }),
    keyClients: row.keyClients.map((client) => `${client.path}:${client.line} via ${client.via}`),
    keylessClients: row.keylessClients.map((client) => `${client.path}:${client.line}`),
  }));

const CHAT_CLIENT =
  "api/src/chat.ts:3 via AZURE_OPENAI_ENDPOINT, the only endpoint setting api/src/chat.ts reads: AZURE_OPENAI_ENDPOINT set in api/.env:1, AZURE_OPENAI_ENDPOINT set in infra/main.bicep:47";

describe("aoai-keyless readiness", () => {
  it("decides each account the repository declares or calls, and prints one block per account", async () => {
    const run = await runKeyless({ ...setup, cwd: estate }, ["readiness"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").filter((line) => /^[A-Z0-9]/.test(line))).toEqual([
      "BLOCKED          contoso-batch  (key access enabled; seen in code, iac)",
      "BLOCKED          contoso-chat  (key access enabled; seen in code, iac)",
      "ALREADY KEYLESS  contoso-summary  (key access disabled; seen in code, iac)",
      "3 resources: 0 ready, 2 blocked by 3 clients, 1 already keyless",
    ]);
    expect(run.stdout).toContain("    worker/main.py:4  openai.AzureOpenAI (Python) [Python, usage]\n        via endpoint contoso-batch\n");
    expect(run.stdout).toContain(
      [
        "    scripts/models.sh:2  curl api-key header (Shell) [Shell, usage]",
        "        via endpoint contoso-chat",
        '        fix: Send `-H "Authorization: Bearer $(az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)"` instead.',
        "",
      ].join("\n"),
    );
    expect(setup.emulator.log()).toEqual([]);
  });

  it("with --azure, lists every live account, lets the live state decide and reports drift", async () => {
    setup.emulator.reset({
      subscriptions: [{ id: SUBSCRIPTION }],
      accounts: [
        { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-app", name: "contoso-chat", kind: "OpenAI", disableLocalAuth: true },
        { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-app", name: "contoso-batch", kind: "OpenAI" },
        { subscriptionId: SUBSCRIPTION, resourceGroup: "rg-voice", name: "voice-prod", kind: "SpeechServices" },
      ],
    });
    const run = await runKeyless({ ...setup, cwd: estate }, ["readiness", "--azure", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(rows(run.stdout)).toEqual([
      {
        name: "contoso-batch",
        verdict: "blocked",
        keyAccess: "enabled",
        sources: ["code", "iac", "azure"],
        keyClients: ["worker/main.py:4 via endpoint contoso-batch"],
        keylessClients: [],
      },
      {
        name: "contoso-chat",
        verdict: "already-keyless",
        keyAccess: "disabled",
        sources: ["code", "iac", "azure"],
        drift: "key access is disabled on Azure but infra/main.bicep:3 leaves it enabled: the next deployment turns keys back on",
        keyClients: [CHAT_CLIENT, "scripts/models.sh:2 via endpoint contoso-chat"],
        keylessClients: [],
      },
      {
        name: "contoso-summary",
        verdict: "already-keyless",
        keyAccess: "disabled",
        sources: ["code", "iac"],
        keyClients: [],
        keylessClients: ["api/src/summary.ts:5"],
      },
      { name: "voice-prod", verdict: "ready", keyAccess: "enabled", sources: ["azure"], keyClients: [], keylessClients: [] },
    ]);
    expect(JSON.parse(run.stdout).summary).toEqual({ resources: 4, ready: 1, blocked: 1, alreadyKeyless: 2, unknown: 0, keyClients: 3, unresolvedKeyClients: 0, drift: 1 });
  });

  it("renders Markdown with a table and collapsible evidence", async () => {
    const run = await runKeyless({ ...setup, cwd: estate }, ["readiness", "--format", "markdown"]);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").slice(0, 9)).toEqual([
      "## Keyless readiness",
      "",
      "3 resources: 0 ready, 2 blocked by 3 clients, 1 already keyless",
      "",
      "| Resource | Verdict | Key access | Key clients | Seen in |",
      "|---|---|---|---|---|",
      "| contoso-batch | ⛔ blocked | enabled | 1 | code, iac |",
      "| contoso-chat | ⛔ blocked | enabled | 2 | code, iac |",
      "| contoso-summary | 🔒 already keyless | disabled | 0 | code, iac |",
    ]);
    expect(run.stdout).toContain("<details><summary>contoso-chat: ⛔ blocked</summary>");
  });

  it("rejects --subscription without --azure and a missing path with exit 2", async () => {
    expect(await runKeyless({ ...setup, cwd: estate }, ["readiness", "--subscription", SUBSCRIPTION])).toEqual({
      status: 2,
      stdout: "",
      stderr: "aoai-keyless readiness: --subscription and --management-group need --azure.\n",
    });
    expect(await runKeyless({ ...setup, cwd: estate }, ["readiness", "nowhere"])).toEqual({ status: 2, stdout: "", stderr: 'aoai-keyless readiness: path not found: "nowhere"\n' });
  });
});
