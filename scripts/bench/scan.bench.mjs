#!/usr/bin/env node
// aoai-key-scan against ripgrep and secretlint 13 over the same real corpus, in the same run.
// The corpus is /work/shared/bench/corpus-nm (or $AOAI_BENCH_CORPUS): its package.json and lock are
// copied into .bench/corpus-nm/ and installed once with `npm ci --ignore-scripts`. secretlint and
// its recommended preset are installed once into .bench/secretlint/. aoai-key-scan and ripgrep run
// alternately, five times each (AOAI_BENCH_RUNS), so a slow moment of the machine hits both (the scanner
// also with only the key engine, to show what usage and IaC detection cost); the
// figures are medians. Prints MB/s, wall-time ratios and peak RSS (GNU time) of each tool.
// Goals: every category <= 3.1x ripgrep (#12), keys only <= 2x (1.5x beyond that, #10), >= 10x faster
// than secretlint, < 150 MiB peak RSS.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { measureAlternating, scannerBin } from "./measure.mjs";

import { IDENTIFIABLE_KEY_PATTERN_SOURCE, LEGACY_KEY_PATTERN_SOURCE } from "../../dist/detect/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusSource = process.env.AOAI_BENCH_CORPUS ?? "/work/shared/bench/corpus-nm";
const cacheDir = path.join(root, ".bench", "corpus-nm");
const secretlintDir = path.join(root, ".bench", "secretlint");
const runs = Number(process.env.AOAI_BENCH_RUNS ?? 5);
const secretlintRuns = Number(process.env.AOAI_BENCH_SECRETLINT_RUNS ?? 1);
const SECRETLINT_VERSION = "13.0.6";

function sameFile(left, right) {
  return existsSync(left) && existsSync(right) && readFileSync(left, "utf8") === readFileSync(right, "utf8");
}

function prepareCorpus() {
  mkdirSync(cacheDir, { recursive: true });
  const lock = path.join(corpusSource, "package-lock.json");
  const installedMarker = path.join(cacheDir, "node_modules", ".package-lock.json");
  if (sameFile(lock, path.join(cacheDir, "package-lock.json")) && existsSync(installedMarker)) return;
  console.log(`installing the corpus from ${corpusSource} into ${path.relative(root, cacheDir)}/ (once)…`);
  copyFileSync(path.join(corpusSource, "package.json"), path.join(cacheDir, "package.json"));
  copyFileSync(lock, path.join(cacheDir, "package-lock.json"));
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: cacheDir, stdio: "inherit" });
}

function prepareSecretlint() {
  const bin = path.join(secretlintDir, "node_modules", ".bin", "secretlint");
  if (!existsSync(bin)) {
    console.log(`installing secretlint ${SECRETLINT_VERSION} into ${path.relative(root, secretlintDir)}/ (once)…`);
    mkdirSync(secretlintDir, { recursive: true });
    writeFileSync(
      path.join(secretlintDir, "package.json"),
      JSON.stringify({
        private: true,
        dependencies: { secretlint: SECRETLINT_VERSION, "@secretlint/secretlint-rule-preset-recommend": SECRETLINT_VERSION },
      }),
    );
    // 13.x declares node >= 22 but runs on 20; --engine-strict=false keeps npm from refusing.
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--engine-strict=false"], { cwd: secretlintDir, stdio: "inherit" });
  }
  writeFileSync(path.join(secretlintDir, ".secretlintrc.json"), JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  writeFileSync(path.join(secretlintDir, ".secretlintignore"), "# nothing ignored: same files as the other tools\n");
  return bin;
}

/**
 * secretlint always skips directories named node_modules, so every tool scans a hard-linked mirror
 * of the installed tree in which each `node_modules` directory is renamed `_node_modules`: the same
 * files for all three, at no copy cost. Symlinks (npm's .bin entries) are left out.
 */
function mirrorTree(source, destination) {
  mkdirSync(destination, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(destination, entry.name === "node_modules" ? "_node_modules" : entry.name);
    if (entry.isDirectory()) mirrorTree(from, to);
    else if (entry.isFile()) linkSync(from, to);
  }
}

function prepareMirror() {
  const mirror = path.join(root, ".bench", "corpus-tree");
  const marker = path.join(root, ".bench", "corpus-tree.lock.json");
  const lock = path.join(cacheDir, "package-lock.json");
  if (sameFile(lock, marker) && existsSync(mirror)) return mirror;
  rmSync(mirror, { recursive: true, force: true });
  mirrorTree(path.join(cacheDir, "node_modules"), path.join(mirror, "packages"));
  copyFileSync(lock, marker);
  return mirror;
}

/** Bytes and files of the tree, counted the same way for every tool (regular files, no symlinks). */
function treeSize(directory) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      const inner = treeSize(full);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += lstatSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

prepareCorpus();
const mirror = prepareMirror();
const target = "packages";
const corpus = path.join(mirror, target);
const { bytes, files } = treeSize(corpus);
const megabytes = bytes / 1e6;
console.log(`corpus: ${files} files, ${megabytes.toFixed(1)} MB (${path.relative(root, corpus)}), median of ${runs} alternating runs`);

const scannerCase = {
  label: "aoai-key-scan",
  command: process.execPath,
  args: [scannerBin, "--no-ignore", "--format", "json", "--output", "/dev/null", target],
  options: {
    cwd: mirror,
    check: (result) => {
      if (result.status !== 0 && result.status !== 1) throw new Error(`aoai-key-scan failed: ${result.stderr}`);
    },
  },
};
// The same scan with only the key engine (config `categories: ["leak"]`): what usage and IaC detection cost.
const leaksOnlyConfig = path.join(root, ".bench", "leaks-only.json");
writeFileSync(leaksOnlyConfig, JSON.stringify({ categories: ["leak"] }));
const leaksOnlyCase = {
  ...scannerCase,
  label: "aoai-key-scan, leaks only",
  args: [scannerBin, "--config", leaksOnlyConfig, "--no-ignore", "--format", "json", "--output", "/dev/null", target],
};
const cases = [scannerCase, leaksOnlyCase];
const hasRipgrep = spawnSync("rg", ["--version"]).status === 0;
if (hasRipgrep) {
  // The engine's own patterns: ripgrep does the regex part of the work with no context checks.
  cases.push({
    label: "ripgrep -uuu",
    command: "rg",
    args: ["-uuu", "--no-messages", "-c", "-e", LEGACY_KEY_PATTERN_SOURCE, "-e", IDENTIFIABLE_KEY_PATTERN_SOURCE, target],
    options: { cwd: mirror },
  });
} else {
  console.log("ripgrep reference skipped: `rg` not found (as root: apt-get update && apt-get install -y ripgrep)");
}
const results = measureAlternating(cases, runs);

if (process.env.AOAI_BENCH_SKIP_SECRETLINT !== "1") {
  const secretlint = prepareSecretlint();
  results.push(
    ...measureAlternating(
      [
        {
          label: "secretlint 13 (recommend)",
          command: secretlint,
          args: [
            "--secretlintrc", path.join(secretlintDir, ".secretlintrc.json"),
            "--secretlintignore", path.join(secretlintDir, ".secretlintignore"),
            "--maskSecrets",
            `${target}/**/*`,
          ],
          options: { cwd: mirror },
        },
      ],
      secretlintRuns,
    ),
  );
}

const [scanner, leaksOnly] = results;
const ripgrep = results.find((result) => result.label.startsWith("ripgrep"));
console.log("");
console.log("tool                        wall (s)    MB/s   peak RSS (MiB)   wall / aoai-key-scan");
for (const result of results) {
  console.log(
    `${result.label.padEnd(26)} ${result.wall.toFixed(2).padStart(9)} ${(megabytes / result.wall).toFixed(0).padStart(7)} ${result.peakMiB.toFixed(0).padStart(16)} ${(result.wall / scanner.wall).toFixed(2).padStart(22)}x`,
  );
}
console.log("");
if (ripgrep !== undefined) {
  // Goals: every category at most 3.1x ripgrep (issue #12), keys only at most 2x, then 1.5x (issue #10).
  const pairs = (result) => result.walls.map((wall, index) => (wall / ripgrep.walls[index]).toFixed(2)).join(", ");
  console.log(
    `aoai-key-scan / ripgrep wall time: ${(scanner.wall / ripgrep.wall).toFixed(2)}x median of ${runs} alternating runs ` +
      `(per-pair ratios ${pairs(scanner)}; goal <= 3.1x)`,
  );
  console.log(
    `aoai-key-scan, leaks only / ripgrep wall time: ${(leaksOnly.wall / ripgrep.wall).toFixed(2)}x ` +
      `(per-pair ratios ${pairs(leaksOnly)}; goal <= 2x, then 1.5x)`,
  );
}
console.log(`aoai-key-scan with usage and IaC detection / leaks only: ${(scanner.wall / leaksOnly.wall).toFixed(2)}x`);
const secretlintResult = results.find((result) => result.label.startsWith("secretlint"));
if (secretlintResult !== undefined) console.log(`secretlint / aoai-key-scan wall time: ${(secretlintResult.wall / scanner.wall).toFixed(1)}x (goal >= 10x)`);
console.log(`aoai-key-scan peak RSS: ${scanner.peakMiB.toFixed(0)} MiB (goal < 150 MiB)`);
