// Cost of `aoai-keyless/no-hardcoded-key` on top of what ESLint spends anyway (parse, scope analysis,
// traversal), on generated files: a typical file with many long strings and no key, and a hex-heavy
// one (digests named as such, unnamed hex values with an Azure AI host a line away). Reference: the
// same Linter run with no rule enabled. Imports the built plugin from dist/ (`npm run bench` builds).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import { Linter } from "eslint";

import plugin from "../../dist/index.js";

const BLOCKS = 2000;
const WARMUP_RUNS = 3;
const MEASURED_RUNS = 21;

// Random hex generated here, so no key-shaped literal sits in this file.
const randomHex = () => randomBytes(16).toString("hex");

function typicalFile() {
  const lines = [];
  for (let index = 0; index < BLOCKS; index++) {
    lines.push(
      `const config${index} = { endpoint: "https://service${index}.example.com/api/v1/resources", retries: 3, description: "a description that is longer than thirty-two characters" };`,
      `export function handler${index}(request) {`,
      `  return fetch(\`https://api.example.com/items/\${request.id}/details?expand=all&page=\${request.page}\`, { headers: { "content-type": "application/json" } });`,
      "}",
    );
  }
  return lines.join("\n");
}

function hexHeavyFile() {
  const lines = [];
  for (let index = 0; index < BLOCKS; index++) {
    lines.push(
      `const record${index} = { endpoint: "https://res${index}.openai.azure.com", sha256: "${randomHex()}", etag: "${randomHex()}", requestId: "${randomHex()}" };`,
      `register("${randomHex()}", record${index});`,
    );
  }
  return lines.join("\n");
}

const withRule = [
  { files: ["**/*.js"], plugins: { "aoai-keyless": plugin }, rules: { "aoai-keyless/no-hardcoded-key": "error" } },
];
const withoutRules = [{ files: ["**/*.js"] }];

/** Median milliseconds of one `verify` per config (runs interleaved), and the median per-round ratio of the second to the first. */
function measure(code, configs) {
  const linters = configs.map(() => new Linter());
  const times = configs.map(() => []);
  let messages = [];
  for (let run = 0; run < WARMUP_RUNS + MEASURED_RUNS; run++) {
    configs.forEach((config, index) => {
      const start = performance.now();
      const result = linters[index].verify(code, config, "bench.js");
      if (run >= WARMUP_RUNS) times[index].push(performance.now() - start);
      if (index === configs.length - 1) messages = result;
    });
  }
  const median = (list) => [...list].sort((left, right) => left - right)[Math.floor(list.length / 2)];
  // Each round's ratio compares two runs made back to back, so load from other processes cancels out.
  const ratio = median(times[1].map((time, round) => time / times[0][round]));
  return { medians: times.map(median), ratio, messages };
}

let failed = false;
for (const [label, code, expectedReports] of [
  ["typical (no keys)", typicalFile(), 0],
  ["hex-heavy (digests + unnamed hex, host a line away)", hexHeavyFile(), BLOCKS],
]) {
  const {
    medians: [reference, withTheRule],
    ratio,
    messages,
  } = measure(code, [withoutRules, withRule]);
  const fatal = messages.filter((message) => message.fatal);
  const reports = messages.filter((message) => message.ruleId === "aoai-keyless/no-hardcoded-key").length;
  const overhead = (ratio - 1) * 100;
  console.log(
    `${label}: ${code.length} chars, ${code.split("\n").length} lines; ` +
      `ESLint alone ${reference.toFixed(1)} ms, with the rule ${withTheRule.toFixed(1)} ms ` +
      `(median per-round overhead ${overhead >= 0 ? "+" : ""}${overhead.toFixed(1)}%), ${reports} reports`,
  );
  if (fatal.length > 0 || reports !== expectedReports) {
    console.error(`  expected ${expectedReports} reports and no parse error`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
