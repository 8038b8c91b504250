import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { Linter } from "eslint";
import * as typescriptParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";

import plugin from "../../src/index.js";
import { rules } from "../../src/rules/index.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import type { UsageFinding } from "../../src/scanner/types.js";
import { DETECTOR_IDS } from "../../src/detect/index.js";
import {
  CLIENT_MODULES,
  JAVASCRIPT_USAGE_RULES,
  javascriptUsageDetector,
} from "../../src/usage/javascript/detector.js";
import { AZURE_CLIENT_TRACE_MAP } from "../../src/utils/azure-client-trace-map.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/usage/javascript/", import.meta.url));

const scanFragment = createFragmentScanner(
  { categories: ["usage"], detectors: DETECTOR_IDS, maxFileSize: 1 << 20, allowFingerprints: [], allowValues: [] },
  [javascriptUsageDetector],
);

async function usageFindings(
  name: string,
  text = readFileSync(path.join(FIXTURES, name), "utf8"),
  at = path.relative(process.cwd(), path.join(FIXTURES, name)),
): Promise<UsageFinding[]> {
  const { findings } = await scanFragment({ path: at, text });
  return findings.filter((finding): finding is UsageFinding => finding.category === "usage");
}

/** What a user's ESLint reports with the plugin's recommended config, limited to the usage rules. */
function eslintMessages(name: string, filename = path.join(FIXTURES, name)): Linter.LintMessage[] {
  const text = readFileSync(path.join(FIXTURES, name), "utf8");
  const typescript = /\.[cm]?tsx?$/.test(name);
  const config: Linter.Config[] = [
    {
      files: ["**/*.*"],
      ...plugin.configs.recommended,
      ...(typescript ? { languageOptions: { parser: typescriptParser as unknown as Linter.Parser } } : {}),
    },
  ];
  return new Linter({ configType: "flat" })
    .verify(text, config, { filename })
    .filter((message) => message.ruleId === "aoai-keyless/no-api-key-client" || message.ruleId === "aoai-keyless/no-api-key-header");
}

function eslintReports(name: string): string[] {
  return eslintMessages(name).map((message) => `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId?.split("/")[1]} ${message.message}`);
}

const asReports = (findings: readonly UsageFinding[]): string[] =>
  findings.map((finding) => `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.ruleId} ${finding.message}`);

const summary = (findings: readonly UsageFinding[]): string[] =>
  findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.client}${finding.keySource === undefined ? "" : ` ${finding.keySource}`}`);

describe("JavaScript and TypeScript usage findings", () => {
  it("are what ESLint reports with the plugin's rules, file by file", async () => {
    for (const name of readdirSync(FIXTURES)) {
      expect(asReports(await usageFindings(name)), name).toEqual(eslintReports(name));
    }
  });

  it("report key clients and key headers, and leave keyless clients, other vendors and lookalikes alone", async () => {
    expect(summary(await usageFindings("chat.ts"))).toEqual([
      "9:26 no-api-key-client AzureOpenAI (TypeScript)",
      "11:36 no-api-key-client AzureOpenAI (TypeScript) env:AZURE_OPENAI_API_KEY",
    ]);
    expect(summary(await usageFindings("rest.js"))).toEqual(["8:52 no-api-key-header api-key header (JavaScript)"]);
    expect(summary(await usageFindings("legacy.cjs"))).toEqual(["4:20 no-api-key-client OpenAIClient (JavaScript)"]);
    expect(await usageFindings("lookalike.mjs")).toEqual([]);
  });

  it("carry the rule's autofix as whole-file edits, only for whole files", async () => {
    // Outside a test folder (the rule makes no autofix in test code), where `openai` resolves.
    const findings = await usageFindings("chat.ts", undefined, "src/chat.ts");
    expect(findings.map((finding) => finding.fix?.description)).toEqual([
      "Authenticate with Microsoft Entra ID, as `eslint --fix` with no-api-key-client does.",
      "Authenticate with Microsoft Entra ID, as `eslint --fix` with no-api-key-client does.",
    ]);
    // The very edits ESLint's own fix makes.
    expect(findings.map((finding) => finding.fix?.edits)).toEqual(eslintMessages("chat.ts", path.resolve("src/chat.ts")).map(({ fix }) => [{ start: fix!.range[0], end: fix!.range[1], text: fix!.text }]));
    const text = readFileSync(path.join(FIXTURES, "chat.ts"), "utf8");
    const lines = new Set(text.split("\n").map((_, index) => index + 1));
    const { findings: inGitMode } = await scanFragment({ path: "src/chat.ts", text, lines });
    expect(inGitMode.map((finding) => (finding as UsageFinding).fix)).toEqual([undefined, undefined]);
  });

  it("honour eslint-disable comments for the plugin's rules, as ESLint does", async () => {
    const text = 'import { AzureOpenAI } from "openai";\n// eslint-disable-next-line aoai-keyless/no-api-key-client\nnew AzureOpenAI();\nnew AzureOpenAI();\n';
    expect(summary(await usageFindings("disabled.js", text))).toEqual(["4:5 no-api-key-client AzureOpenAI (JavaScript) env:AZURE_OPENAI_API_KEY"]);
  });

  it("find nothing in files no parser accepts, and number repeats of one construct in their identity", async () => {
    expect(await usageFindings("broken.ts", 'import { AzureOpenAI } from "openai";\nnew AzureOpenAI(;\n')).toEqual([]);
    const twice = 'const { AzureOpenAI } = require("openai");\nnew AzureOpenAI();\nnew AzureOpenAI();\n';
    const [first, second] = await usageFindings("twice.js", twice);
    expect(first?.fingerprint).not.toBe(second?.fingerprint);
  });

  it("parse a file only when a trigger occurs: a tracked package quoted, a key header quoted, or a bearer header with an Azure key name", async () => {
    const applies = (name: string) => javascriptUsageDetector.appliesTo(name);
    expect([applies("a.js"), applies("a.cts"), applies("a.tsx"), applies("A.MJS"), applies("a.d.ts"), applies("a.d.mts"), applies("a.py")]).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const triggered = (text: string) => javascriptUsageDetector.triggers.some((word) => text.includes(word));
    expect(triggered('import x from "openai"')).toBe(true);
    expect(triggered("import x from './openai-helpers'")).toBe(false);
    expect(triggered('headers["Api-Key"] = k')).toBe(true);
    expect(triggered("const route = '/admin-api-keys'")).toBe(false);
    expect(triggered("{ \"x-api-key\": k }")).toBe(true);
    expect(triggered("wss://x/realtime?api-key=")).toBe(true);
    const bearer = 'fetch(u, { headers: { Authorization: `Bearer ${process.env.AZURE_OPENAI_API_KEY}` } });\n';
    expect(summary(await usageFindings("bearer.js", bearer))).toEqual(["1:38 no-api-key-header Authorization: Bearer header (JavaScript)"]);
    expect(await usageFindings("bearer.js", 'fetch(u, { headers: { Authorization: `Bearer ${token}` } });\n')).toEqual([]);
  });

  it("list exactly the packages of the client rule's trace map, and the rules' own descriptions", () => {
    expect([...CLIENT_MODULES].sort()).toEqual(Object.keys(AZURE_CLIENT_TRACE_MAP).sort());
    for (const rule of JAVASCRIPT_USAGE_RULES) expect(rule.fullDescription).toBe(rules[rule.id].meta.docs?.description);
  });
});
