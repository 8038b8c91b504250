import { describe, expect, it } from "vitest";

import { triggeredDetectors } from "../../src/scanner/detectors/index.js";

import { brief, fixture, scanFixture, scanIac } from "./support.js";

const ADVICE = 'Give each app a managed identity with the role "Cognitive Services OpenAI User" (or "Cognitive Services User") and authenticate with Microsoft Entra ID.';

describe("iac detector: Bicep", () => {
  it("finds nothing in a keyless template (existing accounts, storage keys and endpoints are not findings)", async () => {
    expect(await scanFixture("bicep/keyless.bicep")).toEqual([]);
  });

  it("finds accounts that keep keys on, and every place a key flows to", async () => {
    const findings = await scanFixture("bicep/keys-on.bicep");
    expect(findings.map(brief)).toEqual([
      "6:1-6:66 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts openAi properties.disableLocalAuth fix",
      "19:1-19:66 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts speech properties.disableLocalAuth fix",
      "33:5-33:28 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts language properties.disableLocalAuth fix",
      "43:14-43:36 iac-key-flow error/high Microsoft.KeyVault/vaults/secrets openAiKey properties.value",
      "60:18-60:40 iac-key-flow error/high Microsoft.Web/sites app properties.siteConfig.appSettings.value",
      "62:9-65:10 iac-key-setting warning/medium Microsoft.Web/sites app SPEECH_KEY",
      "83:18-83:56 iac-key-flow error/high Microsoft.App/containerApps containerApp properties.configuration.secrets.value",
      "93:13-96:14 iac-key-setting warning/medium Microsoft.App/containerApps containerApp AZURE_OPENAI_KEY",
      "114:5-114:23 iac-key-connection warning/high Microsoft.CognitiveServices/accounts/projects/connections connection properties.authType",
      "116:12-116:34 iac-key-flow error/high Microsoft.CognitiveServices/accounts/projects/connections connection properties.credentials.key",
      "124:16-124:38 iac-key-flow error/high ./search.bicep search openAiKey",
      "129:27-129:49 iac-key-flow error/high output openAiKey -",
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      `\`Microsoft.CognitiveServices/accounts\` \`openAi\` keeps key access on: an absent \`disableLocalAuth\` leaves key access on. Set \`properties.disableLocalAuth: true\`. ${ADVICE}`,
      `\`Microsoft.CognitiveServices/accounts\` \`speech\` keeps key access on: an absent \`disableLocalAuth\` leaves key access on. Set \`properties.disableLocalAuth: true\`. ${ADVICE}`,
      `\`Microsoft.CognitiveServices/accounts\` \`language\` sets \`disableLocalAuth\` to false: key access stays on. Set \`properties.disableLocalAuth: true\`. ${ADVICE}`,
      `A key of account \`openAi\` flows into a Key Vault secret: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
      `A key of account \`openAi\` flows into the app setting \`AZURE_OPENAI_API_KEY\`: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
      "Setting `SPEECH_KEY` of `Microsoft.Web/sites` `app` hands the app an Azure AI key from parameter `speechKeyFromPipeline`, not from Key Vault: the app still authenticates with a key. Give it a managed identity and drop the setting (until then, reference the key from Key Vault).",
      `A key of account \`openAi\` flows into the container secret \`openai-key\`: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
      "Setting `AZURE_OPENAI_KEY` of `Microsoft.App/containerApps` `containerApp` hands the app an Azure AI key from the container secret `openai-key`, not from Key Vault: the app still authenticates with a key. Give it a managed identity and drop the setting (until then, reference the key from Key Vault).",
      `\`Microsoft.CognitiveServices/accounts/projects/connections\` \`connection\` (category AzureOpenAI) authenticates with \`authType: 'ApiKey'\`: the connection stores a key. Use \`authType: 'AAD'\` and grant the project's managed identity access to the target. ${ADVICE}`,
      `A key of account \`openAi\` flows into a connection's credentials: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
      `A key of account \`openAi\` flows into parameter \`openAiKey\` of module \`search\`: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
      `A key of account \`openAi\` flows into output \`openAiKey\` (marked secure, still handed to whoever reads the outputs): whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
    ]);
  });

  it("follows a parameter default one step and names it; a parameter used elsewhere gets no fix and says why", async () => {
    const [single] = await scanFixture("bicep/param-default.bicep");
    expect(single?.message).toBe(
      `\`Microsoft.CognitiveServices/accounts\` \`account\` takes \`disableLocalAuth\` from parameter \`disableLocalAuth\`, whose default is false: key access stays on unless every deployment passes true. ${ADVICE}`,
    );
    expect(single?.fix?.description).toBe("Set the default of parameter `disableLocalAuth` to true.");
    const shared = await scanFixture("bicep/shared-param.bicep", ["shared-param.bicepparam"]);
    expect(shared.map(brief)).toEqual([
      "8:5-8:30 iac-local-auth-enabled warning/medium Microsoft.CognitiveServices/accounts openAi properties.disableLocalAuth",
      "25:5-25:36 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts speech properties.disableLocalAuth fix",
      "35:5-35:35 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts vision properties.disableLocalAuth",
    ]);
    expect(shared[0]?.message).toMatch(/No fix: parameter `keysOff` is used 2 times in this file; set the value where it is passed, or give this resource a value of its own\.$/);
    expect(shared[2]?.message).toBe(
      `\`Microsoft.CognitiveServices/accounts\` \`vision\` takes \`disableLocalAuth\` from parameter \`fromPipeline\`, which has no default; shared-param.bicepparam sets it to false: key access stays on for that deployment. Set it to true there. ${ADVICE}`,
    );
  });

  it("reports a parameter without default only when a parameters file beside it turns keys on", async () => {
    expect((await scanFixture("bicep/shared-param.bicep")).map(brief)).toHaveLength(2);
    const keyless = new Map([["main.parameters.json", JSON.stringify({ parameters: { fromPipeline: { value: true } } })]]);
    expect(await scanIac("main.bicep", "param fromPipeline bool\nresource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  properties: {\n    disableLocalAuth: fromPipeline\n  }\n}\n", keyless)).toEqual([]);
    const azd = new Map([["main.parameters.json", JSON.stringify({ parameters: { fromPipeline: { value: "${AZURE_DISABLE_KEYS=false}" } } })]]);
    const [finding] = await scanIac("main.bicep", "param fromPipeline bool\nresource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  properties: {\n    disableLocalAuth: fromPipeline\n  }\n}\n", azd);
    expect(finding?.confidence).toBe("low");
    expect(finding?.message).toContain("main.parameters.json sets it to false");
  });

  it("judges the Azure Verified Module by its default and local modules only by what they are passed", async () => {
    const findings = await scanFixture("bicep/modules.bicep");
    expect(findings.map(brief)).toEqual([
      "17:5-17:28 iac-local-auth-enabled warning/high br/public:avm/res/cognitive-services/account:0.7.0 keysOn disableLocalAuth fix",
      "33:5-33:28 iac-local-auth-enabled warning/high ./core/ai/cognitiveservices.bicep relative disableLocalAuth fix",
    ]);
    expect(findings[0]?.message).toBe(
      `module \`keysOn\` (br/public:avm/res/cognitive-services/account:0.7.0) sets \`disableLocalAuth\` to false: key access stays on. Set \`disableLocalAuth: true\`. ${ADVICE}`,
    );
  });

  it("judges a local module only when its path or name says it deploys an Azure AI account, and reads loops the Bicep formatter splits over lines", async () => {
    const call = (source: string, symbol: string): string =>
      `module ${symbol} '${source}' = [\n  for iteration in ['init', 'idem']: {\n    name: 'x-\${iteration}'\n    params: {\n      disableLocalAuth: false\n    }\n  }\n]\n`;
    // AVM's own e2e tests call the module three folders up: a Cognitive Services account, or a Search service.
    expect((await scanIac("avm/res/cognitive-services/account/tests/e2e/keys/main.test.bicep", call("../../../main.bicep", "testDeployment"))).map(brief)).toEqual([
      "5:7-5:30 iac-local-auth-enabled warning/high ../../../main.bicep testDeployment disableLocalAuth fix",
    ]);
    expect(await scanIac("avm/res/search/search-service/tests/e2e/keys/main.test.bicep", call("../../../main.bicep", "testDeployment"))).toEqual([]);
    expect(await scanIac("infra/main.bicep", call("./core/search/search-services.bicep", "search"))).toHaveLength(0);
    expect(await scanIac("infra/main.bicep", call("./modules/account.bicep", "openAi"))).toHaveLength(1);
    const loop = "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = [\n  for i in range(0, 2): {\n    name: 'a${i}'\n  }\n]\n";
    expect((await scanIac("x.bicep", loop)).map(brief)).toEqual(["1:1-1:61 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts a properties.disableLocalAuth fix"]);
  });

  it("reads resources in loops and conditions, leaves what it cannot evaluate (`fal`), and survives unfinished text", async () => {
    const text = "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for i in range(0, 2): if (i > 0) {\n  name: 'a${i}'\n}]\nresource b 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'b'\n  properties: {\n    disableLocalAuth: fal\n  }\n}\nresource c 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  properties: {\n    publicNetworkAccess: 'Enabled'";
    expect((await scanIac("x.bicep", text)).map(brief)).toEqual([
      "1:1-1:61 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts a properties.disableLocalAuth fix",
      "10:1-10:61 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts c properties.disableLocalAuth fix",
    ]);
    expect(await scanIac("x.bicep", "resource 'x\n${'{'.repeat(5000)}")).toEqual([]);
  });

  it("reads conditions, fallbacks and negations; a value it cannot evaluate, or properties built by union() or a spread, are low-confidence findings that say so", async () => {
    const account = (name: string, properties: string): string => `resource ${name} 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: '${name}'\n  properties: ${properties}\n}\n`;
    const value = (name: string, expression: string): string => account(name, `{\n    disableLocalAuth: ${expression}\n  }`);
    const text = [
      "param keysOff bool = true",
      "param features object = {}",
      "param isProd bool",
      "param enableKeys bool = true",
      value("condition", "isProd ? true : false"),
      value("keylessBothWays", "isProd ? true : keysOff"),
      value("fallbackKeysOn", "features.?disableLocalAuth ?? false"),
      value("fallbackKeyless", "features.?disableLocalAuth ?? true"),
      value("negated", "!enableKeys"),
      value("passedIn", "features.disableLocalAuth"),
      value("opaque", "contains(features, 'keys')"),
      account("unioned", "union({ publicNetworkAccess: 'Disabled' }, features)"),
      account("spread", "{\n    ...features\n    publicNetworkAccess: 'Disabled'\n  }"),
    ].join("\n");
    const findings = await scanIac("x.bicep", text);
    expect(findings.map(brief)).toEqual([
      "8:5-8:44 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts condition properties.disableLocalAuth",
      "22:5-22:58 iac-local-auth-enabled warning/medium Microsoft.CognitiveServices/accounts fallbackKeysOn properties.disableLocalAuth",
      "36:5-36:34 iac-local-auth-enabled warning/medium Microsoft.CognitiveServices/accounts negated properties.disableLocalAuth",
      "50:5-50:49 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts opaque properties.disableLocalAuth",
      "54:1-54:67 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts unioned properties.disableLocalAuth",
      "59:1-59:66 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts spread properties.disableLocalAuth",
    ]);
    const lead = (name: string): string => `\`Microsoft.CognitiveServices/accounts\` \`${name}\``;
    expect(findings.map((finding) => finding.message)).toEqual([
      `${lead("condition")} takes \`disableLocalAuth\` from \`isProd ? true : false\`: a condition with a branch that is false (conditions are not evaluated), so key access may stay on. ${ADVICE}`,
      `${lead("fallbackKeysOn")} takes \`disableLocalAuth\` from \`features.?disableLocalAuth ?? false\`, which falls back to false: key access stays on unless every deployment passes true. ${ADVICE}`,
      `${lead("negated")} takes \`disableLocalAuth\` from \`!enableKeys\`, which falls back to false: key access stays on unless every deployment passes true. ${ADVICE}`,
      `${lead("opaque")} takes \`disableLocalAuth\` from \`contains(features, 'keys')\`, which this reader does not evaluate: key access stays on unless it yields true. ${ADVICE}`,
      `${lead("unioned")} may keep key access on: its \`properties\` is built by \`union({ publicNetworkAccess: 'Disabled' }, features)\`, which this reader does not evaluate, and an absent \`disableLocalAuth\` leaves key access on unless that sets it. Set \`properties.disableLocalAuth: true\` where it is built. ${ADVICE}`,
      `${lead("spread")} may keep key access on: its \`properties\` is built by a spread (\`...\`), which this reader does not evaluate, and an absent \`disableLocalAuth\` leaves key access on unless that sets it. Set \`properties.disableLocalAuth: true\` where it is built. ${ADVICE}`,
    ]);
  });

  it("reads the same shapes in ARM (if, coalesce, not, union) and Terraform (conditions, coalesce, try, !)", async () => {
    const arm = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { isProd: { type: "bool" }, features: { type: "object", defaultValue: {} }, enableKeys: { type: "bool", defaultValue: false } },
      resources: [
        ["condition", "[if(parameters('isProd'), true(), false())]"],
        ["fallback", "[coalesce(tryGet(parameters('features'), 'disableLocalAuth'), true())]"],
        ["negated", "[not(parameters('enableKeys'))]"],
      ]
        .map(([name, expression]) => ({ type: "Microsoft.CognitiveServices/accounts", name, properties: { disableLocalAuth: expression } }))
        .concat([{ type: "Microsoft.CognitiveServices/accounts", name: "unioned", properties: "[union(parameters('features'), createObject('publicNetworkAccess', 'Disabled'))]" as never }]),
    };
    expect((await scanIac("main.json", JSON.stringify(arm, null, 2))).map(brief)).toEqual([
      "22:9-22:74 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts condition properties.disableLocalAuth",
      "40:7-40:53 iac-local-auth-enabled warning/low Microsoft.CognitiveServices/accounts unioned properties.disableLocalAuth",
    ]);
    const terraform = [
      'variable "env" {\n  type = string\n}\n',
      'variable "keys" {\n  type    = bool\n  default = true\n}\n',
      'resource "azurerm_cognitive_account" "condition" {\n  local_auth_enabled = var.env == "prod" ? false : true\n}\n',
      'resource "azurerm_cognitive_account" "fallback" {\n  local_auth_enabled = coalesce(var.env == "" ? null : false, true)\n}\n',
      'resource "azurerm_cognitive_account" "negated" {\n  local_auth_enabled = !var.keys\n}\n',
      'resource "azurerm_cognitive_account" "tried" {\n  local_auth_enabled = try(var.settings.local_auth, false)\n}\n',
    ].join("\n");
    expect((await scanIac("main.tf", terraform)).map(brief)).toEqual([
      "11:3-11:56 iac-local-auth-enabled warning/low azurerm_cognitive_account condition local_auth_enabled",
      "15:3-15:68 iac-local-auth-enabled warning/medium azurerm_cognitive_account fallback local_auth_enabled",
    ]);
  });

  it("keeps control characters from the file out of messages", async () => {
    const text = "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  properties: {\n    siteConfig: {\n      appSettings: [\n        {\n          name: 'AZURE_OPENAI_API_KEY\\u001b[31m'\n          value: k\n        }\n      ]\n    }\n  }\n}\n";
    expect(await scanIac("x.bicep", text)).toEqual([]);
    const bad = "resource x 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'a\u001b[2J'\n}\n";
    const [finding] = await scanIac("x.bicep", bad);
    expect(finding?.message).not.toContain("\u001b");
  });
});

describe("iac detector: ARM", () => {
  it("reads the template with positions: parameter defaults, absent properties, listKeys into a Key Vault secret and an output", async () => {
    const findings = await scanFixture("arm/azuredeploy.json", ["azuredeploy.parameters.json"]);
    expect(findings.map(brief)).toEqual([
      "32:9-32:63 iac-local-auth-enabled warning/medium Microsoft.CognitiveServices/accounts [parameters('accountName')] properties.disableLocalAuth fix",
      "36:7-36:53 iac-local-auth-enabled warning/high Microsoft.CognitiveServices/accounts [variables('speechName')] properties.disableLocalAuth fix",
      "50:19-50:102 iac-key-flow error/high Microsoft.KeyVault/vaults/secrets [format('{0}/{1}', parameters('keyVaultName'), 'speech-key')] properties.value",
      "61:17-61:102 iac-key-flow error/high output key1 -",
    ]);
    expect(findings[2]?.message).toBe(
      `A key of account \`variables('speechName')\` flows into a Key Vault secret: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
    );
  });

  it("finds nothing in a keyless template, a parameters file, or JSON that is not a template", async () => {
    expect(await scanFixture("arm/keyless.json")).toEqual([]);
    expect(await scanFixture("arm/azuredeploy.parameters.json")).toEqual([]);
    expect(await scanIac("package.json", '{ "name": "CognitiveServices", "resources": [ { "type": "Microsoft.CognitiveServices/accounts" } ] }')).toEqual([]);
    expect(await scanIac("broken.json", '{ "contentVersion": "1.0.0.0", "resources": [ { "type": "Microsoft.CognitiveServices/accounts", ')).toEqual([]);
  });

  it("reads a JSON file only when it names what every ARM template holds (contentVersion, a deployment template schema)", () => {
    const armRead = (text: string): string[] => triggeredDetectors("infra/main.json", Buffer.from(text), ["iac"]).map(({ id }) => id);
    // Key-like words and Azure names alone no longer make a JSON file a template to read (TypeScript's
    // localised messages hold `Key`); every template a tool writes has one of these.
    expect(armRead('{ "messages": { "Key_0": "Key", "CognitiveServices": "x", "disableLocalAuth": false } }')).toEqual([]);
    expect(armRead('{ "contentVersion": "1.0.0.0", "resources": [] }')).toEqual(["iac-arm"]);
    expect(armRead('{ "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#" }')).toEqual(["iac-arm"]);
    expect(armRead('{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#" }')).toEqual(["iac-arm"]);
    // Bicep, Terraform and YAML keep their own words.
    expect(triggeredDetectors("main.bicep", Buffer.from("param openAiKey string"), ["iac"]).map(({ id }) => id)).toEqual(["iac"]);
  });
});

describe("iac detector: connections and nested deployments", () => {
  it("reports API-key connections to Azure AI services only, not to App Insights or Search", async () => {
    const connection = (category: string) =>
      `resource c 'Microsoft.CognitiveServices/accounts/connections@2025-04-01-preview' = {\n  name: 'c'\n  properties: {\n    category: '${category}'\n    authType: 'ApiKey'\n  }\n}\n`;
    expect((await scanIac("c.bicep", connection("AIServices"))).map(brief)).toEqual([
      "5:5-5:23 iac-key-connection warning/high Microsoft.CognitiveServices/accounts/connections c properties.authType",
    ]);
    expect(await scanIac("c.bicep", connection("AppInsights"))).toEqual([]);
    expect(await scanIac("c.bicep", connection("CognitiveSearch"))).toEqual([]);
    expect(await scanIac("c.bicep", connection("AIServices").replace("ApiKey", "AAD"))).toEqual([]);
  });

  it("reads an inline nested deployment (compiled Bicep) as its own template, reporting each key flow once", async () => {
    const inner = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { name: { type: "string" } },
      resources: [{ type: "Microsoft.KeyVault/vaults/secrets", name: "kv/k", properties: { value: "[listKeys(resourceId('Microsoft.CognitiveServices/accounts', parameters('name')), '2023-05-01').key1]" } }],
    };
    const outer = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [{ type: "Microsoft.Resources/deployments", name: "secrets", properties: { expressionEvaluationOptions: { scope: "inner" }, parameters: { name: { value: "oai" } }, template: inner } }],
    };
    const findings = await scanIac("main.json", JSON.stringify(outer, null, 2));
    expect(findings.map(brief)).toEqual(["30:27-30:105 iac-key-flow error/high Microsoft.KeyVault/vaults/secrets kv/k properties.value"]);
  });
  it("reports a key passed to a nested deployment once, as a module parameter named as the inner template names it", async () => {
    const outer = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [
        { type: "Microsoft.CognitiveServices/accounts", name: "oai", properties: { disableLocalAuth: true } },
        {
          type: "Microsoft.Resources/deployments",
          name: "secrets",
          properties: {
            parameters: { key: { value: "[listKeys(resourceId('Microsoft.CognitiveServices/accounts', 'oai'), '2023-05-01').key1]" } },
            template: { $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion: "1.0.0.0", parameters: { key: { type: "securestring" } }, resources: [] },
          },
        },
      ],
    };
    const findings = await scanIac("main.json", JSON.stringify(outer, null, 2));
    expect(findings.map(brief)).toEqual(["18:23-18:89 iac-key-flow error/high Microsoft.Resources/deployments secrets key"]);
    expect(findings[0]?.message).toBe(
      `A key of account \`'oai'\` flows into parameter \`key\` of module \`secrets\`: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
    );
  });
});

describe("iac detector: Terraform", () => {
  it("finds the default trap, explicit and variable values, key flows and API-key connections; data sources never", async () => {
    const findings = await scanFixture("terraform/main.tf");
    expect(findings.map(brief)).toEqual([
      "2:1-2:46 iac-local-auth-enabled warning/high azurerm_cognitive_account openai local_auth_enabled fix",
      "32:3-32:39 iac-local-auth-enabled warning/medium azurerm_cognitive_account speech local_auth_enabled fix",
      "40:3-40:38 iac-local-auth-enabled warning/high azurerm_ai_services hub local_authentication_enabled fix",
      "54:18-54:69 iac-key-flow error/high azurerm_key_vault_secret openai_key value",
      "73:29-73:85 iac-key-flow error/high azurerm_linux_web_app app app_settings.AZURE_OPENAI_API_KEY",
      "74:5-74:43 iac-key-setting warning/medium azurerm_linux_web_app app SPEECH_KEY",
      "79:1-79:65 iac-key-connection warning/high azurerm_cognitive_account_connection_api_key openai -",
      "84:26-84:77 iac-key-flow error/high azurerm_cognitive_account_connection_api_key openai api_key",
      "88:15-88:68 iac-key-flow error/high output openai_key -",
    ]);
    expect(findings[0]?.message).toBe(
      `\`azurerm_cognitive_account\` \`openai\` keeps key access on: \`local_auth_enabled\` defaults to true in the azurerm provider. Set \`local_auth_enabled = false\`. ${ADVICE}`,
    );
    expect(findings[8]?.message).toBe(
      `A key of account \`openai\` flows into output \`openai_key\` (marked secure, still handed to whoever reads the outputs): whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${ADVICE}`,
    );
  });

  it("judges the Azure/openai/azurerm module by its default", async () => {
    expect((await scanFixture("terraform/openai.tf")).map(brief)).toEqual(["1:1-1:16 iac-local-auth-enabled warning/high Azure/openai/azurerm openai local_auth_enabled fix"]);
  });

  it("judges the Terraform Azure Verified Module for accounts by its default, from the registry or its git source", async () => {
    const call = (source: string, extra: string): string => `module "aoai" {\n  source   = "${source}"\n  kind     = "OpenAI"\n  sku_name = "S0"${extra}\n}\n`;
    expect((await scanIac("main.tf", call("Azure/avm-res-cognitiveservices-account/azurerm", ""))).map(brief)).toEqual([
      "1:1-1:14 iac-local-auth-enabled warning/high Azure/avm-res-cognitiveservices-account/azurerm aoai local_auth_enabled fix",
    ]);
    const git = "git::https://github.com/Azure/terraform-azurerm-avm-res-cognitiveservices-account.git?ref=0123abc";
    expect((await scanIac("main.tf", call(git, "\n  local_auth_enabled = true"))).map(brief)).toEqual([`5:3-5:28 iac-local-auth-enabled warning/high ${git} aoai local_auth_enabled fix`]);
    expect(await scanIac("main.tf", call(git, "\n  local_auth_enabled = false"))).toEqual([]);
    expect(await scanIac("main.tf", call("Azure/avm-res-cognitiveservices-account-extra/azurerm", ""))).toEqual([]);
  });

  it("reports a variable without default when a variables file beside it turns keys on: medium when Terraform loads it on every run", async () => {
    const text = 'variable "keys" {\n  type = bool\n}\nresource "azurerm_ai_services" "x" {\n  local_authentication_enabled = var.keys\n}\n';
    expect(await scanIac("main.tf", text)).toEqual([]);
    const [passed] = await scanIac("main.tf", text, new Map([["dev.tfvars", "keys = true\n"]]));
    expect(brief(passed!)).toBe("5:3-5:42 iac-local-auth-enabled warning/low azurerm_ai_services x local_authentication_enabled");
    const [loaded] = await scanIac("main.tf", text, new Map([["terraform.tfvars", "keys = true\n"]]));
    expect(brief(loaded!)).toBe("5:3-5:42 iac-local-auth-enabled warning/medium azurerm_ai_services x local_authentication_enabled");
    expect(loaded?.message).toBe(
      `\`azurerm_ai_services\` \`x\` takes \`local_authentication_enabled\` from variable \`keys\`, which terraform.tfvars sets to true: Terraform loads that file on every run, so key access stays on. Set it to false there. ${ADVICE}`,
    );
  });

  it("follows variables and locals declared in the module's other .tf files, and fixes them in their own file", async () => {
    const companions = ["variables.tf", "locals.tf", "outputs.tf"];
    const findings = await scanFixture("terraform/module/main.tf", companions);
    expect(findings.map(brief)).toEqual([
      "10:3-10:57 iac-local-auth-enabled warning/medium azurerm_cognitive_account this local_auth_enabled fix",
      "19:3-19:48 iac-local-auth-enabled warning/high azurerm_ai_services hub local_authentication_enabled fix",
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      `\`azurerm_cognitive_account\` \`this\` takes \`local_auth_enabled\` from variable \`local_auth_enabled\` (variables.tf), whose default is true: key access stays on unless every deployment passes false. ${ADVICE}`,
      `\`azurerm_ai_services\` \`hub\` takes \`local_authentication_enabled\` from local \`hub_keys\` (locals.tf), which is true: key access stays on. ${ADVICE}`,
    ]);
    expect(findings.map((finding) => [finding.fix?.file, finding.fix?.description])).toEqual([
      ["variables.tf", "Set the default of variable `local_auth_enabled` (variables.tf) to false."],
      ["locals.tf", "Set the value of local `hub_keys` (locals.tf) to false."],
    ]);
    // The outputs file holds the key flow; the variables file holds nothing of its own.
    expect((await scanFixture("terraform/module/outputs.tf", ["main.tf", "variables.tf", "locals.tf"])).map(brief)).toEqual([
      "6:17-6:66 iac-key-flow error/high output primary_key -",
    ]);
    expect(await scanFixture("terraform/module/variables.tf", ["main.tf", "locals.tf", "outputs.tf"])).toEqual([]);
    // Git modes read one file: a variable declared elsewhere is a value passed in, not reported.
    expect(await scanFixture("terraform/module/main.tf")).toEqual([]);
  });

  it("counts a variable's uses across the module's files before fixing its default, and lets auto-loaded tfvars override it", async () => {
    const main = fixture("terraform/module/main.tf");
    const variables = fixture("terraform/module/variables.tf");
    const shared = new Map([["variables.tf", variables], ["speech.tf", 'resource "azurerm_cognitive_account" "speech" {\n  kind               = "SpeechServices"\n  local_auth_enabled = var.local_auth_enabled\n}\n']]);
    const [account] = await scanIac("main.tf", main, shared);
    expect(account?.fix).toBeUndefined();
    expect(account?.message).toMatch(/No fix: variable `local_auth_enabled` \(variables\.tf\) is used 2 times in this module's files; set the value where it is passed, or give this resource a value of its own\.$/);
    expect(await scanIac("main.tf", main, new Map([["variables.tf", variables], ["terraform.tfvars", "local_auth_enabled = false\n"], ["locals.tf", 'locals {\n  hub_keys = false\n}\n']]))).toEqual([]);
    const keyless = variables.replace("  default     = true\n  description = \"Whether", "  default     = false\n  description = \"Whether");
    const [overridden] = await scanIac("main.tf", main, new Map([["variables.tf", keyless], ["prod.auto.tfvars", "local_auth_enabled = true\n"]]));
    expect(brief(overridden!)).toBe("10:3-10:57 iac-local-auth-enabled warning/medium azurerm_cognitive_account this local_auth_enabled");
    const [passed] = await scanIac("main.tf", main, new Map([["variables.tf", keyless], ["dev.tfvars", "local_auth_enabled = true\n"]]));
    expect(passed?.message).toBe(
      `\`azurerm_cognitive_account\` \`this\` takes \`local_auth_enabled\` from variable \`local_auth_enabled\` (variables.tf), whose default is false; dev.tfvars sets it to true: key access stays on for that deployment. Set it to false there. ${ADVICE}`,
    );
  });
});

describe("iac detector: container environments in YAML", () => {
  it("reads Kubernetes env entries and docker-compose environment, leaving literals to the key engine", async () => {
    expect((await scanFixture("yaml/deployment.yaml")).map(brief)).toEqual([
      "14:13-18:31 iac-key-setting warning/medium Kubernetes env - AZURE_OPENAI_API_KEY",
      "19:13-20:46 iac-key-setting warning/medium Kubernetes env - SPEECH_KEY",
    ]);
    const compose = await scanFixture("yaml/docker-compose.yml");
    expect(compose.map(brief)).toEqual([
      "6:7-6:53 iac-key-setting warning/medium Compose environment - AZURE_OPENAI_API_KEY",
      "7:7-7:25 iac-key-setting warning/medium Compose environment - AZURE_OPENAI_KEY",
      "11:7-11:62 iac-key-setting warning/medium Compose environment - AZURE_AI_SERVICES_KEY",
    ]);
    expect(compose[1]?.message).toBe(
      "Environment variable `AZURE_OPENAI_KEY` hands the container an Azure AI key from the host environment, not from Key Vault: the app still authenticates with a key. Give the workload a managed identity (workload identity on Kubernetes) and drop the variable.",
    );
    expect(await scanFixture("yaml/values.yaml")).toEqual([]);
  });
});
