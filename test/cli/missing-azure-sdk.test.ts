/**
 * An install without the optional Azure SDK peers (`@azure/identity`, `@azure/core-rest-pipeline`):
 * the built CLIs run with a preload that makes Node report both packages as not installed, as in a
 * project that added only the plugin. The commands that talk to Azure stop with one line naming the
 * install command; the scanner and `readiness` without --azure never reach for the SDK.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";

import { PACKAGE_VERSION } from "../../src/utils/package-info.js";
import { KEYLESS_BIN } from "../azure/support/run-cli.js";
import { writeEstate } from "../readiness/estate-fixture.js";
import { BIN as SCAN_BIN } from "../scanner/cli-fixture.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";

const PRELOAD = fileURLToPath(new URL("./support/without-azure-sdk.mjs", import.meta.url));
const DIST = fileURLToPath(new URL("../../dist", import.meta.url));
// Each scan loads ESLint, TypeScript and the tree-sitter grammars: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

let estate: string;
/** The estate with a key in a settings file: what the scanner should report. */
let leaky: string;

beforeAll(() => {
  estate = mkdtempSync(path.join(tmpdir(), "aoai-keyless-no-sdk-"));
  writeEstate(estate);
  leaky = mkdtempSync(path.join(tmpdir(), "aoai-key-scan-no-sdk-"));
  writeEstate(leaky);
  writeFileSync(path.join(leaky, "worker/.env"), `AZURE_OPENAI_API_KEY=${generateIdentifiableKey({ random: 10 })}\n`);
});
afterAll(() => {
  rmSync(estate, { recursive: true, force: true });
  rmSync(leaky, { recursive: true, force: true });
});

function runWithoutSdk(bin: string, args: readonly string[], state: "missing" | "broken" = "missing", cwd = estate): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    // No Azure login or endpoint of the developer's leaks in; nothing here may reach a network anyway.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: estate, NODE_OPTIONS: `--import=${PRELOAD}`, AZURE_SDK_STATE: state },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const install = "npm install --save-dev @azure/identity@4.13.1 @azure/core-rest-pipeline@1.24.0";
const npx = (command: string): string => `npx -p eslint-plugin-aoai-keyless@${PACKAGE_VERSION} -p @azure/identity@4.13.1 -p @azure/core-rest-pipeline@1.24.0 aoai-keyless ${command}`;
const needs = "talking to Azure needs @azure/identity and @azure/core-rest-pipeline, optional peer dependencies of eslint-plugin-aoai-keyless";

describe("without the optional Azure SDK", () => {
  it.each([
    [["audit"], "audit", "audit"],
    [["enforce", "--dry-run"], "enforce", "enforce"],
    [["verify", "https://contoso.openai.azure.com/"], "verify", "verify ENDPOINT"],
    [["readiness", "--azure"], "readiness", "readiness --azure"],
  ])("%j exits 2 with the command that installs it", (args, command, rerun) => {
    expect(runWithoutSdk(KEYLESS_BIN, args)).toEqual({
      status: 2,
      stdout: "",
      stderr: `aoai-keyless ${command}: ${needs}: @azure/identity is not installed; @azure/core-rest-pipeline is not installed. Install them with \`${install}\`, or run once with \`${npx(rerun)}\`.\n`,
    });
  });

  it("tells a package that is missing from one that does not load", () => {
    expect(runWithoutSdk(KEYLESS_BIN, ["audit"], "broken")).toEqual({
      status: 2,
      stdout: "",
      stderr: `aoai-keyless audit: ${needs}: @azure/identity is not installed; @azure/core-rest-pipeline does not load (this build of the package is broken). Install them with \`${install}\`, or run once with \`${npx("audit")}\`.\n`,
    });
  });

  it("still checks the arguments first, and prints help", () => {
    expect(runWithoutSdk(KEYLESS_BIN, ["audit", "--subscription", "prod"])).toEqual({
      status: 2,
      stdout: "",
      stderr: 'aoai-keyless audit: --subscription must be a subscription id (a GUID), got "prod".\n',
    });
    const help = runWithoutSdk(KEYLESS_BIN, ["verify", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout.split("\n")[0]).toBe("Usage: aoai-keyless verify ENDPOINT [options]");
  });

  it("decides readiness from the repository alone, as with the SDK installed", () => {
    const run = runWithoutSdk(KEYLESS_BIN, ["readiness"]);
    const withSdk = spawnSync(process.execPath, [KEYLESS_BIN, "readiness"], { cwd: estate, encoding: "utf8", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: estate } });
    expect(run).toEqual({ status: 1, stdout: withSdk.stdout, stderr: "" });
    // test/readiness/readiness-cli.test.ts checks this report line by line.
    expect(run.stdout).toContain("3 resources: 0 ready, 2 blocked by 3 clients, 1 already keyless\n");
  });

  it("scans TypeScript, Python, shell and Bicep with aoai-key-scan", () => {
    const run = runWithoutSdk(SCAN_BIN, [".", "--format", "json"], "missing", leaky);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; path: string; line: number }[] }).findings;
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.ruleId}`).sort()).toEqual([
      "api/src/chat.ts:3 no-api-key-client",
      "infra/main.bicep:20 iac-local-auth-enabled",
      "infra/main.bicep:3 iac-local-auth-enabled",
      "scripts/models.sh:2 shell-api-key-header",
      "worker/.env:1 azure-ai-identifiable-key",
      "worker/main.py:4 python-key-auth-client",
    ]);
  });

  it("is imported by one module of the build only, and only on demand", () => {
    const imports = readdirSync(DIST, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".js"))
      .flatMap((file) => moduleImports(readFileSync(path.join(DIST, file), "utf8")).map((imported) => ({ file, ...imported })))
      .filter(({ specifier }) => /^@azure\/(?:identity|core-rest-pipeline)$/.test(specifier));
    const sdk = path.join("azure", "sdk.js");
    expect(imports).toEqual([
      { file: sdk, specifier: "@azure/identity", dynamic: true },
      { file: sdk, specifier: "@azure/core-rest-pipeline", dynamic: true },
    ]);
  });
});

/** Every import of a built module, read from its syntax tree: `import ... from`, `export ... from`, `import()`, `require()`. */
function moduleImports(text: string): { specifier: string; dynamic: boolean }[] {
  const found: { specifier: string; dynamic: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      const [argument] = node.arguments;
      if (argument !== undefined && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, dynamic: node.expression.kind === ts.SyntaxKind.ImportKeyword });
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("module.js", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return found;
}
