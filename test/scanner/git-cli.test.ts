/** The built CLI's git modes and baselines end to end, in real repositories. */
import { chmodSync, existsSync, readFileSync } from "node:fs";

import { fingerprintSecret, maskSecret } from "../../src/detect/index.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { BIN, hexFinding, identifiableFinding, jsonReport, runCli } from "./cli-fixture.js";
import { TempRepo } from "./git-fixture.js";

const DATE = "2025-03-01T10:00:00+00:00";

describe("aoai-key-scan git modes", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.dispose());

  it("--staged reports the staged key only and exits 1", () => {
    const staged = generateIdentifiableKey({ random: 601 });
    const unstaged = generateIdentifiableKey({ random: 602 });
    repo.write("README.md", "# demo\n");
    repo.git("add", ".");
    repo.commit("initial", DATE);
    repo.write(".env", `REGION=westeurope\nAZURE_OPENAI_API_KEY=${staged}\n`);
    repo.git("add", ".env");
    repo.write(".env", `REGION=westeurope\nAZURE_OPENAI_API_KEY=${staged}\nOTHER_API_KEY=${unstaged}\n`);

    const run = runCli(repo.root, ["--staged", "--format", "json"]);

    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([identifiableFinding(staged, ".env", 2, 22)]);
    expect(run.stdout).not.toContain(staged);
  });

  it("blocks `git commit -a` as a plain .git/hooks/pre-commit, reading the index git commits from", () => {
    const key = generateIdentifiableKey({ random: 607 });
    repo.write("app.env", "REGION=westeurope\n");
    repo.git("add", ".");
    repo.commit("initial", DATE);
    repo.write(".git/hooks/pre-commit", `#!/bin/sh\nexec "${process.execPath}" "${BIN}" --staged\n`);
    chmodSync(repo.path(".git/hooks/pre-commit"), 0o755);
    // Not staged with `git add`: `commit -a` stages it into a temporary index only the hook sees.
    repo.write("app.env", `REGION=westeurope\nAZURE_OPENAI_API_KEY=${key}\n`);

    let failure: { status?: number; stderr?: string } = {};
    try {
      repo.git("commit", "-a", "-m", "add key");
    } catch (error) {
      failure = error as { status?: number; stderr?: string };
    }

    // git points a hook's stdout at its own stderr.
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain(`  2:22     error    ${identifiableFinding(key, "app.env", 2, 22).message}`);
    expect(failure.stderr).not.toContain(key);
    expect(repo.git("rev-list", "--count", "HEAD")).toBe("1");
  });

  it("applies the config's ignore globs to staged files, as a directory scan does to tracked files", () => {
    const key = generateIdentifiableKey({ random: 608 });
    repo.write("aoai-key-scan.config.json", JSON.stringify({ ignore: ["fixtures/"] }));
    repo.write("fixtures/sample.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.write("src/.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");

    const run = runCli(repo.path("src"), ["--staged", "--format", "json", "--config", "../aoai-key-scan.config.json"]);

    expect(run.stderr).toBe("");
    expect(jsonReport(run).findings).toEqual([identifiableFinding(key, ".env", 1, 22)]);
  });

  it("--staged exits 0 on a clean commit", () => {
    repo.write("app.js", "export const answer = 42;\n");
    repo.git("add", ".");

    const run = runCli(repo.root, ["--staged"]);

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("--diff reports keys on added lines only", () => {
    const old = generateHexKey(603);
    const added = generateHexKey(604);
    repo.write("app.py", `openai_api_key = "${old}"\n`);
    repo.git("add", ".");
    const base = repo.commit("base", DATE);
    repo.write("app.py", `openai_api_key = "${old}"\nbackup_openai_api_key = "${added}"\n`);
    repo.git("add", ".");
    const head = repo.commit("head", DATE);

    const run = runCli(repo.root, ["--diff", `${base}..HEAD`, "--format", "json"]);

    expect(run.status).toBe(1);
    // With the commit of the range that added the key.
    expect(jsonReport(run).findings).toEqual([{ ...hexFinding(added, "app.py", 2, 26, "backup_openai_api_key"), commit: head, authorDate: DATE }]);
  });

  it("--history reports a key added then removed once, with its commit and author date", () => {
    const key = generateIdentifiableKey({ random: 605 });
    repo.write("settings.json", `{\n  "apiKey": "${key}"\n}\n`);
    repo.git("add", ".");
    const added = repo.commit("add", "2024-06-01T12:00:00+02:00");
    repo.write("settings.json", `{\n  "apiKey": ""\n}\n`);
    repo.git("add", ".");
    repo.commit("remove", "2024-06-02T12:00:00+02:00");

    const run = runCli(repo.root, ["--history", "--format", "json"]);
    const report = jsonReport(run);

    expect(run.status).toBe(1);
    expect(report.findings).toEqual([{ ...identifiableFinding(key, "settings.json", 2, 14), commit: added, authorDate: "2024-06-01T12:00:00+02:00" }]);
    expect(report.summary).toMatchObject({ commitsScanned: 2, findings: 1 });
  });

  it("--format github prints masked annotations", () => {
    const key = generateIdentifiableKey({ random: 606 });
    repo.write("deploy/values.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");

    const run = runCli(repo.root, ["--staged", "--format", "github"]);

    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe(
      `::error file=deploy/values.env,line=1,col=22,endLine=1,endColumn=106,title=Azure OpenAI key (azure-ai-identifiable-key)::${identifiableFinding(key, "deploy/values.env", 1, 22).message}`,
    );
    expect(run.stdout).not.toContain(key);
  });

  it("exits 2 with one line on stderr outside a repository, for each git mode", () => {
    const outside = new TempRepo({ init: false });
    try {
      for (const args of [["--staged"], ["--diff", "main...HEAD"], ["--history"]]) {
        const run = runCli(outside.root, args);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe(`aoai-key-scan: ${args[0]} needs a git repository, and ${outside.root} is not inside one.\n`);
      }
    } finally {
      outside.dispose();
    }
  });

  it("exits 2 with git's message on an unknown revision and on combined modes", () => {
    repo.write("README.md", "# demo\n");
    repo.git("add", ".");
    repo.commit("initial", DATE);

    const unknown = runCli(repo.root, ["--diff", "nope..HEAD"]);
    const combined = runCli(repo.root, ["--staged", "--history"]);

    expect(unknown).toEqual({ status: 2, stdout: "", stderr: "aoai-key-scan: git diff failed: fatal: bad revision 'nope..HEAD'\n" });
    expect(combined).toEqual({ status: 2, stdout: "", stderr: "aoai-key-scan: --staged and --history cannot be combined: choose one git mode.\n" });
  });
});

describe("aoai-key-scan baselines", () => {
  let repo: TempRepo;
  const key = generateIdentifiableKey({ random: 611 });
  const later = generateIdentifiableKey({ random: 612 });
  beforeEach(() => {
    repo = new TempRepo({ init: false });
    repo.write("src/settings.py", `import os\n\nAZURE_OPENAI_API_KEY = "${key}"\n`);
  });
  afterEach(() => repo.dispose());

  it("round-trips: --write-baseline accepts the findings, --baseline suppresses them, moved lines stay accepted", () => {
    const write = runCli(repo.root, ["--write-baseline", "baseline.json"]);
    expect(write.stderr).toBe("");
    expect(write.status).toBe(0);
    expect(JSON.parse(readFileSync(repo.path("baseline.json"), "utf8"))).toEqual({
      version: 1,
      entries: [
        {
          path: "src/settings.py",
          ruleId: "azure-ai-identifiable-key",
          secret: maskSecret(key),
          fingerprint: fingerprintSecret(key, "src/settings.py"),
        },
      ],
    });
    expect(readFileSync(repo.path("baseline.json"), "utf8")).not.toContain(key);

    repo.write("src/settings.py", `"""Settings."""\nimport os\nimport sys\n\n\nAZURE_OPENAI_API_KEY = "${key}"\n`);
    const moved = runCli(repo.root, ["--baseline", "baseline.json", "--format", "json"]);

    expect(moved.status).toBe(0);
    expect(jsonReport(moved).findings).toEqual([]);
    expect(jsonReport(moved).summary).toMatchObject({ findings: 0, baselined: 1, staleBaselineEntries: 0 });
  });

  it("reports new keys and counts stale entries", () => {
    runCli(repo.root, ["--write-baseline", "baseline.json"]);
    repo.write("src/settings.py", `import os\n\nAZURE_OPENAI_API_KEY = "${later}"\n`);

    const run = runCli(repo.root, ["--baseline", "baseline.json", "--format", "json"]);
    const text = runCli(repo.root, ["--baseline", "baseline.json"]);

    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([identifiableFinding(later, "src/settings.py", 3, 25)]);
    expect(jsonReport(run).summary).toMatchObject({ findings: 1, baselined: 0, staleBaselineEntries: 1 });
    // The second file is baseline.json itself: masked secrets and fingerprints, nothing to find.
    expect(text.stdout.trimEnd().split("\n").at(-1)).toMatch(/^2 files \(\d+ B\) scanned, 1 finding, 0 skipped, 1 stale baseline entry, \d+ ms$/);
  });

  it("exits 2 when the baseline cannot be read", () => {
    const run = runCli(repo.root, ["--baseline", "missing.json"]);

    expect(run).toEqual({ status: 2, stdout: "", stderr: "aoai-key-scan: cannot read baseline missing.json: ENOENT.\n" });
    expect(existsSync(repo.path("missing.json"))).toBe(false);
  });
});
