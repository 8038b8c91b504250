/**
 * JSON (and JSONC) string values with the keys they sit under, and Jupyter notebook cell sources.
 * A tolerant tokenizer, not a parser: malformed files still yield what they hold.
 *
 * Linear in time and lean in memory: every string is first a slice of the file text (V8 shares the
 * chars), tested by the byte prefilter's rule before anything is decoded; a string that may hold a key
 * is decoded in one native `JSON.parse`, and the way back from a match to the file is a walk over the
 * raw string done for that match only, never an offset per char. So a key inside an escaped notebook
 * line is still reported at the notebook's own line and column, and a 10 MB embedded HTML output
 * costs a few times its size, not a hundred.
 */
import { textMayHoldKey } from "../prefilter.js";
import type { BoundValue, OffsetMap } from "./types.js";

/** Shortest value worth yielding: no key the engine knows is shorter than a 32-hex key. */
const MIN_KEY_LENGTH = 32;

interface Frame {
  readonly kind: "object" | "array";
  /** Key this container sits under (undefined at the top level or inside an array). */
  readonly name: string | undefined;
  /** Object frames: the key of the member being read; undefined while a key is expected. */
  key: string | undefined;
  /** Array frames under a notebook `source`/`text` key: the lines read so far, joined at the close. */
  lines?: RawString[];
}

/** A JSON string as it stands in the file: `text.slice(start, start + raw.length)`, escapes and all. */
interface RawString {
  readonly raw: string;
  readonly start: number;
  readonly escaped: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };

/** `indexOf` that says "not found" as `text.length`, so a missing char is never searched for again. */
const find = (text: string, char: string, from: number): number => {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
};

/**
 * The JSON string starting at the quote at `open`, undecoded (a slice shares the file's chars), and
 * the index after its closing quote. An unterminated string stops at the line end.
 */
function readString(text: string, open: number): { readonly string: RawString; readonly end: number } {
  const first = open + 1;
  const newline = find(text, "\n", first);
  let index = first;
  let escaped = false;
  for (;;) {
    const quote = Math.min(find(text, '"', index), newline);
    const escape = find(text, "\\", index);
    if (escape >= quote) return { string: { raw: text.slice(first, quote), start: first, escaped }, end: quote + 1 };
    escaped = true;
    index = escape + 2;
  }
}

/** The decoded JSON string at the quote at `open`, and the index after it (the ARM reader of src/iac reads strings so). */
export function readJsonString(text: string, open: number): { readonly value: string; readonly end: number } {
  const { string, end } = readString(text, open);
  return { value: decode(string), end };
}

/** Chars one escape stands for (`\u` with bad digits stands for none), and its width in the file. */
function escapeAt(raw: string, index: number): { readonly decoded: string; readonly width: number } {
  const next = raw[index + 1] ?? "";
  if (next !== "u") return { decoded: SIMPLE_ESCAPES[next] ?? next, width: next === "" ? 1 : 2 };
  const code = Number.parseInt(raw.slice(index + 2, index + 6), 16);
  return { decoded: Number.isNaN(code) ? "" : String.fromCharCode(code), width: Math.min(6, raw.length - index) };
}

/**
 * The value of a raw JSON string. Well-formed strings are decoded by the engine's own JSON parser in
 * one native pass; the tolerant decoder below (raw control chars, unknown escapes) runs only when that
 * throws.
 */
function decode(string: RawString): string {
  if (!string.escaped) return string.raw;
  try {
    return JSON.parse(`"${string.raw}"`) as string;
  } catch {
    let value = "";
    let index = 0;
    for (let escape = string.raw.indexOf("\\"); escape !== -1; escape = string.raw.indexOf("\\", index)) {
      const { decoded, width } = escapeAt(string.raw, escape);
      value += string.raw.slice(index, escape) + decoded;
      index = escape + width;
    }
    return value + string.raw.slice(index);
  }
}

/**
 * The file offset of char `target` of the decoded value (its length included): a walk over the raw
 * string, paid only for a match, never an offset table per char.
 */
function fileOffset(string: RawString, target: number): number {
  if (!string.escaped) return string.start + target;
  const { raw } = string;
  let decoded = 0;
  let index = 0;
  while (index < raw.length) {
    const escape = find(raw, "\\", index);
    if (decoded + (escape - index) >= target) return string.start + index + (target - decoded);
    decoded += escape - index;
    if (escape === raw.length) break;
    const { decoded: chars, width } = escapeAt(raw, escape);
    if (decoded + chars.length > target) return string.start + escape;
    decoded += chars.length;
    index = escape + width;
  }
  return string.start + raw.length;
}

/** Lines joined into one value: the offset of a char is found in the line that holds it. */
function joinedOffsetMap(lines: readonly RawString[], lengths: readonly number[]): OffsetMap {
  const starts: number[] = [];
  let total = 0;
  for (const length of lengths) {
    starts.push(total);
    total += length;
  }
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    // Cell lines end in "\n" and a key holds none, so a match never ends where the next line starts.
    return fileOffset(lines[low]!, index - starts[low]!);
  };
}

/**
 * Strings longer than this are left to the whole-text pass (which reads them as they stand in the
 * file, names and hosts around them included): they are blobs (an embedded HTML or image output, a
 * bundled file), where decoding costs a copy and the JSON key says nothing about a key inside.
 */
export const MAX_DECODED_STRING_LENGTH = 256 * 1024;

/** A raw string that could hold a key once decoded (an escape only ever breaks a hex run). */
const mayHoldKey = (string: RawString): boolean =>
  string.raw.length >= MIN_KEY_LENGTH && string.raw.length <= MAX_DECODED_STRING_LENGTH && textMayHoldKey(string.raw);

function namesOf(stack: readonly Frame[]): string[] {
  const names: string[] = [];
  for (let depth = stack.length - 1; depth >= 0; depth -= 1) {
    const frame = stack[depth];
    if (frame === undefined) continue;
    if (frame.kind === "object" && frame.key !== undefined && depth === stack.length - 1) names.push(frame.key);
    if (frame.name !== undefined) names.push(frame.name);
  }
  return names;
}

const rawLength = (lines: readonly RawString[]): number => lines.reduce((total, line) => total + line.raw.length, 0);

/**
 * `joinCellSources`: notebooks' `source`/`text` arrays become one value each. `keysOnly`: yield only
 * values that may hold a key (the leak extractor); otherwise every joined array, whatever its size.
 */
function createJsonExtractor(joinCellSources: boolean, keysOnly = true) {
  return function* extractJson(text: string): Iterable<BoundValue> {
    const stack: Frame[] = [];
    let index = 0;
    while (index < text.length) {
      const char = text[index];
      const top = stack.at(-1);
      switch (char) {
        case "{":
        case "[": {
          const name = top?.kind === "object" ? top.key : undefined;
          const frame: Frame = { kind: char === "{" ? "object" : "array", name, key: undefined };
          if (joinCellSources && frame.kind === "array" && (name === "source" || name === "text")) frame.lines = [];
          stack.push(frame);
          index += 1;
          break;
        }
        case "}":
        case "]": {
          const closed = stack.pop();
          // Decoded and joined only when a line could hold a key; the names and hosts around it may sit on other lines.
          // An empty cell (`"source": []`) has nothing to yield.
          const wanted =
            closed?.lines !== undefined &&
            closed.lines.length > 0 &&
            (!keysOnly || (closed.lines.some(mayHoldKey) && rawLength(closed.lines) <= MAX_DECODED_STRING_LENGTH));
          if (closed?.lines !== undefined && wanted) {
            const values = closed.lines.map(decode);
            yield {
              text: values.join(""),
              names: [],
              start: closed.lines[0]!.start,
              offsetOf: joinedOffsetMap(
                closed.lines,
                values.map((value) => value.length),
              ),
            };
          }
          const parent = stack.at(-1);
          if (parent?.kind === "object") parent.key = undefined;
          index += 1;
          break;
        }
        case ",": {
          if (top?.kind === "object") top.key = undefined;
          index += 1;
          break;
        }
        case '"': {
          const { string, end } = readString(text, index);
          if (top?.kind === "object" && top.key === undefined) {
            top.key = decode(string);
          } else if (top?.lines !== undefined) {
            top.lines.push(string);
          } else if (keysOnly && mayHoldKey(string)) {
            yield {
              text: decode(string),
              names: namesOf(stack),
              start: string.start,
              ...(string.escaped ? { offsetOf: (target: number) => fileOffset(string, target) } : {}),
            };
          }
          index = end;
          break;
        }
        case "/": {
          // JSONC comments (appsettings.json and tsconfig-style files allow them).
          const next = text[index + 1];
          if (next === "/") {
            index = find(text, "\n", index);
          } else if (next === "*") {
            const close = text.indexOf("*/", index + 2);
            index = close === -1 ? text.length : close + 2;
          } else {
            index += 1;
          }
          break;
        }
        default: {
          // Skip to the next char that matters in one search instead of one step per char.
          STRUCTURAL.lastIndex = index + 1;
          const found = STRUCTURAL.exec(text);
          index = found === null ? text.length : found.index;
        }
      }
    }
  };
}

const STRUCTURAL = /[{}[\],"/]/g;

export const extractJson = createJsonExtractor(false);
/** Notebooks: each cell's `source` lines are joined into one value, so names and hosts on other lines of the cell count. */
export const extractNotebook = createJsonExtractor(true, true);
/** Every joined `source`/`text` array of a notebook, in document order, whatever it holds (usage detectors). */
export const extractNotebookSources = createJsonExtractor(true, false);
