/**
 * Hostile input, part 4: git states that must not report clean without saying why, and git modes
 * that never give up and never read more than they need (unreadable objects, shallow clones, bare
 * repositories, merge conflicts, huge files, lone CR line breaks).
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding, jsonReport, runCli, TempTree } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 1401 });
const otherKey = generateIdentifiableKey({ random: 1402 });
const DATE = "2025-04-01T10:00:00+00:00";

function commit(tree: TempTree, message: string): string {
  execFileSync("git", ["-c", "commit.gpgsign=false", "commit", "-q", "-m", message], {
    cwd: tree.root,
    env: { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.test", GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE },
  });
  return execFileSync("git", ["rev-parse", "HEAD"], { cwd: tree.root, encoding: "utf8" }).trim();
}

function objectId(tree: TempTree, revision: string): string {
  return execFileSync("git", ["rev-parse", revision], { cwd: tree.root, encoding: "utf8" }).trim();
}

describe("--history and objects git cannot read", () => {
  it("skips an unreadable file version with its commit, goes on, and warns", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("first.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    commit(tree, "one");
    tree.write("lost.env", `AZURE_OPENAI_API_KEY=${otherKey}\n`);
    tree.git("add", ".");
    const lostCommit = commit(tree, "two");
    tree.write("third.env", `SECOND_AZURE_OPENAI_API_KEY=${otherKey}\n`);
    tree.git("add", ".");
    const thirdCommit = commit(tree, "three");
    // A pruned blob, as in a partial clone or after a careless gc.
    const lostBlob = objectId(tree, `${lostCommit}:lost.env`);
    rmSync(path.join(tree.root, ".git", "objects", lostBlob.slice(0, 2), lostBlob.slice(2)));

    const run = runCli(tree.root, ["--history", "-f", "json"]);
    tree.dispose();
    const report = jsonReport(run);

    expect(run.status).toBe(1);
    expect(report.findings.map((finding) => [finding.path, finding.commit])).toEqual([
      ["first.env", expect.any(String)],
      ["third.env", thirdCommit],
    ]);
    expect(report.skipped).toEqual([{ path: "lost.env", reason: "unreadable", detail: `commit ${lostCommit.slice(0, 12)}: git object ${lostBlob} is missing` }]);
    expect(report.warnings).toEqual([
      {
        code: "unreadable-objects",
        message: "1 file version of the history could not be read from git (a partial or shallow clone, or pruned objects): listed as skipped, their lines not scanned.",
      },
    ]);
  }, 120_000);

  it("skips a commit whose tree git cannot read, and scans the commits after it", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("README.md", "# demo\n");
    tree.git("add", ".");
    commit(tree, "one");
    tree.write("config/lost.env", `AZURE_OPENAI_API_KEY=${otherKey}\n`);
    tree.git("add", ".");
    const lostCommit = commit(tree, "two");
    tree.write("later.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    const laterCommit = commit(tree, "three");
    // A pruned tree: git cannot even list what the commit changed under config/.
    const lostTree = objectId(tree, `${lostCommit}:config`);
    rmSync(path.join(tree.root, ".git", "objects", lostTree.slice(0, 2), lostTree.slice(2)));

    const run = runCli(tree.root, ["--history", "-f", "json"]);
    tree.dispose();
    const report = jsonReport(run);

    expect(run.status).toBe(1);
    expect(report.findings).toEqual([{ ...identifiableFinding(key, "later.env", 1, 22), commit: laterCommit, authorDate: DATE }]);
    expect(report.skipped).toEqual([
      { path: "", reason: "unreadable", detail: expect.stringMatching(new RegExp(`^commit ${lostCommit.slice(0, 12)}: git diff-tree failed: fatal: .*${lostTree}`)) },
    ]);
    expect(report.warnings.map((warning) => warning.code)).toEqual(["unreadable-objects"]);
  }, 120_000);
});

describe("git states that warn or stop", () => {
  it("warns that --history of a shallow clone covers only the commits it holds", () => {
    const origin = new TempTree();
    origin.git("init", "-q");
    for (const name of ["a", "b", "c"]) {
      origin.write(`${name}.txt`, `${name}\n`);
      origin.git("add", ".");
      commit(origin, name);
    }
    const clone = new TempTree();
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${origin.root}`, "."], { cwd: clone.root });
    const run = runCli(clone.root, ["--history", "-f", "json"]);
    origin.dispose();
    clone.dispose();

    expect(run.status).toBe(0);
    expect(jsonReport(run).warnings).toEqual([
      {
        code: "shallow-history",
        message:
          "The repository is a shallow clone: --history covered only the 1 commit it holds. Fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) to scan every commit.",
      },
    ]);
  }, 120_000);

  it("refuses --staged in a bare repository instead of reporting every file deleted", () => {
    const tree = new TempTree();
    tree.git("init", "-q", "--bare");
    const run = runCli(tree.root, ["--staged"]);
    tree.dispose();

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`aoai-key-scan: --staged needs a work tree, and ${tree.root} is a bare repository.\n`);
  });

  it("refuses --staged where a .git directory's config declares the repository bare", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("app.env", "REGION=westeurope\n");
    tree.git("add", ".");
    commit(tree, "base");
    tree.git("config", "core.bare", "true");
    const run = runCli(tree.root, ["--staged"]);
    tree.dispose();

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`aoai-key-scan: --staged needs a work tree, and ${tree.root} is a bare repository.\n`);
  });

  it("warns about unmerged files during a merge conflict", () => {
    const tree = new TempTree();
    tree.git("init", "-q", "-b", "main");
    tree.write("settings.env", "REGION=westeurope\n");
    tree.git("add", ".");
    commit(tree, "base");
    tree.git("checkout", "-q", "-b", "other");
    tree.write("settings.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("commit", "-q", "-am", "theirs");
    tree.git("checkout", "-q", "main");
    tree.write("settings.env", "REGION=eastus\n");
    tree.git("commit", "-q", "-am", "ours");
    try {
      tree.git("merge", "-q", "other");
    } catch {
      // The conflict is the point.
    }
    const run = runCli(tree.root, ["--staged", "-f", "json"]);
    const text = runCli(tree.root, ["--staged"]);
    tree.dispose();

    const message = "settings.env is unmerged (a merge conflict): not scanned. Resolve the conflict, stage the file and scan again.";
    expect(jsonReport(run).warnings).toEqual([{ code: "unmerged-path", path: "settings.env", message }]);
    expect(text.stdout).toContain(`warning ${message}\n`);
  }, 120_000);
});

describe("git modes read sizes first", () => {
  it("lists a file over the limit without reading it, and keeps the other findings, in --staged, --history and --diff", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("README.md", "# demo\n");
    tree.git("add", ".");
    const base = commit(tree, "base");
    // Short lines: the shape that once took gigabytes to hold as added line numbers.
    tree.write("big.txt", "x\n".repeat(6 * 1024 * 1024));
    tree.write("app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    const staged = runCli(tree.root, ["--staged", "-f", "json", "--max-file-size", "1MiB"]);
    const bigCommit = commit(tree, "big");
    const history = runCli(tree.root, ["--history", "-f", "json", "--max-file-size", "1MiB"]);
    const diff = runCli(tree.root, ["--diff", `${base}..HEAD`, "-f", "json", "--max-file-size", "1MiB"]);
    tree.dispose();

    const found = identifiableFinding(key, "app.env", 1, 22);
    expect(staged.status).toBe(1);
    expect(jsonReport(staged).findings).toEqual([found]);
    expect(jsonReport(staged).skipped).toEqual([{ path: "big.txt", reason: "too-large", detail: "12582912 bytes" }]);
    expect(history.status).toBe(1);
    expect(jsonReport(history).findings).toEqual([{ ...found, commit: bigCommit, authorDate: DATE }]);
    expect(jsonReport(history).skipped).toEqual([{ path: "big.txt", reason: "too-large", detail: `commit ${bigCommit.slice(0, 12)}: 12582912 bytes` }]);
    expect(diff.status).toBe(1);
    expect(jsonReport(diff).findings).toEqual([{ ...found, commit: bigCommit, authorDate: DATE }]);
    expect(jsonReport(diff).skipped).toEqual([{ path: "big.txt", reason: "too-large", detail: "12582912 bytes" }]);
  }, 120_000);
});

describe("a file over the limit that gitattributes diff as text", () => {
  it("is listed too-large by --staged from the size git streams, not held", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    // `diff` forces text: git prints hunks for the file whatever core.bigFileThreshold says.
    tree.write(".gitattributes", "big.txt diff\n");
    tree.git("add", ".");
    commit(tree, "base");
    tree.write("big.txt", "x\n".repeat(2 * 1024 * 1024));
    tree.write("app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    const staged = runCli(tree.root, ["--staged", "-f", "json", "--max-file-size", "1MiB"]);
    tree.dispose();

    expect(staged.status).toBe(1);
    expect(jsonReport(staged).findings).toEqual([identifiableFinding(key, "app.env", 1, 22)]);
    expect(jsonReport(staged).skipped).toEqual([{ path: "big.txt", reason: "too-large", detail: "4194304 bytes" }]);
  }, 60_000);
});

describe("the working tree copy of a staged file", () => {
  it.skipIf(process.platform === "win32")("is not opened for reading when it became a FIFO: the staged blob is scanned, nothing blocks", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("fifo.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    rmSync(path.join(tree.root, "fifo.env"));
    execFileSync("mkfifo", [path.join(tree.root, "fifo.env")]);
    const staged = runCli(tree.root, ["--staged", "-f", "json"]);
    tree.dispose();

    expect(staged.status).toBe(1);
    expect(jsonReport(staged).findings).toEqual([identifiableFinding(key, "fifo.env", 1, 22)]);
  }, 60_000);
});

describe("lone CR line breaks in git modes", () => {
  it("reports a staged key on a line that follows lone CRs", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("mac.env", "# a\r# b\n");
    tree.git("add", ".");
    commit(tree, "base");
    tree.write("mac.env", `# a\r# b\nREGION=x\rAZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    const run = runCli(tree.root, ["--staged", "-f", "json"]);
    tree.dispose();

    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([identifiableFinding(key, "mac.env", 4, 22)]);
  }, 60_000);
});
