/**
 * A unified diff of one file's fix (`--fix-dry-run`), in the form `git apply` and `patch` read:
 * three lines of context, hunks merged when their context meets. Built from the edits themselves,
 * so a fix at each end of a long file costs two small hunks, not a diff of the whole file.
 */
import type { TextEdit } from "../types.js";
import { lineIndexOf, lineStartsOf } from "../../utils/line-index.js";

const CONTEXT_LINES = 3;

/** Control characters from the file would reach the terminal: shown as `\xNN` (tab kept). */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to find them
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Lines with their terminators kept, so a missing final newline shows. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.at(-1) === "" ? lines.slice(0, -1) : lines;
}

function diffLine(prefix: string, line: string): string {
  if (!line.endsWith("\n")) return `${prefix}${printable(line)}\n\\ No newline at end of file\n`;
  const crlf = line.endsWith("\r\n");
  return `${prefix}${printable(line.slice(0, crlf ? -2 : -1))}${crlf ? "\r\n" : "\n"}`;
}

interface Block {
  /** 0-based line range of the old text, end exclusive. */
  oldStart: number;
  oldEnd: number;
  readonly edits: TextEdit[];
}

function range(start: number, count: number): string {
  // An empty side names the line before it, as diff does.
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

/** The diff of `path` when `edits` (disjoint, any order) are applied to `before`; empty without edits. */
export function unifiedDiff(path: string, before: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return "";
  const starts = lineStartsOf(before, "lf");
  const oldLines = splitLines(before);
  const lineCount = oldLines.length;
  // Each edit covers the whole lines it touches; touching or overlapping line ranges form one block.
  const blocks: Block[] = [];
  for (const edit of [...edits].sort((left, right) => left.start - right.start || left.end - right.end)) {
    const oldStart = Math.min(lineIndexOf(starts, edit.start), lineCount);
    const oldEnd = Math.min(Math.max(lineIndexOf(starts, Math.max(edit.start, edit.end - 1)) + 1, oldStart + 1), Math.max(lineCount, 1));
    const last = blocks.at(-1);
    if (last !== undefined && oldStart < last.oldEnd) {
      last.oldEnd = Math.max(last.oldEnd, oldEnd);
      last.edits.push(edit);
    } else {
      blocks.push({ oldStart, oldEnd, edits: [edit] });
    }
  }
  // Old and new lines per block, with lines unchanged at either end trimmed back into context.
  const changes = blocks.map((block) => {
    const from = starts[block.oldStart] ?? before.length;
    const to = starts[block.oldEnd] ?? before.length;
    let replaced = before.slice(from, to);
    for (const edit of [...block.edits].reverse()) replaced = replaced.slice(0, edit.start - from) + edit.text + replaced.slice(edit.end - from);
    const removed = oldLines.slice(block.oldStart, block.oldEnd);
    const added = splitLines(replaced);
    let oldStart = block.oldStart;
    while (removed.length > 0 && added.length > 0 && removed[0] === added[0]) {
      removed.shift();
      added.shift();
      oldStart += 1;
    }
    while (removed.length > 0 && added.length > 0 && removed.at(-1) === added.at(-1)) {
      removed.pop();
      added.pop();
    }
    return { oldStart, oldEnd: oldStart + removed.length, removed, added };
  });
  let output = `--- a/${printable(path)}\n+++ b/${printable(path)}\n`;
  let shift = 0; // new line number minus old line number before the current change
  let index = 0;
  while (index < changes.length) {
    let last = index;
    while (last + 1 < changes.length && (changes[last + 1]?.oldStart ?? 0) - (changes[last]?.oldEnd ?? 0) <= 2 * CONTEXT_LINES) last += 1;
    const first = changes[index];
    const final = changes[last];
    if (first === undefined || final === undefined) break;
    const oldStart = Math.max(0, first.oldStart - CONTEXT_LINES);
    const oldEnd = Math.min(lineCount, final.oldEnd + CONTEXT_LINES);
    let body = "";
    let cursor = oldStart;
    let added = 0;
    let removed = 0;
    for (let changeIndex = index; changeIndex <= last; changeIndex += 1) {
      const change = changes[changeIndex];
      if (change === undefined) continue;
      for (; cursor < change.oldStart; cursor += 1) body += diffLine(" ", oldLines[cursor] ?? "");
      for (const line of change.removed) body += diffLine("-", line);
      for (const line of change.added) body += diffLine("+", line);
      removed += change.removed.length;
      added += change.added.length;
      cursor = change.oldEnd;
    }
    for (; cursor < oldEnd; cursor += 1) body += diffLine(" ", oldLines[cursor] ?? "");
    const context = oldEnd - oldStart - removed;
    output += `@@ -${range(oldStart, oldEnd - oldStart)} +${range(oldStart + shift, context + added)} @@\n${body}`;
    shift += added - removed;
    index = last + 1;
  }
  return output;
}
