/**
 * ESLint's own `Linter` with the plugin's own rules: the scanner's JavaScript and TypeScript usage
 * findings are exactly what `no-api-key-client` and `no-api-key-header` report. Everything here loads
 * on the first file that needs it (ESLint, the rules, and for TypeScript the typescript-eslint parser
 * with the `typescript` compiler), so a scan without such a file pays nothing.
 */
import { resolve } from "node:path";

import type * as Eslint from "eslint";
import type { Linter } from "eslint";

/** The rules that report key-authenticated JS/TS clients and requests, by their ESLint names. */
export const USAGE_RULE_NAMES = ["no-api-key-client", "no-api-key-header"] as const;

export type UsageRuleName = (typeof USAGE_RULE_NAMES)[number];

/** The namespace the rules get in the linter's config; stripped from the rule ids it reports. */
const NAMESPACE = "aoai-keyless";

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

async function importEslint(): Promise<typeof Eslint> {
  try {
    return await import("eslint");
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
    const usageRules = Object.fromEntries(USAGE_RULE_NAMES.map((name) => [name, rules[name]]));
    const plugin = { rules: usageRules } as unknown as LoadedLinter["plugin"];
    return { linter: new LinterClass({ configType: "flat", cwd: "/" }), plugin };
  })();
  return loading;
}

function loadTypescriptParser(): Promise<Linter.Parser> {
  typescriptParser ??= import("@typescript-eslint/parser").then((parser) => parser as unknown as Linter.Parser);
  return typescriptParser;
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
 * How ESLint would parse the file, as a user's flat config would: TypeScript files with the
 * typescript-eslint parser (JSX in `.tsx` only), JavaScript with espree as modules, JSX allowed
 * (React code in `.js` is common), `.cjs` as CommonJS.
 */
async function parseSettings(path: string, sourceType: "module" | "commonjs" | "script"): Promise<Linter.LanguageOptions> {
  const extension = extensionOf(path);
  if (TYPESCRIPT_EXTENSIONS.has(extension)) {
    return {
      parser: await loadTypescriptParser(),
      parserOptions: { ecmaFeatures: { jsx: extension === ".tsx" } },
      sourceType: sourceType === "script" ? "commonjs" : sourceType,
    };
  }
  return { ecmaVersion: "latest", sourceType, parserOptions: { ecmaFeatures: { jsx: true } } };
}

function verify(loaded: LoadedLinter, text: string, path: string, languageOptions: Linter.LanguageOptions): Linter.LintMessage[] {
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
  return loaded.linter.verify(text, [config], { filename: resolve(path) });
}

/**
 * The usage rules' reports on one file. A file no parser accepts (a fragment of history, a syntax
 * error) has no usage reports: its keys are still found by the engine. Module files that fail to
 * parse are tried once more as scripts (old CommonJS code with `with` or octal literals).
 */
export async function lintUsage(path: string, text: string): Promise<UsageReport[]> {
  const loaded = await loadLinter();
  const extension = extensionOf(path);
  const firstType = extension === ".cjs" || extension === ".cts" ? "commonjs" : "module";
  let messages = verify(loaded, text, path, await parseSettings(path, firstType));
  if (messages.some((message) => message.fatal === true) && firstType === "module" && extension !== ".mjs" && extension !== ".mts") {
    messages = verify(loaded, text, path, await parseSettings(path, "script"));
  }
  if (messages.some((message) => message.fatal === true)) return [];
  const sourceCode = loaded.linter.getSourceCode();
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
