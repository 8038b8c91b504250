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
import { AZURE_KEY_HEADER_NAMES, DETECTOR_IDS } from "../../src/detect/index.js";
import {
  CLIENT_MODULE_WORDS,
  JAVASCRIPT_TRIGGERS,
  JAVASCRIPT_USAGE_RULES,
  javascriptUsageDetector,
} from "../../src/usage/javascript/detector.js";
import { CLIENT_EVIDENCE, CLIENT_MODULES, mayReport } from "../../src/usage/javascript/evidence.js";
import { lintUsage } from "../../src/usage/javascript/lint.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/usage/javascript/", import.meta.url));
const ALL_FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

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

  it("parse a file only when a trigger word occurs and the rules' evidence is there", async () => {
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
    expect(JAVASCRIPT_TRIGGERS).toEqual(["openai", "/ai-", "/azure", "anthropic", "langchain", "llamaindex", "rt-client", "speech-sdk", "-key", "-Key", "-KEY", "earer", "EARER"]);
    // Every package that can lead to a client report, and every key header, holds a trigger word.
    const reporting = CLIENT_MODULES.filter((name) => (CLIENT_EVIDENCE.get(name) ?? []).length > 0);
    expect(CLIENT_MODULES.filter((name) => !reporting.includes(name))).toEqual(["@azure/core-auth"]);
    for (const name of reporting) expect(CLIENT_MODULE_WORDS.filter((word) => name.includes(word)), name).not.toEqual([]);
    for (const header of AZURE_KEY_HEADER_NAMES) expect(header.toLowerCase().endsWith("-key")).toBe(true);
    const lints = (text: string) => javascriptUsageDetector.triggers.some((word) => text.includes(word)) && mayReport(text);
    expect(lints('import x from "openai"')).toBe(false);
    expect(lints('import { AzureOpenAI } from "openai"')).toBe(true);
    expect(lints("import x from './openai-helpers'; new AzureOpenAI();")).toBe(false);
    expect(lints('headers["Api-Key"] = process.env.AZURE_OPENAI_KEY')).toBe(true);
    expect(lints("const route = '/admin-api-keys'")).toBe(false);
    expect(lints("wss://x.openai.azure.com/openai/realtime?api-key=")).toBe(true);
    const bearer = 'fetch(u, { headers: { Authorization: `Bearer ${process.env.AZURE_OPENAI_API_KEY}` } });\n';
    expect(lints(bearer)).toBe(true);
    expect(summary(await usageFindings("bearer.js", bearer))).toEqual(["1:38 no-api-key-header Authorization: Bearer header (JavaScript)"]);
    expect(await usageFindings("bearer.js", 'fetch(u, { headers: { Authorization: `Bearer ${token}` } });\n')).toEqual([]);
  });

  it("parse only files holding the rules' evidence, and every fixture the rules report on holds it", async () => {
    const files = readdirSync(ALL_FIXTURES, { recursive: true, encoding: "utf8" }).filter((name) => javascriptUsageDetector.appliesTo(name));
    const verdicts = await Promise.all(
      files.map(async (name) => {
        const text = readFileSync(path.join(ALL_FIXTURES, name), "utf8");
        return { name, reported: (await lintUsage(path.join(ALL_FIXTURES, name), text)).length > 0, kept: mayReport(text) };
      }),
    );
    expect(verdicts.filter(({ reported, kept }) => reported && !kept)).toEqual([]);
    expect(verdicts.filter(({ reported }) => reported).length).toBeGreaterThan(5);
    expect(verdicts.filter(({ kept }) => !kept).map(({ name }) => name)).toContain(path.join("usage", "javascript", "lookalike.mjs"));
  });

  it("ask each package of the trace map for the export names on a construction's way and what its kind needs", () => {
    const host = [
      ["openai", "azure", "com"],
      ["cognitiveservices", "azure", "com"],
      ["services", "ai", "azure", "com"],
      ["api", "cognitive", "microsoft", "com"],
      ["stt", "speech", "microsoft", "com"],
      ["tts", "speech", "microsoft", "com"],
      ["cognitive", "microsofttranslator", "com"],
    ];
    // `OpenAI` only with an Azure AI host as `baseURL`; `AzureOpenAI` always.
    expect(CLIENT_EVIDENCE.get("openai")).toEqual([...host, ["azureopenai"]]);
    expect(CLIENT_EVIDENCE.get("microsoft-cognitiveservices-speech-sdk")).toContainEqual(["speechconfig", "fromsubscription"]);
    // The legacy `ChatOpenAI` with `azureOpenAI...` options asks for `azureopenai` and more: `AzureOpenAI` alone covers it.
    expect(CLIENT_EVIDENCE.get("@langchain/openai")).toEqual([["azurechatopenai"], ["azureopenai"], ["azureopenaiembeddings"]]);
    expect(CLIENT_EVIDENCE.get("llamaindex")).toEqual([["openai", "azure"], ["openaiembedding", "azure"]]);
    expect(CLIENT_EVIDENCE.get("langchain")).toEqual([["initchatmodel", "azure_openai"]]);
    // An endpoint with an Azure AI host, or read from a name with the word `azure` (which every `*.azure.com` host has).
    expect(CLIENT_EVIDENCE.get("@azure-rest/ai-inference")).toEqual([...host.filter((labels) => !labels.includes("azure")), ["azure"]]);
    // `AzureKeyCredential` is never reported alone.
    expect(CLIENT_EVIDENCE.get("@azure/core-auth")).toEqual([]);
  });

  it("leave files without the evidence unparsed, and parse those with it however it is written", async () => {
    const plain = 'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n';
    expect(mayReport(plain)).toBe(false);
    expect(mayReport('import { AzureOpenAI as Client } from "openai";\nnew Client();\n')).toBe(true);
    const assembled = 'import OpenAI from "openai";\nconst domain = "azure.com";\nnew OpenAI({ baseURL: `https://${name}.openai.${domain}/openai/v1/`, apiKey: key });\n';
    expect(mayReport(assembled)).toBe(true);
    expect(summary(await usageFindings("assembled.js", assembled))).toEqual(["3:5 no-api-key-client OpenAI (JavaScript)"]);
    expect(mayReport('fetch(u, { headers: { Authorization: `Bearer ${token}`, "api-key": key } });\n')).toBe(false);
    expect(mayReport('fetch("https://x.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });\n')).toBe(true);
    expect(mayReport('fetch(base + "openai/deployments/gpt/chat/completions", { headers: { "api-key": key } });\n')).toBe(true);
  });

  it("report a bearer header carrying a service key name without an Azure word, as the header rule does", async () => {
    const speech = 'fetch(u, { headers: { Authorization: `Bearer ${process.env.SPEECH_KEY}` } });\n';
    expect(summary(await usageFindings("speech.js", speech))).toEqual(["1:38 no-api-key-header Authorization: Bearer header (JavaScript)"]);
  });

  it("describe the rules with the rules' own descriptions", () => {
    for (const rule of JAVASCRIPT_USAGE_RULES) expect(rule.fullDescription).toBe(rules[rule.id].meta.docs?.description);
  });
});
