import { describe, expect, it } from "vitest";

import { readDeclaredAccounts } from "../../src/iac/declared-accounts.js";
import { fixture } from "./support.js";

describe("readDeclaredAccounts", () => {
  it("lists a Bicep template's accounts with name, subdomain and key access, and its outputs", async () => {
    expect(await readDeclaredAccounts("main.bicep", fixture("bicep/keyless.bicep"))).toEqual({
      accounts: [
        {
          language: "Bicep",
          type: "Microsoft.CognitiveServices/accounts",
          symbol: "openAi",
          keyAccess: "disabled",
          line: 5,
        },
      ],
      outputs: [
        { name: "AZURE_OPENAI_ENDPOINT", value: "openAi.properties.endpoint", line: 37 },
        { name: "STORAGE_KEY", value: "storage.listKeys().keys[0].value", line: 38 },
      ],
    });
  });

  it("resolves names through parameter defaults and says unknown where the file cannot tell", async () => {
    const { accounts } = await readDeclaredAccounts("shared.bicep", fixture("bicep/shared-param.bicep"));
    expect(accounts.map(({ symbol, name, keyAccess }) => [symbol, name, keyAccess])).toEqual([
      ["openAi", "oai-shared", "enabled"],
      // A name computed at deployment is no name the file fixes.
      ["speech", undefined, "enabled"],
      ["vision", "vision", "unknown"],
    ]);
    const withParameters = await readDeclaredAccounts("shared.bicep", fixture("bicep/shared-param.bicep"), new Map([["shared-param.bicepparam", fixture("bicep/shared-param.bicepparam")]]));
    expect(withParameters.accounts[2]?.keyAccess).toBe("enabled");
  });

  it("reads Terraform accounts and modules, and AVM modules by their default", async () => {
    const terraform = await readDeclaredAccounts("main.tf", fixture("terraform/main.tf"));
    expect(terraform.accounts.map(({ type, symbol, name, customSubDomainName, keyAccess, line }) => [type, symbol, name, customSubDomainName, keyAccess, line])).toEqual([
      ["azurerm_cognitive_account", "openai", "oai-terraform", "oai-terraform", "enabled", 2],
      ["azurerm_cognitive_account", "keyless", "oai-keyless", "oai-keyless", "disabled", 11],
      ["azurerm_cognitive_account", "speech", "speech-terraform", undefined, "enabled", 26],
      ["azurerm_ai_services", "hub", "ais-terraform", undefined, "enabled", 35],
    ]);
    expect(terraform.outputs).toEqual([
      { name: "openai_key", value: "azurerm_cognitive_account.openai.secondary_access_key", line: 87 },
      { name: "AZURE_OPENAI_ENDPOINT", value: "azurerm_cognitive_account.openai.endpoint", line: 92 },
    ]);
    const modules = await readDeclaredAccounts("modules.bicep", fixture("bicep/modules.bicep"));
    expect(modules.accounts.map(({ symbol, name, customSubDomainName, keyAccess }) => [symbol, name, customSubDomainName, keyAccess])).toEqual([
      ["keylessByDefault", "oai-avm", "oai-avm", "disabled"],
      ["keysOn", "speech-avm", undefined, "enabled"],
      ["fromCaller", "oai-core", undefined, "disabled"],
      ["relative", "oai-relative", undefined, "enabled"],
    ]);
  });

  it("sees a Terraform module's variables and locals in its other .tf files when they come as companions", async () => {
    const main = fixture("terraform/module/main.tf");
    const keyAccess = async (companions?: ReadonlyMap<string, string>): Promise<string[]> =>
      (await readDeclaredAccounts("infra/main.tf", main, companions)).accounts.map(({ symbol, keyAccess }) => `${symbol ?? ""} ${keyAccess}`);
    expect(await keyAccess()).toEqual(["this unknown", "hub unknown"]);
    const folder = new Map(["variables.tf", "locals.tf"].map((name) => [name, fixture(`terraform/module/${name}`)]));
    expect(await keyAccess(folder)).toEqual(["this enabled", "hub enabled"]);
    folder.set("terraform.tfvars", "local_auth_enabled = false\n");
    expect(await keyAccess(folder)).toEqual(["this disabled", "hub enabled"]);
  });

  it("returns nothing for a file that is not a template", async () => {
    expect(await readDeclaredAccounts("notes.md", "# Microsoft.CognitiveServices/accounts")).toEqual({ accounts: [], outputs: [] });
  });
});
