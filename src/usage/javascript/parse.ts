/**
 * The scanner's JavaScript and TypeScript parser for ESLint's `Linter`: oxc's native parser, which
 * reads both languages into ESTree / TS-ESTree without loading the `typescript` compiler (about 0.65 s
 * and 75 MB per scan). oxc gives offsets only; ESLint also needs `loc` on every node and comment and
 * the token list its token store is built from, so both are made here from one line-start table and
 * one walk (the tokens when first read). JavaScript is scoped by ESLint itself (eslint-scope, as for
 * espree); TypeScript by typescript-eslint's scope manager with the options its parser would use.
 * Users' ESLint runs keep their own parser: this is for the scanner's lint only (lint.ts).
 *
 * What still differs, read by no rule: espree decodes entities (`&amp;`) in JSX text and oxc does not,
 * espree decodes `\u` escapes in a name token's value and this lexer does not, and typescript-eslint
 * calls some words `Keyword` tokens where this lexer says `Identifier` (and the reverse). The rule
 * tests run every case through both (test/support/usage-rule-tester.ts).
 */
import type { AST, Linter, Scope, SourceCode } from "eslint";
import type { ParserOptions, ParseResult } from "oxc-parser";

import { lineIndexOf, lineStartsOf } from "../../utils/line-index.js";

/** What this parser needs of `oxc-parser` and `@typescript-eslint/scope-manager` / `visitor-keys`. */
export interface NativeParserParts {
  readonly parseSync: (filename: string, text: string, options: ParserOptions) => ParseResult;
  readonly analyze: (ast: never, options: Readonly<Record<string, unknown>>) => unknown;
  readonly typescriptVisitorKeys: Readonly<Record<string, readonly string[] | undefined>>;
}

interface Position {
  line: number;
  column: number;
}

interface SourceLocation {
  start: Position;
  end: Position;
}

interface Located {
  start: number;
  end: number;
  range?: [number, number];
  loc?: SourceLocation;
}

interface Token extends Located {
  type: string;
  value: string;
  regex?: { pattern: string; flags: string };
}

/** A node of oxc's AST, as far as this file reads it. */
interface AstNode extends Located {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * The last position made for each offset (modulo the table's size), by parse: nodes, tokens and
 * comments that start or end at the same offset share one position object, as espree's nodes share
 * acorn's token positions (a call, its callee, the callee's first token...). Tables are kept from
 * parse to parse; a parse's entries are told from older ones by its number.
 */
const CACHED_OFFSETS = 1 << 16;
const cachedOffset = new Int32Array(CACHED_OFFSETS);
const cachedParse = new Int32Array(CACHED_OFFSETS);
const cachedPosition: (Position | undefined)[] = new Array<Position | undefined>(CACHED_OFFSETS).fill(undefined);
let parses = 0;

/**
 * `loc` for offsets read mostly in source order (the walk, the tokens, the comments): a cursor that
 * stays on the line it found last and gallops from there, instead of a binary search over the whole
 * file for every offset; and the position table above.
 */
class Locator {
  private line = 0;
  /** This parse's number in the position table (never 0, which the table starts with). */
  private readonly parse: number;

  constructor(private readonly lineStarts: readonly number[]) {
    parses = parses === 0x7fffffff ? 1 : parses + 1;
    this.parse = parses;
  }

  /** 0-based line of `offset`, searched forward from `line` (whose start is at or before it). */
  private lineFrom(line: number, offset: number): number {
    const starts = this.lineStarts;
    const count = starts.length;
    if (line + 1 === count || offset < starts[line + 1]!) return line;
    let low = line + 1;
    let step = 1;
    while (low + step < count && starts[low + step]! <= offset) {
      low += step;
      step *= 2;
    }
    return lineIndexOf(starts, offset, low, Math.min(low + step, count) - 1);
  }

  /** 0-based line of `offset`, moving the cursor there. */
  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    let line = this.line;
    if (offset >= starts[line]!) {
      line = this.lineFrom(line, offset);
    } else {
      let high = line - 1;
      let step = 1;
      while (high - step >= 0 && starts[high - step]! > offset) {
        high -= step;
        step *= 2;
      }
      line = lineIndexOf(starts, offset, Math.max(0, high - step), high);
    }
    this.line = line;
    return line;
  }

  /** The position of `offset`, as ESLint reads it (1-based line, 0-based column). */
  position(offset: number): Position {
    const slot = offset & (CACHED_OFFSETS - 1);
    if (cachedOffset[slot] === offset && cachedParse[slot] === this.parse) return cachedPosition[slot]!;
    const line = this.lineOf(offset);
    const position = { line: line + 1, column: offset - this.lineStarts[line]! };
    cachedOffset[slot] = offset;
    cachedParse[slot] = this.parse;
    cachedPosition[slot] = position;
    return position;
  }

  /** Gives a node or comment the `range` and `loc` ESLint reads. */
  locate(item: Located): void {
    item.range = [item.start, item.end];
    item.loc = { start: this.position(item.start), end: this.position(item.end) };
  }

  /** A token, with its `range` and `loc` set at once (one object shape for all). */
  token(type: string, value: string, start: number, end: number): Token {
    return { type, value, start, end, range: [start, end], loc: { start: this.position(start), end: this.position(end) } };
  }
}

/** The token a literal, template part or JSX text is, taken whole from the AST (the lexer below cannot tell a regex from a division). */
function wholeToken(node: AstNode, text: string, jsxStrings: ReadonlySet<AstNode>, locator: Locator): Token {
  const { start, end } = node;
  const value = text.slice(start, end);
  switch (node.type) {
    case "Literal": {
      // The parsers call a JSX attribute's string JSX text.
      if (jsxStrings.has(node)) return locator.token("JSXText", value, start, end);
      const regex = node["regex"] as Token["regex"] | undefined;
      if (regex !== undefined) return { type: "RegularExpression", value, start, end, regex, range: [start, end], loc: { start: locator.position(start), end: locator.position(end) } };
      const literal = node["value"];
      const type =
        typeof literal === "string" ? "String" : typeof literal === "boolean" ? "Boolean" : literal === null && node["bigint"] === undefined ? "Null" : "Numeric";
      return locator.token(type, value, start, end);
    }
    case "TemplateElement":
      return locator.token("Template", value, start, end);
    default:
      // JSXText and JSXIdentifier.
      return locator.token(node.type, value, start, end);
  }
}

const IDENTIFIER = /(?:[\p{ID_Start}$_]|\\u(?:[\da-fA-F]{4}|\{[\da-fA-F]+\}))(?:[\p{ID_Continue}$\u200C\u200D]|\\u(?:[\da-fA-F]{4}|\{[\da-fA-F]+\}))*/uy;
const SPACE = /\s+/y;

/** Words espree reports as `Keyword` tokens (ES reserved words, and `let`, `static`, `yield`). */
const KEYWORDS = new Set(
  "break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof let new return static super switch this throw try typeof var void while with yield".split(
    " ",
  ),
);

const wordType = (value: string): string =>
  value === "true" || value === "false" ? "Boolean" : value === "null" ? "Null" : KEYWORDS.has(value) ? "Keyword" : "Identifier";

const isAsciiWordStart = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
const isAsciiWordPart = (code: number): boolean => isAsciiWordStart(code) || (code >= 48 && code <= 57);
const isAsciiSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * The punctuator at `offset` (undefined for none), longest first: `>>>=`, `...`, `===`, `!==`, `**=`,
 * `<<=`, `>>=`, `>>>`, `&&=`, `||=`, `??=`, the two-character ones (`?.` not before a digit, where it
 * is `?` and a number), and the single characters. Read from character codes, and given as constants:
 * no string is cut for a punctuator.
 */
function punctuatorAt(text: string, offset: number, code: number): string | undefined {
  const next = text.charCodeAt(offset + 1);
  switch (code) {
    case 123: // { } ( ) [ ] ; , ~ : @ #
    case 125:
    case 40:
    case 41:
    case 91:
    case 93:
    case 59:
    case 44:
    case 126:
    case 58:
    case 64:
    case 35:
      return String.fromCharCode(code);
    case 46:
      return next === 46 && text.charCodeAt(offset + 2) === 46 ? "..." : ".";
    case 61:
      return next === 61 ? (text.charCodeAt(offset + 2) === 61 ? "===" : "==") : next === 62 ? "=>" : "=";
    case 33:
      return next === 61 ? (text.charCodeAt(offset + 2) === 61 ? "!==" : "!=") : "!";
    case 60:
      return next === 60 ? (text.charCodeAt(offset + 2) === 61 ? "<<=" : "<<") : next === 61 ? "<=" : "<";
    case 62: {
      if (next === 62) {
        const third = text.charCodeAt(offset + 2);
        if (third === 62) return text.charCodeAt(offset + 3) === 61 ? ">>>=" : ">>>";
        return third === 61 ? ">>=" : ">>";
      }
      return next === 61 ? ">=" : ">";
    }
    case 42:
      return next === 42 ? (text.charCodeAt(offset + 2) === 61 ? "**=" : "**") : next === 61 ? "*=" : "*";
    case 38:
      return next === 38 ? (text.charCodeAt(offset + 2) === 61 ? "&&=" : "&&") : next === 61 ? "&=" : "&";
    case 124:
      return next === 124 ? (text.charCodeAt(offset + 2) === 61 ? "||=" : "||") : next === 61 ? "|=" : "|";
    case 63:
      if (next === 63) return text.charCodeAt(offset + 2) === 61 ? "??=" : "??";
      return next === 46 && !isDigit(text.charCodeAt(offset + 2)) ? "?." : "?";
    case 43:
      return next === 43 ? "++" : next === 61 ? "+=" : "+";
    case 45:
      return next === 45 ? "--" : next === 61 ? "-=" : "-";
    case 47:
      return next === 61 ? "/=" : "/";
    case 37:
      return next === 61 ? "%=" : "%";
    case 94:
      return next === 61 ? "^=" : "^";
    default:
      return undefined;
  }
}

/**
 * The tokens: the literals, template parts and JSX texts the AST gives (`whole`, nodes), which hold
 * everything a context-free lexer would get wrong, and between them words and punctuators.
 * `closingAngles` are the `>` that end a type's parameters, a token of their own even when another `>`
 * follows (as in TypeScript). ASCII is read by character codes, the rest (Unicode names and spaces,
 * `\u` escapes) by the regular expressions.
 */
function tokenize(text: string, whole: AstNode[], jsxStrings: ReadonlySet<AstNode>, comments: readonly Located[], closingAngles: ReadonlySet<number>, locator: Locator): Token[] {
  // The walk gives them in source order but for a template's parts (before its expressions).
  for (let index = 1; index < whole.length; index += 1) {
    if (whole[index]!.start < whole[index - 1]!.start) {
      whole.sort((a, b) => a.start - b.start);
      break;
    }
  }
  const tokens: Token[] = [];
  let nextWhole = 0;
  let nextComment = 0;
  let offset = 0;
  const length = text.length;
  while (offset < length) {
    while (nextWhole < whole.length && whole[nextWhole]!.start < offset) nextWhole += 1;
    const wholeNode = whole[nextWhole];
    if (wholeNode !== undefined && wholeNode.start === offset) {
      tokens.push(wholeToken(wholeNode, text, jsxStrings, locator));
      offset = wholeNode.end;
      nextWhole += 1;
      continue;
    }
    const code = text.charCodeAt(offset);
    // After the AST's tokens: JSX text may be spaces alone.
    if (isAsciiSpace(code)) {
      offset += 1;
      continue;
    }
    while (nextComment < comments.length && comments[nextComment]!.start < offset) nextComment += 1;
    const comment = comments[nextComment];
    if (comment !== undefined && comment.start === offset) {
      offset = comment.end;
      continue;
    }
    if (isAsciiWordStart(code)) {
      let end = offset + 1;
      while (end < length && isAsciiWordPart(text.charCodeAt(end))) end += 1;
      const next = end < length ? text.charCodeAt(end) : 0;
      if (next < 128 && next !== 92) {
        const value = text.slice(offset, end);
        tokens.push(locator.token(wordType(value), value, offset, end));
        offset = end;
        continue;
      }
    } else if (code < 128 && code !== 92 && code !== 35) {
      // A punctuator, or a character no token starts with (a digit outside a literal), alone.
      const value = code === 62 && closingAngles.has(offset) ? ">" : (punctuatorAt(text, offset, code) ?? text[offset]!);
      tokens.push(locator.token("Punctuator", value, offset, offset + value.length));
      offset += value.length;
      continue;
    }
    if (code >= 128) {
      SPACE.lastIndex = offset;
      if (SPACE.test(text)) {
        offset = SPACE.lastIndex;
        continue;
      }
    }
    if (code === 35) {
      IDENTIFIER.lastIndex = offset + 1;
      const name = IDENTIFIER.exec(text);
      if (name !== null) {
        tokens.push(locator.token("PrivateIdentifier", name[0], offset, IDENTIFIER.lastIndex));
        offset = IDENTIFIER.lastIndex;
        continue;
      }
    }
    IDENTIFIER.lastIndex = offset;
    const word = IDENTIFIER.exec(text);
    if (word !== null) {
      tokens.push(locator.token(wordType(word[0]), word[0], offset, IDENTIFIER.lastIndex));
      offset = IDENTIFIER.lastIndex;
      continue;
    }
    // `#`, a backslash or a character no token starts with, alone.
    const value = (code < 128 ? punctuatorAt(text, offset, code) : undefined) ?? text[offset]!;
    tokens.push(locator.token("Punctuator", value, offset, offset + value.length));
    offset += value.length;
  }
  return tokens;
}

/**
 * Fields oxc sets to `null` where espree leaves them out and typescript-eslint leaves them
 * `undefined`: the rules test some with `=== undefined` (`directive`). Other `null`s are ESTree's own.
 */
const ABSENT_WHEN_NULL = new Set([
  "typeAnnotation",
  "typeArguments",
  "typeParameters",
  "superTypeArguments",
  "returnType",
  "accessibility",
  "directive",
  "hashbang",
]);
const ABSENT_WHEN_NULL_IN: Readonly<Record<string, string>> = { RestElement: "value", TSTypeParameter: "default" };
/** Except: typescript-eslint's `null`s. */
const NULL_IN_TYPESCRIPT: Readonly<Record<string, string>> = { TSImportType: "typeArguments", ImportDeclaration: "phase" };

const absentWhenNull = (type: string, key: string, typescript: boolean): boolean =>
  typescript
    ? NULL_IN_TYPESCRIPT[type] !== key && (ABSENT_WHEN_NULL.has(key) || ABSENT_WHEN_NULL_IN[type] === key)
    : ABSENT_WHEN_NULL.has(key) || ABSENT_WHEN_NULL_IN[type] === key || key === "phase";

const isNode = (value: unknown): value is AstNode => typeof (value as { type?: unknown }).type === "string";

/**
 * Makes every node what espree and typescript-eslint give, and collects what the lexer takes from the
 * AST: no `null` for an absent field (and no empty `decorators` in JavaScript, which espree does not
 * read), a template element that spans its backtick or `}` and its `${` or closing backtick (oxc's
 * JavaScript AST leaves them out, as acorn does), and `range` and `loc` on every node. Nodes are
 * visited parent first, children in their order, so mostly in source order (the line cursor moves
 * little, and the lexer's literals come sorted), from a stack: minified code nests deeper than the
 * call stack goes.
 */
function walk(root: AstNode, typescript: boolean, locator: Locator, whole: AstNode[], jsxStrings: Set<AstNode>, closingAngles: Set<number>): void {
  const pending: AstNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const fields = node as Record<string, unknown>;
    const firstChild = pending.length;
    for (const key in node) {
      const child = fields[key];
      if (child === null) {
        if (absentWhenNull(node.type, key, typescript)) fields[key] = undefined;
      } else if (typeof child !== "object") {
        continue;
      } else if (Array.isArray(child)) {
        if (child.length === 0) {
          if (!typescript && key === "decorators") fields[key] = undefined;
        } else {
          for (const item of child) if (item !== null && isNode(item)) pending.push(item);
        }
      } else if (isNode(child)) {
        pending.push(child);
      }
    }
    for (let low = firstChild, high = pending.length - 1; low < high; low += 1, high -= 1) {
      const first = pending[low]!;
      pending[low] = pending[high]!;
      pending[high] = first;
    }
    switch (node.type) {
      case "TemplateElement":
        if (node.end - node.start === (node["value"] as { raw: string }).raw.length) {
          node.start -= 1;
          node.end += node["tail"] === true ? 1 : 2;
        }
        whole.push(node);
        break;
      case "Literal":
      case "JSXText":
      case "JSXIdentifier":
        whole.push(node);
        break;
      case "JSXAttribute":
        jsxStrings.add(node["value"] as AstNode);
        break;
      // Their last character is a `>` that TypeScript reads as a token of its own.
      case "TSTypeParameterInstantiation":
      case "TSTypeParameterDeclaration":
        closingAngles.add(node.end - 1);
        break;
    }
    locator.locate(node);
  }
}

/**
 * `ast.tokens`, made when first read: ESLint's `Linter` reads them for every file, a rule host that
 * builds its token lists on demand only for the files whose rules ask (most never do). Once read or
 * set, it is a plain data property like the others.
 */
function defineTokens(ast: object, make: () => Token[]): void {
  const settle = (tokens: unknown): void => {
    Object.defineProperty(ast, "tokens", { value: tokens, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(ast, "tokens", {
    enumerable: true,
    configurable: true,
    get() {
      const tokens = make();
      settle(tokens);
      return tokens;
    },
    set: settle,
  });
}

/** ESLint's parser interface, with `parseForESLint` always there. */
export interface NativeParser {
  readonly meta: { readonly name: string };
  parseForESLint(text: string, parserOptions?: Linter.ParserOptions & { filePath?: string }): Linter.ESLintParseResult;
}

/** Thrown for a file oxc does not accept: ESLint turns it into a fatal message, as for any parser. */
class ParseError extends SyntaxError {
  constructor(
    message: string,
    readonly lineNumber: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const TYPESCRIPT_PATH = /\.(?:[cm]?ts|tsx)$/i;

/**
 * ESLint's `Linter` parser over oxc. `parserOptions` are ESLint's: `filePath` (the language is its
 * extension; JSX is read in every JavaScript file, and in TypeScript only in `.tsx`, as typescript-eslint
 * does) and `sourceType`.
 */
export function nativeParser(parts: NativeParserParts): NativeParser {
  return {
    meta: { name: "aoai-keyless/oxc" },
    parseForESLint(text: string, parserOptions: Linter.ParserOptions & { filePath?: string } = {}) {
      const filePath = parserOptions.filePath ?? "file.js";
      const typescript = TYPESCRIPT_PATH.test(filePath);
      const requested = parserOptions.sourceType ?? "script";
      // typescript-eslint reads a file that is not a module as a script, and TypeScript allows a top-level `return` in it.
      const sourceType = typescript ? (requested === "module" ? "module" : "script") : requested;
      const result = parts.parseSync(filePath, text, {
        lang: typescript ? (/x$/i.test(filePath) ? "tsx" : "ts") : "jsx",
        sourceType: typescript && sourceType === "script" ? "commonjs" : requested,
        astType: typescript ? "ts" : "js",
        preserveParens: false,
        // espree rejects JavaScript's early errors (a name declared twice, `break` outside a loop);
        // typescript-eslint leaves them to the type checker.
        showSemanticErrors: !typescript,
      });
      // The line breaks of ESLint, espree and TypeScript.
      const lineStarts = lineStartsOf(text, "javascript");
      const error = result.errors[0];
      if (error !== undefined) {
        const offset = error.labels[0]?.start ?? 0;
        const line = lineIndexOf(lineStarts, offset);
        throw new ParseError(error.message, line + 1, offset - lineStarts[line]! + 1);
      }
      const program = result.program as unknown as AstNode;
      const locator = new Locator(lineStarts);
      const whole: AstNode[] = [];
      const jsxStrings = new Set<AstNode>();
      const closingAngles = new Set<number>();
      walk(program, typescript, locator, whole, jsxStrings, closingAngles);
      const comments = result.comments as Located[];
      for (const comment of comments) locator.locate(comment);
      const ast = Object.assign(program, { sourceType, comments }) as unknown as AST.Program;
      defineTokens(ast, () => tokenize(text, whole, jsxStrings, comments, closingAngles, locator));
      // No scope manager: ESLint scopes JavaScript with eslint-scope, as it does espree's AST.
      if (!typescript) return { ast };
      const scopeManager = parts.analyze(ast as never, {
        globalReturn: parserOptions.ecmaFeatures?.globalReturn,
        jsxPragma: (parserOptions as { jsxPragma?: unknown }).jsxPragma,
        jsxFragmentName: (parserOptions as { jsxFragmentName?: unknown }).jsxFragmentName,
        lib: (parserOptions as { lib?: unknown }).lib,
        sourceType,
      });
      return { ast, scopeManager: scopeManager as Scope.ScopeManager, visitorKeys: parts.typescriptVisitorKeys as SourceCode.VisitorKeys };
    },
  };
}
