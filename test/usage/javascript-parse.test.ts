// The scanner's native parser (src/usage/javascript/parse.ts): what ESLint gets from it is what espree
// and typescript-eslint give (tokens, comments, positions), the rules report through it what they
// report through them, and the scanner falls back to them when oxc's binding does not load.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as typescriptParser from "@typescript-eslint/parser";
import { analyze } from "@typescript-eslint/scope-manager";
import { visitorKeys } from "@typescript-eslint/visitor-keys";
import type { AST } from "eslint";
import { Linter } from "eslint";
import { parseSync } from "oxc-parser";
import { describe, expect, it, vi } from "vitest";

import { BIN, TempTree } from "../scanner/cli-fixture.js";
import { lintUsage } from "../../src/usage/javascript/lint.js";
import { nativeParser } from "../../src/usage/javascript/parse.js";
import type { Declined } from "../support/usage-rule-tester.js";
import { referenceParsersOnly, referenceParsersReject, watchedNativeParser } from "../support/usage-rule-tester.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

const parser = nativeParser({ parseSync, analyze: analyze as never, typescriptVisitorKeys: visitorKeys });

/** ESLint's own view of a file's tokens and comments with espree. */
function espreeAst(text: string, sourceType: "module" | "script" = "module"): AST.Program {
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(text, [{ languageOptions: { ecmaVersion: "latest", sourceType, parserOptions: { ecmaFeatures: { jsx: true } } } }]);
  expect(messages).toEqual([]);
  return linter.getSourceCode().ast;
}

const nativeAst = (text: string, filePath: string, sourceType: "module" | "script" = "module"): AST.Program =>
  (parser.parseForESLint(text, { filePath, sourceType, ecmaVersion: "latest" }) as { ast: AST.Program }).ast;

interface Item {
  readonly type: string;
  readonly value: string;
  readonly range?: [number, number];
  readonly loc?: AST.SourceLocation | null;
}

const at = (loc: AST.SourceLocation | null | undefined): string => (loc == null ? "" : `${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`);

/** What the rules read of a token or comment: keyword and identifier are told apart differently by the two reference parsers, and by no rule. */
const shapes = (items: readonly Item[]): string[] =>
  items.map((item) => `${item.type === "Keyword" ? "Identifier" : item.type} ${JSON.stringify(item.value)} ${JSON.stringify(item.range)} ${at(item.loc)}`);

const JAVASCRIPT = [
  "#!/usr/bin/env node",
  "// a comment\r\nconst re = /[/}]{2}/gu, half = a / b / c; /* block\u2028comment */",
  "const t = `a${`in${x}ner`}b${ { k: 1 }.k }`, e = ``, private_ = class { #k = 1; get k() { return this.#k } };",
  // espree decodes entities (`&amp;`) in JSX text, oxc does not: no rule reads JSX text.
  'const el = <div data-x="1" className={`c ${y}`}>é & {z} <br/></div>;',
  "x ??= y?.z ?? .5 ? 1_000n : 0x1F; a >>>= 2; label: for (const k of [...ks]) break label;",
  // Every punctuator, longest first as the lexer reads them (`?.5` is `?` and a number).
  "a >>= b; a <<= b; a **= b; a &&= b; a ||= b; a += b; a -= b; a *= b; a /= b; a %= b; a &= b; a |= b; a ^= b;",
  "x = a >>> b >> c << d ** e === f !== g == h != i <= j >= k && l || m < n > o; y = ((a ?? b) | c & d ^ e % f) * g; z = !a + -b - +c + ~d; a++; b--; g = (...r) => 1; q = t ?.5 : 6; u = t?.5:6;",
  // Names and spaces beyond ASCII.
  "const \u00fcn\u00efcode = 1, \u00a0space\u00a0= 3; class K { #\u00fc = 1; m() { return this.#\u00fc + \u00fcn\u00efcode\u2003+ space; } }",
  'export default { "api-key": process.env.KEY, [`k${1}`]: 2 };',
].join("\n");

const TYPESCRIPT = [
  "import type { A } from './a';",
  "let m: Map<string, Array<Array<number>>> = new Map<string, Array<Array<number>>>();",
  "const v = f<A>(x)! as unknown as readonly string[]; enum E { A = 1, B = `b`.length }",
  "abstract class C<T extends object = {}> implements I { private readonly k?: T; @d() m(@p a: `x${string}`): asserts a is never {} }",
  "const s = a >> b; declare module 'm' { export = x; }",
  'const el = <T,>(p: T) => <div data-x="1">é & {p}</div>;',
].join("\n");

describe("oxc's AST as ESLint reads it", () => {
  it("has espree's tokens, comments and positions for JavaScript", () => {
    const text = JAVASCRIPT.replace(/^#!/, "//");
    const reference = espreeAst(text);
    const native = nativeAst(text, "/project/file.js");
    expect(shapes(native.tokens)).toEqual(shapes(reference.tokens));
    expect(shapes(native.comments)).toEqual(shapes(reference.comments));
    expect(native.range).toEqual(reference.range);
    expect(native.loc).toEqual(reference.loc);
  });

  it("has typescript-eslint's tokens, comments and positions for TypeScript (a `>` closing type arguments is a token of its own)", () => {
    const reference = typescriptParser.parseForESLint(TYPESCRIPT, { filePath: "/project/file.tsx", sourceType: "module", ecmaFeatures: { jsx: true }, range: true, loc: true, tokens: true, comment: true }).ast;
    const native = nativeAst(TYPESCRIPT, "/project/file.tsx");
    expect(shapes(native.tokens)).toEqual(shapes(reference.tokens as AST.Token[]));
    expect(native.tokens.filter((token) => token.value === ">>").map((token) => token.range)).toEqual([[TYPESCRIPT.indexOf(">> b"), TYPESCRIPT.indexOf(" b;")]]);
  });

  it("gives every node a range and a loc that match its offsets", () => {
    const text = "const a = 1;\r\nconst b = `x\n${a}`;\u2028f(b);";
    const ast = nativeAst(text, "/project/file.mjs");
    const statement = ast.body[2]!;
    expect(statement.range).toEqual([text.indexOf("f(b)"), text.length]);
    expect(statement.loc).toEqual({ start: { line: 4, column: 0 }, end: { line: 4, column: 5 } });
    expect(ast.body[1]!.loc).toEqual({ start: { line: 2, column: 0 }, end: { line: 3, column: 6 } });
  });

  it("gives every node, token and comment of a long file the loc of its offsets (more offsets than its table of shared positions holds)", () => {
    const breaks = ["\n", "\r\n", "\r", "\u2028"];
    const text = Array.from({ length: 1500 }, (_, index) => `const v${index} = f(a${index}, \`t\${b}\`) /* c */ ?? [${index}];${breaks[index % 4]!}`).join("") + JAVASCRIPT.replace(/^#!/, "//");
    expect(text.length).toBeGreaterThan(70_000);
    const starts = [0, ...[...text.matchAll(/\r\n?|[\n\u2028\u2029]/g)].map((match) => match.index + match[0].length)];
    // The line of every offset, counted out once.
    const lineAt = new Int32Array(text.length + 1);
    for (let line = 0; line < starts.length; line += 1) lineAt.fill(line, starts[line], starts[line + 1] ?? text.length + 1);
    const expected = (offset: number): { line: number; column: number } => ({ line: lineAt[offset]! + 1, column: offset - starts[lineAt[offset]!]! });
    const native = nativeAst(text, "/project/file.js");
    const located: { range?: [number, number]; loc?: AST.SourceLocation | null }[] = [...native.tokens, ...native.comments];
    const pending: unknown[] = [native];
    for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
      if (Array.isArray(value)) pending.push(...(value as unknown[]));
      else if (typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string") {
        located.push(value as (typeof located)[number]);
        for (const [key, child] of Object.entries(value)) if (key !== "tokens" && key !== "comments" && typeof child === "object" && child !== null) pending.push(child);
      }
    }
    expect(located.length).toBeGreaterThan(40_000);
    const wrong = located.filter(({ range, loc }) => {
      const [start, end] = [expected(range![0]), expected(range![1])];
      return loc?.start.line !== start.line || loc.start.column !== start.column || loc.end.line !== end.line || loc.end.column !== end.column;
    });
    expect(wrong).toEqual([]);
  });

  it("makes the tokens when they are first read, from the file they belong to, and keeps them", () => {
    const first = nativeAst("const a = f(1);\nb?.c;", "/project/first.js");
    const second = nativeAst("\n\n  let x = [a, b];", "/project/second.js");
    expect(Object.getOwnPropertyDescriptor(first, "tokens")).toMatchObject({ enumerable: true, get: expect.any(Function) });
    // Read after the second file was parsed: the positions are the first file's.
    expect(shapes(first.tokens)).toEqual(shapes(espreeAst("const a = f(1);\nb?.c;").tokens));
    expect(Object.getOwnPropertyDescriptor(first, "tokens")).toEqual({ value: first.tokens, writable: true, enumerable: true, configurable: true });
    expect(first.tokens).toBe(first.tokens);
    expect(Object.keys(first).slice(-2)).toEqual(["comments", "tokens"]);
    expect(shapes(second.tokens)).toEqual(shapes(espreeAst("\n\n  let x = [a, b];").tokens));
    second.tokens = [];
    expect(second.tokens).toEqual([]);
  });

  it("rejects what it cannot parse with the line and column of the error, as a parser does for ESLint", () => {
    expect(() => nativeAst("const a = 1;\nconst = 2;", "/project/file.js")).toThrow(expect.objectContaining({ lineNumber: 2, column: 7 }));
    expect(() => nativeAst("let x: number = 1;", "/project/file.js")).toThrow(SyntaxError);
  });
});

const CLIENT = `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY, endpoint: "https://res.openai.azure.com" });
`;

describe("the scanner's lint through oxc", () => {
  it("reports on every JavaScript and TypeScript fixture, in both languages, what espree and typescript-eslint give", async () => {
    const files = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.[cm]?[jt]sx?$/.test(name) && !/\.d\.[cm]?ts$/.test(name))
      .map((name) => path.join(FIXTURES, name));
    const declined: Declined[] = [];
    const native = watchedNativeParser(declined);
    let reports = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const variant of [file, file.replace(/\.([cm]?)([jt])s(x?)$/, (_, kind: string, language: string, x: string) => `.${kind}${language === "j" ? "t" : "j"}s${x}`)]) {
        const expected = await lintUsage(variant, text, referenceParsersOnly);
        expect({ variant, reports: await lintUsage(variant, text, native) }).toEqual({ variant, reports: expected });
        reports += expected.length;
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(reports).toBeGreaterThan(20);
    const acceptedByReference: Declined[] = [];
    for (const file of declined) if (!(await referenceParsersReject(file))) acceptedByReference.push(file);
    expect(acceptedByReference).toEqual([]);
  });

  it("falls back to typescript-eslint and espree when oxc's binding does not load", async () => {
    const loader = vi.fn(() => Promise.reject(new Error("Cannot find native binding")));
    const expected = [
      {
        rule: "no-api-key-client",
        messageId: "keyOption",
        start: CLIENT.indexOf("AzureOpenAI({"),
        end: CLIENT.indexOf("({ apiKey"),
      },
    ];
    for (const file of ["client.ts", "client.js"]) {
      const reports = await lintUsage(file, CLIENT, loader);
      expect(reports.map(({ rule, messageId, start, end }) => ({ rule, messageId, start, end }))).toEqual(expected);
      expect(await lintUsage(file, CLIENT)).toEqual(reports);
    }
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it("keeps ESLint's disable comments and a byte order mark's offset", async () => {
    const disabled = CLIENT.replace("export const", "// eslint-disable-next-line aoai-keyless/no-api-key-client\nexport const");
    expect(await lintUsage("client.ts", disabled)).toEqual([]);
    expect(await lintUsage("client.js", disabled)).toEqual([]);
    const plain = await lintUsage("client.ts", CLIENT);
    const withBom = await lintUsage("client.ts", `\uFEFF${CLIENT}`);
    expect(withBom.map((report) => [report.start, report.end])).toEqual(plain.map((report) => [report.start + 1, report.end + 1]));
    expect(withBom).toEqual(await lintUsage("client.ts", `\uFEFF${CLIENT}`, referenceParsersOnly));
  });

  it("rejects JavaScript's early errors as espree does, and leaves them to the type checker in TypeScript as typescript-eslint does", async () => {
    const redeclared = `${CLIENT}const client = 2;\n`;
    const declined: Declined[] = [];
    const native = watchedNativeParser(declined);
    expect(await lintUsage("client.js", redeclared, native)).toEqual([]);
    expect(declined.map((file) => path.basename(file.path))).toEqual(["client.js", "client.js"]);
    expect(await lintUsage("client.js", redeclared, referenceParsersOnly)).toEqual([]);
    const typescript = await lintUsage("client.ts", redeclared, native);
    expect(typescript.map((report) => report.messageId)).toEqual(["keyOption"]);
    expect(typescript).toEqual(await lintUsage("client.ts", redeclared, referenceParsersOnly));
    expect(declined).toHaveLength(2);
  });

  it("lints a file oxc declines with the reference parsers (espree reads a module's `with` as a script)", async () => {
    const code = `with (config) { fetch(url, { headers: { "api-key": process.env.AZURE_OPENAI_API_KEY } }); }\nconst url = "https://res.openai.azure.com/openai/deployments/d/chat/completions";`;
    const reports = await lintUsage("legacy.js", code);
    expect(reports.map((report) => report.messageId)).toEqual(["keyHeader"]);
    expect(reports).toEqual(await lintUsage("legacy.js", code, referenceParsersOnly));
  });
});

describe("the built linter", () => {
  it("runs the rules without ESLint: no ESLint, espree, selector engine, ajv or typescript-eslint parser in the linting thread, and TypeScript's scopes only for TypeScript", () => {
    const lint = new URL("../../dist/usage/javascript/lint.js", import.meta.url).href;
    const logs = mkdtempSync(path.join(tmpdir(), "aoai-lint-imports-"));
    const log = path.join(logs, "imports.log");
    const script = [
      `import { createRequire } from "node:module";`,
      `const { lintUsage } = await import(${JSON.stringify(lint)});`,
      `const cache = createRequire(import.meta.url).cache;`,
      `const javascript = await lintUsage("/project/src/client.js", ${JSON.stringify(CLIENT)});`,
      `const typescriptScope = Object.keys(cache).some((file) => file.includes("/@typescript-eslint/scope-manager/"));`,
      `const reports = [...javascript, ...await lintUsage("/project/src/client.ts", ${JSON.stringify(CLIENT)})];`,
      `console.log(JSON.stringify({ reports: reports.map((report) => report.rule), typescriptScope, required: Object.keys(cache) }));`,
    ].join("\n");
    try {
      const register = fileURLToPath(new URL("../support/module-log.mjs", import.meta.url));
      const result = spawnSync(process.execPath, ["--import", register, "--input-type=module", "-e", script], {
        encoding: "utf8",
        timeout: 60_000,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, AOAI_TEST_MODULE_LOG: log },
      });
      expect(result.stderr).toBe("");
      const { reports, typescriptScope, required } = JSON.parse(result.stdout) as { reports: string[]; typescriptScope: boolean; required: string[] };
      expect(reports).toEqual(["no-api-key-client", "no-api-key-client"]);
      // typescript-eslint's scope analysis loads with the first TypeScript file, not before.
      expect(typescriptScope).toBe(false);
      const imported = readFileSync(log, "utf8").split("\n");
      const packages = new Set(
        [...required, ...imported].flatMap((file) => {
          const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
          return name === undefined ? [] : [name.replace(/^@oxc-parser\/binding-.*/, "@oxc-parser/binding")];
        }),
      );
      expect([...packages].sort()).toEqual([
        "@eslint-community/eslint-utils",
        "@oxc-parser/binding",
        "@typescript-eslint/scope-manager",
        "@typescript-eslint/types",
        "@typescript-eslint/utils",
        "@typescript-eslint/visitor-keys",
        "eslint-scope",
        "eslint-visitor-keys",
        "esrecurse",
        "estraverse",
        "oxc-parser",
      ]);
    } finally {
      rmSync(logs, { recursive: true, force: true });
    }
  });
});

describe("the built aoai-key-scan", () => {
  it("lints TypeScript and JavaScript with oxc and its bundled lint packages, without loading typescript-eslint's parser", () => {
    const project = new TempTree();
    const logs = mkdtempSync(path.join(tmpdir(), "aoai-oxc-imports-"));
    try {
      project.write("src/client.ts", CLIENT);
      project.write("src/client.js", CLIENT);
      const log = path.join(logs, "imports.log");
      const register = fileURLToPath(new URL("../support/module-log.mjs", import.meta.url));
      const result = spawnSync(process.execPath, ["--import", register, BIN, "--format", "json", "."], {
        cwd: project.root,
        encoding: "utf8",
        timeout: 60_000,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, AOAI_TEST_MODULE_LOG: log },
      });
      expect(result.status).toBe(0);
      const findings = (JSON.parse(result.stdout) as { findings: { path: string; ruleId: string }[] }).findings;
      expect(findings.map(({ path: file, ruleId }) => `${file} ${ruleId}`).sort()).toEqual(["src/client.js no-api-key-client", "src/client.ts no-api-key-client"]);
      const packages = readFileSync(log, "utf8").split("\n").filter((url) => url.includes("/node_modules/"));
      // oxc-parser is the only package loaded from node_modules: the rest of the lint path (scope
      // managers, eslint-utils, visitor keys) is bundled into the bin's chunks (scripts/build-bin.mjs).
      expect([...new Set(packages.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]))]).toEqual(["oxc-parser"]);
      expect(readFileSync(new URL("../../dist/bin/THIRD-PARTY-LICENSES.md", import.meta.url), "utf8")).toContain("\n## @typescript-eslint/scope-manager ");
    } finally {
      project.dispose();
      rmSync(logs, { recursive: true, force: true });
    }
  });
});
