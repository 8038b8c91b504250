import { readFileSync } from "node:fs";
import { join } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { runCli, TempTree } from "../scanner/cli-fixture.js";
import { fixture } from "./support.js";

const TERRAFORM = 'resource "azurerm_cognitive_account" "openai" {\n  name     = "oai"\n  kind     = "OpenAI"\n  sku_name = "S0"\n}\n\noutput "key" {\n  value     = azurerm_cognitive_account.openai.primary_access_key\n  sensitive = true\n}\n';
const BICEP = "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'oai'\n  kind: 'OpenAI'\n  properties: {\n    disableLocalAuth: false\n  }\n}\n";

describe("aoai-key-scan --fix on templates", () => {
  let tree: TempTree | undefined;
  afterEach(() => tree?.dispose());

  it("diffs, writes, and leaves a tree whose only iac finding is the key flow it never rewrites", () => {
    tree = new TempTree();
    tree.write("infra/main.tf", TERRAFORM);
    tree.write("infra/ai.bicep", BICEP);
    const dry = runCli(tree.root, ["--fix-dry-run"]);
    expect(dry.stdout).toBe(
      [
        "--- a/infra/ai.bicep",
        "+++ b/infra/ai.bicep",
        "@@ -2,6 +2,6 @@",
        "   name: 'oai'",
        "   kind: 'OpenAI'",
        "   properties: {",
        "-    disableLocalAuth: false",
        "+    disableLocalAuth: true",
        "   }",
        " }",
        "--- a/infra/main.tf",
        "+++ b/infra/main.tf",
        "@@ -2,6 +2,7 @@",
        '   name     = "oai"',
        '   kind     = "OpenAI"',
        '   sku_name = "S0"',
        "+  local_auth_enabled = false",
        " }",
        " ",
        ' output "key" {',
        "",
      ].join("\n"),
    );
    expect(dry.stderr).toBe("aoai-key-scan: --fix-dry-run: would fix 2 findings in 2 files\n");
    expect(runCli(tree.root, ["--fix"]).stderr).toBe("aoai-key-scan: fixed 2 findings in 2 files\n");
    expect(readFileSync(join(tree.root, "infra/ai.bicep"), "utf8")).toBe(BICEP.replace("disableLocalAuth: false", "disableLocalAuth: true"));
    expect(readFileSync(join(tree.root, "infra/main.tf"), "utf8")).toBe(TERRAFORM.replace('sku_name = "S0"\n', 'sku_name = "S0"\n  local_auth_enabled = false\n'));
    const rescan = runCli(tree.root, ["--format", "json", "--fail-on", "warning"]);
    expect(rescan.status).toBe(1);
    const { findings } = JSON.parse(rescan.stdout) as { findings: { ruleId: string; path: string; line: number }[] };
    expect(findings.map(({ ruleId, path, line }) => `${path}:${line} ${ruleId}`)).toEqual(["infra/main.tf:9 iac-key-flow"]);
  });

  it("fixes a Terraform variable's default in the file that declares it, and a local in its own file", () => {
    tree = new TempTree();
    const files = ["main.tf", "variables.tf", "locals.tf", "outputs.tf"];
    for (const name of files) tree.write(`infra/${name}`, fixture(`terraform/module/${name}`));
    const dry = runCli(tree.root, ["--fix-dry-run"]);
    expect(dry.stdout).toBe(
      [
        "--- a/infra/locals.tf",
        "+++ b/infra/locals.tf",
        "@@ -1,4 +1,4 @@",
        " locals {",
        '   tags     = { module = "openai" }',
        "-  hub_keys = true",
        "+  hub_keys = false",
        " }",
        "--- a/infra/variables.tf",
        "+++ b/infra/variables.tf",
        "@@ -28,7 +28,7 @@",
        " ",
        ' variable "local_auth_enabled" {',
        "   type        = bool",
        "-  default     = true",
        "+  default     = false",
        '   description = "Whether the account accepts API keys."',
        "   nullable    = false",
        " }",
        "",
      ].join("\n"),
    );
    expect(dry.stderr).toBe("aoai-key-scan: --fix-dry-run: would fix 2 findings in 2 files\n");
    expect(runCli(tree.root, ["--fix"]).stderr).toBe("aoai-key-scan: fixed 2 findings in 2 files\n");
    expect(readFileSync(join(tree.root, "infra/main.tf"), "utf8")).toBe(fixture("terraform/module/main.tf"));
    expect(readFileSync(join(tree.root, "infra/locals.tf"), "utf8")).toBe(fixture("terraform/module/locals.tf").replace("hub_keys = true", "hub_keys = false"));
    const rescan = runCli(tree.root, ["--format", "json", "--fail-on", "warning"]);
    const { findings } = JSON.parse(rescan.stdout) as { findings: { ruleId: string; path: string; line: number }[] };
    expect(findings.map(({ ruleId, path, line }) => `${path}:${line} ${ruleId}`)).toEqual(["infra/outputs.tf:6 iac-key-flow"]);
  });
});
