/**
 * Hostile input, part 1: a scan that says "no keys found" must mean it. Git refusing the repository,
 * git missing, submodules, a stray BOM, duplicate roots, symlinked roots, tracked files missing from
 * the work tree, lone CR line breaks.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { cannotRunAsNobody, hexFinding, identifiableFinding, jsonReport, makeWorldReadable, runCli, TempTree, worldReadableCli } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 1101 });
const line = `AZURE_OPENAI_API_KEY=${key}\n`;

/** A repository whose committed `.env` is also named by `.gitignore`: only git's listing finds it. */
function repositoryWithIgnoredEnv(): TempTree {
  const tree = new TempTree();
  tree.git("init", "-q");
  tree.write(".env", line);
  tree.git("add", ".env");
  tree.git("commit", "-q", "-m", "init");
  tree.write(".gitignore", ".env\n");
  return tree;
}

describe("git cannot list the tracked files", () => {
  it("exits 2 with git's reason when the checkout belongs to another user (dubious ownership)", (context) => {
    const reason = cannotRunAsNobody();
    context.skip(reason !== undefined, reason);
    const tree = repositoryWithIgnoredEnv();
    // `nobody` must reach .git for git to judge its owner (a umask of 077 would hide it: "not a git repository").
    makeWorldReadable(tree.root);
    const cli = worldReadableCli();
    // No global or system config: nobody's git trusts nothing but its own directories.
    const run = runCli(tree.root, [], { uid: 65534, gid: 65534, bin: cli.bin, env: { HOME: "/nonexistent", GIT_CONFIG_NOSYSTEM: "1" } });
    tree.dispose();
    cli.dispose();

    expect(run.stderr).toBe(
      `aoai-key-scan: cannot list the files git tracks in ${tree.root}: fatal: detected dubious ownership in repository at '${tree.root}' ` +
        `(trust it with: git config --global --add safe.directory ${tree.root}). Tracked files that an ignore file names would go unscanned; ` +
        "fix git, or scan every file with --no-ignore.\n",
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  }, 120_000);

  it("exits 2 when git is not installed, and --no-ignore scans every file without it", () => {
    const tree = repositoryWithIgnoredEnv();
    const emptyBin = mkdtempSync(path.join(tmpdir(), "aoai-key-scan-nogit-"));
    const withoutGit = runCli(tree.root, [], { env: { PATH: emptyBin } });
    const noIgnore = jsonReport(runCli(tree.root, ["--no-ignore", "-f", "json", ".env"], { env: { PATH: emptyBin } }));
    tree.dispose();
    rmSync(emptyBin, { recursive: true });

    expect(withoutGit.status).toBe(2);
    expect(withoutGit.stderr).toBe(
      `aoai-key-scan: cannot list the files git tracks in ${tree.root}: git is not installed or not on PATH. ` +
        "Tracked files that an ignore file names would go unscanned; fix git, or scan every file with --no-ignore.\n",
    );
    expect(noIgnore.findings).toEqual([identifiableFinding(key, ".env", 1, 22)]);
  });
});

describe("submodules", () => {
  it("scans a submodule's tracked files that its own .gitignore names", () => {
    const library = new TempTree();
    library.git("init", "-q");
    library.write("config/.env", line);
    library.git("add", ".");
    library.git("commit", "-q", "-m", "library");
    library.write(".gitignore", "*.env\n.env\n");
    library.git("add", ".gitignore");
    library.git("commit", "-q", "-m", "ignore");
    const app = new TempTree();
    app.git("init", "-q");
    app.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.root, "vendor/library");
    app.git("commit", "-q", "-m", "add library");

    const report = jsonReport(runCli(app.root, ["-f", "json"]));
    library.dispose();
    app.dispose();

    expect(report.findings).toEqual([identifiableFinding(key, "vendor/library/config/.env", 1, 22)]);
  }, 30_000);
});

describe("byte order marks", () => {
  let tree: TempTree;
  const hexKey = generateHexKey(1102);
  beforeAll(() => {
    tree = new TempTree();
    // Two bytes in front of an ASCII file: once a one-line bypass of every scan.
    tree.write("stray-le.env", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line)]));
    tree.write("stray-be.env", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`x\n${line}`)]));
    tree.write("odd-length.env", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${line}x`)]));
    const utf32 = (text: string, littleEndian: boolean): Buffer => {
      const bytes = Buffer.alloc((text.length + 1) * 4);
      [0xfeff, ...Array.from(text, (char) => char.codePointAt(0)!)].forEach((codePoint, index) =>
        littleEndian ? bytes.writeUInt32LE(codePoint, index * 4) : bytes.writeUInt32BE(codePoint, index * 4),
      );
      return bytes;
    };
    tree.write("utf32le.env", utf32(`AZURE_OPENAI_API_KEY=${hexKey}\n`, true));
    tree.write("utf32be.env", utf32(`AZURE_OPENAI_API_KEY=${hexKey}\n`, false));
    // Neither UTF-16 nor text: NUL bytes behind a BOM that announces nonsense.
    tree.write("garbage.txt", Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), Buffer.alloc(40)]));
  });
  afterAll(() => tree.dispose());

  it("reads a file whose BOM does not hold up as UTF-8, decodes UTF-32, and never calls noise clean", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json"]));

    expect(report.findings).toEqual([
      identifiableFinding(key, "odd-length.env", 1, 22),
      identifiableFinding(key, "stray-be.env", 2, 22),
      identifiableFinding(key, "stray-le.env", 1, 22),
      hexFinding(hexKey, "utf32be.env", 1, 22, "AZURE_OPENAI_API_KEY"),
      hexFinding(hexKey, "utf32le.env", 1, 22, "AZURE_OPENAI_API_KEY"),
    ]);
    expect(report.skipped).toEqual([{ path: "garbage.txt", reason: "undecodable" }]);
  });

  it("reads a staged file behind a stray BOM too", () => {
    const repo = new TempTree();
    repo.git("init", "-q");
    repo.write("stray.env", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line)]));
    repo.git("add", "stray.env");
    const run = runCli(repo.root, ["--staged", "-f", "json"]);
    repo.dispose();

    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([identifiableFinding(key, "stray.env", 1, 22)]);
  });
});

describe("roots", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write("a/one.env", line);
    tree.write("a/b/two.env", line);
    tree.write("top.env", line);
    symlinkSync("a", path.join(tree.root, "link"));
  });
  afterAll(() => tree.dispose());

  it("scans each file once however often and however nested the roots are named", () => {
    const report = jsonReport(runCli(tree.root, ["-f", "json", "a", "a", "./a", "a/", "a/b", "a/one.env", "."]));

    expect(report.findings.map((finding) => finding.path)).toEqual(["a/b/two.env", "a/one.env", "top.env"]);
    expect(report.summary.filesScanned).toBe(3);
  });

  it("warns in every format when a root is a symbolic link", () => {
    const json = runCli(tree.root, ["-f", "json", "link"]);
    const text = runCli(tree.root, ["link"]);
    const github = runCli(tree.root, ["-f", "github", "link"]);
    const sarif = JSON.parse(runCli(tree.root, ["-f", "sarif", "link"]).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
    };
    const message = "link is a symbolic link: links are never followed, so nothing behind it was scanned. Name its target instead.";

    expect(json.status).toBe(0);
    expect(jsonReport(json).warnings).toEqual([{ code: "symlink-root", path: "link", message }]);
    expect(text.stdout).toMatch(new RegExp(`^warning ${message.replaceAll(".", "\\.")}\n\n0 files`));
    expect(github.stdout.split("\n")[0]).toBe(`::warning file=link,title=aoai-key-scan::${message}`);
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]).toMatchObject({ level: "warning", message: { text: message } });
  }, 30_000);
});

describe("tracked files missing from the work tree", () => {
  it("lists deleted and sparse-checkout files under skipped, with a reason", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("kept.txt", "nothing\n");
    tree.write("gone.env", line);
    tree.write("elsewhere/config.env", line);
    tree.git("add", ".");
    tree.git("commit", "-q", "-m", "init");
    unlinkSync(path.join(tree.root, "gone.env"));
    tree.git("sparse-checkout", "set", "--no-cone", "/*.txt", "/*.env");
    mkdirSync(path.join(tree.root, "elsewhere"), { recursive: true });

    const run = runCli(tree.root, ["-f", "json"]);
    const text = runCli(tree.root, []);
    tree.dispose();

    expect(run.status).toBe(0);
    expect(jsonReport(run).skipped).toEqual([
      { path: "elsewhere/config.env", reason: "missing", detail: "tracked by git, outside the sparse checkout" },
      { path: "gone.env", reason: "missing", detail: "tracked by git, missing from the work tree" },
    ]);
    expect(text.stdout).toContain("skipped gone.env (missing: tracked by git, missing from the work tree)\n");
  }, 30_000);
});

describe("line breaks", () => {
  it("counts a lone CR as a line break for line and column", () => {
    const tree = new TempTree();
    tree.write("old-mac.env", `# settings\rAZURE_OPENAI_API_KEY=${key}\r`);
    tree.write("mixed.env", `a=1\r\n\rAZURE_OPENAI_API_KEY=${key}\n`);
    const report = jsonReport(runCli(tree.root, ["-f", "json"]));
    tree.dispose();

    expect(report.findings).toEqual([identifiableFinding(key, "mixed.env", 3, 22), identifiableFinding(key, "old-mac.env", 2, 22)]);
  });
});
