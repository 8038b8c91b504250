/** `run(argv, io)` in process: what depends on the terminal (colour, NO_COLOR, progress). */
import { execFileSync, spawn } from "node:child_process";
import { lstatSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { run } from "../../src/scanner/cli.js";
import type { CliIo } from "../../src/scanner/cli.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { PACKAGE_ROOT, TempTree } from "./cli-fixture.js";

function capture(tree: TempTree, options: { readonly tty: boolean; readonly env?: Record<string, string> }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: tree.root,
    env: options.env ?? {},
    stdout: { write: (text: string) => out.push(text), isTTY: options.tty },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty },
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}

describe("terminal output", () => {
  let tree: TempTree;
  const key = generateIdentifiableKey({ random: 901 });
  beforeAll(() => {
    tree = new TempTree();
    tree.write("a.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    for (let index = 0; index < 210; index += 1) tree.write(`many/f${index}.txt`, "x\n");
  });
  afterAll(() => tree.dispose());

  it("colours the text report on a TTY and shows progress on a TTY stderr, erased before the report", async () => {
    const terminal = capture(tree, { tty: true });

    expect(await run(["--jobs", "0"], terminal.io)).toBe(1);
    expect(terminal.stdout()).toContain("\u001b[4ma.env\u001b[24m\n");
    expect(terminal.stdout()).toContain("\u001b[31merror  \u001b[39m");
    expect(terminal.stdout()).not.toContain(key);
    expect(terminal.stderr()).toBe("\r\u001b[2Kscanning… 200 files\r\u001b[2K");
  });

  it("honours NO_COLOR, and writes neither colour nor progress off a TTY", async () => {
    const noColor = capture(tree, { tty: true, env: { NO_COLOR: "1" } });
    const piped = capture(tree, { tty: false });

    expect(await run(["--jobs", "0"], noColor.io)).toBe(1);
    expect(await run(["--jobs", "0"], piped.io)).toBe(1);
    expect(noColor.stdout()).not.toContain("\u001b[");
    expect(piped.stdout()).not.toContain("\u001b[");
    expect(piped.stderr()).toBe("");
  });
});

describe("FORCE_COLOR, --output and unknown options", () => {
  let tree: TempTree;
  const key = generateIdentifiableKey({ random: 902 });
  beforeAll(() => {
    tree = new TempTree();
    tree.write("a.env", `AZURE_OPENAI_API_KEY=${key}\n`);
  });
  afterAll(() => tree.dispose());

  it("colours a piped report with FORCE_COLOR=1 and never with FORCE_COLOR=0, even on a TTY", async () => {
    const forced = capture(tree, { tty: false, env: { FORCE_COLOR: "1" } });
    expect(await run(["--jobs", "0"], forced.io)).toBe(1);
    expect(forced.stdout()).toContain("\u001b[31merror  \u001b[39m");
    const off = capture(tree, { tty: true, env: { FORCE_COLOR: "0" } });
    expect(await run(["--jobs", "0"], off.io)).toBe(1);
    expect(off.stdout()).not.toContain("\u001b[");
  });

  it("prints the one-line summary on stderr when the report goes to --output", async () => {
    const piped = capture(tree, { tty: false });
    expect(await run(["--jobs", "0", "-f", "sarif", "-o", "report.sarif"], piped.io)).toBe(1);
    expect(piped.stdout()).toBe("");
    expect(piped.stderr()).toMatch(/^1 file \(\d+ B\) scanned, 1 finding, 0 skipped, \d+ ms\n$/);
    expect(readFileSync(path.join(tree.root, "report.sarif"), "utf8")).toContain('"version": "2.1.0"');
  });

  it("writes --output through a FIFO or device instead of replacing it (as root, `-o /dev/null` once replaced /dev/null)", async () => {
    const fifo = path.join(tree.root, "report.pipe");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    const received = new Promise<string>((done) => {
      const chunks: Buffer[] = [];
      reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
      reader.on("close", () => done(Buffer.concat(chunks).toString("utf8")));
    });
    const piped = capture(tree, { tty: false });
    expect(await run(["--jobs", "0", "-f", "json", "-o", "report.pipe", "a.env"], piped.io)).toBe(1);
    expect(JSON.parse(await received).summary.findings).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    rmSync(fifo);
  });

  it.each([
    { typed: "--formt", message: "unknown option --formt (did you mean --format?) (see --help)" },
    { typed: "--no-ignores", message: "unknown option --no-ignores (did you mean --no-ignore?) (see --help)" },
    { typed: "--stage", message: "unknown option --stage (did you mean --staged?) (see --help)" },
    { typed: "--frobnicate", message: "unknown option --frobnicate (see --help)" },
  ])("suggests the option meant for $typed", async ({ typed, message }) => {
    const io = capture(tree, { tty: false });
    expect(await run([typed], io.io)).toBe(2);
    expect(io.stderr()).toBe(`aoai-key-scan: ${message}\n`);
  });
});

describe("beforeLargeScan, the executable's hook for scans that start worker threads", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    for (let index = 0; index < 30; index += 1) tree.write(`src/f${index}.txt`, "x\n");
  });
  afterAll(() => tree.dispose());

  function hooked(calls: string[]): CliIo {
    return { ...capture(tree, { tty: false }).io, beforeLargeScan: async () => void calls.push("before the pool") };
  }

  it("is not called when the scan stays on the main thread (--jobs 0, or a tree below the pool's threshold)", async () => {
    const calls: string[] = [];
    expect(await run(["--jobs", "0"], hooked(calls))).toBe(0);
    expect(await run([], hooked(calls))).toBe(0);
    expect(calls).toEqual([]);
  });

  it("is awaited once for --diff and --history, never for --staged (a pre-commit hook's start-up)", async () => {
    const repository = new TempTree();
    try {
      repository.git("init", "-q", "-b", "main");
      repository.write("app.js", "export const answer = 42;\n");
      repository.git("add", "app.js");
      repository.git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "first");
      repository.write("app.js", "export const answer = 43;\n");
      repository.git("add", "app.js");
      const calls: string[] = [];
      const io: CliIo = { ...capture(repository, { tty: false }).io, beforeLargeScan: async () => void calls.push("hook") };
      expect(await run(["--staged"], io)).toBe(0);
      expect(calls).toEqual([]);
      expect(await run(["--diff", "HEAD"], io)).toBe(0);
      expect(calls).toEqual(["hook"]);
      expect(await run(["--history"], io)).toBe(0);
      expect(calls).toEqual(["hook", "hook"]);
    } finally {
      repository.dispose();
    }
  });

  it("is awaited once before a pool starts (the built CLI: its workers run dist/scanner/worker.js)", async () => {
    const built = (await import(pathToFileURL(path.join(PACKAGE_ROOT, "dist/scanner/cli.js")).href)) as { run: typeof run };
    const calls: string[] = [];
    const out: string[] = [];
    const io: CliIo = { ...hooked(calls), stdout: { write: (text: string) => out.push(text), isTTY: false } };
    expect(await built.run(["--jobs", "1", "-f", "json"], io)).toBe(0);
    expect(calls).toEqual(["before the pool"]);
    expect((JSON.parse(out.join("")) as { summary: { filesScanned: number } }).summary.filesScanned).toBe(30);
  });
});
