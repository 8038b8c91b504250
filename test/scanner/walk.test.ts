/** What the built CLI walks and skips: ignore files, tracked files, binary, huge, UTF-16, unreadable, symlinks. */
import { chmodSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";

import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding, jsonReport, runCli, TempTree, worldReadableCli } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 601 });
const line = `AZURE_OPENAI_API_KEY=${key}\n`;

describe("ignore rules and git-tracked files", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.git("init", "-q");
    tree.write(".gitignore", "*.local\nbuild/\n");
    // Committed before it was ignored: still in the repository, so still scanned.
    tree.write("committed.env", line);
    tree.git("add", ".");
    tree.git("commit", "-q", "-m", "init");
    tree.write(".gitignore", "*.local\nbuild/\ncommitted.env\n");
    tree.write("untracked.local", line);
    tree.write("build/out.txt", line);
    tree.write("sub/.gitignore", "nested.txt\n");
    tree.write("sub/nested.txt", line);
    tree.write("sub/kept.txt", line);
    tree.write("excluded.txt", line);
    tree.write(".git/info/exclude", "excluded.txt\n");
    tree.write("tool.txt", line);
    tree.write(".aoai-key-scan-ignore", "tool.txt\n");
    tree.write("node_modules/pkg/index.js", line);
  });
  afterAll(() => tree.dispose());

  it("follows nested .gitignore, .git/info/exclude and .aoai-key-scan-ignore, skips node_modules, and scans tracked files", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json"]));

    expect(report.findings.map((finding) => finding.path)).toEqual(["committed.env", "sub/kept.txt"]);
    expect(report.findings[0]).toEqual(identifiableFinding(key, "committed.env", 1, 22));
  });

  it("scans everything given with --no-ignore", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json", "--no-ignore"]));

    expect(report.findings.map((finding) => finding.path)).toEqual([
      "build/out.txt",
      "committed.env",
      "excluded.txt",
      "node_modules/pkg/index.js",
      "sub/kept.txt",
      "sub/nested.txt",
      "tool.txt",
      "untracked.local",
    ]);
  });

  it("scans a file named on the command line even when it is ignored", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json", "untracked.local"]));

    expect(report.findings).toEqual([identifiableFinding(key, "untracked.local", 1, 22)]);
  });

  it("scans a directory named on the command line even when an ignore file names it", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json", "build"]));

    expect(report.findings).toEqual([identifiableFinding(key, "build/out.txt", 1, 22)]);
  });

  it("applies the rules of parent directories when scanning a subdirectory", () => {
    tree.write("sub/deeper.local", line);
    const report = jsonReport(runCli(path.join(tree.root, "sub"), ["-f", "json", "."]));

    expect(report.findings.map((finding) => finding.path)).toEqual(["kept.txt"]);
  });
});

describe("folder-only ignore rules", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.git("init", "-q");
    tree.write("vendor/gone.txt", line);
    tree.git("add", ".");
    tree.git("commit", "-q", "-m", "init");
    rmSync(path.join(tree.root, "vendor"), { recursive: true });
    tree.write("aoai-key-scan.config.json", JSON.stringify({ ignore: ["vendor/", "out/deep/"] }));
    tree.write(".gitignore", "gen/\n# a comment\n\n!keep/\n");
    for (const file of ["vendor/v.txt", "out/deep/d.txt", "out/d.txt", "gen/g.txt", "src/gen/g.txt", "src/gen.txt/g", "keep", "src/vendor", "a/out/deep"]) tree.write(file, line);
  });
  afterAll(() => tree.dispose());

  it("ignore the folders they name, never a file of that name, and hide a tracked file missing under a config-ignored folder", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json"]));

    // `gen/` has no slash but the trailing one: it names folders at any depth. The config's `out/deep/` is anchored.
    expect(report.findings.map((finding) => finding.path)).toEqual(["a/out/deep", "keep", "out/d.txt", "src/gen.txt/g", "src/vendor"]);
    expect(report.skipped).toEqual([]);
  });
});

describe("files that are not scanned", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write("nul.txt", Buffer.concat([Buffer.from("header\0"), Buffer.from(line)]));
    tree.write("image.png", line);
    tree.write("doc.dat2", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(line)]));
    tree.write("big.txt", `${line}${"x".repeat(2000)}\n`);
    tree.write("small.txt", line);
    mkdirSync(path.join(tree.root, "loop"));
    symlinkSync("..", path.join(tree.root, "loop", "parent"));
    symlinkSync("small.txt", path.join(tree.root, "link.txt"));
    execFileSync("mkfifo", [path.join(tree.root, "pipe")]);
  });
  afterAll(() => tree.dispose());

  it("counts and lists binary, too-large, symlink and special files, never following links", () => {
    const run = runCli(tree.root, ["-f", "json", "--max-file-size", "1kB"]);
    const report = jsonReport(run);

    expect(run.status).toBe(1);
    expect(report.findings).toEqual([identifiableFinding(key, "small.txt", 1, 22)]);
    expect(report.skipped).toEqual([
      { path: "big.txt", reason: "too-large", detail: "2107 bytes" },
      { path: "doc.dat2", reason: "binary" },
      { path: "image.png", reason: "binary" },
      { path: "link.txt", reason: "symlink" },
      { path: "loop/parent", reason: "symlink" },
      { path: "nul.txt", reason: "binary" },
      { path: "pipe", reason: "not-a-file" },
    ]);
    expect(report.summary.skipped).toEqual({ binary: 3, "too-large": 1, symlink: 2, unreadable: 0, undecodable: 0, "not-a-file": 1, missing: 0 });
  });

  it("lists warnings in text output and counts every skip in the summary line", () => {
    const run = runCli(tree.root, ["--max-file-size", "1kB"]);

    expect(run.stdout).toContain("\nskipped big.txt (too-large: 2107 bytes)\nskipped pipe (not-a-file)\n");
    expect(run.stdout).toMatch(/1 finding, 7 skipped \(3 binary, 1 too-large, 2 symlink, 1 not-a-file\), \d+ ms\n$/);
  });

  it("lists binary files and symlinks too with --verbose", () => {
    const run = runCli(tree.root, ["--max-file-size", "1kB", "--verbose"]);

    expect(run.stdout).toContain("skipped image.png (binary)\nskipped link.txt (symlink)\n");
  });
});

describe("text encodings", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    const text = `first line\n  token: ${key}\n`;
    tree.write("utf8-bom.yaml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    tree.write("utf16le.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    tree.write("utf16be.yaml", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    tree.write("truncated.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le").subarray(0, 41)]));
  });
  afterAll(() => tree.dispose());

  it("decodes UTF-8 with BOM and UTF-16 LE/BE with BOM, with positions in characters; skips truncated UTF-16", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json"]));

    expect(report.findings).toEqual([
      identifiableFinding(key, "utf16be.yaml", 2, 10),
      identifiableFinding(key, "utf16le.yaml", 2, 10),
      identifiableFinding(key, "utf8-bom.yaml", 2, 10),
    ]);
    expect(report.skipped).toEqual([{ path: "truncated.txt", reason: "undecodable" }]);
  });
});

describe.runIf(process.platform !== "win32")("unreadable files", () => {
  it("warns about an unreadable file and scans the rest", () => {
    const tree = new TempTree();
    tree.write("ok.txt", line);
    chmodSync(tree.write("secret.txt", line), 0o000);
    // Root reads anything: run the CLI as `nobody` then, from a copy `nobody` can reach.
    const cli = process.getuid?.() === 0 ? worldReadableCli() : undefined;
    const asUser = cli === undefined ? {} : { uid: 65534, gid: 65534, bin: cli.bin };

    const run = runCli(tree.root, ["-f", "json"], asUser);
    const report = jsonReport(run);
    tree.dispose();
    cli?.dispose();

    expect(run.status).toBe(1);
    expect(report.findings).toEqual([identifiableFinding(key, "ok.txt", 1, 22)]);
    expect(report.skipped).toEqual([{ path: "secret.txt", reason: "unreadable", detail: "EACCES" }]);
  }, 120_000);
});

describe("worker pool", () => {
  it("finds the same keys with worker threads as in the main thread", () => {
    const tree = new TempTree();
    for (let index = 0; index < 500; index += 1) tree.write(`files/f${String(index).padStart(3, "0")}.txt`, index % 100 === 7 ? line : "nothing\n");

    const inMainThread = jsonReport(runCli(tree.root, ["-f", "json", "--jobs", "0"]));
    const inWorkers = jsonReport(runCli(tree.root, ["-f", "json", "--jobs", "2"]));
    tree.dispose();

    expect(inMainThread.findings.map((finding) => finding.path)).toEqual(["files/f007.txt", "files/f107.txt", "files/f207.txt", "files/f307.txt", "files/f407.txt"]);
    expect(inWorkers.findings).toEqual(inMainThread.findings);
    expect(inWorkers.summary.filesScanned).toBe(500);
  });
});
