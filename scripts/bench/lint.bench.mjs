// Cost of the plugin's `recommended` config on real code nobody here wrote, from the pinned benchmark
// corpus (/work/shared/bench/corpus-nm, whose lockfile pins the same releases the project installs):
// the TypeScript `src/` of `openai` 6.49.0 (about 300 files, an SDK that defines `AzureOpenAI` itself)
// and the JavaScript `dist/` of `@langchain/openai` 1.5.8 (the Azure options the rules look for, in
// ESM and CommonJS builds). Reference: the same files with the same parsers and no rule (parse, scope
// analysis and traversal only); a configuration with one rule that does nothing shows ESLint's own
// cost of running any rule (the noise floor); eslint-plugin-no-secrets, what users reach for today,
// is a comparison. Not type-aware: the rules need no type information.
//
// The figure is CPU time (user + system of this process) per pass: on a shared machine whose load is
// many times its cores, wall time mostly measures waiting for a core (a pass of about 6 s of CPU took
// 8 to 14 s), while the CPU a pass needs barely moves. The configurations run back to back in every
// round, so what remains of a slow stretch hits all of them alike; the figure is the median of each
// round's ratio, with the wall-time ratio beside it. Rounds are time-boxed (LINT_BENCH_SECONDS,
// default 150; at least MIN_ROUNDS), and each prints a progress line on stderr: the old fixed 17
// rounds of four passes ran for 40 minutes in silence on such a machine. The load average is printed
// with the figures. Target: the plugin adds at most 5% to ESLint running one rule that does nothing,
// the configuration closest to it (every real config runs some rule); the parse-only ratio is printed
// too. At a load average of 16 on 2 cores, a ratio of three rounds still moves by up to 25% from run
// to run: read several runs. Imports the built plugin from dist/.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import tsParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";

import plugin from "../../dist/index.js";
import { median } from "./measure.mjs";

const WARMUP_ROUNDS = 1;
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 15;
const BUDGET_MS = Number(process.env.LINT_BENCH_SECONDS ?? 150) * 1000;
const TARGET_RATIO = 1.05;
const INSTALL_TIMEOUT_MS = 120_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The corpus root is node_modules itself: ESLint ignores paths inside node_modules relative to its cwd.
const corpusRoot = path.join(root, "node_modules");

/** The slices of the pinned corpus, with the release its lockfile pins. */
const SLICES = [
  { packageName: "openai", pinned: "6.49.0", pattern: "openai/src/**/*.ts" },
  { packageName: "@langchain/openai", pinned: "1.5.8", pattern: "@langchain/openai/dist/**/*.{js,cjs}" },
];
for (const { packageName, pinned } of SLICES) {
  const manifest = path.join(corpusRoot, packageName, "package.json");
  const version = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : undefined;
  if (version === undefined) {
    console.error(`${packageName} is not installed: run npm ci first.`);
    process.exit(1);
  }
  if (version !== pinned) console.log(`note: ${packageName} ${version} is installed, the corpus pins ${pinned}: figures are not comparable`);
}
const patterns = SLICES.map((slice) => slice.pattern);

const typescript = { files: ["**/*.ts"], languageOptions: { parser: tsParser, sourceType: "module" } };
const javascript = [
  { files: ["**/*.js"], languageOptions: { sourceType: "module" } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
];
const base = [typescript, ...javascript];
const everywhere = (config) => ({ files: ["**/*.ts", "**/*.js", "**/*.cjs"], ...config });
const parseOnly = base;
const withPlugin = [...base, everywhere(plugin.configs.recommended)];
const doNothing = { meta: { type: "problem", schema: [] }, create: () => ({}) };
const withEmptyRule = [
  ...base,
  everywhere({ plugins: { bench: { rules: { "do-nothing": doNothing } } }, rules: { "bench/do-nothing": "error" } }),
];

// eslint-plugin-no-secrets (entropy + regexes on every string), installed once into .bench/
// (git-ignored), outside the project's dependencies; an install that fails or hangs skips it.
const NO_SECRETS_VERSION = "2.3.3";
const noSecretsDir = path.join(root, ".bench/no-secrets");
async function loadNoSecrets() {
  const entry = path.join(noSecretsDir, "node_modules/eslint-plugin-no-secrets/package.json");
  if (!existsSync(entry)) {
    mkdirSync(noSecretsDir, { recursive: true });
    const install = spawnSync(
      "npm",
      ["install", "--prefix", noSecretsDir, "--no-save", "--no-audit", "--no-fund", `eslint-plugin-no-secrets@${NO_SECRETS_VERSION}`],
      { stdio: "ignore", timeout: INSTALL_TIMEOUT_MS },
    );
    if (install.status !== 0) return undefined;
  }
  const module = await import(createRequire(entry).resolve("eslint-plugin-no-secrets"));
  return module.default ?? module;
}
const noSecrets = await loadNoSecrets();
const withNoSecrets =
  noSecrets && [...base, everywhere({ plugins: { "no-secrets": noSecrets }, rules: { "no-secrets/no-secrets": "error" } })];

/** An ESLint instance per configuration, as a project run would have. */
const eslintFor = (config) => new ESLint({ cwd: corpusRoot, overrideConfigFile: true, overrideConfig: config, cache: false });

let fileCount = 0;

/** Wall and CPU milliseconds to lint the whole corpus once, and the problems reported by rule. */
async function lintAll(eslint) {
  const byRule = new Map();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const results = await eslint.lintFiles(patterns);
  const cpu = process.cpuUsage(cpuStart);
  const ms = performance.now() - start;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) throw new Error(`${result.filePath}: ${message.message}`);
      byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
    }
  }
  fileCount = results.length;
  return { ms, cpuMs, byRule };
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(", ");

const configurations = [
  { name: "parse only (no rules)", cpu: [], eslint: eslintFor(parseOnly), times: [] },
  { name: "one empty rule", cpu: [], eslint: eslintFor(withEmptyRule), times: [] },
  { name: "recommended config", cpu: [], eslint: eslintFor(withPlugin), times: [] },
  ...(withNoSecrets ? [{ name: "eslint-plugin-no-secrets", cpu: [], eslint: eslintFor(withNoSecrets), times: [] }] : []),
];
const loadAtStart = load();
const started = performance.now();
for (let round = 0; round < WARMUP_ROUNDS; round++) {
  for (const { eslint } of configurations) await lintAll(eslint);
  console.error(`warm-up ${round + 1}/${WARMUP_ROUNDS}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const measuring = performance.now();
let pluginProblems = new Map();
let rounds = 0;
while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || performance.now() - measuring < BUDGET_MS)) {
  // Rotate which configuration goes first, so none always runs on a warmer or cooler machine.
  for (let index = 0; index < configurations.length; index++) {
    const configuration = configurations[(rounds + index) % configurations.length];
    const { ms, cpuMs, byRule } = await lintAll(configuration.eslint);
    configuration.times.push(ms);
    configuration.cpu.push(cpuMs);
    if (configuration === configurations[2]) pluginProblems = byRule;
  }
  rounds += 1;
  console.error(`round ${rounds}: ${((performance.now() - measuring) / 1000).toFixed(0)} s, load ${load()}`);
}

const [reference, emptyRule, recommended, noSecretsRun] = configurations.map((configuration) => ({
  ...configuration,
  fastest: Math.min(...configuration.cpu),
  median: median(configuration.cpu),
  wall: median(configuration.times),
}));
const percent = (ratio) => `${((ratio - 1) * 100).toFixed(1)}%`;
const problems = [...pluginProblems].map(([rule, count]) => `${rule} ${count}`).join(", ") || "none";
console.log(`corpus: ${SLICES.map((slice) => `${slice.packageName}@${slice.pinned}`).join(" + ")} (${patterns.join(", ")}), ${fileCount} files`);
console.log(`${rounds} rotating rounds after ${WARMUP_ROUNDS} warm-up, ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadAtStart} at the start, ${load()} at the end`);
console.log(`rules: ${Object.keys(plugin.configs.recommended.rules).join(", ")} (problems: ${problems})`);
for (const { name, fastest, median: middle, wall } of [reference, emptyRule, recommended, noSecretsRun].filter(Boolean)) {
  console.log(
    `${name.padEnd(24)} CPU fastest ${fastest.toFixed(0).padStart(6)} ms, median ${middle.toFixed(0).padStart(6)} ms per pass (wall median ${wall.toFixed(0)} ms)`,
  );
}
/** Median over the rounds of `configuration`'s time / `base`'s time in the same round. */
const pairedRatio = (configuration, base, series = "cpu") =>
  median(configuration[series].map((value, round) => value / (base[series][round] ?? Number.NaN)));
const ratio = pairedRatio(recommended, reference);
console.log(
  `recommended / parse only: ${ratio.toFixed(3)} CPU per round (adds ${percent(ratio)}; fastest passes: ${percent(recommended.fastest / reference.fastest)}; wall: ${percent(pairedRatio(recommended, reference, "times"))})`,
);
console.log(`one empty rule / parse only: ${pairedRatio(emptyRule, reference).toFixed(3)} CPU per round (ESLint's own cost of running any rule)`);
const beyondRule = pairedRatio(recommended, emptyRule);
console.log(
  `recommended / one empty rule: ${beyondRule.toFixed(3)} CPU per round (adds ${percent(beyondRule)}; what the plugin's rules add beyond ESLint's own cost of running any rule; wall: ${percent(pairedRatio(recommended, emptyRule, "times"))}); target <= ${percent(TARGET_RATIO)}: ${beyondRule <= TARGET_RATIO ? "OK" : "OVER TARGET"}`,
);
if (noSecretsRun === undefined) {
  console.log(`eslint-plugin-no-secrets@${NO_SECRETS_VERSION}: not installed (npm install failed or timed out), comparison skipped`);
} else {
  const noSecretsRatio = pairedRatio(noSecretsRun, reference);
  console.log(`eslint-plugin-no-secrets / parse only: ${noSecretsRatio.toFixed(3)} CPU per round (adds ${percent(noSecretsRatio)}), for comparison`);
}
