/**
 * A line-driven parser of git's unified diff output (`git diff -p`, `git log -p`). It keeps only what
 * the scanner needs: each file's new path and, per hunk, the new-side lines (context and added) with
 * their line numbers in the new version. Hunk bodies are consumed by the counts in their `@@` header,
 * so an added line that happens to read `++ b/x` or `diff --git` is never mistaken for a header.
 */

import { OVERLONG_LINE } from "./run-git.js";

/** Line numbers a change adds, as ranges (a 10 MiB file of added lines would be millions of numbers). */
export class AddedLines {
  /** Sorted, disjoint `[first, last]` pairs of 1-based line numbers. */
  private readonly ranges: [number, number][] = [];

  /** Adds `first..first+count-1`; calls come in increasing line order, so adjacent runs merge. */
  add(first: number, count: number): void {
    if (count <= 0) return;
    const last = this.ranges[this.ranges.length - 1];
    if (last !== undefined && last[1] + 1 === first) last[1] += count;
    else this.ranges.push([first, first + count - 1]);
  }

  get size(): number {
    return this.ranges.reduce((total, [first, last]) => total + last - first + 1, 0);
  }

  has(line: number): boolean {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [first, last] = this.ranges[middle]!;
      if (line < first) high = middle - 1;
      else if (line > last) low = middle + 1;
      else return true;
    }
    return false;
  }
}

export interface Hunk {
  /** 1-based line number, in the new version of the file, of the hunk's first new-side line. */
  readonly firstLine: number;
  /** The new-side lines (context and added) joined with LF. */
  readonly text: string;
  /** Lines of `text` (1-based, counted from its first line) that the change adds. */
  readonly added: AddedLines;
}

/** A hunk being read: its new-side lines, kept as strings until the hunk is complete. */
interface OpenHunk {
  readonly firstLine: number;
  readonly lines: string[];
  readonly added: AddedLines;
}

export interface FilePatch {
  /** Path of the new version, relative to the repository root, `/`-separated. */
  readonly path: string;
  readonly hunks: Hunk[];
  /** git printed "Binary files ... differ" instead of hunks (NUL bytes, UTF-16 text included). */
  readonly binary: boolean;
  /** The new-side lines passed the parser's byte limit: `hunks` were dropped, `bytes` says how much there was. */
  readonly tooLarge?: { readonly bytes: number };
}

export const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
/** `Binary files a/x and b/x differ`, names possibly quoted; the new side is /dev/null for a deletion. */
export const BINARY_FILES = /^Binary files .* and ("b\/.*"|b\/.*|\/dev\/null) differ$/;

const ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "\\": 0x5c,
};

/**
 * Undoes git's C-style quoting of a path (`"b/tab\there"`, octal `\303\251` bytes when
 * core.quotePath is on). Unquoted names with a space carry a trailing tab, which is dropped.
 */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw.endsWith("\t") ? raw.slice(0, -1) : raw;
  const bytes: number[] = [];
  for (let index = 1; index < raw.length; index += 1) {
    const char = raw[index]!;
    if (char === '"') break;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = raw[index + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(raw.slice(index + 1, index + 4));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The path after `+++ `, without the `b/` prefix; undefined for `/dev/null` (a deleted file). */
export function newSidePath(header: string): string | undefined {
  const path = unquoteGitPath(header.slice(4));
  if (path === "/dev/null") return undefined;
  return path.startsWith("b/") ? path.slice(2) : path;
}

/**
 * Feed it lines with `push`; each completed file (one with a new path and at least one hunk, or a
 * binary one) is handed to `onFile`. Lines that are not part of a diff (commit headers of `git log`) are passed to
 * `onOtherLine` and end the current file. Call `end` after the last line.
 */
export class UnifiedDiffParser {
  private current: { path: string | undefined; hunks: Hunk[]; binary: boolean; bytes: number; tooLarge: boolean } | undefined;
  private hunk: OpenHunk | undefined;
  private oldRemaining = 0;
  private newRemaining = 0;
  private nextLineNumber = 0;

  constructor(
    private readonly onFile: (patch: FilePatch) => void,
    private readonly onOtherLine: (line: string) => void = () => undefined,
    /** New-side bytes kept per file; past it the file's lines are counted, not kept (memory stays bounded). */
    private readonly maxFileBytes: number = Number.POSITIVE_INFINITY,
  ) {}

  push(line: string): void {
    if (this.hunk !== undefined && (this.oldRemaining > 0 || this.newRemaining > 0)) {
      this.pushHunkLine(line);
      return;
    }
    this.closeHunk();
    if (line.startsWith("diff --git ")) {
      this.flush();
      this.current = { path: undefined, hunks: [], binary: false, bytes: 0, tooLarge: false };
    } else if (line.startsWith("Binary files ") && this.current !== undefined) {
      const newSide = BINARY_FILES.exec(line)?.[1];
      this.current.binary = true;
      this.current.path = newSide === undefined ? undefined : newSidePath(`+++ ${newSide}`);
    } else if (line.startsWith("+++ ") && this.current !== undefined) {
      this.current.path = newSidePath(line);
    } else if (line.startsWith("@@ ") && this.current !== undefined) {
      const header = HUNK_HEADER.exec(line);
      if (header === null) return;
      this.oldRemaining = header[1] === undefined ? 1 : Number(header[1]);
      this.newRemaining = header[3] === undefined ? 1 : Number(header[3]);
      this.nextLineNumber = Number(header[2]);
      this.hunk = { firstLine: this.nextLineNumber, lines: [], added: new AddedLines() };
    } else if (this.current === undefined || !isFileHeaderLine(line)) {
      this.flush();
      this.onOtherLine(line);
    }
  }

  end(): void {
    this.flush();
  }

  private pushHunkLine(line: string): void {
    const marker = line.charCodeAt(0);
    // "-": an old-side line, the bulk of a deletion; nothing to keep.
    if (marker === 0x2d) {
      this.oldRemaining -= 1;
      return;
    }
    // "\ No newline at end of file": belongs to the line before it, counts for neither side.
    if (marker === 0x5c) return;
    const hunk = this.hunk!;
    const file = this.current!;
    const added = marker === 0x2b;
    this.nextLineNumber += 1;
    this.newRemaining -= 1;
    // Otherwise a context line; an empty line here is a context line whose leading space was stripped.
    if (!added) this.oldRemaining -= 1;
    if (file.tooLarge) return;
    file.bytes += line.length;
    if (file.bytes > this.maxFileBytes || (line.charCodeAt(1) === 0 && line.endsWith(OVERLONG_LINE))) {
      file.tooLarge = true;
      file.hunks.length = 0;
      hunk.lines.length = 0;
      return;
    }
    hunk.lines.push(line.slice(1));
    if (added) hunk.added.add(hunk.lines.length, 1);
  }

  /** Joins a complete hunk's lines into one text. */
  private closeHunk(): void {
    const hunk = this.hunk;
    this.hunk = undefined;
    if (hunk === undefined || this.current === undefined || this.current.tooLarge) return;
    this.current.hunks.push({ firstLine: hunk.firstLine, text: hunk.lines.join("\n"), added: hunk.added });
  }

  private flush(): void {
    this.closeHunk();
    const file = this.current;
    this.current = undefined;
    this.hunk = undefined;
    if (file?.path !== undefined && (file.hunks.length > 0 || file.binary)) {
      this.onFile({ path: file.path, hunks: file.tooLarge ? [] : file.hunks, binary: file.binary, ...(file.tooLarge ? { tooLarge: { bytes: file.bytes } } : {}) });
    }
  }
}

/** Extended header lines between `diff --git` and the first hunk. */
function isFileHeaderLine(line: string): boolean {
  return /^(?:--- |index |old mode |new mode |deleted file mode |new file mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |GIT binary patch)/.test(
    line,
  );
}
