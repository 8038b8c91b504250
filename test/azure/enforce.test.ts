import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { runKeyless, runKeylessOnTerminal } from "./support/run-cli.js";
import { useEmulator } from "./support/scenario.js";
import { idOf, SUB_A, SUB_B, SUB_C, world } from "./world.js";

const setup = useEmulator("enforce");
afterEach(() => {
  rmSync(path.join(setup.cwd, "aoai-keyless.config.json"), { force: true });
});

const TOKEN = "GET /msi/token resource={origin}";
const GRAPH = "POST /providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01";
const API = "?api-version=2025-09-01";
const CHAT_PROD = idOf(SUB_A, "rg-chat", "chat-prod");
const CHAT_DEV = idOf(SUB_A, "rg-chat", "chat-dev");
const LEGACY = idOf(SUB_A, "rg-legacy", "legacy-speech");
const FOUNDRY = idOf(SUB_B, "rg-foundry", "foundry-hub");
const VISION = idOf(SUB_B, "rg-foundry", "vision-batch");
const OPS_EMBED = idOf(SUB_C, "rg-ops", "ops-embed");
const OPS_OPENAI = idOf(SUB_C, "rg-ops", "ops-openai");
const NO_SUBDOMAIN =
  "no custom subdomain: Entra ID tokens would not work on this account, so disabling keys would lock every client out; give it a custom subdomain first (it cannot be changed later), or pass --force";

describe("aoai-keyless enforce (per account)", () => {
  it("patches what allows keys, waits for the long-running operation, retries a 503, and goes on past a 403", async () => {
    setup.emulator.reset(world({ graphPageSize: 1000 }));
    const run = await runKeyless(setup, ["enforce", "--exclude", "tag:keep-keys=true", "--yes", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      mode: "resource",
      dryRun: false,
      results: [
        { id: CHAT_DEV, action: "already-disabled" },
        { id: LEGACY, action: "failed", reason: NO_SUBDOMAIN },
        { id: VISION, action: "excluded", reason: "excluded by tag:keep-keys=true (--exclude)" },
        { id: OPS_EMBED, action: "already-disabled" },
        { id: CHAT_PROD, action: "patched" },
        { id: FOUNDRY, action: "patched" },
        {
          id: OPS_OPENAI,
          action: "failed",
          code: "AuthorizationFailed",
          reason: `The client does not have authorization to perform action 'Microsoft.CognitiveServices/accounts/write' over scope '${OPS_OPENAI}'.`,
        },
      ],
      summary: { patched: 2, "already-disabled": 2, excluded: 1, failed: 2 },
      notes: [],
    });
    expect(setup.emulator.log()).toEqual([
      TOKEN,
      GRAPH,
      `GET ${CHAT_PROD}${API}`,
      `GET ${LEGACY}${API}`,
      `GET ${FOUNDRY}${API}`,
      `GET ${OPS_OPENAI}${API}`,
      `PATCH ${CHAT_PROD}${API}`,
      "GET /operations/op-1?api-version=2025-09-01",
      "GET /operations/op-1?api-version=2025-09-01",
      `GET ${CHAT_PROD}${API}`,
      `PATCH ${FOUNDRY}${API}`,
      `PATCH ${FOUNDRY}${API}`,
      `GET ${FOUNDRY}${API}`,
      `PATCH ${OPS_OPENAI}${API}`,
    ]);
    expect(setup.emulator.account("chat-prod").disableLocalAuth).toBe(true);
    expect(setup.emulator.account("vision-batch").disableLocalAuth).toBeUndefined();
  });

  it("prints the plan on --dry-run and changes nothing", async () => {
    setup.emulator.reset(world({ graphPageSize: 1000 }));
    writeFileSync(path.join(setup.cwd, "aoai-keyless.config.json"), JSON.stringify({ exclude: ["ops-openai", "tag:keep-keys"] }));
    const run = await runKeyless(setup, ["enforce", "--dry-run", "--subscription", SUB_A, "--subscription", SUB_C]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        `ACTION            ${"RESOURCE".padEnd(LEGACY.length)}  REASON`,
        `already-disabled  ${CHAT_DEV}`,
        `failed            ${LEGACY}  ${NO_SUBDOMAIN}`,
        `already-disabled  ${OPS_EMBED}`,
        `excluded          ${OPS_OPENAI.padEnd(LEGACY.length)}  excluded by ops-openai (aoai-keyless.config.json)`,
        `would-patch       ${CHAT_PROD}`,
        "",
        "dry run: 1 would-patch, 2 already-disabled, 1 excluded, 1 failed; nothing was changed",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(1);
    expect(setup.emulator.log().filter((line) => line.startsWith("PATCH"))).toEqual([]);
  });

  it("refuses to change anything without --yes when not on a terminal", async () => {
    setup.emulator.reset(world({ graphPageSize: 1000 }));
    const run = await runKeyless(setup, ["enforce", "--subscription", SUB_B]);
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "aoai-keyless enforce: refusing to change anything without --yes when not on an interactive terminal (Disable key access on 2 accounts; --dry-run shows the plan).\n",
    });
    expect(setup.emulator.log()).toEqual([TOKEN, `${GRAPH} subscriptions=${SUB_B}`, `GET ${FOUNDRY}${API}`, `GET ${VISION}${API}`]);
  });

  it("shows the plan on a terminal and patches after a yes", async () => {
    setup.emulator.reset(world());
    const run = await runKeylessOnTerminal(setup, ["enforce", CHAT_PROD, CHAT_DEV], "y");
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        `ACTION            RESOURCE`,
        `already-disabled  ${CHAT_DEV}`,
        `would-patch       ${CHAT_PROD}`,
        "",
        "1 would-patch, 1 already-disabled",
        "Disable key access on 1 account? [y/N] y",
        "patching 1/1 chat-prod",
        `ACTION            RESOURCE`,
        `already-disabled  ${CHAT_DEV}`,
        `patched           ${CHAT_PROD}`,
        "",
        "1 patched, 1 already-disabled",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(0);
    expect(setup.emulator.account("chat-prod").disableLocalAuth).toBe(true);
  });

  it("changes nothing when the answer is not yes", async () => {
    setup.emulator.reset(world());
    const run = await runKeylessOnTerminal(setup, ["enforce", CHAT_PROD], "n");
    expect(run.stdout.split("\n").slice(-3)).toEqual(["Disable key access on 1 account? [y/N] n", "aoai-keyless enforce: not confirmed: nothing was changed.", ""]);
    expect(run.status).toBe(2);
    expect(setup.emulator.log().filter((line) => line.startsWith("PATCH"))).toEqual([]);
  });

  it("patches an account given by id without a custom subdomain only with --force", async () => {
    setup.emulator.reset(world());
    const run = await runKeyless(setup, ["enforce", LEGACY, "--force", "--yes", "--format", "markdown"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      ["## Key access disabled per account", "", "**1 patched**", "", "| Action | Resource | Reason |", "|---|---|---|", `| patched | ${LEGACY} |  |`, ""].join("\n"),
    );
    expect(setup.emulator.log()).toEqual([TOKEN, `GET ${LEGACY}${API}`, `PATCH ${LEGACY}${API}`, `GET ${LEGACY}${API}`]);
  });
});

describe("aoai-keyless enforce --policy", () => {
  const ASSIGNMENT = `/subscriptions/${SUB_B}/providers/Microsoft.Authorization/policyAssignments/aoai-keyless-no-keys`;
  const EXEMPTION = `${VISION}/providers/Microsoft.Authorization/policyExemptions/aoai-keyless-keys-allowed`;

  it("assigns the built-in policy with an exemption per excluded account, then reports unchanged on a second run", async () => {
    setup.emulator.reset(world());
    const args = ["enforce", "--policy", "--scope", `/subscriptions/${SUB_B}`, "--effect", "Deny", "--exclude", "tag:keep-keys", "--yes", "--format", "json"];
    const first = await runKeyless(setup, args);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const reason = "excluded by tag:keep-keys (--exclude)";
    expect(JSON.parse(first.stdout)).toMatchObject({
      mode: "policy",
      results: [
        { id: ASSIGNMENT, action: "created", reason: "effect Deny" },
        { id: EXEMPTION, action: "created", reason },
      ],
      summary: { created: 2 },
    });
    expect(setup.emulator.assignments.get(ASSIGNMENT.toLowerCase())).toMatchObject({
      properties: {
        policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/71ef260a-8f18-47b7-abcb-62d0673d94dc",
        parameters: { effect: { value: "Deny" } },
        enforcementMode: "Default",
      },
    });
    expect(setup.emulator.exemptions.get(EXEMPTION.toLowerCase())).toMatchObject({
      properties: { policyAssignmentId: ASSIGNMENT, exemptionCategory: "Waiver", description: `Keys stay allowed (aoai-keyless enforce --policy): ${reason}` },
    });
    const assignment = `${ASSIGNMENT}?api-version=2023-04-01`;
    const exemption = `${EXEMPTION}?api-version=2022-07-01-preview`;
    expect(setup.emulator.log()).toEqual([
      TOKEN,
      `${GRAPH} subscriptions=${SUB_B}`,
      `GET ${assignment}`,
      `GET ${exemption}`,
      `GET ${assignment}`,
      `PUT ${assignment}`,
      `GET ${exemption}`,
      `PUT ${exemption}`,
    ]);

    setup.emulator.requests.length = 0;
    const second = await runKeyless(setup, args);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ results: [{ action: "unchanged" }, { action: "unchanged" }], summary: { unchanged: 2 } });
    expect(setup.emulator.log()).toEqual([TOKEN, `${GRAPH} subscriptions=${SUB_B}`, `GET ${assignment}`, `GET ${exemption}`]);
  });

  const MG_ASSIGNMENT = "/providers/Microsoft.Management/managementGroups/mg-ai/providers/Microsoft.Authorization/policyAssignments/aoai-keyless-no-keys";

  it("plans at a management group on --dry-run and notes accounts without a custom subdomain", async () => {
    setup.emulator.reset(world());
    const run = await runKeyless(setup, ["enforce", "--policy", "--scope", "/providers/Microsoft.Management/managementGroups/mg-ai", "--dry-run"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        `ACTION        ${"RESOURCE".padEnd(MG_ASSIGNMENT.length)}  REASON`,
        `would-create  ${MG_ASSIGNMENT}  effect Audit`,
        "",
        "note: 1 account allows keys and has no custom subdomain (legacy-speech): the policy reports it non-compliant; give it a custom subdomain before disabling keys, or exclude it",
        "dry run: 1 would-create; nothing was changed",
        "",
      ].join("\n"),
    );
    expect(setup.emulator.assignments.size).toBe(0);
  });
});
