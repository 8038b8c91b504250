/**
 * Which git processes a git mode starts, logged by a `git` wrapper put first on PATH. A pre-commit
 * hook waits for each of them (a Node spawn costs milliseconds of its own), so `--staged` of fully
 * staged files, run at the top of the work tree as a hook is, asks git once: one `diff` (raw listing
 * and patch at once); the blobs are the working tree's files, which hash to the staged ids. Elsewhere
 * `rev-parse` says where the work tree is; a file staged in part is read with one `cat-file --batch`;
 * sizes are asked only for files git's patch calls binary.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding, jsonReport, runCli, TempTree } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 1501 });

/** The git subcommand of each call the CLI made, in order, after its `-c name=value` settings. */
function gitCommands(tree: TempTree, args: readonly string[], directory = ".", env: Record<string, string> = {}): { commands: string[]; run: ReturnType<typeof runCli> } {
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  const shims = tree.write(".shims/git", `#!/bin/sh\nprintf '%s\\n' "$*" >> "${tree.root}/.shims/log"\nexec "${realGit}" "$@"\n`);
  chmodSync(shims, 0o755);
  writeFileSync(path.join(tree.root, ".shims/log"), "");
  const run = runCli(path.join(tree.root, directory), args, { env: { ...env, PATH: `${path.dirname(shims)}${path.delimiter}${process.env.PATH ?? ""}` } });
  const commands = readFileSync(path.join(tree.root, ".shims/log"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.replace(/^(?:-c \S+ )*/, "").split(" ").slice(0, 2).join(" "));
  return { commands, run };
}

function repository(): TempTree {
  const tree = new TempTree();
  tree.git("init", "-q", "-b", "main");
  tree.write(".git/info/exclude", ".shims/\n");
  tree.write("README.md", "# demo\n");
  tree.git("add", ".");
  tree.git("commit", "-q", "-m", "base");
  return tree;
}

describe("git processes of --staged", () => {
  it("fully staged text edits at the top of the work tree: one diff", () => {
    const tree = repository();
    tree.write("app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.write("README.md", "# demo\n\nmore\n");
    tree.git("add", ".");
    const { commands, run } = gitCommands(tree, ["--staged", "-f", "json"]);
    tree.dispose();

    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([identifiableFinding(key, "app.env", 1, 22)]);
    expect(commands).toEqual(["diff --raw"]);
  });

  it("from a subdirectory, or with GIT_DIR set, rev-parse says where the work tree is, beside the diff", () => {
    const tree = repository();
    tree.write("service/app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    const below = gitCommands(tree, ["--staged", "-f", "json"], "service");
    const relocated = gitCommands(tree, ["--staged", "-f", "json"], ".", { GIT_DIR: path.join(tree.root, ".git") });
    tree.dispose();

    expect(jsonReport(below.run).findings).toEqual([identifiableFinding(key, "app.env", 1, 22)]);
    expect(below.commands).toEqual(["diff --raw", "rev-parse --is-bare-repository"]);
    expect(jsonReport(relocated.run).findings).toEqual([identifiableFinding(key, "service/app.env", 1, 22)]);
    expect(relocated.commands).toEqual(["diff --raw", "rev-parse --is-bare-repository"]);
  });

  it("a file edited after staging is read from the index with one cat-file", () => {
    const tree = repository();
    tree.write("app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    tree.git("add", ".");
    tree.write("app.env", "REGION=westeurope\n");
    const { commands, run } = gitCommands(tree, ["--staged", "-f", "json"]);
    tree.dispose();

    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([identifiableFinding(key, "app.env", 1, 22)]);
    expect(commands).toEqual(["diff --raw", "cat-file --batch"]);
  });

  it("a file git calls binary is sized first; nothing staged reads no blob", () => {
    const tree = repository();
    tree.write("settings.cfg", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    tree.git("add", ".");
    const binary = gitCommands(tree, ["--staged", "-f", "json"]);
    tree.git("commit", "-q", "-m", "settings");
    const clean = gitCommands(tree, ["--staged", "-f", "json"]);
    tree.dispose();

    expect(binary.run.status).toBe(0);
    expect(jsonReport(binary.run).skipped).toEqual([{ path: "settings.cfg", reason: "binary" }]);
    expect(binary.commands).toEqual(["diff --raw", "cat-file --batch-check"]);
    expect(clean.run.status).toBe(0);
    expect(clean.commands).toEqual(["diff --raw"]);
  });
});
