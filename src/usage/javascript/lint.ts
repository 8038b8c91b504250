/**
 * The plugin's own rules on one file, run by the rule host (rule-host.ts) as ESLint's `Linter` runs
 * them: the scanner's JavaScript and TypeScript usage findings are exactly what `no-api-key-client` and
 * `no-api-key-header` report in ESLint. Everything here loads on the first file that needs it (the
 * rules, eslint-scope, oxc; espree or the typescript-eslint parser only for a file oxc declines or
 * when oxc's binding does not load), so a scan without such a file pays nothing. ESLint itself is not
 * loaded: the scanner does not need it installed.
 */
import { resolve } from "node:path";

import type * as Oxc from "oxc-parser";

import { PLUGIN_NAMESPACE } from "../../utils/plugin-namespace.js";
import { extensionOf, isTypeScriptPath } from "./paths.js";
import type { HostParser, HostRule, LintResult, ScopeAnalysis, SourceType } from "./rule-host.js";
import { lintWithRules } from "./rule-host.js";

/** The rules that report key-authenticated JS/TS clients and requests, by their ESLint names. */
export const USAGE_RULE_NAMES = ["no-api-key-client", "no-api-key-header"] as const;

export type UsageRuleName = (typeof USAGE_RULE_NAMES)[number];

interface LoadedHost {
  readonly rules: ReadonlyMap<string, HostRule>;
  readonly scopeAnalysis: ScopeAnalysis;
}

let loading: Promise<LoadedHost> | undefined;
let typescriptParser: Promise<HostParser> | undefined;
let espree: Promise<HostParser> | undefined;
/** The native parser by the loader it comes from (one in a scan; tests give others). */
const nativeParsers = new WeakMap<NativeParserLoader, Promise<HostParser | undefined>>();

function loadHost(): Promise<LoadedHost> {
  loading ??= Promise.all([import("../../rules/index.js"), import("./javascript-scope.js")]).then(async ([{ rules }, { loadJavaScriptScope }]) => ({
    rules: new Map(USAGE_RULE_NAMES.map((name) => [`${PLUGIN_NAMESPACE}/${name}`, rules[name] as unknown as HostRule])),
    scopeAnalysis: await loadJavaScriptScope(),
  }));
  return loading;
}

function loadTypescriptParser(): Promise<HostParser> {
  typescriptParser ??= import("@typescript-eslint/parser").then((parser) => parser as unknown as HostParser);
  return typescriptParser;
}

/** ESLint's default JavaScript parser. */
function loadEspree(): Promise<HostParser> {
  espree ??= import("espree").then((parser) => parser as unknown as HostParser);
  return espree;
}

/** Where `oxc-parser` comes from: tests give a loader that fails, as on a platform without its binding. */
export type NativeParserLoader = () => Promise<typeof Oxc>;

const importOxc: NativeParserLoader = () => import("oxc-parser");

/** typescript-eslint's scope analysis (some 180 modules), loaded at the first TypeScript file: JavaScript is scoped by eslint-scope. */
let typescriptScope: Promise<void> | undefined;
let analyzeTypescript: ((ast: never, options: Readonly<Record<string, unknown>>) => unknown) | undefined;

function loadTypescriptScope(): Promise<void> {
  typescriptScope ??= import("@typescript-eslint/scope-manager").then(({ analyze }) => {
    analyzeTypescript = analyze as typeof analyzeTypescript;
  });
  return typescriptScope;
}

/** oxc with what ESLint needs around it, or undefined when its native binding does not load. */
function loadNativeParser(importParser: NativeParserLoader): Promise<HostParser | undefined> {
  return Promise.all([importParser(), import("@typescript-eslint/visitor-keys"), import("./parse.js")]).then(
    ([oxc, visitorKeys, { nativeParser }]) =>
      nativeParser({
        parseSync: oxc.parseSync,
        // Only TypeScript files are scoped by the parser, and `lintUsage` loads the analysis before it lints one.
        analyze: (ast, options) => analyzeTypescript!(ast, options),
        typescriptVisitorKeys: visitorKeys.visitorKeys,
      }),
    () => undefined,
  );
}

/** One report of a usage rule, with offsets into the linted text. */
export interface UsageReport {
  readonly rule: UsageRuleName;
  readonly messageId: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** The rule's autofix (offsets into the linted text), when it has one. */
  readonly fix?: { readonly range: readonly [number, number]; readonly text: string };
}

/** What lints one file: the rule host; tests give ESLint's `Linter` in its place to compare. */
export type UsageEngine = (request: Parameters<typeof lintWithRules>[0]) => LintResult;

/**
 * How ESLint would parse the file, as a user's flat config would: TypeScript files with oxc or
 * typescript-eslint's parser (JSX in `.tsx` only; a script is CommonJS), JavaScript with oxc or espree,
 * JSX allowed (React code in `.js` is common), `.cjs` as CommonJS.
 */
function lintAs(engine: UsageEngine, host: LoadedHost, text: string, path: string, sourceType: SourceType, parser: HostParser): LintResult {
  const extension = extensionOf(path);
  const typescript = isTypeScriptPath(path);
  return engine({
    text,
    // The absolute path, as ESLint passes it: the client rule resolves the installed SDK from the file's folder.
    filename: resolve(path),
    sourceType: typescript && sourceType === "script" ? "commonjs" : sourceType,
    parser,
    parserOptions: { ecmaFeatures: { jsx: !typescript || extension === ".tsx" } },
    rules: host.rules,
    scopeAnalysis: host.scopeAnalysis,
  });
}

/**
 * The file linted as `sourceType`: parsed by oxc, and by the reference parser when oxc is not there or
 * declines the file, so that a file oxc rejects and espree or typescript-eslint accept keeps its reports.
 */
async function lintWithFallback(
  engine: UsageEngine,
  host: LoadedHost,
  text: string,
  path: string,
  sourceType: SourceType,
  parser: HostParser | undefined,
): Promise<LintResult> {
  if (parser !== undefined) {
    const result = lintAs(engine, host, text, path, sourceType, parser);
    if (result.ok) return result;
  }
  const reference = await (isTypeScriptPath(path) ? loadTypescriptParser() : loadEspree());
  return lintAs(engine, host, text, path, sourceType, reference);
}

/**
 * The usage rules' reports on one file. A file no parser accepts (a fragment of history, a syntax
 * error) has no usage reports: its keys are still found by the engine. Module files that fail to
 * parse are tried once more as scripts (old CommonJS code with `with` or octal literals).
 * `importParser` and `engine` are for tests.
 */
export async function lintUsage(
  path: string,
  text: string,
  importParser: NativeParserLoader = importOxc,
  engine: UsageEngine = lintWithRules,
): Promise<UsageReport[]> {
  const host = await loadHost();
  if (isTypeScriptPath(path)) await loadTypescriptScope();
  if (!nativeParsers.has(importParser)) nativeParsers.set(importParser, loadNativeParser(importParser));
  const parser = await nativeParsers.get(importParser);
  const extension = extensionOf(path);
  const firstType = extension === ".cjs" || extension === ".cts" ? "commonjs" : "module";
  let result = await lintWithFallback(engine, host, text, path, firstType, parser);
  if (!result.ok && firstType === "module" && extension !== ".mjs" && extension !== ".mts") {
    result = await lintWithFallback(engine, host, text, path, "script", parser);
  }
  if (!result.ok) return [];
  const { problems, sourceCode } = result;
  // ESLint drops a byte order mark from the text it reports positions in.
  const shift = text.startsWith("\uFEFF") ? 1 : 0;
  const reports: UsageReport[] = [];
  for (const problem of problems) {
    const rule = USAGE_RULE_NAMES.find((name) => problem.ruleId === `${PLUGIN_NAMESPACE}/${name}`);
    if (rule === undefined) continue;
    const start = sourceCode.getIndexFromLoc({ line: problem.line, column: problem.column - 1 });
    const end =
      problem.endLine === undefined || problem.endColumn === undefined
        ? start
        : sourceCode.getIndexFromLoc({ line: problem.endLine, column: problem.endColumn - 1 });
    reports.push({
      rule,
      messageId: problem.messageId ?? "",
      message: problem.message,
      start: start + shift,
      end: end + shift,
      ...(problem.fix === undefined
        ? {}
        : { fix: { range: [problem.fix.range[0] + shift, problem.fix.range[1] + shift] as const, text: problem.fix.text } }),
    });
  }
  return reports;
}
