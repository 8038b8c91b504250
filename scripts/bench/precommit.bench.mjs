// `aoai-key-scan --staged` as a pre-commit hook runs it: 3 staged files (one adding a 32-hex key with
// a key name) in a generated repository of 10,000 tracked files, cached under .bench/; and
// `aoai-key-scan` on a small project (a repository of 10 files), and `--version`. Wall time of the whole process,
// against references measured in the same run, interleaved: `node -e ""` (Node start-up) and
// `git diff --cached --name-only` (the least any staged scan asks git). Runs the built CLI in dist/
// (`npm run bench` builds). Goals: `--staged` at most 100 ms above Node start-up; under 300 ms wall.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gitIn } from "./git-repo.mjs";
import { median, scannerBin } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = scannerBin;
const FILE_COUNT = 10_000;
const DIRECTORIES = 100;
const repo = path.join(root, ".bench", `precommit-${FILE_COUNT}`);
const READY_MARKER = path.join(repo, ".git", "bench-ready");
const WARMUP_RUNS = 2;
const MEASURED_RUNS = 15;

const git = gitIn(repo);

function sourceFile(directory, index) {
  const lines = [`// module ${directory}/${index}`, `import { helper } from "../shared/helper.js";`, ""];
  for (let block = 0; block < 12; block++) {
    lines.push(
      `export function handler${block}(request) {`,
      `  const url = \`https://api.example.com/v1/items/\${request.id}?page=${block}\`;`,
      `  return helper(url, { retries: ${block % 4}, timeoutMs: ${1000 + block * 250} });`,
      "}",
      "",
    );
  }
  return lines.join("\n");
}

/** Builds the repository once: 10,000 files in 100 folders, one commit. */
function ensureRepository() {
  if (existsSync(READY_MARKER)) return false;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git("init", "-q", "-b", "main");
  for (let directory = 0; directory < DIRECTORIES; directory++) {
    const folder = path.join(repo, "src", `area${String(directory).padStart(3, "0")}`);
    mkdirSync(folder, { recursive: true });
    for (let index = 0; index < FILE_COUNT / DIRECTORIES; index++) {
      writeFileSync(path.join(folder, `module${index}.js`), sourceFile(directory, index));
    }
  }
  git("add", "-A");
  git("commit", "-q", "-m", "generated tree");
  writeFileSync(READY_MARKER, "");
  return true;
}

/** A small project: 10 files of the kinds a scan reads (code, config, docs), one commit, no key and no detector trigger word (start-up, walk and prefilter; no parser). */
const smallTree = path.join(root, ".bench", "startup-tree-10");
const SMALL_TREE_FILES = {
  "README.md": "# demo\n\nCall the model with `python app.py`.\n",
  ".gitignore": "node_modules/\n.env\n",
  "app.py": "import os\n\nendpoint = os.environ[\"SERVICE_ENDPOINT\"]\nprint(endpoint)\n",
  "util.py": "def chunks(items, size):\n    return [items[i : i + size] for i in range(0, len(items), size)]\n",
  "src/index.js": sourceFile(0, 0),
  "src/api.js": sourceFile(0, 1),
  "src/config.json": JSON.stringify({ endpoint: "https://example.openai.azure.com/", deployment: "gpt-4o" }, null, 2),
  "package.json": JSON.stringify({ name: "demo", version: "1.0.0", type: "module" }, null, 2),
  "deploy/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\n",
  "scripts/run.sh": "#!/bin/sh\nset -eu\npython app.py \"$@\"\n",
};

function ensureSmallTree() {
  const marker = path.join(smallTree, ".git", "bench-ready");
  if (existsSync(marker)) return;
  rmSync(smallTree, { recursive: true, force: true });
  for (const [file, text] of Object.entries(SMALL_TREE_FILES)) {
    mkdirSync(path.dirname(path.join(smallTree, file)), { recursive: true });
    writeFileSync(path.join(smallTree, file), text);
  }
  const treeGit = gitIn(smallTree);
  treeGit("init", "-q", "-b", "main");
  treeGit("add", "-A");
  treeGit("commit", "-q", "-m", "small project");
  writeFileSync(marker, "");
}

const STAGED_FILES = ["src/area010/module3.js", "src/area050/module7.js", "src/area090/module42.js"];

/** Resets the three files to HEAD, then stages an edit to each; the last one adds a named 32-hex key. */
function stageChanges() {
  git("reset", "-q", "--hard", "HEAD");
  STAGED_FILES.forEach((file, index) => {
    const target = path.join(repo, file);
    const added =
      index === STAGED_FILES.length - 1
        ? `export const AZURE_OPENAI_API_KEY = "${randomBytes(16).toString("hex")}";\n`
        : `export const featureFlag${index} = true;\n`;
    writeFileSync(target, readFileSync(target, "utf8") + added);
  });
  git("add", ...STAGED_FILES);
}

function time(command, args, expectedStatus, cwd = repo) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  const elapsed = performance.now() - start;
  if (result.status !== expectedStatus) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}, expected ${expectedStatus}:\n${result.stdout}${result.stderr}`);
  }
  return { elapsed, stdout: result.stdout };
}

if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
const buildStart = performance.now();
const built = ensureRepository();
console.log(
  built
    ? `generated ${FILE_COUNT} files in ${Math.round(performance.now() - buildStart)} ms (cached in ${path.relative(root, repo)})`
    : `using cached repository ${path.relative(root, repo)} (${FILE_COUNT} files)`,
);
stageChanges();
ensureSmallTree();

const cases = [
  { name: 'node -e ""', command: process.execPath, args: ["-e", ""], status: 0 },
  { name: "git diff --cached --name-only", command: "git", args: ["diff", "--cached", "--name-only"], status: 0 },
  { name: "aoai-key-scan --staged", command: process.execPath, args: [bin, "--staged"], status: 1 },
  { name: "aoai-key-scan (10-file tree)", command: process.execPath, args: [bin, "."], status: 0, cwd: smallTree },
  { name: "aoai-key-scan --version", command: process.execPath, args: [bin, "--version"], status: 0 },
];
const times = cases.map(() => []);
let report = "";
let treeReport = "";
const loadBefore = loadavg()[0];
for (let run = 0; run < WARMUP_RUNS + MEASURED_RUNS; run++) {
  cases.forEach((entry, index) => {
    const { elapsed, stdout } = time(entry.command, entry.args, entry.status, entry.cwd);
    if (run >= WARMUP_RUNS) times[index].push(elapsed);
    if (index === 2) report = stdout;
    if (index === 3) treeReport = stdout;
  });
}
git("reset", "-q", "--hard", "HEAD");

const findingLines = report.split("\n").filter((line) => line.includes("AZURE_OPENAI_API_KEY") || line.includes("32-hex"));
if (findingLines.length !== 1) throw new Error(`expected exactly one finding, got:\n${report}`);
if (!treeReport.startsWith(`${Object.keys(SMALL_TREE_FILES).length} files `)) throw new Error(`expected every file of the small tree scanned, got:\n${treeReport}`);

const [nodeStart, gitDiff, scan, treeScan, version] = times.map(median);
console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after (2 cores are shared: compare ratios, not times)`);
for (const [index, entry] of cases.entries()) {
  console.log(`${entry.name.padEnd(32)} median ${median(times[index]).toFixed(1).padStart(7)} ms   min ${Math.min(...times[index]).toFixed(1).padStart(7)} ms`);
}
console.log(`--staged / node start-up: ${(scan / nodeStart).toFixed(2)}x; above start-up: ${(scan - nodeStart).toFixed(1)} ms; above start-up + git diff: ${(scan - nodeStart - gitDiff).toFixed(1)} ms`);
console.log(`10-file tree / node start-up: ${(treeScan / nodeStart).toFixed(2)}x; above start-up: ${(treeScan - nodeStart).toFixed(1)} ms`);
console.log(`--version / node start-up: ${(version / nodeStart).toFixed(2)}x; above start-up: ${(version - nodeStart).toFixed(1)} ms`);
console.log(`goal: --staged at most 100 ms above node start-up -> ${scan - nodeStart <= 100 ? "met" : "NOT met"} (${(scan - nodeStart).toFixed(1)} ms)`);
console.log(`target: under 300 ms wall -> ${scan < 300 ? "met" : "NOT met"} (${scan.toFixed(1)} ms median over ${MEASURED_RUNS} runs)`);
