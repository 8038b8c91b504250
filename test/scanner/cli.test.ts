/** The built CLI end to end: formats, masking, --output, exit codes, suppression and config. */
import { readFileSync } from "node:fs";
import path from "node:path";

import { fingerprintSecret } from "../../src/detect/index.js";
import { ruleDescriptions } from "../../src/scanner/detectors/index.js";
import { PACKAGE_VERSION } from "../../src/utils/package-info.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { hexFinding, identifiableFinding, jsonReport, runCli, TempTree } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 501 });
const hexKey = generateHexKey(502);

describe("aoai-key-scan output", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write(".env", `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com\nAZURE_OPENAI_API_KEY="${key}"\n`);
    tree.write("app.py", `client = AzureOpenAI(\n    api_key="${hexKey}",\n)\n`);
    tree.write("README.md", "# nothing to see\n");
  });
  afterAll(() => tree.dispose());

  it("prints findings grouped by file in text, masked, and exits 1", () => {
    const run = runCli(tree.root, []);

    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      ".env",
      `  2:23     error    ${identifiableFinding(key, ".env", 2, 23).message}  azure-ai-identifiable-key`,
      "",
      "app.py",
      `  2:14     error    ${hexFinding(hexKey, "app.py", 2, 14, "api_key", "Azure AI services").message}  azure-ai-legacy-key`,
      "",
    ]);
    expect(lines[6]).toMatch(/^3 files \(\d+ B\) scanned, 2 findings, 0 skipped, \d+ ms$/);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).not.toContain(hexKey);
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("prints the JSON report with exact findings and summary", () => {
    const run = runCli(tree.root, ["--format", "json"]);
    const report = jsonReport(run);

    expect(run.status).toBe(1);
    expect(report.version).toBe(1);
    expect(report.findings).toEqual([identifiableFinding(key, ".env", 2, 23), hexFinding(hexKey, "app.py", 2, 14, "api_key", "Azure AI services")]);
    expect(report.skipped).toEqual([]);
    expect({ ...report.summary, durationMs: 0 }).toEqual({
      filesScanned: 3,
      bytesScanned: Buffer.byteLength(readFileSync(path.join(tree.root, ".env"))) + Buffer.byteLength(readFileSync(path.join(tree.root, "app.py"))) + 17,
      findings: 2,
      suppressed: 0,
      skipped: { binary: 0, "too-large": 0, symlink: 0, unreadable: 0, undecodable: 0, "not-a-file": 0, missing: 0 },
      durationMs: 0,
    });
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).not.toContain(hexKey);
  });

  it("prints SARIF 2.1.0 with the package version, a CWE-798 rule per detector and fingerprints", () => {
    const run = runCli(tree.root, ["-f", "sarif"]);
    const sarif = JSON.parse(run.stdout);
    const [sarifRun] = sarif.runs;

    expect(run.status).toBe(1);
    expect(sarif.version).toBe("2.1.0");
    expect(sarifRun.tool.driver.name).toBe("aoai-key-scan");
    expect(sarifRun.tool.driver.version).toBe(PACKAGE_VERSION);
    // Leak rules first (CWE-798), then the rules of the other categories' detectors.
    const ruleIds = sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ruleIds).toEqual(ruleDescriptions().map((rule) => rule.id));
    expect(ruleIds.slice(0, 2)).toEqual(["azure-ai-identifiable-key", "azure-ai-legacy-key"]);
    expect(ruleIds).toContain("python-key-auth-client");
    expect(ruleIds).toContain("iac-local-auth-enabled");
    for (const rule of sarifRun.tool.driver.rules.slice(0, 2)) expect(rule.properties.tags).toContain("external/cwe/cwe-798");
    expect(sarifRun.results[0]).toEqual({
      ruleId: "azure-ai-identifiable-key",
      ruleIndex: 0,
      level: "error",
      message: { text: identifiableFinding(key, ".env", 2, 23).message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: ".env" },
            region: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 107, snippet: { text: identifiableFinding(key, ".env", 2, 23).secret } },
          },
        },
      ],
      partialFingerprints: { "aoaiKeyFingerprint/v1": fingerprintSecret(key, ".env") },
      properties: { category: "leak", confidence: "high", service: "Azure OpenAI", createdAt: "2025-01" },
    });
    expect(sarifRun.results[1].ruleIndex).toBe(1);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).not.toContain(hexKey);
  });

  it("writes the report to --output, prints nothing on stdout, and keeps the exit code", () => {
    const run = runCli(tree.root, ["--format", "json", "--output", "report.json", ".env"]);
    const written = readFileSync(path.join(tree.root, "report.json"), "utf8");

    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(JSON.parse(written).findings).toEqual([identifiableFinding(key, ".env", 2, 23)]);
    expect(written).not.toContain(key);
  });

  it("exits 0 with a summary line on a clean path", () => {
    const run = runCli(tree.root, ["README.md"]);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1 file \(17 B\) scanned, no keys found, 0 skipped, \d+ ms\n$/);
  });
});

describe("aoai-key-scan usage errors", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write("a.txt", "hello\n");
  });
  afterAll(() => tree.dispose());

  it.each([
    [["missing-dir"], "aoai-key-scan: path not found: missing-dir\n"],
    [["--frobnicate"], "aoai-key-scan: unknown option --frobnicate (see --help)\n"],
    [["--format", "xml"], 'aoai-key-scan: unknown --format "xml" (use text, json, sarif or github).\n'],
    [["--max-file-size", "big"], 'aoai-key-scan: --max-file-size must be a positive size such as 1048576 or 10MiB, got "big".\n'],
    [["--jobs", "many"], 'aoai-key-scan: --jobs must be a whole number or "auto", got "many".\n'],
    [["--config", "nope.json"], "aoai-key-scan: cannot read config nope.json: ENOENT.\n"],
  ])("exits 2 for %j with one line on stderr", (args, message) => {
    const run = runCli(tree.root, args);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(message);
  });

  it("states the exit codes in --help", () => {
    const run = runCli(tree.root, ["--help"]);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Exit codes:\n  0  nothing at or above --fail-on found\n  1  findings at or above --fail-on (any key, by default)\n  2  usage or fatal error");
  });

  it("prints the package version", () => {
    expect(runCli(tree.root, ["--version"]).stdout).toBe(`${PACKAGE_VERSION}\n`);
  });
});

describe("aoai-key-scan config", () => {
  let tree: TempTree;
  beforeEach(() => {
    tree = new TempTree();
  });
  afterEach(() => tree.dispose());

  it.each([
    ["{ not json", /^aoai-key-scan: aoai-key-scan\.config\.json: invalid JSON \(.+\)\.\n$/],
    ['{"ignores": []}', /^aoai-key-scan: aoai-key-scan\.config\.json: unknown property "ignores" \(allowed: ignore, allowFingerprints, allowValues, maxFileSize, detectors, categories, failOn\)\.\n$/],
    ['{"allowValues": ["/[/"]}', /^aoai-key-scan: aoai-key-scan\.config\.json: "allowValues" entry "\/\[\/" is not a valid regular expression \(.+\)\.\n$/],
    ['{"detectors": ["aws"]}', /^aoai-key-scan: aoai-key-scan\.config\.json: "detectors" entry "aws" is not a detector \(known: azure-ai-identifiable-key, azure-ai-legacy-key\)\.\n$/],
    ['{"maxFileSize": -1}', /^aoai-key-scan: aoai-key-scan\.config\.json: "maxFileSize" must be a positive number of bytes or a size such as "10MiB"\.\n$/],
    ['{"allowFingerprints": ["abc"]}', /^aoai-key-scan: aoai-key-scan\.config\.json: "allowFingerprints" entry "abc" is not a 64-hex fingerprint from a report\.\n$/],
    ['{"categories": ["leaks"]}', /^aoai-key-scan: aoai-key-scan\.config\.json: "categories" must list one or more of leak, usage, iac \(got "leaks"\)\.\n$/],
    ['{"categories": []}', /^aoai-key-scan: aoai-key-scan\.config\.json: "categories" must list one or more of leak, usage, iac\.\n$/],
    ['{"failOn": "info"}', /^aoai-key-scan: aoai-key-scan\.config\.json: "failOn" must be "error" or "warning"\.\n$/],
  ])("rejects %s with a clear one-line message and exit 2", (content, message) => {
    tree.write("aoai-key-scan.config.json", content);

    const run = runCli(tree.root, []);

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("runs only the categories the config names", () => {
    tree.write(".env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.write("aoai-key-scan.config.json", '{"categories": ["usage", "iac"]}');

    const run = runCli(tree.root, ["--format", "json"]);

    expect(run.status).toBe(0);
    expect(jsonReport(run).findings).toEqual([]);
  });

  it("rejects an unknown --fail-on with exit 2; a key fails the scan at either level", () => {
    tree.write(".env", `AZURE_OPENAI_API_KEY=${key}\n`);

    expect(runCli(tree.root, ["--fail-on", "note"])).toMatchObject({ status: 2, stderr: 'aoai-key-scan: --fail-on must be "error" or "warning", got "note".\n' });
    expect(runCli(tree.root, ["--fail-on", "warning"]).status).toBe(1);
    expect(runCli(tree.root, ["--fail-on", "error"]).status).toBe(1);
  });

  it("applies ignore globs, allowed fingerprints and allowed value regexes", () => {
    const allowedByFingerprint = generateIdentifiableKey({ random: 511 });
    const allowedByValue = generateIdentifiableKey({ random: 512 });
    const reported = generateIdentifiableKey({ random: 513 });
    tree.write("fixtures/keys.txt", `${generateIdentifiableKey({ random: 514 })}\n`);
    tree.write("a.txt", `${allowedByFingerprint}\n${allowedByValue}\n${reported}\n`);
    tree.write(
      "aoai-key-scan.config.json",
      JSON.stringify({
        ignore: ["fixtures/"],
        allowFingerprints: [fingerprintSecret(allowedByFingerprint, "a.txt")],
        allowValues: [`/^${allowedByValue.slice(0, 10)}/`],
      }),
    );

    const report = jsonReport(runCli(tree.root, ["-f", "json"]));

    expect(report.findings).toEqual([identifiableFinding(reported, "a.txt", 3, 1)]);
    expect(report.summary.suppressed).toBe(2);
    expect(report.summary.filesScanned).toBe(2);
    // Named on the command line, the ignored directory is scanned.
    expect(jsonReport(runCli(tree.root, ["-f", "json", "fixtures"])).findings.map((finding) => finding.path)).toEqual(["fixtures/keys.txt"]);
  });

  it("reads the \"aoai-key-scan\" key of package.json, and its path-less fingerprints allow a key everywhere", () => {
    const allowed = generateIdentifiableKey({ random: 521 });
    tree.write("package.json", JSON.stringify({ name: "x", "aoai-key-scan": { allowFingerprints: [fingerprintSecret(allowed)] } }));
    tree.write("one.txt", `${allowed}\n`);
    tree.write("two/two.txt", `${allowed}\n`);

    const run = runCli(tree.root, ["-f", "json"]);

    expect(run.status).toBe(0);
    expect(jsonReport(run).summary.suppressed).toBe(2);
  });

  it("rejects an invalid \"aoai-key-scan\" key in package.json", () => {
    tree.write("package.json", JSON.stringify({ name: "x", "aoai-key-scan": { ignore: "dist" } }));

    const run = runCli(tree.root, []);

    expect(run.status).toBe(2);
    expect(run.stderr).toBe('aoai-key-scan: package.json "aoai-key-scan": "ignore" must be an array of non-empty strings.\n');
  });
});

describe("inline suppression", () => {
  it("drops findings marked aoai-key-scan:allow on the line or aoai-key-scan:allow-next-line before it", () => {
    const tree = new TempTree();
    const sameLine = generateIdentifiableKey({ random: 531 });
    const nextLine = generateIdentifiableKey({ random: 532 });
    const reported = generateIdentifiableKey({ random: 533 });
    tree.write(
      "keys.sh",
      [`A="${sameLine}" # aoai-key-scan:allow`, "# aoai-key-scan:allow-next-line", `B="${nextLine}"`, `C="${reported}"`, ""].join("\n"),
    );

    const report = jsonReport(runCli(tree.root, ["-f", "json"]));
    tree.dispose();

    expect(report.findings).toEqual([identifiableFinding(reported, "keys.sh", 4, 4)]);
    expect(report.summary.suppressed).toBe(2);
  });
});
