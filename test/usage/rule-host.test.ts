// The rule host (src/usage/javascript/rule-host.ts): what it does in place of ESLint's `Linter` gives
// ESLint's answers, checked against ESLint itself and against the exact expected reports.
import { createRequire } from "node:module";
import path from "node:path";

import * as espree from "espree";
import * as eslintScope from "eslint-scope";
import * as visitorKeys from "eslint-visitor-keys";
import type { Linter, Rule } from "eslint";
import { Linter as LinterClass } from "eslint";
import { describe, expect, it } from "vitest";

import { COMMONJS_GLOBALS, ES_GLOBALS } from "../../src/usage/javascript/es-globals.js";
import type { NativeParserLoader, UsageReport } from "../../src/usage/javascript/lint.js";
import { lintUsage } from "../../src/usage/javascript/lint.js";
import type { HostRule, ScopeAnalysis } from "../../src/usage/javascript/rule-host.js";
import { lintWithRules } from "../../src/usage/javascript/rule-host.js";
import { eslintUsageEngine } from "../support/eslint-usage-engine.js";
import { referenceParsersOnly } from "../support/usage-rule-tester.js";

const oxc: NativeParserLoader = () => import("oxc-parser");

/** The host's reports, after checking that ESLint's `Linter` gives the same with oxc and with the reference parsers. */
async function reports(file: string, text: string): Promise<UsageReport[]> {
  const host = await lintUsage(file, text, oxc);
  expect(host).toEqual(await lintUsage(file, text, oxc, eslintUsageEngine));
  expect(await lintUsage(file, text, referenceParsersOnly)).toEqual(await lintUsage(file, text, referenceParsersOnly, eslintUsageEngine));
  return host;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

const where = (text: string, found: readonly UsageReport[]): string[] =>
  found.map((report) => `${lineOf(text, report.start)} ${report.messageId} ${text.slice(report.start, report.end)}`);

describe("the rule host", () => {
  it("honours eslint-disable, -enable, -line and -next-line comments for the rules, as ESLint does", async () => {
    const text = [
      'import { AzureOpenAI } from "openai";',
      "/* eslint-disable aoai-keyless/no-api-key-client */",
      "new AzureOpenAI();",
      "/* eslint-enable aoai-keyless/no-api-key-client */",
      "new AzureOpenAI(); // eslint-disable-line aoai-keyless/no-api-key-client -- migrated next sprint",
      "/* eslint-disable-next-line aoai-keyless/no-api-key-header, aoai-keyless/no-api-key-client */",
      "new AzureOpenAI();",
      "// eslint-disable-next-line no-console",
      "new AzureOpenAI();",
      "// eslint-disable aoai-keyless/no-api-key-client",
      "new AzureOpenAI();",
      "/* eslint-disable-line aoai-keyless/no-api-key-client",
      "*/ new AzureOpenAI();",
      "/* eslint-disable */",
      "new AzureOpenAI();",
      "/* eslint-enable aoai-keyless/no-api-key-client */",
      "new AzureOpenAI();",
    ].join("\n");
    // A line comment cannot disable a block; a `-line` comment over two lines disables nothing; `eslint-enable rule` ends a bare `eslint-disable` for that rule.
    expect(where(text, await reports("src/app.js", text))).toEqual([
      "9 envKey AzureOpenAI",
      "11 envKey AzureOpenAI",
      "13 envKey AzureOpenAI",
      "17 envKey AzureOpenAI",
    ]);
  });

  it("applies `/* eslint */` settings of the rules: off, or on with options over the defaults", async () => {
    const client = 'import { AzureOpenAI } from "openai";\nnew AzureOpenAI();\n';
    expect(await reports("src/a.js", `/* eslint aoai-keyless/no-api-key-client: off */\n${client}`)).toEqual([]);
    expect(await reports("src/a.js", `/* eslint aoai-keyless/no-api-key-client: "off" -- legacy */\n${client}`)).toEqual([]);
    const headerOff = `/* eslint aoai-keyless/no-api-key-header: 0 */\n${client}`;
    expect(where(headerOff, await reports("src/a.js", headerOff))).toEqual(["3 envKey AzureOpenAI"]);
    // Without Azure context the header is reported only when the option says so.
    const header = 'fetch(url, { headers: { "api-key": token } });\n';
    expect(await reports("src/b.js", header)).toEqual([]);
    const widened = `/* eslint aoai-keyless/no-api-key-header: ["warn", { requireAzureContext: false }] */\n${header}`;
    expect(where(widened, await reports("src/b.js", widened))).toEqual(['2 keyHeader "api-key"']);
  });

  it("declares the ES globals, and honours `global` comments, so constant folding sees what it sees in ESLint", async () => {
    const set = 'const headers = new Headers();\nheaders.set(String("api-key"), process.env.AZURE_OPENAI_API_KEY);\n';
    expect(where(set, await reports("src/c.js", set))).toEqual(['2 keyHeader String("api-key")']);
    // `String` turned off is an unknown name: its value is not known.
    expect(await reports("src/c.js", `/* global String: off */\n${set}`)).toEqual([]);
  });

  it("gives a report's fixes as one edit, the text between them kept, as ESLint merges them", async () => {
    const text = `import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY, endpoint: "https://x.openai.azure.com", apiVersion: "2024-10-21" });\n`;
    // Outside a test folder, where `openai` resolves (the rule makes no autofix in test code).
    const [report] = await reports(path.resolve("src/chat.ts"), text);
    expect(report?.fix?.range).toEqual([37, 111]);
    const fixed = text.slice(0, report!.fix!.range[0]) + report!.fix!.text + text.slice(report!.fix!.range[1]);
    expect(fixed).toBe(
      [
        'import { AzureOpenAI } from "openai";',
        'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";',
        'const client = new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), endpoint: "https://x.openai.azure.com", apiVersion: "2024-10-21" });',
        "",
      ].join("\n"),
    );
  });

  it("reports in the file as read, past a byte order mark and a shebang", async () => {
    const text = '#!/usr/bin/env node\n// eslint-disable-next-line aoai-keyless/no-api-key-header\nimport { AzureOpenAI } from "openai";\nnew AzureOpenAI();\n';
    const plain = await reports(path.resolve("src/cli.js"), text);
    expect(where(text, plain)).toEqual(["4 envKey AzureOpenAI"]);
    const withBom = await reports(path.resolve("src/cli.js"), `\uFEFF${text}`);
    const shifted = (range: readonly [number, number]): [number, number] => [range[0] + 1, range[1] + 1];
    expect(plain[0]?.fix).toBeDefined();
    expect(withBom).toEqual(
      plain.map((report) => ({ ...report, start: report.start + 1, end: report.end + 1, fix: { text: report.fix!.text, range: shifted(report.fix!.range) } })),
    );
  });

  it("runs the header rule's node-type listeners where its selectors were: set/append calls, member assignments, api-key= literals and templates", async () => {
    const text = [
      'const key = process.env.AZURE_OPENAI_API_KEY;',
      "const headers = new Headers();",
      'headers.set("api-key", key);',
      'headers["append"]("api-key", key);',
      'headers.append?.("Api-Key", key, 3);',
      'init.headers["api-key"] = key;',
      'const ws = new WebSocket(`wss://x.openai.azure.com/openai/realtime?api-key=${key}`);',
      'const url = "https://x.openai.azure.com/openai/realtime?API-KEY=" + key;',
      "const pattern = /api-key=/;",
    ].join("\n");
    // `headers["append"]` has no property name and a three-argument call is no header write, as the selectors said.
    expect(where(text, await reports("src/d.js", text))).toEqual([
      '3 keyHeader "api-key"',
      "7 keyQueryParameter `wss://x.openai.azure.com/openai/realtime?api-key=${key}`",
      '8 keyQueryParameter "https://x.openai.azure.com/openai/realtime?API-KEY=" + key',
    ]);
    const typed = "type Url = `wss://x.openai.azure.com/openai/realtime?api-key=${string}`;\nexport const u: Url = `wss://x.openai.azure.com/openai/realtime?api-key=${process.env.AZURE_OPENAI_API_KEY}`;\n";
    expect(where(typed, await reports("src/e.ts", typed))).toEqual([
      "2 keyQueryParameter `wss://x.openai.azure.com/openai/realtime?api-key=${process.env.AZURE_OPENAI_API_KEY}`",
    ]);
  });
});

describe("the rule host's context", () => {
  const scopeAnalysis: ScopeAnalysis = { analyze: eslintScope.analyze as ScopeAnalysis["analyze"], visitorKeys: visitorKeys.KEYS, getKeys: visitorKeys.getKeys };

  /** A rule reading what the usage rules read, and reporting by location with data and a list of fixes. */
  const probe = {
    meta: { fixable: "code", schema: false, messages: { seen: "{{ kind }} {{count}} {{missing}}" }, defaultOptions: [{ depth: 1, nested: { a: 1, b: 2 } }] },
    create(context: Rule.RuleContext) {
      const { sourceCode } = context;
      const seen: string[] = [];
      return {
        Program(node: Rule.Node) {
          seen.push(`Program ${String(node.parent)} ${sourceCode.getScope(node).type}`);
        },
        Identifier(node: Rule.Node & { name: string }) {
          seen.push(`${node.name}<${(node.parent as Rule.Node).type}`);
        },
        "FunctionDeclaration:exit"(node: Rule.Node) {
          const first = sourceCode.getFirstToken(node);
          const last = sourceCode.getLastToken(node);
          const before = sourceCode.getTokenBefore(node);
          const after = sourceCode.getTokenAfter(node, { includeComments: true });
          const comments = sourceCode.getCommentsBefore(node).map((comment) => comment.value.trim());
          seen.push(`${first?.value} ${last?.value} ${before?.value} ${after?.value} ${comments.join("|")} ${sourceCode.getScope(node).type} ${JSON.stringify(context.options)}`);
          context.report({
            loc: { line: 1, column: 2 },
            messageId: "seen",
            data: { kind: seen.join(", "), count: 2 },
            fix: (fixer) => [fixer.replaceText(node, "x"), fixer.insertTextBefore(sourceCode.ast, "/* a */ ")],
          });
        },
      };
    },
  };

  const text = "\uFEFFconst a = 1; // one\n/* two */\nfunction f(b) { return a + b; }\n;";

  it("gives locations, interpolated messages and merged fixes as ESLint does", () => {
    const result = lintWithRules({
      text,
      filename: "/project/probe.js",
      sourceType: "module",
      parser: espree,
      parserOptions: { ecmaFeatures: { jsx: true } },
      rules: new Map([["probe/seen", probe as unknown as HostRule]]),
      scopeAnalysis,
    });
    const config: Linter.Config = {
      files: ["**/*.js"],
      plugins: { probe: { rules: { seen: probe as unknown as Rule.RuleModule } } },
      rules: { "probe/seen": "error" },
    };
    const eslint = new LinterClass({ configType: "flat", cwd: "/" }).verify(text, [config], { filename: "/project/probe.js" });
    expect(result.ok && result.problems).toEqual(
      eslint.map(({ ruleId, messageId, message, line, column, endLine, endColumn, fix }) => ({
        ruleId,
        messageId,
        message,
        line,
        column,
        ...(endLine === undefined ? {} : { endLine, endColumn }),
        ...(fix === undefined ? {} : { fix }),
      })),
    );
    expect(result.ok && result.problems).toEqual([
      {
        ruleId: "probe/seen",
        messageId: "seen",
        message:
          'Program null global, a<VariableDeclarator, f<FunctionDeclaration, b<FunctionDeclaration, a<BinaryExpression, b<BinaryExpression, function } ; ; one|two function [{"depth":1,"nested":{"a":1,"b":2}}] 2 {{missing}}',
        line: 1,
        column: 3,
        fix: { range: [0, 61], text: "/* a */ const a = 1; // one\n/* two */\nx" },
      },
    ]);
  });

  it("refuses a rule that listens to anything but node types", () => {
    const selector = { create: () => ({ "CallExpression > Identifier": () => undefined }) };
    expect(() =>
      lintWithRules({
        text: "f(x);",
        filename: "/project/a.js",
        sourceType: "module",
        parser: espree,
        parserOptions: {},
        rules: new Map([["probe/selector", selector as unknown as HostRule]]),
        scopeAnalysis,
      }),
    ).toThrow("probe/selector listens to `CallExpression > Identifier`; the scanner's rule host runs node-type listeners only.");
  });

  it("declares ESLint's own globals for `ecmaVersion: latest` and CommonJS", () => {
    // ESLint does not export its table: read it where the installed ESLint keeps it.
    const require = createRequire(import.meta.url);
    const globals = require(path.join(path.dirname(require.resolve("eslint/package.json")), "conf", "globals.js")) as Record<string, Record<string, unknown>>;
    expect(ES_GLOBALS).toEqual(Object.keys(globals["es2026"]!));
    expect(COMMONJS_GLOBALS).toEqual(Object.keys(globals["commonjs"]!));
  });
});

describe("the rule host's JavaScript scopes", () => {
  /** Everything a rule can read of a scope analysis, by source positions. */
  function scopes(manager: eslintScope.ScopeManager): unknown[] {
    const at = (node: { range?: [number, number] } | null | undefined): string => (node?.range === undefined ? "-" : node.range.join(":"));
    return manager.scopes.map((scope) => ({
      type: scope.type,
      block: at(scope.block),
      upper: manager.scopes.indexOf(scope.upper!),
      variables: scope.variables.map((variable) => ({
        name: variable.name,
        defs: variable.defs.map((def) => `${def.type} ${at(def.node)} ${at(def.name)}`),
        references: variable.references.map((reference) => at(reference.identifier)),
      })),
      references: scope.references.map(
        (reference) => `${at(reference.identifier)} ${reference.resolved?.name ?? "-"} ${reference.isRead()} ${reference.isWrite()} ${at(reference.writeExpr as never)}`,
      ),
      through: scope.through.map((reference) => at(reference.identifier)),
    }));
  }

  it("are eslint-scope's own, pattern by pattern", async () => {
    const { loadJavaScriptScope } = await import("../../src/usage/javascript/javascript-scope.js");
    const fast = await loadJavaScriptScope();
    const code = [
      'import data from "./data.json" with { type: "json" };',
      'import * as all from "m"; export * from "n"; export { data as dd, all };',
      "export const { a, b: [c, ...d] = [x], [k]: e = y, ...f } = g;",
      "let h, i; [h, { i = z, j: obj.p }, ...rest.q] = list;",
      "for (const [l, m] of pairs) ({ n: l.o } = m);",
      "function fn(p1, { p2 = p1, ...p3 }, [p4] = [], ...p5) { return import(p2, { with: opts }); }",
      "class K extends Base { #x = v; static { let s = w; } m({ q } = this.#x) { return <C a={q}>{s}</C>; } }",
      "try { u(); } catch ({ message: msg }) { label: for (;;) break label; }",
      "const arrow = async ({ r }, [t] = [r]) => await t ?? r;",
    ].join("\n");
    for (const sourceType of ["module", "script", "commonjs"] as const) {
      const text = sourceType === "module" ? code : code.split("\n").slice(3).join("\n");
      const ast = espree.parse(text, { ecmaVersion: 2026, sourceType, range: true, loc: true, ecmaFeatures: { jsx: true } });
      const options = { ignoreEval: true, ecmaVersion: 2026, sourceType, childVisitorKeys: visitorKeys.KEYS, fallback: visitorKeys.getKeys, jsx: true };
      const expected = scopes(eslintScope.analyze(ast as never, options as never));
      expect(expected.length).toBeGreaterThan(5);
      expect(scopes(fast.analyze(ast as never, options) as eslintScope.ScopeManager)).toEqual(expected);
    }
  });
});
