/**
 * The scanner's JavaScript and TypeScript parser for ESLint's `Linter`: oxc's native parser, which
 * reads both languages into ESTree / TS-ESTree without loading the `typescript` compiler (about 0.65 s
 * and 75 MB per scan). oxc gives offsets only; ESLint also needs `loc` on every node and comment and
 * the token list its token store is built from, so both are made here from one line-start table and
 * one walk. JavaScript is scoped by ESLint itself (eslint-scope, as for espree); TypeScript by
 * typescript-eslint's scope manager with the options its parser would use. Users' ESLint runs keep
 * their own parser: this is for the scanner's lint only (lint.ts).
 *
 * What still differs, read by no rule: espree decodes entities (`&amp;`) in JSX text and oxc does not,
 * and typescript-eslint calls some words `Keyword` tokens where this lexer says `Identifier` (and the
 * reverse). The rule tests run every case through both (test/support/usage-rule-tester.ts).
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

interface Located {
  start: number;
  end: number;
  range?: [number, number];
  loc?: { start: Position; end: Position };
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

function positionIn(lineStarts: readonly number[], offset: number): Position {
  const line = lineIndexOf(lineStarts, offset);
  return { line: line + 1, column: offset - lineStarts[line]! };
}

function locate(item: Located, lineStarts: readonly number[]): void {
  item.range = [item.start, item.end];
  item.loc = { start: positionIn(lineStarts, item.start), end: positionIn(lineStarts, item.end) };
}

/** The token a literal, template part or JSX text is, taken whole from the AST (the lexer below cannot tell a regex from a division). */
function wholeToken(node: AstNode, text: string, jsxStrings: ReadonlySet<AstNode>): Token | undefined {
  switch (node.type) {
    case "Literal": {
      // The parsers call a JSX attribute's string JSX text.
      if (jsxStrings.has(node)) return { type: "JSXText", value: text.slice(node.start, node.end), start: node.start, end: node.end };
      const regex = node["regex"] as Token["regex"] | undefined;
      const value = node["value"];
      const type =
        regex !== undefined
          ? "RegularExpression"
          : typeof value === "string"
            ? "String"
            : typeof value === "boolean"
              ? "Boolean"
              : value === null && node["bigint"] === undefined
                ? "Null"
                : "Numeric";
      return { type, value: text.slice(node.start, node.end), start: node.start, end: node.end, ...(regex === undefined ? {} : { regex }) };
    }
    case "TemplateElement":
      return { type: "Template", value: text.slice(node.start, node.end), start: node.start, end: node.end };
    case "JSXText":
    case "JSXIdentifier":
      return { type: node.type, value: text.slice(node.start, node.end), start: node.start, end: node.end };
    default:
      return undefined;
  }
}

const IDENTIFIER = /(?:[\p{ID_Start}$_]|\\u(?:[\da-fA-F]{4}|\{[\da-fA-F]+\}))(?:[\p{ID_Continue}$\u200C\u200D]|\\u(?:[\da-fA-F]{4}|\{[\da-fA-F]+\}))*/uy;
const PUNCTUATOR =
  />>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|&&=|\|\|=|\?\?=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.(?!\d)|\+\+|--|[-+*/%&|^]=|<<|>>|\*\*|[-{}()[\];,<>+*/%&|^!~?:=.@#]/y;
const SPACE = /\s+/y;

/** Words espree reports as `Keyword` tokens (ES reserved words, and `let`, `static`, `yield`). */
const KEYWORDS = new Set(
  "break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof let new return static super switch this throw try typeof var void while with yield".split(
    " ",
  ),
);

function wordToken(value: string, start: number, end: number): Token {
  const type = value === "true" || value === "false" ? "Boolean" : value === "null" ? "Null" : KEYWORDS.has(value) ? "Keyword" : "Identifier";
  return { type, value, start, end };
}

/** Characters that are a punctuator alone, whatever follows. */
const SINGLE = new Set(["(", ")", "{", "}", "[", "]", ";", ",", "~", ":"].map((character) => character.charCodeAt(0)));

const isAsciiWordStart = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
const isAsciiWordPart = (code: number): boolean => isAsciiWordStart(code) || (code >= 48 && code <= 57);
const isAsciiSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

/**
 * The tokens between the literals, template parts and JSX texts the AST gives, which hold everything
 * a context-free lexer would get wrong: what is left is words and punctuators. `closingAngles` are the
 * `>` that end a type's parameters, a token of their own even when another `>` follows (as in TypeScript).
 * ASCII is read by character codes, the rest (Unicode names and spaces, `\u` escapes) by the regular expressions.
 */
function tokenize(text: string, whole: Token[], comments: readonly Located[], closingAngles: ReadonlySet<number>): Token[] {
  whole.sort((a, b) => a.start - b.start);
  const tokens: Token[] = [];
  let nextWhole = 0;
  let nextComment = 0;
  let offset = 0;
  while (offset < text.length) {
    while (nextWhole < whole.length && whole[nextWhole]!.start < offset) nextWhole += 1;
    const wholeToken = whole[nextWhole];
    if (wholeToken !== undefined && wholeToken.start === offset) {
      tokens.push(wholeToken);
      offset = wholeToken.end;
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
    if (SINGLE.has(code)) {
      tokens.push({ type: "Punctuator", value: text[offset]!, start: offset, end: offset + 1 });
      offset += 1;
      continue;
    }
    if (isAsciiWordStart(code)) {
      let end = offset + 1;
      while (end < text.length && isAsciiWordPart(text.charCodeAt(end))) end += 1;
      const next = end < text.length ? text.charCodeAt(end) : 0;
      if (next < 128 && next !== 92) {
        tokens.push(wordToken(text.slice(offset, end), offset, end));
        offset = end;
        continue;
      }
    }
    SPACE.lastIndex = offset;
    if (SPACE.test(text)) {
      offset = SPACE.lastIndex;
      continue;
    }
    if (code === 35) {
      IDENTIFIER.lastIndex = offset + 1;
      const name = IDENTIFIER.exec(text);
      if (name !== null) {
        tokens.push({ type: "PrivateIdentifier", value: name[0], start: offset, end: IDENTIFIER.lastIndex });
        offset = IDENTIFIER.lastIndex;
        continue;
      }
    }
    IDENTIFIER.lastIndex = offset;
    const word = IDENTIFIER.exec(text);
    if (word !== null) {
      tokens.push(wordToken(word[0], offset, IDENTIFIER.lastIndex));
      offset = IDENTIFIER.lastIndex;
      continue;
    }
    PUNCTUATOR.lastIndex = offset;
    const punctuator = PUNCTUATOR.exec(text);
    const value = punctuator === null ? text[offset]! : closingAngles.has(offset) ? ">" : punctuator[0];
    tokens.push({ type: "Punctuator", value, start: offset, end: offset + value.length });
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

/** Nodes whose last character is a `>` that TypeScript reads as a token of its own. */
const ANGLE_BRACKETED = new Set(["TSTypeParameterInstantiation", "TSTypeParameterDeclaration"]);

const isNode = (value: unknown): value is AstNode => typeof (value as { type?: unknown }).type === "string";

/**
 * Makes every node what espree and typescript-eslint give, and collects what the lexer takes from the
 * AST: no `null` for an absent field (and no empty `decorators` in JavaScript, which espree does not
 * read), a template element that spans its backtick or `}` and its `${` or closing backtick (oxc's
 * JavaScript AST leaves them out, as acorn does), and `range` and `loc` on every node.
 */
function walk(root: AstNode, typescript: boolean, text: string, lineStarts: readonly number[], whole: Token[], closingAngles: Set<number>): void {
  const pending: AstNode[] = [root];
  const jsxStrings = new Set<AstNode>();
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const fields = node as Record<string, unknown>;
    for (const key in node) {
      const child = fields[key];
      if (child === null) {
        if (absentWhenNull(node.type, key, typescript)) fields[key] = undefined;
      } else if (Array.isArray(child)) {
        for (const item of child) if (item !== null && isNode(item)) pending.push(item);
        if (!typescript && key === "decorators" && child.length === 0) fields[key] = undefined;
      } else if (typeof child === "object" && isNode(child)) {
        pending.push(child);
      }
    }
    if (node.type === "TemplateElement" && node.end - node.start === (node["value"] as { raw: string }).raw.length) {
      node.start -= 1;
      node.end += node["tail"] === true ? 1 : 2;
    }
    const token = wholeToken(node, text, jsxStrings);
    if (token !== undefined) whole.push(token);
    if (node.type === "JSXAttribute") jsxStrings.add(node["value"] as AstNode);
    if (ANGLE_BRACKETED.has(node.type)) closingAngles.add(node.end - 1);
    locate(node, lineStarts);
  }
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
        const at = positionIn(lineStarts, error.labels[0]?.start ?? 0);
        throw new ParseError(error.message, at.line, at.column + 1);
      }
      const program = result.program as unknown as AstNode;
      const whole: Token[] = [];
      const closingAngles = new Set<number>();
      walk(program, typescript, text, lineStarts, whole, closingAngles);
      const comments = result.comments as Located[];
      for (const comment of comments) locate(comment, lineStarts);
      const tokens = tokenize(text, whole, comments, closingAngles);
      for (const token of tokens) locate(token, lineStarts);
      const ast = Object.assign(program, { sourceType, comments, tokens }) as unknown as AST.Program;
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
