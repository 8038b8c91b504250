/**
 * Bicep tokens with offsets. Strings (`'...'` with `${}` interpolation and `\` escapes, `'''...'''`
 * verbatim), comments (`//`, `/* *\/`, `#disable-next-line` pragmas), identifiers, numbers,
 * punctuation and newlines, which separate Bicep statements and object entries. Never throws: an
 * unterminated string or comment ends at the end of the text.
 */

export type TokenKind = "identifier" | "string" | "number" | "punctuation" | "newline";

export interface Token {
  readonly kind: TokenKind;
  /** The source text (for strings: with quotes). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Strings without interpolation: the decoded value. */
  readonly value?: string;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "'": "'", $: "$" };
const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

/** The end of the `'...'` string opening at `open`, and its value when it has no interpolation. */
function readString(text: string, open: number): { end: number; value: string | undefined } {
  let value: string | undefined = "";
  let index = open + 1;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === "'") return { end: index + 1, value };
    if (char === "\\") {
      if (value !== undefined) value += ESCAPES[text[index + 1] ?? ""] ?? text[index + 1] ?? "";
      index += 2;
      continue;
    }
    if (char === "$" && text[index + 1] === "{") {
      value = undefined;
      index = skipInterpolation(text, index + 2);
      continue;
    }
    if (value !== undefined) value += char;
    index += 1;
  }
  return { end: text.length, value };
}

/** Index after the `}` that closes an interpolation whose body starts at `from` (nested strings and braces count). */
function skipInterpolation(text: string, from: number): number {
  let depth = 1;
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (char === "'") {
      index = readString(text, index).end;
      continue;
    }
    if (char === "{") depth += 1;
    else if (char === "}" && --depth === 0) return index + 1;
    index += 1;
  }
  return text.length;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let lineStart = true;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === "\n") {
      tokens.push({ kind: "newline", text: "\n", start: index, end: index + 1 });
      index += 1;
      lineStart = true;
      continue;
    }
    if (char === " " || char === "\t" || char === "\r" || char === "\uFEFF") {
      index += 1;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if ((char === "/" && text[index + 1] === "/") || (char === "#" && atLineStart)) {
      const newline = text.indexOf("\n", index);
      index = newline === -1 ? text.length : newline;
      continue;
    }
    if (char === "/" && text[index + 1] === "*") {
      const close = text.indexOf("*/", index + 2);
      const end = close === -1 ? text.length : close + 2;
      // A block comment spanning lines still separates statements.
      if (text.slice(index, end).includes("\n")) tokens.push({ kind: "newline", text: "\n", start: index, end });
      index = end;
      continue;
    }
    if (text.startsWith("'''", index)) {
      const close = text.indexOf("'''", index + 3);
      const end = close === -1 ? text.length : close + 3;
      tokens.push({ kind: "string", text: text.slice(index, end), start: index, end, value: text.slice(index + 3, end - 3) });
      index = end;
      continue;
    }
    if (char === "'") {
      const { end, value } = readString(text, index);
      tokens.push({ kind: "string", text: text.slice(index, end), start: index, end, ...(value === undefined ? {} : { value }) });
      index = end;
      continue;
    }
    if (IDENTIFIER_START.test(char)) {
      let end = index + 1;
      while (end < text.length && IDENTIFIER_PART.test(text[end] as string)) end += 1;
      tokens.push({ kind: "identifier", text: text.slice(index, end), start: index, end });
      index = end;
      continue;
    }
    if (/[0-9]/.test(char)) {
      let end = index + 1;
      while (end < text.length && /[0-9.]/.test(text[end] as string)) end += 1;
      tokens.push({ kind: "number", text: text.slice(index, end), start: index, end });
      index = end;
      continue;
    }
    tokens.push({ kind: "punctuation", text: char, start: index, end: index + 1 });
    index += 1;
  }
  return tokens;
}
