import { describe, expect, it } from "vitest";

import { parseSource } from "../../src/usage/tree-sitter.js";
import type { IacFinding } from "../../src/scanner/types.js";
import { applyEdits, brief, fixture, scanIac } from "./support.js";

/** Applies every fix of a scan, as `--fix` does, and returns the fixed text. */
async function fixed(path: string, text: string): Promise<string> {
  const findings = await scanIac(path, text);
  return applyEdits(text, findings.flatMap((finding) => finding.fix?.edits ?? []));
}

/** The fixture with each `[before, after]` replaced once, in order: the exact expected output. */
function replaced(text: string, replacements: readonly (readonly [string, string])[]): string {
  let result = text;
  for (const [before, after] of replacements) {
    expect(result).toContain(before);
    result = result.replace(before, after);
  }
  return result;
}

const localAuth = (findings: readonly IacFinding[]): string[] => findings.filter((finding) => finding.ruleId === "iac-local-auth-enabled").map(brief);

async function parsesAsTerraform(text: string): Promise<boolean> {
  const parsed = await parseSource("hcl", text);
  const ok = !parsed.root.hasError;
  parsed.dispose();
  return ok;
}

describe("iac --fix edits", () => {
  it("Bicep: into the existing properties, a new properties block, or over false; idempotent and re-scanned clean of local auth", async () => {
    const original = fixture("bicep/keys-on.bicep");
    const result = await fixed("keys-on.bicep", original);
    expect(result).toBe(
      replaced(original, [
        ["    publicNetworkAccess: 'Enabled' // reachable from anywhere\n", "    publicNetworkAccess: 'Enabled' // reachable from anywhere\n    disableLocalAuth: true\n"],
        ["  sku: {\n    name: 'S0'\n  }\n}\n\nresource language", "  sku: {\n    name: 'S0'\n  }\n  properties: {\n    disableLocalAuth: true\n  }\n}\n\nresource language"],
        ["    disableLocalAuth: false\n", "    disableLocalAuth: true\n"],
      ]),
    );
    const again = await scanIac("keys-on.bicep", result);
    expect(localAuth(again)).toEqual([]);
    // Key flows are never rewritten.
    expect(again.filter((finding) => finding.ruleId === "iac-key-flow")).toHaveLength(6);
    expect(await fixed("keys-on.bicep", result)).toBe(result);
  });

  it("Bicep: a parameter default used once, a variable, module inputs; a shared parameter is left alone", async () => {
    const original = fixture("bicep/param-default.bicep");
    expect(await fixed("p.bicep", original)).toBe(replaced(original, [["param disableLocalAuth bool = false", "param disableLocalAuth bool = true"]]));
    const shared = fixture("bicep/shared-param.bicep");
    const sharedFixed = await fixed("s.bicep", shared);
    expect(sharedFixed).toBe(replaced(shared, [["var speechKeyless = false", "var speechKeyless = true"]]));
    expect(localAuth(await scanIac("s.bicep", sharedFixed))).toEqual(["8:5-8:30 iac-local-auth-enabled warning/medium Microsoft.CognitiveServices/accounts openAi properties.disableLocalAuth"]);
    const modules = fixture("bicep/modules.bicep");
    expect(await fixed("m.bicep", modules)).toBe(modules.replaceAll("    disableLocalAuth: false\n", "    disableLocalAuth: true\n"));
  });

  it("Bicep: keeps CRLF line ends and tab indentation, and opens an empty properties block", async () => {
    const text = "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n\tname: 'a'\r\n\tproperties: {}\r\n}\r\n";
    expect(await fixed("a.bicep", text)).toBe("resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n\tname: 'a'\r\n\tproperties: {\r\n\t\tdisableLocalAuth: true\r\n\t}\r\n}\r\n");
    const oneLine = "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'a'\n  properties: { publicNetworkAccess: 'Disabled' }\n}\n";
    expect(await fixed("a.bicep", oneLine)).toBe(oneLine.replace("'Disabled' }", "'Disabled', disableLocalAuth: true }"));
  });

  it("ARM: the parameter default and a new properties object; the result is still JSON and scans clean", async () => {
    const original = fixture("arm/azuredeploy.json");
    const result = await fixed("azuredeploy.json", original);
    expect(result).toBe(
      replaced(original, [
        ['      "type": "bool",\n      "defaultValue": false', '      "type": "bool",\n      "defaultValue": true'],
        ['      "sku": {\n        "name": "S0"\n      }\n    },\n    {\n      "type": "Microsoft.KeyVault', '      "sku": {\n        "name": "S0"\n      },\n      "properties": {\n        "disableLocalAuth": true\n      }\n    },\n    {\n      "type": "Microsoft.KeyVault'],
      ]),
    );
    expect(() => JSON.parse(result) as unknown).not.toThrow();
    expect(localAuth(await scanIac("azuredeploy.json", result))).toEqual([]);
    expect(await fixed("azuredeploy.json", result)).toBe(result);
    const existing = '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.CognitiveServices/accounts","name":"a","properties":{"publicNetworkAccess":"Disabled"}}]}';
    const compact = await fixed("c.json", existing);
    expect(compact).toBe(existing.replace('"Disabled"}', '"Disabled", "disableLocalAuth": true}'));
    expect(() => JSON.parse(compact) as unknown).not.toThrow();
  });

  it("Terraform: the default trap, an explicit true, a variable default, a module; aligned as terraform fmt does; still parses", async () => {
    const original = fixture("terraform/main.tf");
    const result = await fixed("main.tf", original);
    expect(result).toBe(
      replaced(original, [
        ['  custom_subdomain_name = "oai-terraform"\n}', '  custom_subdomain_name = "oai-terraform"\n  local_auth_enabled    = false\n}'],
        ["  type    = bool\n  default = true", "  type    = bool\n  default = false"],
        ["  local_authentication_enabled = true", "  local_authentication_enabled = false"],
      ]),
    );
    expect(await parsesAsTerraform(result)).toBe(true);
    expect(localAuth(await scanIac("main.tf", result))).toEqual([]);
    expect(await fixed("main.tf", result)).toBe(result);
    const module = fixture("terraform/openai.tf");
    const moduleFixed = await fixed("openai.tf", module);
    expect(moduleFixed).toBe(replaced(module, [['  location            = azurerm_resource_group.this.location\n}\n\nmodule "openai_keyless"', '  location            = azurerm_resource_group.this.location\n  local_auth_enabled  = false\n}\n\nmodule "openai_keyless"']]));
    expect(await parsesAsTerraform(moduleFixed)).toBe(true);
  });

  it("Terraform: an empty block gets the attribute; a one-line block gets no fix", async () => {
    expect(await fixed("a.tf", 'resource "azurerm_ai_services" "a" {\n}\n')).toBe('resource "azurerm_ai_services" "a" {\n  local_authentication_enabled = false\n}\n');
    const [oneLine] = await scanIac("b.tf", 'resource "azurerm_ai_services" "a" { name = "a" }\n');
    expect(oneLine?.fix).toBeUndefined();
  });

  it("offers no fix in git modes (offsets would not be whole-file offsets)", async () => {
    const text = fixture("terraform/openai.tf");
    const { createFragmentScanner } = await import("../../src/scanner/scan-fragment.js");
    const { IAC_DETECTORS } = await import("../../src/iac/descriptor.js");
    const scan = createFragmentScanner({ categories: ["iac"], detectors: [], maxFileSize: 1 << 20, allowFingerprints: [], allowValues: [] }, IAC_DETECTORS);
    const { findings } = await scan({ path: "openai.tf", text, lines: new Set([1]) });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.category === "iac" && findings[0].fix).toBe(undefined);
  });
});
