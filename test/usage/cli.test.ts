import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { spawn, spawnSync } from "node:child_process";

import type { CliRun, JsonReport } from "../scanner/cli-fixture.js";
import { BIN, TempTree } from "../scanner/cli-fixture.js";

/** The CLI as a subprocess; the first JS/TS file loads ESLint and TypeScript, which takes a while on a busy machine. */
function runCli(cwd: string, args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 120_000, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SLOW = 240_000;

const FIXTURES = fileURLToPath(new URL("../fixtures/usage/", import.meta.url));

/** The built CLI over a tree holding every usage fixture of these languages. */
describe("aoai-key-scan usage findings (built CLI)", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    for (const language of ["javascript", "http", "csharp", "java", "go", "shell", "powershell"]) {
      for (const name of readdirSync(`${FIXTURES}${language}`)) tree.write(`${language}/${name}`, readFileSync(`${FIXTURES}${language}/${name}`));
    }
    tree.write("javascript/types.d.ts", 'import { AzureOpenAI } from "openai";\nexport declare const client: AzureOpenAI;\n');
    tree.write(
      "javascript/allowed.js",
      'const { AzureOpenAI } = require("openai");\n// aoai-key-scan:allow-next-line\nnew AzureOpenAI();\n',
    );
  });
  afterAll(() => tree.dispose());

  const located = (report: JsonReport): string[] =>
    report.findings.map((finding) => `${finding.category} ${finding.severity} ${finding.ruleId} ${finding.path}:${finding.line}:${finding.column}`);

  it("reports key clients and key headers as warnings in every format, and exits 0 by default", () => {
    const run = runCli(tree.root, ["--format", "json", "."]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(located(report)).toEqual([
      "usage warning csharp-api-key-client csharp/Kernel.cs:11:9",
      "usage warning csharp-api-key-client csharp/Kernel.cs:15:9",
      "usage warning csharp-api-key-client csharp/OpenAiV1.cs:6:15",
      "usage warning csharp-api-key-client csharp/Quickstart.cs:10:27",
      "usage warning csharp-api-key-client csharp/Quickstart.cs:13:23",
      "usage warning csharp-api-key-client csharp/Quickstart.cs:19:15",
      "usage warning csharp-api-key-header csharp/RestCalls.cs:13:9",
      "usage warning csharp-api-key-header csharp/RestCalls.cs:16:9",
      "usage warning csharp-api-key-header csharp/RestCalls.cs:17:9",
      "usage warning csharp-api-key-client csharp/TargetTyped.cs:10:23",
      "usage warning csharp-api-key-client csharp/TargetTyped.cs:11:18",
      "usage warning go-api-key-client go/main.go:21:68",
      "usage warning go-api-key-client go/main.go:33:93",
      "usage warning go-api-key-client go/main.go:43:9",
      "usage warning go-api-key-header go/rest.go:21:2",
      "usage warning go-api-key-header go/rest.go:27:2",
      "usage warning http-api-key-header http/chat.http:7:1",
      "usage warning http-api-key-header http/chat.http:30:1",
      "usage warning http-api-key-header http/foundry.rest:2:1",
      "usage warning java-api-key-client java/Chat.java:13:16",
      "usage warning java-api-key-client java/Chat.java:29:16",
      "usage warning java-api-key-client java/Chat.java:37:16",
      "usage warning java-api-key-header java/RestCalls.java:16:14",
      "usage warning java-api-key-header java/RestCalls.java:24:14",
      "usage warning java-api-key-header java/RestCalls.java:30:20",
      "usage warning no-api-key-client javascript/chat.ts:9:26",
      "usage warning no-api-key-client javascript/chat.ts:11:36",
      "usage warning no-api-key-client javascript/legacy.cjs:4:20",
      "usage warning no-api-key-header javascript/rest.js:8:52",
      "usage warning powershell-api-key-header powershell/chat.ps1:14:13",
      "usage warning powershell-api-key-header powershell/chat.ps1:17:1",
      "usage warning powershell-api-key-header powershell/chat.ps1:25:1",
      "usage warning powershell-api-key-header powershell/chat.ps1:30:1",
      "usage warning powershell-api-key-header powershell/chat.ps1:31:1",
      "usage warning powershell-api-key-listing powershell/chat.ps1:34:9",
      "usage warning powershell-api-key-listing powershell/chat.ps1:35:9",
      "usage warning powershell-api-key-listing powershell/chat.ps1:36:25",
      "usage warning powershell-api-key-header powershell/chat.ps1:55:1",
      "usage warning powershell-api-key-header powershell/client.psm1:5:5",
      "usage warning powershell-api-key-header powershell/client.psm1:13:5",
      "usage warning shell-api-key-header shell/chat.sh:8:1",
      "usage warning shell-api-key-listing shell/chat.sh:19:7",
    ]);
    expect(report.summary.suppressed).toBe(1);
    const sarif = JSON.parse(runCli(tree.root, ["--format", "sarif", "."]).stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    const ruleIds = sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id);
    expect(ruleIds).toEqual(expect.arrayContaining(["no-api-key-client", "no-api-key-header", "http-api-key-header"]));
    expect(sarif.runs[0]!.results.map((result) => `${result.ruleId} ${result.level}`)).toContain("no-api-key-client warning");
  }, SLOW);

  it("fails with --fail-on warning, and leaves usage out when the config selects only leaks", () => {
    expect(runCli(tree.root, ["--fail-on", "warning", "--format", "json", "."]).status).toBe(1);
    tree.write("leaks-only.json", JSON.stringify({ categories: ["leak"] }));
    const run = runCli(tree.root, ["--config", "leaks-only.json", "--fail-on", "warning", "--format", "json", "."]);
    expect([run.status, (JSON.parse(run.stdout) as JsonReport).findings]).toEqual([0, []]);
  }, SLOW);

  it("ends by itself once the report is out after parsing PowerShell (no optimizing compile of a grammar is left running)", async () => {
    const child = spawn(process.execPath, [BIN, "--format", "json", "powershell"], { cwd: tree.root, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    let stdout = "";
    let reportAt: number | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      try {
        JSON.parse(stdout);
        reportAt ??= Date.now();
      } catch {
        // The report is not complete yet.
      }
    });
    // A hang is minutes long (Node waits for background compile jobs); a busy machine adds seconds.
    const exited = await new Promise<{ code: number | null; afterReport: number }>((resolve, reject) => {
      const watchdog = setInterval(() => {
        if (reportAt !== undefined && Date.now() - reportAt > 30_000) {
          clearInterval(watchdog);
          child.kill("SIGKILL");
          reject(new Error("the CLI was still running 30 s after printing its report"));
        }
      }, 500);
      child.on("exit", (code) => {
        clearInterval(watchdog);
        resolve({ code, afterReport: reportAt === undefined ? -1 : Date.now() - reportAt });
      });
    });
    expect(exited.afterReport).toBeGreaterThanOrEqual(0);
    expect(exited.code).toBe(0);
    expect((JSON.parse(stdout) as JsonReport).findings).toHaveLength(11);
  }, SLOW);
});

describe("aoai-key-scan with a worker pool (built CLI)", () => {
  it("reports what a single thread reports", () => {
    const tree = new TempTree();
    try {
      // More files than one batch, so every worker gets some, in JavaScript and TypeScript.
      for (let index = 0; index < 120; index += 1) {
        const name = `src/client${String(index).padStart(3, "0")}.${index % 2 === 0 ? "ts" : "js"}`;
        tree.write(name, `import { AzureOpenAI } from "openai";\nexport const client${index} = new AzureOpenAI({ apiKey: process.env.KEY_${index} });\n`);
      }
      const located = (run: CliRun): string[] => {
        expect(run.stderr).toBe("");
        return (JSON.parse(run.stdout) as JsonReport).findings.map((finding) => `${finding.ruleId} ${finding.path}:${finding.line}:${finding.column} ${finding.fingerprint}`);
      };
      const pooled = located(runCli(tree.root, ["--format", "json", "--jobs", "2", "."]));
      expect(pooled).toHaveLength(120);
      expect(pooled).toEqual(located(runCli(tree.root, ["--format", "json", "--jobs", "0", "."])));
    } finally {
      tree.dispose();
    }
  }, SLOW);
});
