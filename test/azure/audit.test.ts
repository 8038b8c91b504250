import { readFileSync } from "node:fs";
import path from "node:path";

import { runKeyless } from "./support/run-cli.js";
import { useEmulator } from "./support/scenario.js";
import { idOf, SUB_A, SUB_B, SUB_C, world } from "./world.js";

const setup = useEmulator("audit");

const GRAPH = "POST /providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01";
const TOKEN = "GET /msi/token resource={origin}";

describe("aoai-keyless audit", () => {
  it("lists every account over four Resource Graph pages, waits out a 429, and prints a table", async () => {
    setup.emulator.reset(world({ graphThrottlePage: 1 }));
    const run = await runKeyless(setup, ["audit"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "SUBSCRIPTION                          RESOURCE GROUP  NAME           KIND               LOCATION        KEY ACCESS  CUSTOM SUBDOMAIN",
        `${SUB_A}  rg-chat         chat-dev       OpenAI             swedencentral   disabled    chat-dev`,
        `${SUB_A}  rg-chat         chat-prod      OpenAI             eastus          enabled     chat-prod`,
        `${SUB_A}  rg-legacy       legacy-speech  SpeechServices     westeurope      enabled     (none)`,
        `${SUB_B}  rg-foundry      foundry-hub    AIServices         eastus2         enabled     foundry-hub`,
        `${SUB_B}  rg-foundry      vision-batch   CognitiveServices  eastus2         enabled     vision-batch`,
        `${SUB_C}  rg-ops          ops-embed      OpenAI             northcentralus  disabled    ops-embed`,
        `${SUB_C}  rg-ops          ops-openai     OpenAI             northcentralus  enabled     ops-openai`,
        "",
        "7 accounts in 3 subscriptions: 5 allow keys, 2 keyless, 1 without a custom subdomain",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(1);
    expect(setup.emulator.log()).toEqual([TOKEN, GRAPH, GRAPH + " $skipToken=2", GRAPH + " $skipToken=2", GRAPH + " $skipToken=4", GRAPH + " $skipToken=6"]);
  });

  it("prints the JSON shape, one resource per account with every field", async () => {
    setup.emulator.reset(world({ graphPageSize: 1000 }));
    const run = await runKeyless(setup, ["audit", "--format", "json", "--subscription", SUB_B]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      resources: [
        {
          id: idOf(SUB_B, "rg-foundry", "foundry-hub"),
          name: "foundry-hub",
          subscriptionId: SUB_B,
          resourceGroup: "rg-foundry",
          kind: "AIServices",
          location: "eastus2",
          endpoint: "https://foundry-hub.openai.azure.com/",
          endpoints: { "OpenAI Language Model Instance API": "https://foundry-hub.openai.azure.com/" },
          customSubDomainName: "foundry-hub",
          disableLocalAuth: false,
          keyAccess: "enabled",
          tags: {},
        },
        {
          id: idOf(SUB_B, "rg-foundry", "vision-batch"),
          name: "vision-batch",
          subscriptionId: SUB_B,
          resourceGroup: "rg-foundry",
          kind: "CognitiveServices",
          location: "eastus2",
          endpoint: "https://vision-batch.openai.azure.com/",
          endpoints: { "OpenAI Language Model Instance API": "https://vision-batch.openai.azure.com/" },
          customSubDomainName: "vision-batch",
          disableLocalAuth: false,
          keyAccess: "enabled",
          tags: { "keep-keys": "true" },
        },
      ],
      summary: { accounts: 2, subscriptions: 1, keyAccessEnabled: 2, keyAccessDisabled: 0, withoutCustomSubDomain: 0, source: "resource-graph", incomplete: false },
      problems: [],
    });
    expect(setup.emulator.log()).toEqual([TOKEN, `${GRAPH} subscriptions=${SUB_B}`]);
  });

  it("exits 0 when every account in a management group is keyless, counts each account once, and writes Markdown to --output", async () => {
    const keyless = world();
    for (const account of keyless.accounts) account.disableLocalAuth = true;
    setup.emulator.reset(keyless);
    const run = await runKeyless(setup, ["audit", "--management-group", "mg-ai", "--subscription", SUB_A, "--format", "markdown", "--output", "summary.md"]);
    expect(run).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(path.join(setup.cwd, "summary.md"), "utf8")).toBe(
      [
        "## Azure AI accounts: key access",
        "",
        "All 5 accounts are keyless.",
        "",
        "5 accounts in 2 subscriptions: 0 allow keys, 5 keyless, 1 without a custom subdomain",
        "",
        "| Account | Subscription | Resource group | Kind | Location | Key access | Custom subdomain |",
        "|---|---|---|---|---|---|---|",
        `| chat-dev | \`${SUB_A}\` | rg-chat | OpenAI | swedencentral | disabled | chat-dev |`,
        `| chat-prod | \`${SUB_A}\` | rg-chat | OpenAI | eastus | disabled | chat-prod |`,
        `| legacy-speech | \`${SUB_A}\` | rg-legacy | SpeechServices | westeurope | disabled | none |`,
        `| foundry-hub | \`${SUB_B}\` | rg-foundry | AIServices | eastus2 | disabled | foundry-hub |`,
        `| vision-batch | \`${SUB_B}\` | rg-foundry | CognitiveServices | eastus2 | disabled | vision-batch |`,
        "",
      ].join("\n"),
    );
    expect(setup.emulator.log()).toEqual([
      TOKEN,
      `${GRAPH} subscriptions=${SUB_A}`,
      `${GRAPH} subscriptions=${SUB_A} $skipToken=2`,
      `${GRAPH} managementGroups=mg-ai`,
      `${GRAPH} managementGroups=mg-ai $skipToken=2`,
      `${GRAPH} managementGroups=mg-ai $skipToken=4`,
    ]);
  });

  it("falls back to Resource Manager per subscription when Resource Graph is refused, follows nextLink, and reports a subscription it may not read", async () => {
    setup.emulator.reset(world({ graphForbidden: true, armPageSize: 1, subscriptions: [{ id: SUB_A }, { id: SUB_C, denied: true }] }));
    const run = await runKeyless(setup, ["audit"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").slice(-5)).toEqual([
      "",
      "note: Resource Graph refused the query (AuthorizationFailed: The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read'.); listed through Resource Manager per subscription",
      `warning: /subscriptions/${SUB_C} not listed: AuthorizationFailed: The client does not have authorization to perform action 'Microsoft.CognitiveServices/accounts/read' over scope '/subscriptions/${SUB_C}'.`,
      "3 accounts in 1 subscription: 2 allow keys, 1 keyless, 1 without a custom subdomain, incomplete (see the warnings)",
      "",
    ]);
    const list = (subscription: string, skip?: number): string =>
      `GET /subscriptions/${subscription}/providers/Microsoft.CognitiveServices/accounts?api-version=2025-09-01${skip === undefined ? "" : `&%24skiptoken=${skip}`}`;
    expect(setup.emulator.log()).toEqual([TOKEN, GRAPH, "GET /subscriptions?api-version=2022-12-01", list(SUB_A), list(SUB_A, 1), list(SUB_A, 2), list(SUB_C)]);
  });

  it("exits 2 when a clean listing is incomplete", async () => {
    const keyless = world({ graphForbidden: true, subscriptions: [{ id: SUB_A }, { id: SUB_C, denied: true }] });
    for (const account of keyless.accounts) account.disableLocalAuth = true;
    setup.emulator.reset(keyless);
    const run = await runKeyless(setup, ["audit", "--format", "json"]);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { accounts: 3, keyAccessEnabled: 0, source: "resource-manager", incomplete: true }, problems: [{ scope: `/subscriptions/${SUB_C}`, code: "AuthorizationFailed" }] });
  });

  it("writes one SARIF result per account that allows keys, located by resource id", async () => {
    setup.emulator.reset(world({ graphPageSize: 1000 }));
    const run = await runKeyless(setup, ["audit", "--format", "sarif", "--subscription", SUB_C]);
    expect(run.status).toBe(1);
    const sarif = JSON.parse(run.stdout) as { runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: unknown[] }[] };
    expect(sarif.runs[0]!.tool.driver.name).toBe("aoai-keyless");
    expect(sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toEqual(["azure-ai-key-access-enabled"]);
    expect(sarif.runs[0]!.results).toEqual([
      {
        ruleId: "azure-ai-key-access-enabled",
        ruleIndex: 0,
        level: "error",
        message: { text: "Azure AI account ops-openai (OpenAI, northcentralus) accepts API keys: properties.disableLocalAuth is not true." },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: idOf(SUB_C, "rg-ops", "ops-openai").slice(1) } },
            logicalLocations: [{ fullyQualifiedName: idOf(SUB_C, "rg-ops", "ops-openai"), name: "ops-openai", kind: "resource" }],
          },
        ],
        partialFingerprints: { "azureResourceId/v1": expect.stringMatching(/^[0-9a-f]{64}$/) },
        properties: { subscriptionId: SUB_C, resourceGroup: "rg-ops", kind: "OpenAI", location: "northcentralus" },
      },
    ]);
  });

  it("never connects beyond loopback: a real Azure endpoint is stopped by the test guard", async () => {
    setup.emulator.reset(world());
    const run = await runKeyless(setup, ["audit", "--management-endpoint", "https://management.azure.com"]);
    expect(run.status).toBe(97);
    expect(run.stderr).toBe("LOOPBACK-GUARD: blocked a connection to management.azure.com:443\n");
    // The token came from the emulator's managed identity endpoint, for the public cloud's audience.
    expect(setup.emulator.log()).toEqual(["GET /msi/token resource=https://management.azure.com"]);
  });

  it("fails in one line when the token endpoint refuses", async () => {
    setup.emulator.reset(world());
    const run = await runKeyless(setup, ["audit"], { IDENTITY_HEADER: "wrong" });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^aoai-keyless audit: cannot get a token for https:\/\/127\.0\.0\.1:\d+\/\.default: [^\n]+\n$/);
    expect(setup.emulator.log()).toEqual([TOKEN]);
  });

  it("stops before any request when AZURE_TOKEN_CREDENTIALS names no credential", async () => {
    setup.emulator.reset(world());
    const run = await runKeyless(setup, ["audit"], { AZURE_TOKEN_CREDENTIALS: "nope" });
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "aoai-keyless audit: cannot set up Azure credentials: Invalid value for AZURE_TOKEN_CREDENTIALS = nope. Valid values are 'prod' or 'dev' or any of these credentials - EnvironmentCredential, WorkloadIdentityCredential, ManagedIdentityCredential, VisualStudioCodeCredential, AzureCliCredential, AzurePowerShellCredential, AzureDeveloperCliCredential.\n",
    });
    expect(setup.emulator.log()).toEqual([]);
  });
});
