/**
 * Runs ESLint rule modules over one file as ESLint's `Linter.verify` does, with only what the usage
 * rules need: the parse (a byte order mark dropped, a shebang read as a comment), the scopes ESLint
 * builds (eslint-scope for JavaScript with the ES and CommonJS globals, the parser's own for
 * TypeScript), `parent` on every node before any listener runs, listeners by node type and
 * `Type:exit`, `context.report` with messages, locations and merged fixes, and the inline comments
 * (`eslint-disable*`, `global`, `eslint` rule settings). No code path analysis, selector engine,
 * config arrays or option validation: the scanner's rules use none of it, and the host refuses a rule
 * that listens to anything but node types. The rules stay the one implementation of the checks;
 * ESLint users run the same modules in ESLint.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { COMMONJS_GLOBALS, ES_GLOBALS } from "./es-globals.js";
import type { InlineRuleConfig } from "./inline-comments.js";
import { isSuppressed, readInlineComments } from "./inline-comments.js";
import type { SourceToken } from "./source-code.js";
import { RuleSourceCode } from "./source-code.js";

/** The ECMAScript version ESLint parses and scopes `ecmaVersion: "latest"` as. */
export const LATEST_ECMA_VERSION = 2026;

export type SourceType = "module" | "script" | "commonjs";

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** An ESLint parser: `parseForESLint` (oxc's, typescript-eslint's) or `parse` (espree). */
export interface HostParser {
  parseForESLint?(text: string, options: Record<string, unknown>): { ast: unknown; scopeManager?: unknown; visitorKeys?: unknown; services?: unknown };
  parse?(text: string, options: Record<string, unknown>): unknown;
}

/** What scopes JavaScript files (ESLint's own scope analysis and visitor keys), loaded by the caller. */
export interface ScopeAnalysis {
  readonly analyze: (ast: never, options: Record<string, unknown>) => unknown;
  readonly visitorKeys: VisitorKeys;
  readonly getKeys: (node: object) => readonly string[];
}

/** A rule as ESLint defines it, as far as the host reads it. */
export interface HostRule {
  readonly meta?: {
    readonly messages?: Readonly<Record<string, string>>;
    readonly defaultOptions?: readonly unknown[];
    readonly fixable?: string;
  };
  create(context: never): Readonly<Record<string, ((node: never) => void) | undefined>>;
}

export interface LintRequest {
  /** The file's text as read (a byte order mark is dropped here, as ESLint does). */
  readonly text: string;
  /** The absolute path, as ESLint gives it to rules (`context.filename`). */
  readonly filename: string;
  readonly sourceType: SourceType;
  readonly parser: HostParser;
  /** ESLint's `languageOptions.parserOptions` (`ecmaFeatures`). */
  readonly parserOptions: { readonly ecmaFeatures?: Readonly<Record<string, boolean | undefined>> };
  /** The rules to run, by their ids, in order. */
  readonly rules: ReadonlyMap<string, HostRule>;
  readonly scopeAnalysis: ScopeAnalysis;
}

/** A problem as `Linter.verify` returns it: 1-based lines and columns, the fix merged into one edit. */
export interface HostProblem {
  readonly ruleId: string;
  readonly messageId: string | undefined;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly fix?: { readonly range: readonly [number, number]; readonly text: string };
}

export type LintResult =
  | { readonly ok: true; readonly problems: HostProblem[]; readonly sourceCode: { getIndexFromLoc(loc: Position): number } }
  | { readonly ok: false; readonly message: string };

interface Position {
  readonly line: number;
  readonly column: number;
}

interface ReportDescriptor {
  readonly node?: { readonly loc: { start: Position; end: Position } };
  readonly loc?: { readonly start: Position; readonly end?: Position } | Position;
  readonly messageId?: string;
  readonly message?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly fix?: ((fixer: RuleFixer) => Fix | Iterable<Fix> | null | undefined) | null;
}

interface Fix {
  readonly range: readonly [number, number];
  readonly text: string;
}

interface Ranged {
  readonly range: readonly [number, number];
}

const SHEBANG = /^#!([^\r\n\u2028\u2029]*)/u;
const PLACEHOLDER = /\{\{([^{}]+)\}\}/gu;
/** A listener key the host runs: a node type, or a node type's exit. */
const NODE_TYPE_LISTENER = /^([A-Za-z]+)(:exit)?$/u;

function interpolate(text: string, data: ReportDescriptor["data"]): string {
  if (data === undefined || !text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (whole, term: string) => {
    const name = term.trim();
    return name in data ? String(data[name]) : whole;
  });
}

const assertText = (text: unknown): string => {
  if (typeof text !== "string") throw new TypeError("'text' must be a string");
  return text;
};

/** ESLint's `RuleFixer`: edits are whole ranges of the text the rules see. */
class RuleFixer {
  insertTextAfter = (item: Ranged, text: string): Fix => this.insertTextAfterRange(item.range, text);
  insertTextAfterRange = (range: readonly [number, number], text: string): Fix => ({ range: [range[1], range[1]], text: assertText(text) });
  insertTextBefore = (item: Ranged, text: string): Fix => this.insertTextBeforeRange(item.range, text);
  insertTextBeforeRange = (range: readonly [number, number], text: string): Fix => ({ range: [range[0], range[0]], text: assertText(text) });
  replaceText = (item: Ranged, text: string): Fix => this.replaceTextRange(item.range, text);
  replaceTextRange = (range: readonly [number, number], text: string): Fix => ({ range, text: assertText(text) });
  remove = (item: Ranged): Fix => this.removeRange(item.range);
  removeRange = (range: readonly [number, number]): Fix => ({ range, text: "" });
}

const FIXER = new RuleFixer();

/** A report's fixes as one edit, as ESLint merges them: the text between them kept. */
function mergeFixes(fixes: readonly Fix[], text: string): Fix | undefined {
  if (fixes.length === 0) return undefined;
  if (fixes.length === 1) return { range: [fixes[0]!.range[0], fixes[0]!.range[1]], text: fixes[0]!.text };
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  const end = sorted.at(-1)!.range[1];
  let merged = "";
  let last = Number.MIN_SAFE_INTEGER;
  for (const fix of sorted) {
    if (fix.range[0] < last) throw new Error("Fix objects must not be overlapped in a report.");
    if (fix.range[0] >= 0) merged += text.slice(Math.max(0, start, last), fix.range[0]);
    merged += fix.text;
    last = fix.range[1];
  }
  merged += text.slice(Math.max(0, start, last), end);
  return { range: [start, end], text: merged };
}

function fixOf(descriptor: ReportDescriptor, text: string): Fix | undefined {
  if (typeof descriptor.fix !== "function") return undefined;
  const fix = descriptor.fix(FIXER);
  if (fix === null || fix === undefined) return undefined;
  if (Symbol.iterator in fix) return mergeFixes([...fix], text);
  return { range: [fix.range[0], fix.range[1]], text: fix.text };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `given` over `defaults`, objects merged key by key: how ESLint applies `meta.defaultOptions`. */
function mergeOptions(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isObject(defaults) || !isObject(given)) return given;
  const merged: Record<string, unknown> = { ...defaults, ...given };
  for (const key of Object.keys(given)) if (Object.prototype.propertyIsEnumerable.call(defaults, key)) merged[key] = mergeOptions(defaults[key], given[key]);
  return merged;
}

function ruleOptions(rule: HostRule, inline: InlineRuleConfig | undefined): unknown[] {
  const defaults = rule.meta?.defaultOptions ?? [];
  const given = inline?.options ?? [];
  return [...defaults.map((value, index) => mergeOptions(value, given[index])), ...given.slice(defaults.length)];
}

/** Parses as ESLint's JavaScript language does; a parser's exception is the file's fatal message. */
function parse(request: LintRequest, body: string): ReturnType<NonNullable<HostParser["parseForESLint"]>> | string {
  const options = {
    ecmaVersion: LATEST_ECMA_VERSION,
    sourceType: request.sourceType,
    ...request.parserOptions,
    loc: true,
    range: true,
    tokens: true,
    comment: true,
    eslintVisitorKeys: true,
    eslintScopeManager: true,
    filePath: request.filename,
  };
  // The shebang is read as a line comment.
  const text = body.replace(SHEBANG, (_, rest: string) => `//${rest}`);
  try {
    const { parser } = request;
    return parser.parseForESLint === undefined ? { ast: parser.parse!(text, options) } : parser.parseForESLint(text, options);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

type Listener = (node: TSESTree.Node) => void;

/** The listeners of every rule by node type, enter and exit apart, in rule order. */
class Listeners {
  readonly enter = new Map<string, Listener[]>();
  readonly exit = new Map<string, Listener[]>();

  add(ruleId: string, listeners: Readonly<Record<string, ((node: never) => void) | undefined>>): void {
    for (const [key, listener] of Object.entries(listeners)) {
      if (listener === undefined) continue;
      const match = NODE_TYPE_LISTENER.exec(key);
      if (match === null) throw new Error(`${ruleId} listens to \`${key}\`; the scanner's rule host runs node-type listeners only.`);
      const byType = match[2] === undefined ? this.enter : this.exit;
      const list = byType.get(match[1]!) ?? [];
      list.push(listener as Listener);
      byType.set(match[1]!, list);
    }
  }
}

/**
 * Sets `parent` on every node (ESLint's traversal order, by the visitor keys, `null` on the program)
 * and returns the listener calls in that order: all parents are set before the first listener runs.
 */
function traverse(program: TSESTree.Node, keysOf: (node: TSESTree.Node) => readonly string[], listeners: Listeners): [Listener[], TSESTree.Node][] {
  const calls: [Listener[], TSESTree.Node][] = [];
  // An explicit stack (deeply nested code does not overflow the call stack) of nodes and their parents;
  // a node's exit is pushed as the node with `EXIT` for a parent, only when a rule listens to it.
  const nodes: TSESTree.Node[] = [program];
  const parents: (TSESTree.Node | typeof EXIT | null)[] = [null];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    if (parent === EXIT) {
      calls.push([listeners.exit.get(node.type)!, node]);
      continue;
    }
    (node as { parent: TSESTree.Node | null }).parent = parent;
    const onEnter = listeners.enter.get(node.type);
    if (onEnter !== undefined) calls.push([onEnter, node]);
    if (listeners.exit.has(node.type)) {
      nodes.push(node);
      parents.push(EXIT);
    }
    const keys = keysOf(node);
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex -= 1) {
      const child = (node as unknown as Record<string, unknown>)[keys[keyIndex]!];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index -= 1) {
          if (isNode(child[index])) {
            nodes.push(child[index]);
            parents.push(node);
          }
        }
      } else if (isNode(child)) {
        nodes.push(child);
        parents.push(node);
      }
    }
  }
  return calls;
}

/** The parent a node's second visit is pushed with. */
const EXIT = Symbol("exit");

const isNode = (value: unknown): value is TSESTree.Node =>
  value !== null && typeof value === "object" && typeof (value as { type?: unknown }).type === "string";

const MODULE_GLOBALS = [...ES_GLOBALS];
const COMMONJS_FILE_GLOBALS = [...ES_GLOBALS, ...COMMONJS_GLOBALS];

/** The globals ESLint declares in a file: the language's, with the file's `global` comments applied in order. */
function globalsOf(sourceType: SourceType, inline: ReadonlyMap<string, boolean>): string[] {
  const base = sourceType === "commonjs" ? COMMONJS_FILE_GLOBALS : MODULE_GLOBALS;
  if (inline.size === 0) return [...base];
  const globals = new Map<string, boolean>(base.map((name) => [name, true]));
  for (const [name, declared] of inline) globals.set(name, declared);
  return [...globals].flatMap(([name, declared]) => (declared ? [name] : []));
}

/** ESLint's `Linter.verify` for these rules on one file: its problems (suppressed ones left out), or the parse error. */
export function lintWithRules(request: LintRequest): LintResult {
  const hasBOM = request.text.startsWith("\uFEFF");
  const text = hasBOM ? request.text.slice(1) : request.text;
  const parsed = parse(request, text);
  if (typeof parsed === "string") return { ok: false, message: parsed };
  const ast = parsed.ast as SourceCodeAst;
  const { scopeAnalysis } = request;
  const visitorKeys = (parsed.visitorKeys as VisitorKeys | undefined) ?? scopeAnalysis.visitorKeys;
  const ecmaFeatures = request.parserOptions.ecmaFeatures ?? {};
  const scopeManager = (parsed.scopeManager ??
    scopeAnalysis.analyze(ast as never, {
      ignoreEval: true,
      nodejsScope: ecmaFeatures["globalReturn"],
      impliedStrict: ecmaFeatures["impliedStrict"],
      ecmaVersion: LATEST_ECMA_VERSION,
      sourceType: request.sourceType,
      childVisitorKeys: visitorKeys,
      fallback: scopeAnalysis.getKeys,
      jsx: ecmaFeatures["jsx"],
    })) as TSESLint.Scope.ScopeManager & { addGlobals(names: string[]): void };

  // A shebang is a comment of its own kind, never a directive.
  const shebang = SHEBANG.exec(text);
  const first = ast.comments[0];
  if (shebang !== null && first !== undefined && first.value === shebang[1]) (first as { type: string }).type = "Shebang";

  const inline = readInlineComments(ast.comments, new Set(request.rules.keys()));
  scopeManager.addGlobals(globalsOf(request.sourceType, inline.globals));

  const sourceCode = new RuleSourceCode({ text, hasBOM, ast, scopeManager, visitorKeys, parserServices: parsed.services ?? {} });
  const problems: HostProblem[] = [];
  const listeners = new Listeners();
  for (const [ruleId, rule] of request.rules) {
    const config = inline.rules.get(ruleId);
    if (config?.enabled === false) continue;
    const messages = rule.meta?.messages ?? {};
    const context = {
      id: ruleId,
      filename: request.filename,
      physicalFilename: request.filename,
      cwd: "/",
      sourceCode,
      options: ruleOptions(rule, config),
      settings: {},
      languageOptions: { ecmaVersion: LATEST_ECMA_VERSION, sourceType: request.sourceType, parserOptions: request.parserOptions },
      report(descriptor: ReportDescriptor): void {
        const template = descriptor.messageId === undefined ? descriptor.message : messages[descriptor.messageId];
        if (template === undefined) throw new TypeError(`${ruleId} reported an unknown message \`${descriptor.messageId ?? ""}\`.`);
        const loc = descriptor.loc === undefined ? descriptor.node!.loc : "start" in descriptor.loc ? descriptor.loc : { start: descriptor.loc };
        const fix = fixOf(descriptor, text);
        if (fix !== undefined && rule.meta?.fixable === undefined) throw new Error(`${ruleId} gives fixes without \`meta.fixable\`.`);
        problems.push({
          ruleId,
          messageId: descriptor.messageId,
          message: interpolate(template, descriptor.data),
          line: loc.start.line,
          column: loc.start.column + 1,
          ...(loc.end === undefined ? {} : { endLine: loc.end.line, endColumn: loc.end.column + 1 }),
          ...(fix === undefined ? {} : { fix }),
        });
      },
    };
    listeners.add(ruleId, rule.create(context as never));
  }
  const keysOf = (node: TSESTree.Node): readonly string[] => visitorKeys[node.type] ?? scopeAnalysis.getKeys(node);
  for (const [calls, node] of traverse(ast, keysOf, listeners)) for (const listener of calls) listener(node);

  // ESLint sorts by position (stably: reports at one place keep their order), then applies the disable comments.
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    ok: true,
    problems: problems.filter((problem) => !isSuppressed(inline, problem.ruleId, problem.line, problem.column)),
    sourceCode,
  };
}

type SourceCodeAst = TSESTree.Program & { tokens: SourceToken[]; comments: SourceToken[] };
