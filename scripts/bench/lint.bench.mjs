// Cost of the plugin's `recommended` config on a real TypeScript tree nobody here wrote: the `src/`
// of the installed `openai` package (about 300 files). Reference: the same files linted with the
// same parser and no rule (parse, scope analysis and traversal only). A third configuration runs one
// rule that does nothing, to show what ESLint itself spends on having any rule at all. The
// configurations run back to back in every round of this one process, so a slow stretch of the
// machine hits all of them alike; the figure is the median over the rounds of each round's ratio
// (paired, robust to the other processes of a shared machine), with the fastest and median passes
// next to it. Target: the plugin adds at most 5%. Imports the built plugin from dist/.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import tsParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";

import plugin from "../../dist/index.js";

const ROUNDS = 15;
const WARMUP_ROUNDS = 2;
const TARGET_RATIO = 1.05;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Rooted in the tree itself: ESLint ignores paths inside node_modules relative to its cwd.
const treeRoot = path.join(root, "node_modules/openai/src");

const languageOptions = { parser: tsParser, sourceType: "module" };
const parseOnly = [{ files: ["**/*.ts"], languageOptions }];
const withPlugin = [{ files: ["**/*.ts"], languageOptions, ...plugin.configs.recommended }];
const doNothing = { meta: { type: "problem", schema: [] }, create: () => ({}) };
const withEmptyRule = [
  { files: ["**/*.ts"], languageOptions, plugins: { bench: { rules: { "do-nothing": doNothing } } }, rules: { "bench/do-nothing": "error" } },
];

// A second reference: eslint-plugin-no-secrets (entropy + regexes on every string), the plugin users
// reach for today. Installed once into .bench/ (git-ignored), outside the project's dependencies.
const NO_SECRETS_VERSION = "2.3.3";
const noSecretsDir = path.join(root, ".bench/no-secrets");
async function loadNoSecrets() {
  const entry = path.join(noSecretsDir, "node_modules/eslint-plugin-no-secrets/package.json");
  if (!existsSync(entry)) {
    mkdirSync(noSecretsDir, { recursive: true });
    const install = spawnSync(
      "npm",
      ["install", "--prefix", noSecretsDir, "--no-save", "--no-audit", "--no-fund", `eslint-plugin-no-secrets@${NO_SECRETS_VERSION}`],
      { stdio: "ignore" },
    );
    if (install.status !== 0) return undefined;
  }
  const module = await import(createRequire(entry).resolve("eslint-plugin-no-secrets"));
  return module.default ?? module;
}
const noSecrets = await loadNoSecrets();
const withNoSecrets = noSecrets && [
  { files: ["**/*.ts"], languageOptions, plugins: { "no-secrets": noSecrets }, rules: { "no-secrets/no-secrets": "error" } },
];

/** An ESLint instance per configuration, as a project run would have, rooted in the tree itself. */
const eslintFor = (config) => new ESLint({ cwd: treeRoot, overrideConfigFile: true, overrideConfig: config, cache: false });

let fileCount = 0;

/** Milliseconds to lint the whole tree once, and how many problems were reported. */
async function lintAll(eslint) {
  let problems = 0;
  const start = performance.now();
  const results = await eslint.lintFiles(["**/*.ts"]);
  const ms = performance.now() - start;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) throw new Error(`${result.filePath}: ${message.message}`);
      problems += 1;
    }
  }
  fileCount = results.length;
  return { ms, problems };
}

const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

const configurations = [
  { name: "parse only (no rules)", eslint: eslintFor(parseOnly), times: [] },
  { name: "one empty rule", eslint: eslintFor(withEmptyRule), times: [] },
  { name: "recommended config", eslint: eslintFor(withPlugin), times: [] },
  ...(withNoSecrets ? [{ name: "eslint-plugin-no-secrets", eslint: eslintFor(withNoSecrets), times: [] }] : []),
];
for (let round = 0; round < WARMUP_ROUNDS; round++) {
  for (const { eslint } of configurations) await lintAll(eslint);
}
let pluginProblems = 0;
for (let round = 0; round < ROUNDS; round++) {
  // Rotate which configuration goes first, so none always runs on a warmer or cooler machine.
  for (let index = 0; index < configurations.length; index++) {
    const configuration = configurations[(round + index) % configurations.length];
    const { ms, problems } = await lintAll(configuration.eslint);
    configuration.times.push(ms);
    if (configuration === configurations[2]) pluginProblems = problems;
  }
}

const [reference, emptyRule, recommended, noSecretsRun] = configurations.map((configuration) => ({
  ...configuration,
  fastest: Math.min(...configuration.times),
  median: median(configuration.times),
}));
const percent = (ratio) => `${((ratio - 1) * 100).toFixed(1)}%`;
console.log(`tree: node_modules/openai/src, ${fileCount} .ts files, ${ROUNDS} rotating rounds`);
console.log(`rules: ${Object.keys(plugin.configs.recommended.rules).join(", ")} (${pluginProblems} problems)`);
for (const { name, fastest, median: middle } of [reference, emptyRule, recommended, noSecretsRun].filter(Boolean)) {
  console.log(`${name.padEnd(24)} fastest ${fastest.toFixed(0).padStart(5)} ms, median ${middle.toFixed(0).padStart(5)} ms per pass`);
}
const roundRatios = (configuration) =>
  configuration.times.map((ms, round) => ms / (reference.times[round] ?? Number.NaN));
const ratio = median(roundRatios(recommended));
const emptyRuleRatio = median(roundRatios(emptyRule));
console.log(
  `recommended / parse only: ${ratio.toFixed(3)} per round (adds ${percent(ratio)}; fastest passes: ${percent(recommended.fastest / reference.fastest)}); target <= ${percent(TARGET_RATIO)}: ${ratio <= TARGET_RATIO ? "OK" : "OVER TARGET"}`,
);
console.log(`one empty rule / parse only: ${emptyRuleRatio.toFixed(3)} per round (ESLint's own cost of running a rule, and the noise floor)`);
console.log(
  `recommended / one empty rule: ${median(recommended.times.map((ms, round) => ms / emptyRule.times[round])).toFixed(3)} per round (what the plugin's rules add beyond ESLint's own cost of running any rule)`,
);
if (noSecretsRun === undefined) {
  console.log(`eslint-plugin-no-secrets@${NO_SECRETS_VERSION}: not installed (npm install failed), reference skipped`);
} else {
  const noSecretsRatio = median(roundRatios(noSecretsRun));
  console.log(`eslint-plugin-no-secrets / parse only: ${noSecretsRatio.toFixed(3)} per round (adds ${percent(noSecretsRatio)}), for comparison`);
}
