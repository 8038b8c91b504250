/**
 * A line-driven parser of git's unified diff output (`git diff -p`, `git log -p`). It keeps only what
 * the scanner needs: each file's new path and, per hunk, the new-side lines (context and added) with
 * their line numbers in the new version. Hunk bodies are consumed by the counts in their `@@` header,
 * so an added line that happens to read `++ b/x` or `diff --git` is never mistaken for a header.
 */

import { OVERLONG_LINE } from "./run-git.js";

export interface HunkLine {
  /** 1-based line number in the new version of the file. */
  readonly lineNumber: number;
  readonly text: string;
  /** True for `+` lines, false for context lines. */
  readonly added: boolean;
}

export interface Hunk {
  /** New-side lines in order; their line numbers are consecutive. */
  readonly lines: HunkLine[];
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
  private hunk: Hunk | undefined;
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
    this.hunk = undefined;
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
      this.hunk = { lines: [] };
      this.current.hunks.push(this.hunk);
    } else if (this.current === undefined || !isFileHeaderLine(line)) {
      this.flush();
      this.onOtherLine(line);
    }
  }

  end(): void {
    this.flush();
  }

  private pushHunkLine(line: string): void {
    const hunk = this.hunk!;
    const marker = line[0];
    const file = this.current!;
    if (marker !== "-" && marker !== "\\") {
      file.bytes += line.length;
      if (!file.tooLarge && (file.bytes > this.maxFileBytes || line.endsWith(OVERLONG_LINE))) {
        file.tooLarge = true;
        for (const kept of file.hunks) kept.lines.length = 0;
      }
      if (file.tooLarge) {
        this.nextLineNumber += 1;
        this.newRemaining -= 1;
        if (marker !== "+") this.oldRemaining -= 1;
        return;
      }
    }
    if (marker === "+") {
      hunk.lines.push({ lineNumber: this.nextLineNumber, text: line.slice(1), added: true });
      this.nextLineNumber += 1;
      this.newRemaining -= 1;
    } else if (marker === "-") {
      this.oldRemaining -= 1;
    } else if (marker === "\\") {
      // "\ No newline at end of file": belongs to the line before it, counts for neither side.
    } else {
      // A context line; an empty line here is a context line whose leading space was stripped.
      hunk.lines.push({ lineNumber: this.nextLineNumber, text: line.slice(1), added: false });
      this.nextLineNumber += 1;
      this.oldRemaining -= 1;
      this.newRemaining -= 1;
    }
  }

  private flush(): void {
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
