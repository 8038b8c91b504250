/**
 * JSON (and JSONC) string values with the keys they sit under, and Jupyter notebook cell sources.
 * A tolerant tokenizer, not a parser: malformed files still yield what they hold, and every decoded
 * character keeps the offset it came from, so a key inside an escaped notebook line is reported at
 * the notebook's own line and column.
 */
import type { BoundValue } from "./types.js";

interface Frame {
  readonly kind: "object" | "array";
  /** Key this container sits under (undefined at the top level or inside an array). */
  readonly name: string | undefined;
  /** Object frames: the key of the member being read; undefined while a key is expected. */
  key: string | undefined;
  /** Array frames under a notebook `source`/`text` key: the lines read so far, joined at the close. */
  lines?: { text: string; offsets: number[] };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };

/** Decodes the JSON string starting at the quote at `open`; returns its value, per-char offsets and the index after the closing quote. */
function readString(text: string, open: number): { value: string; offsets: number[]; end: number; escaped: boolean } {
  let value = "";
  const offsets: number[] = [];
  let escaped = false;
  let index = open + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') break;
    if (char === "\n") break; // unterminated string: stop at the line end
    if (char === "\\") {
      escaped = true;
      const next = text[index + 1] ?? "";
      if (next === "u") {
        const code = Number.parseInt(text.slice(index + 2, index + 6), 16);
        offsets.push(index);
        value += Number.isNaN(code) ? "" : String.fromCharCode(code);
        index += 6;
        continue;
      }
      offsets.push(index);
      value += SIMPLE_ESCAPES[next] ?? next;
      index += 2;
      continue;
    }
    offsets.push(index);
    value += char;
    index += 1;
  }
  offsets.push(index);
  return { value, offsets, end: index + 1, escaped };
}

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

function createJsonExtractor(joinCellSources: boolean) {
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
          if (joinCellSources && frame.kind === "array" && (name === "source" || name === "text")) {
            frame.lines = { text: "", offsets: [] };
          }
          stack.push(frame);
          index += 1;
          break;
        }
        case "}":
        case "]": {
          const closed = stack.pop();
          if (closed?.lines !== undefined && closed.lines.text.length > 0) {
            const { text: joined, offsets } = closed.lines;
            offsets.push(index);
            yield { text: joined, names: [], start: offsets[0] ?? index, offsets };
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
          const { value, offsets, end } = readString(text, index);
          if (top?.kind === "object" && top.key === undefined) {
            top.key = value;
          } else if (top?.lines !== undefined) {
            // Drop each line's end offset: the next line's first char follows directly.
            top.lines.text += value;
            top.lines.offsets.push(...offsets.slice(0, -1));
          } else {
            const onePerChar = offsets.length === value.length + 1 && end - index - 2 === value.length;
            yield {
              text: value,
              names: namesOf(stack),
              start: index + 1,
              ...(onePerChar ? {} : { offsets }),
            };
          }
          index = end;
          break;
        }
        case "/": {
          // JSONC comments (appsettings.json and tsconfig-style files allow them).
          const next = text[index + 1];
          if (next === "/") {
            const newline = text.indexOf("\n", index);
            index = newline === -1 ? text.length : newline;
          } else if (next === "*") {
            const close = text.indexOf("*/", index + 2);
            index = close === -1 ? text.length : close + 2;
          } else {
            index += 1;
          }
          break;
        }
        default:
          index += 1;
      }
    }
  };
}

export const extractJson = createJsonExtractor(false);
/** Notebooks: each cell's `source` lines are joined into one value, so names and hosts on other lines of the cell count. */
export const extractNotebook = createJsonExtractor(true);
