// The layout of real azd templates (main.bicep calling local modules, module outputs feeding app
// settings, tests naming mock hosts), read through the inventory and the join: one row per account.
import { describe, expect, it } from "vitest";

import { buildEstate } from "../../src/readiness/estate.js";
import type { InventoryItem } from "../../src/readiness/inventory.js";
import { inventoryOf, mayHoldInventory } from "../../src/readiness/inventory.js";
import { decideReadiness } from "../../src/readiness/join.js";

const MAIN_BICEP = [
  "param name string",
  "param disableKeyBasedAuth bool = true",
  "param createAzureOpenAi bool = true",
  "param openAiEndpoint string = ''",
  "",
  "module openAi 'core/ai/cognitiveservices.bicep' = if (createAzureOpenAi) {",
  "  name: 'openai'",
  "  params: {",
  "    name: '${name}-cog'",
  "    disableLocalAuth: disableKeyBasedAuth",
  "  }",
  "}",
  "",
  "module logs 'core/monitor/loganalytics.bicep' = {",
  "  name: 'loganalytics'",
  "  params: {",
  "    name: 'app'",
  "  }",
  "}",
  "",
  "module roleUser 'core/security/role.bicep' = {",
  "  name: 'openai-role-user'",
  "  params: {",
  "    principalId: name",
  "  }",
  "}",
  "",
  "output AZURE_OPENAI_ENDPOINT string = createAzureOpenAi ? openAi.outputs.endpoint : openAiEndpoint",
  "",
].join("\n");

// The module the call deploys: its own default leaves keys on, the call passes true.
const MODULE_BICEP = [
  "param name string",
  "param disableLocalAuth bool = false",
  "",
  "resource account 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
  "  name: name",
  "  kind: 'OpenAI'",
  "  properties: {",
  "    disableLocalAuth: disableLocalAuth",
  "  }",
  "}",
  "",
  "output endpoint string = account.properties.endpoint",
  "",
].join("\n");

const APP = [
  "import os",
  "from azure.identity import ManagedIdentityCredential, get_bearer_token_provider",
  "credential = ManagedIdentityCredential(client_id=os.getenv('AZURE_CLIENT_ID'))",
  'token_provider = get_bearer_token_provider(credential, "https://cognitiveservices.azure.com/.default")',
  "endpoint = os.getenv('AZURE_OPENAI_ENDPOINT')",
  "",
].join("\n");

const CONFTEST = ["import os", "os.environ['AZURE_OPENAI_ENDPOINT'] = 'https://test-openai-service.openai.azure.com'", ""].join("\n");

async function inventoryOfFiles(files: Record<string, string>): Promise<InventoryItem[]> {
  const items: InventoryItem[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (mayHoldInventory(path, Buffer.from(text))) items.push(...(await inventoryOf({ path, text })));
  }
  return items;
}

describe("readiness over an azd layout", () => {
  it("reads a template that names no endpoint word, so accounts inside modules are seen", () => {
    expect(mayHoldInventory("infra/core/ai/cognitiveservices.bicep", Buffer.from(MODULE_BICEP.replace("output endpoint string = account.properties.endpoint", "")))).toBe(true);
  });

  it("counts only the module call that deploys an account, not role, monitoring or hosting modules", async () => {
    const items = await inventoryOfFiles({ "infra/main.bicep": MAIN_BICEP });
    expect(items.filter((item) => item.kind === "template-account")).toEqual([
      {
        kind: "template-account",
        symbol: "infra/main.bicep#openAi",
        keyAccess: "disabled",
        module: "infra/core/ai/cognitiveservices.bicep",
        path: "infra/main.bicep",
        line: 6,
      },
    ]);
  });

  it("binds an endpoint output written inside a condition to its account", async () => {
    const items = await inventoryOfFiles({ "infra/main.bicep": MAIN_BICEP });
    expect(items.filter((item) => item.kind === "template-binding")).toEqual([
      { kind: "template-binding", name: "AZURE_OPENAI_ENDPOINT", accountSymbol: "infra/main.bicep#openAi", path: "infra/main.bicep", line: 28 },
    ]);
  });

  it("makes one row of the call and the module's account, with the app's keyless client, and no row for a test's mock host", async () => {
    const inventory = await inventoryOfFiles({
      "infra/main.bicep": MAIN_BICEP,
      "infra/core/ai/cognitiveservices.bicep": MODULE_BICEP,
      "src/app.py": APP,
      "tests/conftest.py": CONFTEST,
    });
    const report = decideReadiness(buildEstate({ findings: [], inventory }));
    expect(report.resources.map(({ name, verdict, keyAccess, sources, keylessClients }) => ({ name, verdict, keyAccess, sources, keyless: keylessClients.map((client) => `${client.path}:${client.line}`) }))).toEqual([
      { name: "infra/main.bicep#openAi", verdict: "already-keyless", keyAccess: "disabled", sources: ["code", "iac"], keyless: ["src/app.py:3"] },
    ]);
  });

  it("reads a Terraform account's key access from variables.tf beside it (the scanner passes a module's .tf files as companions)", async () => {
    const main = ['resource "azurerm_cognitive_account" "openai" {', '  name               = "contoso-tf"', '  kind               = "OpenAI"', "  local_auth_enabled = var.keys", "}", ""].join("\n");
    const variables = ['variable "keys" {', "  type    = bool", "  default = false", "}", ""].join("\n");
    const alone = await inventoryOf({ path: "infra/main.tf", text: main });
    const withVariables = await inventoryOf({ path: "infra/main.tf", text: main, companions: new Map([["variables.tf", variables]]) });
    const account = (items: InventoryItem[]) => items.find((item) => item.kind === "template-account");
    expect(account(alone)).toEqual({ kind: "template-account", symbol: "infra/main.tf#openai", name: "contoso-tf", path: "infra/main.tf", line: 1 });
    expect(account(withVariables)).toEqual({ kind: "template-account", symbol: "infra/main.tf#openai", name: "contoso-tf", keyAccess: "disabled", path: "infra/main.tf", line: 1 });
  });

  it("keeps a module's own account as a row when no call passes its key access", async () => {
    const inventory = await inventoryOfFiles({
      "infra/main.bicep": MAIN_BICEP.replace("    disableLocalAuth: disableKeyBasedAuth\n", ""),
      "infra/core/ai/cognitiveservices.bicep": MODULE_BICEP,
    });
    const report = decideReadiness(buildEstate({ findings: [], inventory }));
    expect(report.resources.map(({ name, verdict, keyAccess }) => ({ name, verdict, keyAccess }))).toEqual([
      { name: "infra/core/ai/cognitiveservices.bicep#account", verdict: "ready", keyAccess: "enabled" },
    ]);
  });
});
