/**
 * Hostile input, part 2: nothing from the scanned files drives the terminal or the CI log, and no
 * key shows in any message (names, hosts, config errors).
 */
import { displayName, escapeForTerminal, neutraliseJson } from "../../src/utils/safe-text.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { jsonReport, runCli, TempTree } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 1201 });
const hexKey = generateHexKey(1202);
const otherHex = generateHexKey(1203);
const FORMATS = ["text", "json", "sarif", "github"] as const;

describe("escaping", () => {
  it("writes controls as visible escapes and neutralises CI commands", () => {
    expect(escapeForTerminal("a\u001b[2Jb\r\u001b[2K\n::error::x\u009b\u202e")).toBe("a\\x1b[2Jb\\r\\x1b[2K\\n::error::x\\x9b\\u202e");
    expect(escapeForTerminal("x ##vso[task.setvariable variable=a]b ##VSO[x]")).toBe("x ##vso\\x5btask.setvariable variable=a]b ##VSO\\x5bx]");
    expect(escapeForTerminal("::add-mask::x")).toBe("\\x3a:add-mask::x");
    expect(escapeForTerminal("  ::stop-commands::t")).toBe("  \\x3a:stop-commands::t");
    expect(neutraliseJson(JSON.stringify({ a: "##vso[x]\u009b\u2028" }))).toBe('{"a":"##vso\\u005bx]\\u009b\\u2028"}');
    expect(JSON.parse(neutraliseJson(JSON.stringify({ a: "##vso[x]\u009b" })))).toEqual({ a: "##vso[x]\u009b" });
  });

  it("redacts key-shaped runs in names and caps their length", () => {
    expect(displayName(`${key}_API_KEY`)).toBe("…_API_KEY");
    expect(displayName(`https://${hexKey}.openai.azure.com`)).toBe("https://….openai.azure.com");
    expect(displayName("N".repeat(30) + "_".repeat(200))).toBe(`${"N".repeat(30)}${"_".repeat(89)}…`);
  });
});

describe("hostile file names and names inside files", () => {
  let tree: TempTree;
  // A newline then a workflow command, an Azure Pipelines command mid-line, screen clear, an OSC 8 link.
  const hostileName = "x\u001b[2J\n::error file=a::forged ##vso[task.setvariable variable=X]1 \u001b]8;;e.test\u0007l.env";
  beforeAll(() => {
    tree = new TempTree();
    tree.write(hostileName, `AZURE_OPENAI_API_KEY=${key}\n`);
    // A binding name read from JSON: the name carries the forged commands.
    tree.write("settings.json", JSON.stringify({ ["\r\u001b[2K\n##vso[task.complete result=Succeeded]\n::add-mask::AZURE_OPENAI_API_KEY"]: hexKey }));
    tree.write("odd #name?%.env", `AZURE_OPENAI_API_KEY=${key}\n`);
  });
  afterAll(() => tree.dispose());

  it.each(FORMATS)("prints no control character, no line-start workflow command and no ##vso[ in --format %s", (format) => {
    const run = runCli(tree.root, ["-f", format]);

    expect(run.status).toBe(1);
    // eslint-disable-next-line no-control-regex -- no control character may be printed
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout.toLowerCase()).not.toContain("##vso[");
    for (const printed of run.stdout.split("\n")) expect(printed).not.toMatch(/^\s*::(?:add-mask|stop-commands)/);
    if (format !== "github") for (const printed of run.stdout.split("\n")) expect(printed).not.toMatch(/^\s*::/);
  });

  it("shows the names escaped in text and keeps the real values in JSON", () => {
    const text = runCli(tree.root, []).stdout;
    const report = jsonReport(runCli(tree.root, ["-f", "json"]));

    expect(text).toContain("x\\x1b[2J\\n::error file=a::forged ##vso\\x5btask.setvariable variable=X]1 \\x1b]8;;e.test\\x07l.env\n");
    expect(report.findings.map((finding) => finding.path)).toEqual(["odd #name?%.env", "settings.json", hostileName]);
  });

  it("percent-encodes each segment of SARIF artifact URIs", () => {
    const sarif = JSON.parse(runCli(tree.root, ["-f", "sarif"]).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };

    expect(sarif.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      "odd%20%23name%3F%25.env",
      "settings.json",
      "x%1B%5B2J%0A%3A%3Aerror%20file%3Da%3A%3Aforged%20%23%23vso%5Btask.setvariable%20variable%3DX%5D1%20%1B%5D8%3B%3Be.test%07l.env",
    ]);
  });
});

describe("keys inside names and hosts", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write("named.env", `${key}_AZURE_OPENAI_API_KEY=${hexKey}\n`);
    tree.write("host.py", `endpoint = "https://${otherHex}.openai.azure.com"\nvalue = "${hexKey}"\n`);
  });
  afterAll(() => tree.dispose());

  it.each(FORMATS)("never prints a key from a name or a host in --format %s", (format) => {
    const run = runCli(tree.root, ["-f", format]);

    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).not.toContain(hexKey);
    expect(run.stdout).not.toContain(otherHex);
  });

  it("shows the masked name and host in the message", () => {
    const messages = jsonReport(runCli(tree.root, ["-f", "json"])).findings.map((finding) => finding.message);

    expect(messages.join("\n")).toContain("bound to `…_AZURE_OPENAI_API_KEY`");
    expect(messages.join("\n")).toContain("near `….openai.azure.com`");
  });
});

describe("config errors never quote a key", () => {
  it.each([
    ["allowFingerprints", { allowFingerprints: [key] }],
    ["detectors", { detectors: [key] }],
    ["allowValues", { allowValues: [`/${key}(/`] }],
    ["JSON syntax", `{"allowValues": ["${hexKey}" "${key}"]}`],
    ["JSON syntax after a token", `{"allowValues": [${key}]}`],
  ])("masks the key in the %s error", (_name, config) => {
    const tree = new TempTree();
    tree.write("aoai-key-scan.config.json", typeof config === "string" ? config : JSON.stringify(config));
    const run = runCli(tree.root, []);
    tree.dispose();

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^aoai-key-scan: aoai-key-scan\.config\.json: .+\n$/);
    expect(run.stderr).not.toContain(key);
    expect(run.stderr).not.toContain(key.slice(0, 8));
    expect(run.stderr).not.toContain(hexKey);
  });

  it("says where the JSON breaks without an excerpt", () => {
    const tree = new TempTree();
    tree.write("aoai-key-scan.config.json", `{\n  "ignore": ["a",]\n}`);
    tree.write("package.json", `{\n  "aoai-key-scan": {}\n  "name": "x"\n}`);
    const run = runCli(tree.root, []);
    const withPosition = runCli(tree.root, ["-c", "package.json"]);
    tree.dispose();

    expect(run.stderr).toBe("aoai-key-scan: aoai-key-scan.config.json: invalid JSON (Unexpected token ']').\n");
    expect(withPosition.stderr).toBe("aoai-key-scan: package.json: invalid JSON (Expected ',' or '}' after property value at line 3, column 3).\n");
  });
});
