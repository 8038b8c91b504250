/**
 * ESLint's own `Linter` with the plugin's own rules: the scanner's JavaScript and TypeScript usage
 * findings are exactly what `no-api-key-client` and `no-api-key-header` report. Everything here loads
 * on the first file that needs it (ESLint, the rules, and for TypeScript the typescript-eslint parser
 * with the `typescript` compiler), so a scan without such a file pays nothing.
 */
import { resolve } from "node:path";

import type * as EslintUniversal from "eslint/universal";
import type { Linter, SourceCode } from "eslint";
import type * as Oxc from "oxc-parser";

/** The rules that report key-authenticated JS/TS clients and requests, by their ESLint names. */
export const USAGE_RULE_NAMES = ["no-api-key-client", "no-api-key-header"] as const;

export type UsageRuleName = (typeof USAGE_RULE_NAMES)[number];

/** The namespace the rules get in the linter's config; stripped from the rule ids it reports. */
const NAMESPACE = "aoai-keyless";

type SourceType = "module" | "commonjs" | "script";

const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

export const isTypeScriptPath = (path: string): boolean => TYPESCRIPT_EXTENSIONS.has(extensionOf(path));

function rawExtensionOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot <= path.lastIndexOf("/") ? "" : path.slice(dot);
}

const extensionOf = (path: string): string => rawExtensionOf(path).toLowerCase();

interface LoadedLinter {
  readonly linter: Linter;
  readonly plugin: NonNullable<Linter.Config["plugins"]>[string];
}

let loading: Promise<LoadedLinter> | undefined;
let typescriptParser: Promise<Linter.Parser> | undefined;
/** The native parser by the loader it comes from (one in a scan; tests give others). */
const nativeParsers = new WeakMap<NativeParserLoader, Promise<Linter.Parser | undefined>>();

async function importEslint(): Promise<typeof EslintUniversal> {
  try {
    // ESLint's `Linter` alone (`eslint/universal`, since ESLint 9.x): the main entry also loads the
    // `ESLint` class with its file caches and config lookup, which the scanner never uses.
    return await import("eslint/universal");
  } catch (error) {
    throw new Error(
      `JavaScript and TypeScript usage findings run the plugin's ESLint rules, and ESLint (a peer dependency) could not be loaded: ${(error as Error).message}. Install it with \`npm install --save-dev eslint\`, or leave out the usage category.`,
      { cause: error },
    );
  }
}

function loadLinter(): Promise<LoadedLinter> {
  loading ??= (async () => {
    const [{ Linter: LinterClass }, { rules }] = await Promise.all([importEslint(), import("../../rules/index.js")]);
    // The scanner gives the rules no options (their `defaultOptions` apply), so there is nothing to
    // validate: `schema: false` keeps ESLint from loading and compiling ajv in the linting thread.
    const usageRules = Object.fromEntries(
      USAGE_RULE_NAMES.map((name) => [name, { ...rules[name], meta: { ...rules[name].meta, schema: false } }]),
    );
    const plugin = { rules: usageRules } as unknown as LoadedLinter["plugin"];
    return { linter: new LinterClass({ configType: "flat", cwd: "/" }), plugin };
  })();
  return loading;
}

function loadTypescriptParser(): Promise<Linter.Parser> {
  typescriptParser ??= import("@typescript-eslint/parser").then((parser) => parser as unknown as Linter.Parser);
  return typescriptParser;
}

/** Where `oxc-parser` comes from: tests give a loader that fails, as on a platform without its binding. */
export type NativeParserLoader = () => Promise<typeof Oxc>;

const importOxc: NativeParserLoader = () => import("oxc-parser");

/** oxc with what ESLint needs around it, or undefined when its native binding does not load. */
function loadNativeParser(importParser: NativeParserLoader): Promise<Linter.Parser | undefined> {
  return Promise.all([importParser(), import("@typescript-eslint/scope-manager"), import("@typescript-eslint/visitor-keys"), import("./parse.js")]).then(
    ([oxc, scopeManager, visitorKeys, { nativeParser }]) =>
      nativeParser({ parseSync: oxc.parseSync, analyze: scopeManager.analyze as never, typescriptVisitorKeys: visitorKeys.visitorKeys }),
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

/**
 * How ESLint would parse the file, as a user's flat config would: TypeScript files with `parser`
 * (typescript-eslint's when oxc is not used; JSX in `.tsx` only), JavaScript with `parser` or espree as
 * modules, JSX allowed (React code in `.js` is common), `.cjs` as CommonJS.
 */
function languageOptions(path: string, sourceType: SourceType, parser: Linter.Parser | undefined): Linter.LanguageOptions {
  const extension = extensionOf(path);
  if (TYPESCRIPT_EXTENSIONS.has(extension)) {
    return {
      parser,
      parserOptions: { ecmaFeatures: { jsx: extension === ".tsx" } },
      sourceType: sourceType === "script" ? "commonjs" : sourceType,
    };
  }
  return { ecmaVersion: "latest", sourceType, parserOptions: { ecmaFeatures: { jsx: true } }, ...(parser === undefined ? {} : { parser }) };
}

/** A file's messages, with the source code they point into (taken at once: the linter is shared by files linted at the same time). */
interface Verified {
  readonly messages: readonly Linter.LintMessage[];
  readonly sourceCode: SourceCode;
}

function verify(loaded: LoadedLinter, text: string, path: string, languageOptions: Linter.LanguageOptions): Verified {
  const config: Linter.Config = {
    // The file's own extension: the linter is asked about this one file, and `**/*` alone matches nothing.
    files: [`**/*${rawExtensionOf(path)}`],
    plugins: { [NAMESPACE]: loaded.plugin },
    rules: Object.fromEntries(USAGE_RULE_NAMES.map((name) => [`${NAMESPACE}/${name}`, "error"])),
    languageOptions,
    // `eslint-disable` comments for these rules count, as they do in ESLint.
    linterOptions: { reportUnusedDisableDirectives: "off" },
  };
  // The absolute path, as ESLint passes it: the client rule resolves the installed SDK from the file's folder.
  const messages = loaded.linter.verify(text, [config], { filename: resolve(path) });
  return { messages, sourceCode: loaded.linter.getSourceCode() };
}

const isFatal = ({ messages }: Verified): boolean => messages.some((message) => message.fatal === true);

/**
 * The file linted as `sourceType`: parsed by oxc,
 * and by the reference parser when oxc is not there or declines the file, so that a file oxc rejects
 * and espree or typescript-eslint accept keeps its reports.
 */
async function verifyAs(loaded: LoadedLinter, text: string, path: string, sourceType: SourceType, parser: Linter.Parser | undefined): Promise<Verified> {
  if (parser !== undefined) {
    const verified = verify(loaded, text, path, languageOptions(path, sourceType, parser));
    if (!isFatal(verified)) return verified;
  }
  const reference = isTypeScriptPath(path) ? await loadTypescriptParser() : undefined;
  return verify(loaded, text, path, languageOptions(path, sourceType, reference));
}

/**
 * The usage rules' reports on one file. A file no parser accepts (a fragment of history, a syntax
 * error) has no usage reports: its keys are still found by the engine. Module files that fail to
 * parse are tried once more as scripts (old CommonJS code with `with` or octal literals).
 * `importParser` is for tests.
 */
export async function lintUsage(path: string, text: string, importParser: NativeParserLoader = importOxc): Promise<UsageReport[]> {
  const loaded = await loadLinter();
  if (!nativeParsers.has(importParser)) nativeParsers.set(importParser, loadNativeParser(importParser));
  const parser = await nativeParsers.get(importParser);
  const extension = extensionOf(path);
  const firstType = extension === ".cjs" || extension === ".cts" ? "commonjs" : "module";
  let verified = await verifyAs(loaded, text, path, firstType, parser);
  if (isFatal(verified) && firstType === "module" && extension !== ".mjs" && extension !== ".mts") {
    verified = await verifyAs(loaded, text, path, "script", parser);
  }
  if (isFatal(verified)) return [];
  const { messages, sourceCode } = verified;
  // ESLint drops a byte order mark from the text it reports positions in.
  const shift = text.startsWith("\uFEFF") ? 1 : 0;
  const reports: UsageReport[] = [];
  for (const message of messages) {
    const rule = USAGE_RULE_NAMES.find((name) => message.ruleId === `${NAMESPACE}/${name}`);
    if (rule === undefined) continue;
    const start = sourceCode.getIndexFromLoc({ line: message.line, column: message.column - 1 });
    const end =
      message.endLine === undefined || message.endColumn === undefined
        ? start
        : sourceCode.getIndexFromLoc({ line: message.endLine, column: message.endColumn - 1 });
    reports.push({
      rule,
      messageId: message.messageId ?? "",
      message: message.message,
      start: start + shift,
      end: end + shift,
      ...(message.fix === undefined
        ? {}
        : { fix: { range: [message.fix.range[0] + shift, message.fix.range[1] + shift] as const, text: message.fix.text } }),
    });
  }
  return reports;
}
