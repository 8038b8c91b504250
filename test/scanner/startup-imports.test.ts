/**
 * What a run of the built CLI imports, listed by loader hooks (test/support/module-log.mjs) in a
 * subprocess. Start-up time is module loading: a heavy part (git modes, the report formats not asked
 * for, the walk, the pool, fixes, baselines, template readers, parsers, ESLint) imported eagerly
 * again shows up here as a module that should not be in the list. tsc's output (dist/scanner/bin.js)
 * shows each module; the bundle users run (scripts/build-bin.mjs) keeps the same lazy imports as
 * chunks, each chunk naming the modules it holds. Times live in `npm run bench`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { ruleDescriptions } from "../../src/scanner/detectors/index.js";
import { BIN, TempTree } from "./cli-fixture.js";

/** tsc's output, one file per module. */
const MODULES_BIN = fileURLToPath(new URL("../../dist/scanner/bin.js", import.meta.url));

const REGISTER = fileURLToPath(new URL("../support/module-log.mjs", import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface ImportsRun {
  readonly status: number | null;
  readonly stdout: string;
  /** Modules of the package, relative to it (`dist/scanner/cli.js`), sorted. */
  readonly own: string[];
  /** Packages whose entry was imported (`web-tree-sitter`), sorted. */
  readonly packages: string[];
}

let logs: string;
let runs = 0;

beforeAll(() => {
  logs = mkdtempSync(path.join(tmpdir(), "aoai-key-scan-imports-"));
  return () => rmSync(logs, { recursive: true, force: true });
});

function packageName(url: string): string {
  const [scopeOrName = "", name = ""] = url.slice(url.lastIndexOf("/node_modules/") + "/node_modules/".length).split("/");
  return scopeOrName.startsWith("@") ? `${scopeOrName}/${name}` : scopeOrName;
}

function runWithImports(cwd: string, args: readonly string[], bin: string = MODULES_BIN): ImportsRun {
  runs += 1;
  const log = path.join(logs, `run-${runs}.log`);
  const result = spawnSync(process.execPath, ["--import", REGISTER, bin, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AOAI_TEST_MODULE_LOG: log },
  });
  const urls = readFileSync(log, "utf8").split("\n").filter((url) => url.startsWith("file:"));
  const files = urls.map((url) => fileURLToPath(url));
  return {
    status: result.status,
    stdout: result.stdout,
    own: files.filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`) && file.startsWith(PACKAGE_ROOT)).map((file) => path.relative(PACKAGE_ROOT, file).split(path.sep).join("/")).sort(),
    packages: [...new Set(urls.filter((url) => url.includes("/node_modules/")).map(packageName))].sort(),
  };
}

/** What no run without a trigger, a git mode, --fix or a baseline loads. */
const HEAVY = [
  /^dist\/scanner\/(?:fix\/|baseline\.js|pool\.js|worker\.js)/,
  /^dist\/readiness\//,
  /^dist\/iac\/(?!descriptor\.js|rules\.js|template-files\.js)/,
  /^dist\/usage\/(?:python\.js|tree-sitter\.js|(?!javascript\/)[a-z]+\/detector\.js)/,
  // The JavaScript rule host and what it runs load with the first file to lint.
  /^dist\/usage\/javascript\/(?!detector\.js|paths\.js)/,
  /^dist\/(?:cli|azure|rules)\//,
];
const HEAVY_PACKAGES = ["web-tree-sitter", "eslint", "@typescript-eslint/parser", "@azure/identity", "@azure/core-rest-pipeline"];

function heavyIn(run: ImportsRun): string[] {
  return [...run.own.filter((file) => HEAVY.some((pattern) => pattern.test(file))), ...run.packages.filter((name) => HEAVY_PACKAGES.includes(name))];
}

describe("modules a run of aoai-key-scan imports", () => {
  const trees: TempTree[] = [];
  const tree = (): TempTree => {
    const created = new TempTree();
    trees.push(created);
    return created;
  };
  afterEach(() => {
    for (const created of trees.splice(0)) created.dispose();
  });

  it("--version and --help load the CLI, the version and the format names, nothing else", () => {
    const expected = ["dist/scanner/bin.js", "dist/scanner/cli.js", "dist/scanner/report/index.js", "dist/scanner/usage-error.js", "dist/utils/exit-codes.js", "dist/utils/package-info.js"];
    for (const option of ["--version", "--help"]) {
      const run = runWithImports(PACKAGE_ROOT, [option]);
      expect(run.status).toBe(0);
      expect(run.own).toEqual(expected);
      expect(run.packages).toEqual([]);
    }
  });

  it("a directory scan loads the walk and the one report format asked for; SARIF lists every rule without loading a detector", () => {
    const project = tree();
    project.write("src/app.js", "export const answer = 42;\n");
    project.write("README.md", "# demo\n");
    const run = runWithImports(project.root, ["--format", "sarif", "."]);
    expect(run.status).toBe(0);
    expect(run.own).toContain("dist/scanner/walk.js");
    expect(run.own.filter((file) => file.startsWith("dist/scanner/report/"))).toEqual([
      "dist/scanner/report/fields.js",
      "dist/scanner/report/index.js",
      "dist/scanner/report/sarif-log.js",
      "dist/scanner/report/sarif.js",
    ]);
    // The walk asks git for tracked files through run-git.js; the git modes stay out.
    expect(run.own.filter((file) => file.startsWith("dist/scanner/git/"))).toEqual(["dist/scanner/git/run-git.js"]);
    expect(heavyIn(run)).toEqual([]);
    const rules = (JSON.parse(run.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] }).runs[0]!.tool.driver.rules.map((rule) => rule.id);
    expect(rules).toEqual(ruleDescriptions().map((rule) => rule.id));
  });

  it("--staged loads the git modes but not the history reader, the walk or the pool", () => {
    const repository = tree();
    repository.git("init", "-q", "-b", "main");
    repository.write("app.js", "export const answer = 42;\n");
    repository.git("add", "app.js");
    const run = runWithImports(repository.root, ["--staged"]);
    expect(run.stdout).toMatch(/^1 file \(\d+ B\) scanned, no keys found/);
    expect(run.status).toBe(0);
    expect(run.own).toEqual(expect.arrayContaining(["dist/scanner/git/changes.js", "dist/scanner/git/modes.js", "dist/scanner/git/scan-git.js", "dist/scanner/report/text.js"]));
    expect(run.own.filter((file) => /^dist\/scanner\/(?:git\/history|walk|report\/(?:json|sarif|github))\.js$/.test(file))).toEqual([]);
    expect(heavyIn(run)).toEqual([]);
  });

  it("a file that triggers a detector loads that detector's implementation and parser, no other", () => {
    const project = tree();
    project.write("app.py", 'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"], api_version="2024-10-21", azure_endpoint="https://contoso.openai.azure.com")\n');
    const run = runWithImports(project.root, ["--format", "json", "."]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId)).toEqual(["python-key-auth-client"]);
    expect(heavyIn(run)).toEqual(["dist/usage/python.js", "dist/usage/tree-sitter.js", "web-tree-sitter"]);
  });
});

/** The modules a chunk of the bundle holds, from the comment rolldown writes before each one. */
function modulesOfChunk(file: string): string[] {
  return [...readFileSync(path.join(PACKAGE_ROOT, file), "utf8").matchAll(/^\/\/ (dist\/\S+\.js)$/gm)].map((match) => match[1]!);
}

/** A chunk's name without its content hash: `dist/bin/scanner.Ab1-2_xY.js` is `scanner`. */
function chunkName(file: string): string {
  return path.basename(file, ".js").replace(/\.[\w-]+$/, "");
}

describe("modules the bundle users run imports", () => {
  const trees: TempTree[] = [];
  afterEach(() => {
    for (const created of trees.splice(0)) created.dispose();
  });

  it("--version loads the entry and the CLI's chunk, holding what tsc's output loads", () => {
    const run = runWithImports(PACKAGE_ROOT, ["--version"], BIN);
    expect(run.status).toBe(0);
    expect(run.own.map(chunkName)).toEqual(["aoai-key-scan", "cli"]);
    // utils/exit-codes.js holds only constants, which rolldown writes where they are used.
    expect(run.own.flatMap(modulesOfChunk).sort()).toEqual(["dist/scanner/bin.js", "dist/scanner/cli.js", "dist/scanner/report/index.js", "dist/scanner/usage-error.js", "dist/utils/package-info.js"]);
  });

  it("--staged loads a few chunks (git's start, then the scanner), none holding a heavy module", () => {
    const repository = new TempTree();
    trees.push(repository);
    repository.git("init", "-q", "-b", "main");
    repository.write("app.js", "export const answer = 42;\n");
    repository.git("add", "app.js");
    const run = runWithImports(repository.root, ["--staged"], BIN);
    expect(run.stdout).toMatch(/^1 file \(\d+ B\) scanned, no keys found/);
    expect(run.own.map(chunkName).sort()).toEqual(["aoai-key-scan", "cli", "config", "git-start", "modes", "path-selection", "scan-fragment", "scan-git", "scanner", "text"]);
    expect(heavyIn({ ...run, own: run.own.flatMap(modulesOfChunk) })).toEqual([]);
  });
});
