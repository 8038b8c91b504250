/**
 * The `context.sourceCode` the rule host (rule-host.ts) gives the usage rules: what they and
 * src/utils read of ESLint's `SourceCode` (text, lines, scopes, the token methods the fixes use),
 * with ESLint's answers. Lines and the token lists are made on first use: most files are never fixed.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { lineStartsOf } from "../../utils/line-index.js";

type Scope = TSESLint.Scope.Scope;
type ScopeManager = TSESLint.Scope.ScopeManager;

/** A token or comment, as the parsers give them. */
export interface SourceToken {
  readonly type: string;
  readonly value: string;
  readonly range: readonly [number, number];
  readonly loc: TSESTree.SourceLocation;
}

interface Ranged {
  readonly range: readonly [number, number];
}

/** What ESLint's token methods take besides the node: a skip count, a filter, or both and `includeComments`. */
type CursorOptions =
  | number
  | ((token: SourceToken) => boolean)
  | { readonly includeComments?: boolean; readonly filter?: (token: SourceToken) => boolean; readonly skip?: number }
  | undefined;

/** ESLint's line breaks (ECMAScript's). */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/u;

const isComment = (token: SourceToken): boolean => token.type === "Line" || token.type === "Block" || token.type === "Shebang";

/** Index of the first item that starts at or after `offset`. */
function firstAtOrAfter(items: readonly SourceToken[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.range[0] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the last item that ends at or before `offset` (-1 when none does). */
function lastEndingBy(items: readonly SourceToken[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.range[1] <= offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

export interface SourceCodeParts {
  /** The text without its byte order mark, as ESLint gives it to rules. */
  readonly text: string;
  readonly hasBOM: boolean;
  readonly ast: TSESTree.Program & { readonly tokens: SourceToken[]; readonly comments: SourceToken[] };
  readonly scopeManager: ScopeManager;
  readonly visitorKeys: Readonly<Record<string, readonly string[] | undefined>>;
  readonly parserServices: unknown;
}

export class RuleSourceCode {
  readonly text: string;
  readonly hasBOM: boolean;
  readonly ast: SourceCodeParts["ast"];
  readonly scopeManager: ScopeManager;
  readonly visitorKeys: SourceCodeParts["visitorKeys"];
  readonly parserServices: unknown;
  readonly #scopes = new WeakMap<object, Scope>();
  #lines: string[] | undefined;
  #lineStarts: number[] | undefined;
  #tokensAndComments: SourceToken[] | undefined;

  constructor(parts: SourceCodeParts) {
    this.text = parts.text;
    this.hasBOM = parts.hasBOM;
    this.ast = parts.ast;
    this.scopeManager = parts.scopeManager;
    this.visitorKeys = parts.visitorKeys;
    this.parserServices = parts.parserServices;
  }

  get lines(): string[] {
    return (this.#lines ??= this.text.split(LINE_BREAK));
  }

  get lineStarts(): readonly number[] {
    return (this.#lineStarts ??= lineStartsOf(this.text, "javascript"));
  }

  getText(node?: Ranged, before = 0, after = 0): string {
    return node === undefined ? this.text : this.text.slice(Math.max(node.range[0] - before, 0), node.range[1] + after);
  }

  getRange(node: Ranged): readonly [number, number] {
    return node.range;
  }

  getLoc(node: { readonly loc: TSESTree.SourceLocation }): TSESTree.SourceLocation {
    return node.loc;
  }

  /** The innermost scope holding `node` (the program's outermost scope for `Program`), as ESLint finds it. */
  getScope(node: TSESTree.Node): Scope {
    const cached = this.#scopes.get(node);
    if (cached !== undefined) return cached;
    const inner = node.type !== "Program";
    let found: Scope = this.scopeManager.scopes[0]!;
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      const scope = this.scopeManager.acquire(current, inner);
      if (scope !== null) {
        found = scope.type === "function-expression-name" ? scope.childScopes[0]! : scope;
        break;
      }
    }
    this.#scopes.set(node, found);
    return found;
  }

  getDeclaredVariables(node: TSESTree.Node): readonly TSESLint.Scope.Variable[] {
    return this.scopeManager.getDeclaredVariables(node);
  }

  getAncestors(node: TSESTree.Node): TSESTree.Node[] {
    const ancestors: TSESTree.Node[] = [];
    for (let current = node.parent; current; current = current.parent) ancestors.unshift(current);
    return ancestors;
  }

  getIndexFromLoc(loc: { readonly line: number; readonly column: number }): number {
    const starts = this.lineStarts;
    if (loc.line <= 0 || loc.line > starts.length || loc.column < 0) {
      throw new RangeError(`Location out of range (line ${loc.line}, column ${loc.column}).`);
    }
    const index = starts[loc.line - 1]! + loc.column;
    const end = loc.line === starts.length ? this.text.length : starts[loc.line]!;
    if (loc.line === starts.length ? index > end : index >= end) {
      throw new RangeError(`Column ${loc.column} is past the end of line ${loc.line}.`);
    }
    return index;
  }

  getFirstToken(node: Ranged, options?: CursorOptions): SourceToken | null {
    const items = this.#items(options);
    return this.#forward(items, firstAtOrAfter(items, node.range[0]), node.range[1], options);
  }

  getLastToken(node: Ranged, options?: CursorOptions): SourceToken | null {
    const items = this.#items(options);
    return this.#backward(items, lastEndingBy(items, node.range[1]), node.range[0], options);
  }

  getTokenBefore(node: Ranged, options?: CursorOptions): SourceToken | null {
    const items = this.#items(options);
    return this.#backward(items, lastEndingBy(items, node.range[0]), -1, options);
  }

  getTokenAfter(node: Ranged, options?: CursorOptions): SourceToken | null {
    const items = this.#items(options);
    return this.#forward(items, firstAtOrAfter(items, node.range[1]), -1, options);
  }

  /** The tokens of `node`, with `before` / `after` more around it, or those passing a filter (and its comments). */
  getTokens(node: Ranged, options?: CursorOptions, after = 0): SourceToken[] {
    const items = this.#items(options);
    const before = typeof options === "number" ? options : 0;
    const { filter } = cursorOptions(typeof options === "number" ? undefined : options);
    const first = Math.max(firstAtOrAfter(items, node.range[0]) - before, 0);
    const last = Math.min(lastEndingBy(items, node.range[1]) + after, items.length - 1);
    const tokens = items.slice(first, last + 1);
    return filter === undefined ? tokens : tokens.filter(filter);
  }

  /** The comments right before `node`, with no token between them and it, in source order. */
  getCommentsBefore(node: Ranged): SourceToken[] {
    const items = this.#tokensAndCommentsList();
    const comments: SourceToken[] = [];
    for (let index = lastEndingBy(items, node.range[0]); index >= 0 && isComment(items[index]!); index -= 1) comments.unshift(items[index]!);
    return comments;
  }

  /** The comments right after `node`, with no token between it and them. */
  getCommentsAfter(node: Ranged): SourceToken[] {
    const items = this.#tokensAndCommentsList();
    const comments: SourceToken[] = [];
    for (let index = firstAtOrAfter(items, node.range[1]); index < items.length && isComment(items[index]!); index += 1) comments.push(items[index]!);
    return comments;
  }

  #tokensAndCommentsList(): SourceToken[] {
    return (this.#tokensAndComments ??= [...this.ast.tokens, ...this.ast.comments].sort((a, b) => a.range[0] - b.range[0]));
  }

  #items(options: CursorOptions): readonly SourceToken[] {
    return typeof options === "object" && options.includeComments === true ? this.#tokensAndCommentsList() : this.ast.tokens;
  }

  /** The `skip`-th item from `index` on that passes the filter, up to `end` (-1: no end). */
  #forward(items: readonly SourceToken[], index: number, end: number, options: CursorOptions): SourceToken | null {
    const { filter, skip } = cursorOptions(options);
    let skipped = 0;
    for (let at = index; at < items.length && (end < 0 || items[at]!.range[1] <= end); at += 1) {
      const item = items[at]!;
      if (filter !== undefined && !filter(item)) continue;
      if (skipped++ === skip) return item;
    }
    return null;
  }

  /** The same backwards, down to items starting at `start` (-1: the first). */
  #backward(items: readonly SourceToken[], index: number, start: number, options: CursorOptions): SourceToken | null {
    const { filter, skip } = cursorOptions(options);
    let skipped = 0;
    for (let at = index; at >= 0 && (start < 0 || items[at]!.range[0] >= start); at -= 1) {
      const item = items[at]!;
      if (filter !== undefined && !filter(item)) continue;
      if (skipped++ === skip) return item;
    }
    return null;
  }
}

function cursorOptions(options: CursorOptions): { filter?: (token: SourceToken) => boolean; skip: number } {
  if (typeof options === "number") return { skip: options };
  if (typeof options === "function") return { filter: options, skip: 0 };
  return { filter: options?.filter, skip: options?.skip ?? 0 };
}
