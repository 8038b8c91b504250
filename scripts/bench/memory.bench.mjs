#!/usr/bin/env node
// Peak memory and start-up of aoai-key-scan (built CLI in dist/):
// - ten generated notebooks of about 9.5 MB each (one embedded HTML output per notebook, escapes on
//   every line, a 32-hex id per line), cached in .bench/notebooks/: peak RSS with the default pool and
//   with `--jobs 2`. Goal: under 200 MiB.
// - a 10-file tree: wall time of `aoai-key-scan` against `node -e ""`, median of 15 alternating runs.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { median, scannerBin } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = scannerBin;
const notebooks = path.join(root, ".bench", "notebooks");
const tiny = path.join(root, ".bench", "tiny-tree");

function ensureNotebooks() {
  if (existsSync(path.join(notebooks, "nb9.ipynb"))) return;
  mkdirSync(notebooks, { recursive: true });
  for (let index = 0; index < 10; index += 1) {
    const rows = [];
    let size = 0;
    while (size < 9_500_000) {
      const row = `<tr id="r${randomBytes(16).toString("hex")}" class="row"><td>${"x".repeat(40)}</td><td>${size}</td></tr>\n`;
      rows.push(row);
      size += row.length + 12;
    }
    const notebook = {
      cells: [{ cell_type: "code", source: ["import pandas as pd\n", "df\n"], outputs: [{ output_type: "display_data", data: { "text/html": rows.join("") } }] }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(path.join(notebooks, `nb${index}.ipynb`), JSON.stringify(notebook, null, 1));
  }
}

function ensureTinyTree() {
  if (existsSync(path.join(tiny, "f9.js"))) return;
  mkdirSync(tiny, { recursive: true });
  for (let index = 0; index < 10; index += 1) writeFileSync(path.join(tiny, `f${index}.js`), `export const value${index} = ${index};\n`);
}

function peakRss(args) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const [wall, rss] = (result.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  if (result.status !== 0 || !Number.isFinite(rss)) throw new Error(`aoai-key-scan ${args.join(" ")} failed: ${result.stderr}`);
  return { wall, mib: rss / 1024 };
}

if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
ensureNotebooks();
ensureTinyTree();
for (const [label, args] of [
  ["default pool", [notebooks]],
  ["--jobs 2", ["--jobs", "2", notebooks]],
]) {
  const { wall, mib } = peakRss(args);
  console.log(`ten ~9.5 MB notebooks, ${label.padEnd(12)} peak RSS ${mib.toFixed(0).padStart(4)} MiB, ${wall.toFixed(2)} s (goal < 200 MiB) -> ${mib < 200 ? "met" : "NOT met"}`);
}

const cases = [
  { name: 'node -e ""', args: ["-e", ""] },
  { name: "aoai-key-scan (10 files)", args: [bin, tiny] },
  { name: "aoai-key-scan --version", args: [bin, "--version"] },
];
const times = cases.map(() => []);
for (let run = 0; run < 17; run += 1) {
  cases.forEach((entry, index) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, entry.args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${entry.name} exited ${result.status}: ${result.stderr}`);
    if (run >= 2) times[index].push(performance.now() - start);
  });
}
const [nodeStart] = times.map(median);
for (const [index, entry] of cases.entries()) {
  const value = median(times[index]);
  console.log(`${entry.name.padEnd(28)} median ${value.toFixed(1).padStart(7)} ms  (${(value - nodeStart).toFixed(1)} ms above node start-up)`);
}
