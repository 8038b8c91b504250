#!/usr/bin/env node
// The git modes over a generated history, cached under .bench/: 400 commits editing a 300-file tree
// (JavaScript, Python, .env), one commit adding a named 32-hex key that a later one removes, and one
// adding a 12 MiB file of short lines (over the default 10 MiB limit: listed, never diffed). Wall
// time (median of alternating runs) of `aoai-key-scan --history` and `--diff FIRST..HEAD` against
// `git log -p` over the same commits in the same run, the 12 MiB file left out of it (so the
// reference prints what the scanner reads: the least any history scan asks of git), and peak RSS. Runs the built CLI in dist/ (`npm run bench` builds).
import { execFileSync, spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { BENCH_GIT_ENV, gitIn } from "./git-repo.mjs";
import { median, scannerBin } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = scannerBin;
const FILES = 300;
const COMMITS = 400;
const repo = path.join(root, ".bench", `git-modes-${COMMITS}`);
const READY_MARKER = path.join(repo, ".git", "bench-ready");
const MEASURED_RUNS = 5;

const git = gitIn(repo);

/** Deterministic 32 hex digits, so the cached repository is the same on every machine. */
const hex = (seed) => createHash("sha256").update(`bench-${seed}`).digest("hex").slice(0, 32);

const fileName = (index) => {
  const extension = ["js", "py", "env"][index % 3];
  return `src/area${String(index % 30).padStart(2, "0")}/file${index}.${extension}`;
};

function fileContent(index, revision) {
  const lines = [];
  for (let line = 0; line < 40; line += 1) {
    if (index % 3 === 0) lines.push(`export const setting${line} = "value-${revision}-${line}";`);
    else if (index % 3 === 1) lines.push(`setting_${line} = "value-${revision}-${line}"`);
    else lines.push(`SETTING_${line}=value-${revision}-${line}`);
  }
  return `${lines.join("\n")}\n`;
}

function write(relative, content) {
  const target = path.join(repo, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

function commit(number) {
  const date = new Date(Date.UTC(2025, 0, 1) + number * 3_600_000).toISOString();
  execFileSync("git", ["-c", "commit.gpgsign=false", "commit", "-q", "-m", `change ${number}`], {
    cwd: repo,
    env: { ...BENCH_GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

/** Builds the repository once; every commit edits five files. */
function ensureRepository() {
  if (existsSync(READY_MARKER)) return false;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git("init", "-q", "-b", "main");
  for (let index = 0; index < FILES; index += 1) write(fileName(index), fileContent(index, 0));
  git("add", "-A");
  commit(0);
  for (let number = 1; number < COMMITS; number += 1) {
    for (let edit = 0; edit < 5; edit += 1) {
      const index = (number * 7 + edit * 61) % FILES;
      write(fileName(index), fileContent(index, number));
    }
    if (number === 100) write("config/service.env", `AZURE_OPENAI_ENDPOINT=https://bench.openai.azure.com\nAZURE_OPENAI_API_KEY=${hex(number)}\n`);
    if (number === 101) rmSync(path.join(repo, "config/service.env"));
    if (number === 200) write("data/export.txt", "x\n".repeat(6 * 1024 * 1024));
    git("add", "-A");
    commit(number);
  }
  writeFileSync(READY_MARKER, "");
  return true;
}

/** Wall time and peak RSS of one run through GNU time; stdout is kept for the checks. */
function measure(command, args, expectedStatus) {
  const start = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 30 });
  const elapsed = performance.now() - start;
  if (result.status !== expectedStatus) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}, expected ${expectedStatus}:\n${result.stderr.slice(-2000)}`);
  }
  const rss = Number(result.stderr.trim().split("\n").at(-1));
  return { elapsed, mib: rss / 1024, stdout: result.stdout };
}

if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
if (!existsSync("/usr/bin/time")) throw new Error("GNU time (/usr/bin/time) is needed for peak RSS");
const buildStart = performance.now();
const built = ensureRepository();
console.log(
  built
    ? `generated ${COMMITS} commits over ${FILES} files in ${Math.round(performance.now() - buildStart)} ms (cached in ${path.relative(root, repo)})`
    : `using cached repository ${path.relative(root, repo)} (${COMMITS} commits, ${FILES} files)`,
);
const first = git("rev-list", "--max-parents=0", "HEAD").trim();
const logArgs = ["log", "-p", "--reverse", "--unified=3", "--no-color", "HEAD", "--", ".", ":(exclude)data/export.txt"];
const logBytes = Buffer.byteLength(git(...logArgs));

const cases = [
  { name: "git log -p --reverse", command: "git", args: logArgs, status: 0 },
  { name: "aoai-key-scan --history", command: process.execPath, args: [bin, "--history", "-f", "json"], status: 1 },
  { name: `aoai-key-scan --diff FIRST..HEAD`, command: process.execPath, args: [bin, "--diff", `${first}..HEAD`, "-f", "json"], status: 1 },
];
const runs = cases.map(() => []);
const reports = [];
for (let run = 0; run < MEASURED_RUNS; run += 1) {
  cases.forEach((entry, index) => {
    const result = measure(entry.command, entry.args, entry.status);
    runs[index].push(result);
    if (index > 0) reports[index] = result.stdout;
  });
}

// Both modes must find the key added then removed, and list the 12 MiB file without diffing it.
for (const index of [1, 2]) {
  const report = JSON.parse(reports[index]);
  const keys = report.findings.filter((finding) => finding.category === "leak").map((finding) => `${finding.path}:${finding.line}`);
  const large = report.skipped.filter((entry) => entry.reason === "too-large").map((entry) => entry.path);
  if (keys.join() !== "config/service.env:2" || large.join() !== "data/export.txt") {
    throw new Error(`${cases[index].name}: unexpected findings ${JSON.stringify(keys)} or too-large ${JSON.stringify(large)}`);
  }
}

const reference = median(runs[0].map((run) => run.elapsed));
console.log(`git log -p output: ${(logBytes / 1024 / 1024).toFixed(1)} MiB over ${COMMITS} commits; medians of ${MEASURED_RUNS} alternating runs`);
for (const [index, entry] of cases.entries()) {
  const wall = median(runs[index].map((run) => run.elapsed));
  const rss = median(runs[index].map((run) => run.mib));
  const ratio = index === 0 ? "" : `   ${(wall / reference).toFixed(1)}x git log -p`;
  console.log(`${entry.name.padEnd(34)} ${(wall / 1000).toFixed(2).padStart(6)} s   peak RSS ${rss.toFixed(0).padStart(4)} MiB${ratio}`);
}
