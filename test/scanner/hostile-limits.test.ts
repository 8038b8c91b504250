/**
 * Hostile input, part 3: bounded memory and time, and the scanner's own files. Symlinked and special
 * ignore, config and baseline files, FIFO roots, files over V8's string limit, thread counts, allow
 * patterns, repository config that would run programs, atomic writes, BOMs and empty arguments.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { chmodSync, existsSync, lstatSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";

import { poolSize } from "../../src/scanner/scan.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding, jsonReport, runCli, TempTree } from "./cli-fixture.js";

const key = generateIdentifiableKey({ random: 1301 });
const line = `AZURE_OPENAI_API_KEY=${key}\n`;

describe("ignore files that are not plain files", () => {
  it("does not follow a symlinked .gitignore (to /dev/zero) or open a FIFO one, and says so", () => {
    const tree = new TempTree();
    tree.write("app.env", line);
    symlinkSync("/dev/zero", path.join(tree.root, ".gitignore"));
    tree.write("sub/app.env", line);
    execFileSync("mkfifo", [path.join(tree.root, "sub", ".aoai-key-scan-ignore")]);
    const run = runCli(tree.root, ["-f", "json"]);
    tree.dispose();
    const report = jsonReport(run);

    expect(run.status).toBe(1);
    expect(report.findings).toEqual([identifiableFinding(key, "app.env", 1, 22), identifiableFinding(key, "sub/app.env", 1, 22)]);
    expect(report.warnings).toEqual([
      { code: "ignore-file-not-read", path: ".gitignore", message: "Ignore file .gitignore was not read (a symbolic link, not followed): its rules did not apply." },
      {
        code: "ignore-file-not-read",
        path: "sub/.aoai-key-scan-ignore",
        message: "Ignore file sub/.aoai-key-scan-ignore was not read (not a regular file): its rules did not apply.",
      },
    ]);
  });
});

describe("config and baseline files that are not plain files", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write("app.env", line);
    tree.write("real.json", "{}");
  });
  afterAll(() => tree.dispose());

  it.each([
    [["-c", "/dev/zero"], "aoai-key-scan: cannot read config /dev/zero: not a regular file.\n"],
    [["-c", "link.json"], "aoai-key-scan: cannot read config link.json: a symbolic link, not followed.\n"],
    [["-c", "fifo.json"], "aoai-key-scan: cannot read config fifo.json: not a regular file.\n"],
    [["--baseline", "link.json"], "aoai-key-scan: cannot read baseline link.json: a symbolic link, not followed.\n"],
    [["--baseline", "/dev/zero"], "aoai-key-scan: cannot read baseline /dev/zero: not a regular file.\n"],
  ])("exits 2 for %j", (args, stderr) => {
    if (!existsSync(path.join(tree.root, "link.json"))) symlinkSync("real.json", path.join(tree.root, "link.json"));
    if (!existsSync(path.join(tree.root, "fifo.json"))) execFileSync("mkfifo", [path.join(tree.root, "fifo.json")]);
    const run = runCli(tree.root, args);

    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(stderr);
  });

  it("refuses a config larger than 16 MiB without reading it", () => {
    writeFileSync(path.join(tree.root, "huge.json"), "");
    truncateSync(path.join(tree.root, "huge.json"), 64 * 1024 * 1024);
    const run = runCli(tree.root, ["-c", "huge.json"]);

    expect(run.status).toBe(2);
    expect(run.stderr).toBe("aoai-key-scan: cannot read config huge.json: 67108864 bytes, over the 16777216-byte limit.\n");
  });

  it("reads a config and a baseline that start with a UTF-8 BOM", () => {
    tree.write("bom-config.json", `\ufeff${JSON.stringify({ ignore: ["nothing/"] })}`);
    tree.write("bom-baseline.json", `\ufeff${JSON.stringify({ version: 1, entries: [] })}`);
    const run = runCli(tree.root, ["-c", "bom-config.json", "--baseline", "bom-baseline.json", "app.env"]);

    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
  });
});

describe("roots that are not plain files", () => {
  it("lists a FIFO named on the command line as not-a-file instead of hanging", () => {
    const tree = new TempTree();
    execFileSync("mkfifo", [path.join(tree.root, "pipe")]);
    const run = runCli(tree.root, ["-f", "json", "pipe"]);
    tree.dispose();

    expect(run.status).toBe(0);
    expect(jsonReport(run).skipped).toEqual([{ path: "pipe", reason: "not-a-file" }]);
  });

  it("skips a text file longer than the longest string Node.js can hold, and scans the rest", () => {
    const tree = new TempTree();
    tree.write("app.env", line);
    writeFileSync(path.join(tree.root, "huge.txt"), "");
    // Sparse: no disk space, and never read because of its size.
    truncateSync(path.join(tree.root, "huge.txt"), 600 * 1024 * 1024);
    const run = runCli(tree.root, ["-f", "json", "--max-file-size", "1GiB"]);
    tree.dispose();

    expect(run.status).toBe(1);
    expect(jsonReport(run).skipped).toEqual([
      { path: "huge.txt", reason: "too-large", detail: "629145600 bytes, over the longest string Node.js can hold" },
    ]);
  });
});

describe("thread count", () => {
  it("never starts more worker threads than cores", () => {
    expect(poolSize(999)).toBe(availableParallelism());
    expect(poolSize(undefined)).toBe(Math.min(8, availableParallelism() - 1));
    expect(poolSize(1)).toBe(1);
  });

  it("scans in the main thread as the walk goes, every file once, with -j 0", () => {
    const tree = new TempTree();
    const keyed = new Set([0, 199, 200, 449]);
    for (let index = 0; index < 450; index += 1) {
      tree.write(`f${String(index).padStart(3, "0")}.env`, keyed.has(index) ? `AZURE_OPENAI_API_KEY=${generateHexKey(900 + index)}\n` : "PORT=8080\n");
    }
    const run = runCli(tree.root, ["-f", "json", "-j", "0"]);
    tree.dispose();

    expect(run.status).toBe(1);
    const report = jsonReport(run);
    expect(report.findings.map((finding) => finding.path)).toEqual(["f000.env", "f199.env", "f200.env", "f449.env"]);
    expect(report.summary.filesScanned).toBe(450);
  });
});

describe("allowValues", () => {
  it("drops the g and y flags, which would let every other key through", () => {
    const tree = new TempTree();
    const hex = generateHexKey(1302);
    for (let index = 0; index < 4; index += 1) tree.write(`f${index}.env`, `AZURE_OPENAI_API_KEY=${hex}\n`);
    tree.write("aoai-key-scan.config.json", JSON.stringify({ allowValues: [`/^${hex.slice(0, 8)}/gy`] }));
    const run = runCli(tree.root, ["-f", "json", "-j", "0"]);
    tree.dispose();

    expect(run.status).toBe(0);
    expect(jsonReport(run).summary.suppressed).toBe(4);
  });

  it.each([["/^(a+)+$/"], ["/(\\w|\\d)*x/"], ["/((ab)*c)+/"], ["/(x{2,})+/"]])("refuses the catastrophic pattern %s", (pattern) => {
    const tree = new TempTree();
    tree.write("aoai-key-scan.config.json", JSON.stringify({ allowValues: [pattern] }));
    const run = runCli(tree.root, []);
    tree.dispose();

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `aoai-key-scan: aoai-key-scan.config.json: "allowValues" entry ${JSON.stringify(pattern)} is refused as a regular expression that could hang the scan ` +
        "(a repeated group holds a quantifier or an alternation (nested quantifiers can backtrack without end)).\n",
    );
  });

  it("accepts patterns whose repetition cannot backtrack without end", () => {
    const tree = new TempTree();
    tree.write("aoai-key-scan.config.json", JSON.stringify({ allowValues: ["/^(ab)+$/", "/^(?:abc){2}[0-9a-f]+$/i", "/^[(+]*$/", "/^\\(a+\\)+$/"] }));
    const run = runCli(tree.root, []);
    tree.dispose();

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

describe("a repository's own git config never runs a program", () => {
  it("ignores core.fsmonitor in a directory scan and in --staged", () => {
    const tree = new TempTree();
    tree.git("init", "-q");
    tree.write("app.env", line);
    tree.git("add", "app.env");
    const marker = path.join(tree.root, "hook-ran");
    const hook = tree.write("hook.sh", `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(hook, 0o755);
    tree.git("config", "core.fsmonitor", hook);
    tree.git("config", "log.showSignature", "true");
    tree.git("config", "gpg.program", hook);

    const walked = runCli(tree.root, []);
    const staged = runCli(tree.root, ["--staged"]);
    tree.git("-c", "core.fsmonitor=false", "commit", "-q", "-m", "one");
    const history = runCli(tree.root, ["--history"]);
    const hookRan = existsSync(marker);
    tree.dispose();

    expect([walked.status, staged.status, history.status]).toEqual([1, 1, 1]);
    expect(hookRan).toBe(false);
  }, 120_000);
});

describe("writing reports and baselines", () => {
  it("replaces a symlink at --output or --write-baseline instead of writing through it", () => {
    const tree = new TempTree();
    tree.write("app.env", line);
    tree.write("elsewhere.txt", "precious\n");
    symlinkSync("elsewhere.txt", path.join(tree.root, "report.json"));
    symlinkSync("elsewhere.txt", path.join(tree.root, "baseline.json"));

    const output = runCli(tree.root, ["-f", "json", "-o", "report.json", "app.env"]);
    const baseline = runCli(tree.root, ["--write-baseline", "baseline.json", "app.env"]);
    const precious = readFileSync(path.join(tree.root, "elsewhere.txt"), "utf8");
    const reportIsFile = lstatSync(path.join(tree.root, "report.json")).isFile();
    const written = JSON.parse(readFileSync(path.join(tree.root, "baseline.json"), "utf8")) as { entries: unknown[] };
    tree.dispose();

    expect([output.status, baseline.status]).toEqual([1, 0]);
    expect(precious).toBe("precious\n");
    expect(reportIsFile).toBe(true);
    expect(written.entries).toHaveLength(1);
  }, 30_000);
});

describe("arguments", () => {
  it.each([
    [["app.env", ""], "aoai-key-scan: an empty path argument was given (an unset variable?).\n"],
    [["-o", ""], "aoai-key-scan: --output needs a file name, got an empty string.\n"],
    [["--baseline", ""], "aoai-key-scan: --baseline needs a file name, got an empty string.\n"],
  ])("exits 2 for %j", (args, stderr) => {
    const tree = new TempTree();
    const run = runCli(tree.root, args);
    tree.dispose();

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(stderr);
  });

  it('rejects "detectors": [], which would scan nothing and report no keys', () => {
    const tree = new TempTree();
    tree.write("aoai-key-scan.config.json", JSON.stringify({ detectors: [] }));
    const run = runCli(tree.root, []);
    tree.dispose();

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'aoai-key-scan: aoai-key-scan.config.json: "detectors" must name at least one detector (known: azure-ai-identifiable-key, azure-ai-legacy-key).\n',
    );
  });
});
