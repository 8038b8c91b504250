import { RuleTester } from "@typescript-eslint/rule-tester";

import rule from "../../src/rules/require-disable-local-auth.js";

const ruleTester = new RuleTester();

const nativeData = { construct: "azure-native.cognitiveservices.Account", property: "properties.disableLocalAuth", keyless: "true", default: "false" };
const classicData = { construct: "azure.cognitive.Account", property: "localAuthEnabled", keyless: "false", default: "true" };
const cdktfData = { construct: "CognitiveAccount (CDK for Terraform)", property: "localAuthEnabled", keyless: "false", default: "true" };

ruleTester.run("require-disable-local-auth", rule, {
  valid: [
    // Keyless already, through a namespace, a named module import and require().
    `import * as azure_native from "@pulumi/azure-native";
new azure_native.cognitiveservices.Account("oai", { kind: "OpenAI", properties: { disableLocalAuth: true } });`,
    `import { cognitive } from "@pulumi/azure";
new cognitive.Account("oai", { kind: "OpenAI", skuName: "S0", localAuthEnabled: false });`,
    `const { CognitiveAccount } = require("@cdktf/provider-azurerm/lib/cognitive-account");
new CognitiveAccount(this, "oai", { localAuthEnabled: false });`,
    // Through a const of the file and a spread of one.
    `import * as azure from "@pulumi/azure";
const keyless = { localAuthEnabled: false };
new azure.cognitive.Account("oai", { ...keyless, kind: "OpenAI" });`,
    // A spread the rule cannot see through, or a computed value: it says nothing.
    `import * as azure from "@pulumi/azure";
new azure.cognitive.Account("oai", { ...settings, kind: "OpenAI" });`,
    `import * as azure from "@pulumi/azure";
new azure.cognitive.Account("oai", { kind: "OpenAI", localAuthEnabled: config.getBoolean("keys") });`,
    // A class of the same name that does not come from the packages.
    `class CognitiveAccount { constructor(scope, id, config) {} }
new CognitiveAccount(this, "oai", { localAuthEnabled: true });`,
    // Other resources of the same packages.
    `import * as azure_native from "@pulumi/azure-native";
new azure_native.cognitiveservices.Deployment("gpt", { accountName: "oai" });`,
  ],
  invalid: [
    {
      // The azure-native default: properties without disableLocalAuth.
      code: `import * as azure_native from "@pulumi/azure-native";
const account = new azure_native.cognitiveservices.Account("oai", {
  kind: "OpenAI",
  properties: {
    customSubDomainName: "contoso-oai",
  },
});`,
      output: `import * as azure_native from "@pulumi/azure-native";
const account = new azure_native.cognitiveservices.Account("oai", {
  kind: "OpenAI",
  properties: {
    customSubDomainName: "contoso-oai",
    disableLocalAuth: true,
  },
});`,
      errors: [{ messageId: "keysOnByDefault", data: nativeData, line: 2, column: 21, endLine: 2, endColumn: 59 }],
    },
    {
      // No properties at all: a new properties object in the arguments' layout.
      code: `import { Account } from "@pulumi/azure-native/cognitiveservices";
new Account("oai", {
    kind: "AIServices",
    sku: { name: "S0" }
});`,
      output: `import { Account } from "@pulumi/azure-native/cognitiveservices";
new Account("oai", {
    kind: "AIServices",
    sku: { name: "S0" },
    properties: { disableLocalAuth: true }
});`,
      errors: [{ messageId: "keysOnByDefault", data: nativeData, line: 2, column: 5, endLine: 2, endColumn: 12 }],
    },
    {
      // The azurerm default trap, one line.
      code: `import * as azure from "@pulumi/azure";
new azure.cognitive.Account("oai", { kind: "OpenAI", skuName: "S0" });`,
      output: `import * as azure from "@pulumi/azure";
new azure.cognitive.Account("oai", { kind: "OpenAI", skuName: "S0", localAuthEnabled: false });`,
      errors: [{ messageId: "keysOnByDefault", data: classicData, line: 2, column: 5, endLine: 2, endColumn: 28 }],
    },
    {
      // An explicit true is flipped; AIServices has its own property name.
      code: `import * as azure from "@pulumi/azure";
new azure.cognitive.AIServices("ais", { skuName: "S0", localAuthenticationEnabled: true });`,
      output: `import * as azure from "@pulumi/azure";
new azure.cognitive.AIServices("ais", { skuName: "S0", localAuthenticationEnabled: false });`,
      errors: [{ messageId: "keysOnWritten", data: { construct: "azure.cognitive.AIServices", property: "localAuthenticationEnabled", keyless: "false", default: "true", value: "true" }, line: 2, column: 56, endLine: 2, endColumn: 88 }],
    },
    {
      // CDK for Terraform: the config is the third argument; the provider's namespace import too.
      code: `import { CognitiveAccount } from "@cdktf/provider-azurerm/lib/cognitive-account";
import * as azurerm from "@cdktf/provider-azurerm";
new CognitiveAccount(this, "oai", { name: "oai", kind: "OpenAI", skuName: "S0", localAuthEnabled: true });
new azurerm.cognitiveAccount.CognitiveAccount(this, "speech", {});`,
      output: `import { CognitiveAccount } from "@cdktf/provider-azurerm/lib/cognitive-account";
import * as azurerm from "@cdktf/provider-azurerm";
new CognitiveAccount(this, "oai", { name: "oai", kind: "OpenAI", skuName: "S0", localAuthEnabled: false });
new azurerm.cognitiveAccount.CognitiveAccount(this, "speech", { localAuthEnabled: false });`,
      errors: [
        { messageId: "keysOnWritten", data: { ...cdktfData, value: "true" }, line: 3, column: 81, endLine: 3, endColumn: 103 },
        { messageId: "keysOnByDefault", data: cdktfData, line: 4, column: 5, endLine: 4, endColumn: 46 },
      ],
    },
    {
      // A shared constant that keeps keys on: reported, not fixed; missing arguments: reported, not fixed.
      code: `const azure = require("@pulumi/azure");
const keysOn = true;
new azure.cognitive.Account("a", { localAuthEnabled: keysOn });
new azure.cognitive.Account("b");`,
      output: null,
      errors: [
        { messageId: "keysOnWritten", data: { ...classicData, value: "true" }, line: 3, column: 36, endLine: 3, endColumn: 60 },
        { messageId: "keysOnByDefault", data: classicData, line: 4, column: 5, endLine: 4, endColumn: 28 },
      ],
    },
  ],
});
