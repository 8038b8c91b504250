#!/usr/bin/env node
// The cost of usage detection on a Python-heavy tree (issue #12): a generated tree of Python services
// and notebooks in .bench/python-tree/ (1,200 modules and 60 notebooks, about a fifth of them Azure
// OpenAI clients, key or keyless, some raw REST calls with key headers), scanned by the built CLI with
// every category and with only the key engine (config `categories: ["leak"]`), against ripgrep over the
// same tree; medians of alternating runs. The tree is made of generated code only (no key-shaped literal).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { measureAlternating, scannerBin } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = scannerBin;
const tree = path.join(root, ".bench", "python-tree");
const runs = Number(process.env.AOAI_BENCH_RUNS ?? 5);
const MODULES = 1200;
const NOTEBOOKS = 60;
const VERSION = "2"; // bump when the generator changes, so a cached tree is rebuilt

/** Deterministic draws in [0, 1): a counter hashed, so the tree is the same on every machine. */
function random(seed) {
  let counter = 0;
  return () => createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Ordinary service code: a dataclass, a few functions with loops and string handling. */
function plainCode(next, index) {
  const lines = [`"""Module ${index}: records of batch ${Math.floor(next() * 100)}."""`, "from dataclasses import dataclass", "import json", "import logging", "", "log = logging.getLogger(__name__)", ""];
  lines.push("@dataclass", `class Record${index}:`, "    name: str", "    count: int = 0", "", "    def describe(self) -> str:", '        return f"{self.name}: {self.count}"', "");
  const functions = 4 + Math.floor(next() * 8);
  for (let fn = 0; fn < functions; fn += 1) {
    lines.push(
      `def transform_${fn}(rows):`,
      `    """Totals column ${fn} of the rows."""`,
      "    total = 0",
      "    for row in rows:",
      `        value = row.get("c${fn}", 0)`,
      "        if isinstance(value, str):",
      "            value = len(value.strip())",
      "        total += value",
      `    log.debug("transform_${fn}: %s", total)`,
      `    return json.dumps({"column": ${fn}, "total": total})`,
      "",
    );
  }
  return lines;
}

/** One Azure OpenAI client, chosen among the shapes users write: key from env, keyless, LangChain, raw REST. */
function clientCode(next) {
  const shape = Math.floor(next() * 5);
  switch (shape) {
    case 0:
      return ["import os", "from openai import AzureOpenAI", "", 'client = AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"], api_version="2024-10-21", azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])', ""];
    case 1:
      return [
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider",
        "from openai import AzureOpenAI",
        "",
        'provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")',
        'client = AzureOpenAI(azure_ad_token_provider=provider, api_version="2024-10-21")',
        "",
      ];
    case 2:
      return ["from langchain_openai import AzureChatOpenAI", "", 'llm = AzureChatOpenAI(azure_deployment="gpt-4o", api_version="2024-10-21")', ""];
    case 3:
      return [
        "import os",
        "import requests",
        "",
        "def complete(prompt):",
        '    url = f"{os.environ[\'AZURE_OPENAI_ENDPOINT\']}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"',
        '    headers = {"api-key": os.getenv("AZURE_OPENAI_API_KEY")}',
        '    return requests.post(url, headers=headers, json={"messages": [{"role": "user", "content": prompt}]}).json()',
        "",
      ];
    default:
      return ["from openai import OpenAI", "", "client = OpenAI()", ""];
  }
}

function buildTree() {
  const marker = path.join(tree, `.version-${VERSION}`);
  if (existsSync(marker)) return;
  rmSync(tree, { recursive: true, force: true });
  const next = random(20261201);
  for (let index = 0; index < MODULES; index += 1) {
    const folder = path.join(tree, `service${index % 24}`, index % 3 === 0 ? "api" : "jobs");
    mkdirSync(folder, { recursive: true });
    const client = next() < 0.2 ? clientCode(next) : [];
    writeFileSync(path.join(folder, `module_${index}.py`), [...client, ...plainCode(next, index)].join("\n"));
  }
  for (let index = 0; index < NOTEBOOKS; index += 1) {
    const folder = path.join(tree, "notebooks");
    mkdirSync(folder, { recursive: true });
    const cells = [clientCode(next), plainCode(next, index)].map((lines) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: lines.map((line) => `${line}\n`) }));
    writeFileSync(path.join(folder, `notebook_${index}.ipynb`), JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1));
  }
  writeFileSync(marker, "");
}

buildTree();
const leaksOnlyConfig = path.join(root, ".bench", "python-tree.leaks-only.json");
writeFileSync(leaksOnlyConfig, JSON.stringify({ categories: ["leak"] }));

// Exit 0 (warnings only) is expected from the scanner; count the findings once, outside the timing.
const report = spawnSync(process.execPath, [bin, "--format", "json", tree], { encoding: "utf8", maxBuffer: 1 << 28 });
const findings = JSON.parse(report.stdout).findings;
const byRule = new Map();
for (const finding of findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);

const expectStatus = (label, statuses) => (result) => {
  if (!statuses.includes(result.status)) throw new Error(`${label} exited ${result.status}: ${result.stderr.slice(-300)}`);
};
const cases = [
  { label: "aoai-key-scan", command: process.execPath, args: [bin, tree], options: { check: expectStatus("aoai-key-scan", [0]) } },
  { label: "aoai-key-scan, leaks only", command: process.execPath, args: [bin, "--config", leaksOnlyConfig, tree], options: { check: expectStatus("leaks only", [0]) } },
];
const ripgrep = spawnSync("rg", ["--version"]).status === 0;
if (ripgrep) cases.push({ label: "ripgrep -uuu", command: "rg", args: ["-uuu", "--no-messages", "-c", "-e", "[0-9a-f]{32}", tree], options: { check: expectStatus("ripgrep", [0, 1]) } });

const results = measureAlternating(cases, runs);
console.log(`Python-heavy tree: ${MODULES} modules and ${NOTEBOOKS} notebooks (.bench/python-tree), median of ${runs} alternating runs`);
console.log(`findings: ${[...byRule].map(([rule, count]) => `${rule} ${count}`).join(", ")}`);
console.log("\ntool                        wall (s)   peak RSS (MiB)");
for (const result of results) console.log(`${result.label.padEnd(26)} ${result.wall.toFixed(2).padStart(9)} ${result.peakMiB.toFixed(0).padStart(16)}`);
const [full, leaks, rg] = results;
console.log(`\nwith usage and IaC detection / leaks only: ${(full.wall / leaks.wall).toFixed(2)}x` + (rg === undefined ? "" : `; / ripgrep: ${(full.wall / rg.wall).toFixed(2)}x (leaks only ${(leaks.wall / rg.wall).toFixed(2)}x)`));
