/** Quoted glob path arguments and --include / --exclude, through `run(argv, io)` in process. */
import { execFileSync } from "node:child_process";

import { run } from "../../src/scanner/cli.js";
import type { CliIo } from "../../src/scanner/cli.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { TempTree } from "./cli-fixture.js";

interface Captured {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function scanIn(tree: TempTree, argv: readonly string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd: tree.root, env: {}, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
  const status = await run(["--jobs", "0", "--format", "json", ...argv], io);
  return { status, stdout: out.join(""), stderr: err.join("") };
}

const findingPaths = (captured: Captured): string[] =>
  (JSON.parse(captured.stdout) as { findings: { path: string }[] }).findings.map((finding) => finding.path).sort();

describe("path globs and --include / --exclude", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    const files = ["top.py", "services/a.py", "services/api/b.py", "services/api/c.env", "services/web/d.py", "tools/e.py", "tools/f.env"];
    files.forEach((file, index) => tree.write(file, `AZURE_OPENAI_API_KEY = "${generateIdentifiableKey({ random: 1200 + index })}"\n`));
  });
  afterAll(() => tree.dispose());

  it("expands a quoted glob argument itself, anchored where it is written, as a shell would", async () => {
    const deep = await scanIn(tree, ["services/**/*.py"]);
    expect(deep.status).toBe(1);
    expect(findingPaths(deep)).toEqual(["services/a.py", "services/api/b.py", "services/web/d.py"]);
    expect(findingPaths(await scanIn(tree, ["*.py"]))).toEqual(["top.py"]);
    expect(findingPaths(await scanIn(tree, ["services/*/b.py", "tools"]))).toEqual(["services/api/b.py", "tools/e.py", "tools/f.env"]);
  });

  it("counts only the selected files as scanned", async () => {
    const summary = JSON.parse((await scanIn(tree, ["services/api/*"])).stdout) as { summary: { filesScanned: number } };
    expect(summary.summary.filesScanned).toBe(2);
  });

  it("reads --include and --exclude as gitignore lines: a glob without a slash matches at any depth", async () => {
    expect(findingPaths(await scanIn(tree, ["--include", "*.env"]))).toEqual(["services/api/c.env", "tools/f.env"]);
    expect(findingPaths(await scanIn(tree, ["--exclude", "services/", "--exclude", "*.env"]))).toEqual(["tools/e.py", "top.py"]);
    expect(findingPaths(await scanIn(tree, ["services", "--include", "*.py", "--exclude", "web/"]))).toEqual(["services/a.py", "services/api/b.py"]);
  });

  it("applies --include / --exclude to git modes too, where path arguments are git's own pathspecs", async () => {
    const git = (...args: string[]): string => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], { cwd: tree.root, encoding: "utf8" });
    git("init", "-q");
    git("add", "-A");
    const staged = await scanIn(tree, ["--staged", "--exclude", "tools/"]);
    expect(findingPaths(staged)).toEqual(["services/a.py", "services/api/b.py", "services/api/c.env", "services/web/d.py", "top.py"]);
    expect(findingPaths(await scanIn(tree, ["--staged", "--include", "*.env"]))).toEqual(["services/api/c.env", "tools/f.env"]);
  });

  it("says which path is missing, for a plain path and for a glob whose folder does not exist, with exit 2", async () => {
    expect(await scanIn(tree, ["nowhere"])).toEqual({ status: 2, stdout: "", stderr: "aoai-key-scan: path not found: nowhere\n" });
    expect(await scanIn(tree, ["nowhere/**/*.py"])).toEqual({
      status: 2,
      stdout: "",
      stderr: "aoai-key-scan: path not found: nowhere/**/*.py (its folder nowhere does not exist)\n",
    });
    expect(await scanIn(tree, ["--include", ""])).toEqual({ status: 2, stdout: "", stderr: "aoai-key-scan: --include needs a glob, got an empty string.\n" });
  });

  it("finds nothing, and says so with exit 0, when a glob matches no file", async () => {
    const none = await scanIn(tree, ["services/**/*.go"]);
    expect(none.status).toBe(0);
    expect(findingPaths(none)).toEqual([]);
  });
});
