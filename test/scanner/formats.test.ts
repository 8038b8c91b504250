/** Per-format extraction through the built CLI: names bound by each format, and positions at the key itself. */
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { hexFinding, identifiableFinding, jsonReport, runCli, TempTree } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 701 });
const hexKey = generateHexKey(702);
const otherHexKey = generateHexKey(703);

/** Findings of one file written into a fresh tree. */
function scanOne(file: string, content: string) {
  const tree = new TempTree();
  tree.write(file, content);
  const run = runCli(tree.root, ["-f", "json", "--jobs", "0"]);
  tree.dispose();
  expect(run.stdout).not.toContain(hexKey);
  expect(run.stdout).not.toContain(key);
  return jsonReport(run).findings;
}

function lowFinding(secret: string, file: string, line: number, column: number, name: string, service = "Azure AI services") {
  return { ...hexFinding(secret, file, line, column, name, service), confidence: "low" };
}

describe("per-format extraction", () => {
  it("env files: export, quotes", () => {
    expect(scanOne(".env.local", `# local\nexport AZURE_OPENAI_KEY='${hexKey}'\n`)).toEqual([hexFinding(hexKey, ".env.local", 2, 26, "AZURE_OPENAI_KEY")]);
  });

  it("JSON: keys nested in sections (appsettings.json)", () => {
    const content = `{\n  "AzureOpenAI": {\n    "Endpoint": "x",\n    "ApiKey": "${hexKey}"\n  },\n  "Speech": { "SubscriptionKey": "${otherHexKey}" }\n}\n`;

    expect(scanOne("appsettings.Development.json", content)).toEqual([
      hexFinding(hexKey, "appsettings.Development.json", 4, 16, "ApiKey", "Azure AI services"),
      hexFinding(otherHexKey, "appsettings.Development.json", 6, 35, "SubscriptionKey", "Azure AI services"),
    ]);
  });

  it("JSON with escapes before the key on the same line keeps the column in the file", () => {
    const content = `{ "note": "say \\"hi\\" \\u00e9", "speechKey": "${hexKey}" }\n`;

    expect(scanOne("settings.json", content)).toEqual([hexFinding(hexKey, "settings.json", 1, 46, "speechKey", "Speech")]);
  });

  it("notebooks: a key inside an escaped cell source is reported at the notebook's line and column", () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: ["import os\n", `client = AzureOpenAI(api_key="${hexKey}")\n`] }] }, null, 1);

    expect(scanOne("analysis.ipynb", `${notebook}\n`)).toEqual([hexFinding(hexKey, "analysis.ipynb", 7, 37, "api_key", "Azure AI services")]);
  });

  it("YAML: a key under nested mappings", () => {
    expect(scanOne("values.yaml", `openai:\n  credentials:\n    apiKey: "${hexKey}"\n`)).toEqual([hexFinding(hexKey, "values.yaml", 3, 14, "apiKey", "Azure AI services")]);
  });

  it("Kubernetes Secret: base64 data is decoded and the finding covers the encoded value", () => {
    const encodedHex = Buffer.from(hexKey).toString("base64");
    const encodedKey = Buffer.from(`${key}\n`).toString("base64");
    const content = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat\ndata:\n  openaiKey: ${encodedHex}\n  other: ${encodedKey}\n`;

    expect(scanOne("secret.yaml", content)).toEqual([
      { ...hexFinding(hexKey, "secret.yaml", 6, 14, "openaiKey", "Azure OpenAI"), endColumn: 14 + encodedHex.length },
      { ...identifiableFinding(key, "secret.yaml", 7, 10), endColumn: 10 + encodedKey.length },
    ]);
  });

  it("base64 outside a kind: Secret is not decoded", () => {
    expect(scanOne("config.yaml", `kind: ConfigMap\ndata:\n  apiKey: ${Buffer.from(hexKey).toString("base64")}\n`)).toEqual([]);
  });

  it("INI: the section name is an outer name, Azure evidence for a generic key name", () => {
    expect(scanOne("settings.ini", `[azure_openai]\nkey = ${hexKey}\n`)).toEqual([hexFinding(hexKey, "settings.ini", 2, 7, "key", "Azure AI services")]);
    expect(scanOne("settings.ini", `[search]\nkey = ${hexKey}\n`)).toEqual([]);
  });

  it("Terraform variables", () => {
    expect(scanOne("prod.tfvars", `openai_api_key = "${hexKey}"\n`)).toEqual([hexFinding(hexKey, "prod.tfvars", 1, 19, "openai_api_key")]);
  });

  it("shell: curl -H api-key", () => {
    // The request itself is also a usage finding (test/usage/languages.test.ts); here the key is.
    const findings = scanOne("call.sh", `curl https://x.openai.azure.com \\\n  -H "api-key: ${hexKey}"\n`);
    expect(findings.filter((finding) => finding.category === "leak")).toEqual([hexFinding(hexKey, "call.sh", 2, 16, "api-key")]);
    expect(findings.map((finding) => `${finding.category} ${finding.ruleId}`)).toEqual(["usage shell-api-key-header", "leak azure-ai-legacy-key"]);
  });

  it("Markdown code blocks and source code of any language go through the whole text", () => {
    expect(scanOne("README.md", `# Setup\n\n\`\`\`csharp\nvar credential = new AzureKeyCredential("${key}");\n\`\`\`\n`)).toEqual([identifiableFinding(key, "README.md", 4, 42)]);
  });
});

describe("example and template files", () => {
  const content = [`AZURE_OPENAI_API_KEY=<your-key>`, `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com`, `SECRET=${hexKey}`, `PASTED=${key}`, ""].join("\n");

  it("are not findings for placeholders, nor for low-confidence matches, but a real key still is", () => {
    expect(scanOne(".env.example", content)).toEqual([identifiableFinding(key, ".env.example", 4, 8)]);
  });

  it("the same content in an ordinary file keeps its low-confidence match", () => {
    expect(scanOne("app.env", content)).toEqual([
      { ...lowFinding(hexKey, "app.env", 3, 8, "SECRET", "Azure OpenAI"), message: expect.stringContaining("near `contoso.openai.azure.com`") },
      identifiableFinding(key, "app.env", 4, 8),
    ]);
  });
});
