/**
 * `--staged` and `--diff`: the files a change adds lines to, read as whole blobs from git's object
 * store (the index for `--staged`, the target revision for `--diff`), never from the working tree,
 * together with the line numbers the change adds. Only git is asked; the tree is never walked.
 */
import path from "node:path";

import type { SkippedFile } from "../types.js";
import { objectSizes, runGit, streamGitLines } from "./run-git.js";
import { AddedLines, BINARY_FILES, HUNK_HEADER, newSidePath } from "./unified-diff.js";

/**
 * What to compare: the index against HEAD, or two revisions (`BASE`, `BASE..HEAD`, `BASE...HEAD`);
 * `paths` (files or directories, relative to the working directory or absolute) narrow it, as
 * lint-staged passes them.
 */
export type ChangeSpec = (
  | { readonly kind: "staged" }
  | { readonly kind: "diff"; readonly range: string }
) & { readonly paths?: readonly string[] };

export interface ChangedFile {
  /** Relative to the working directory, `/` separators (what reports show). */
  readonly path: string;
  /** The new version's blob. */
  readonly blob: string;
  /**
   * Lines of the new version that the change adds; undefined when git gave no text hunks (a file
   * git takes for binary, such as UTF-16 text), in which case every line counts as added.
   */
  readonly addedLines: AddedLines | undefined;
}

export interface Changes {
  /** Files to read, each known to fit under the size limit. */
  readonly files: ChangedFile[];
  /** Files not read: larger than the limit, or whose blob git does not have. */
  readonly skipped: SkippedFile[];
  /** Files the change deletes, relative to the working directory. */
  readonly deletedPaths: string[];
  /** `--staged` during a merge conflict: paths git cannot stage until the conflict is resolved. */
  readonly unmergedPaths: string[];
}

/** Output that does not depend on the user's diff settings (renames, prefixes, external tools). */
const DIFF_OPTIONS = ["--no-ext-diff", "--no-textconv", "--no-relative", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/"];

const FILE_MODE_REGULAR = /^100[0-7]{3}$/;
/** core.bigFileThreshold fits git's config integers everywhere; no file that large is scanned anyway. */
const MAX_THRESHOLD = 2 ** 31 - 1;
const NULL_OBJECT = /^0+$/;

function revisionArguments(spec: ChangeSpec): string[] {
  if (spec.kind === "staged") return ["--cached"];
  const range = spec.range.trim();
  // A leading dash would make the range an option of git's.
  if (range === "" || range.startsWith("-")) throw new RangeError(`--diff needs a revision range, got "${spec.range}"`);
  return range.includes("..") ? [range] : [range, "HEAD"];
}

export interface RawEntry {
  readonly repoPath: string;
  /** The path before a rename or copy; `repoPath` otherwise. */
  readonly fromPath: string;
  readonly oldBlob: string;
  readonly blob: string;
  /** One letter: A, C, D, M, R, T, U, X. */
  readonly status: string;
  /** Similarity of a rename or copy, 0-100; 0 otherwise. */
  readonly score: number;
  readonly oldMode: string;
  readonly mode: string;
}

/**
 * Reads `--raw -z --no-abbrev` output one NUL-terminated field at a time
 * (`:oldmode newmode oldsha newsha STATUS`, then one path, or two for a rename or copy), so a long
 * history's listing is never held whole. Other fields (the commit lines of `git log --format`) go
 * to `onOther`.
 */
export class RawDiffReader {
  private header: string[] | undefined;
  private paths: string[] = [];

  constructor(
    private readonly onEntry: (entry: RawEntry) => void,
    private readonly onOther: (field: string) => void = () => undefined,
  ) {}

  push(field: string): void {
    if (this.header !== undefined) {
      this.paths.push(field);
      const [oldMode = "", newMode = "", oldBlob = "", newBlob = "", status = ""] = this.header;
      if (this.paths.length < (status.startsWith("R") || status.startsWith("C") ? 2 : 1)) return;
      this.onEntry({
        repoPath: this.paths.at(-1)!,
        fromPath: this.paths[0]!,
        oldBlob,
        blob: newBlob,
        status: status[0] ?? "",
        score: Number(status.slice(1)) || 0,
        oldMode,
        mode: newMode,
      });
      this.header = undefined;
      this.paths = [];
      return;
    }
    // `git log -z` puts a LF between a commit's format line and its first entry.
    const text = field.startsWith("\n") ? field.slice(1) : field;
    if (text.startsWith(":")) this.header = text.slice(1).split(" ");
    else if (text !== "") this.onOther(text);
  }
}

/** Parses `git diff --raw -z --no-abbrev` output whole. */
export function parseRawDiff(output: string): RawEntry[] {
  const entries: RawEntry[] = [];
  const reader = new RawDiffReader((entry) => entries.push(entry));
  for (const field of output.split("\0")) reader.push(field);
  return entries;
}

/**
 * Whether a change that git printed without text hunks still brings new content: git prints
 * "Binary files differ" for anything with NUL bytes, UTF-16 text included. Pure renames and mode
 * changes bring none.
 */
function changesContentWithoutHunks(entry: RawEntry): boolean {
  if (entry.status === "A") return true;
  if (entry.status === "M") return entry.oldMode === entry.mode;
  if (entry.status === "R" || entry.status === "C") return entry.score < 100;
  return false;
}

/** Turns a repository-root-relative path into one relative to the working directory. */
export function pathFromPrefix(prefix: string, repoPath: string): string {
  if (prefix === "") return repoPath;
  return path.posix.relative(prefix.replace(/\/$/, ""), repoPath);
}

/**
 * Added line ranges per path from `git diff -p -U0`, streamed: with no context lines every new-side
 * line of a hunk is added, so the `@@` headers say it all and hunk bodies are skipped by their counts.
 */
async function addedLinesByPath(batches: AsyncIterable<string[]>): Promise<Map<string, AddedLines | "binary">> {
  const byPath = new Map<string, AddedLines | "binary">();
  let current: AddedLines | undefined;
  let skip = 0;
  for await (const lines of batches) for (const line of lines) {
    if (skip > 0) {
      // "\ No newline at end of file" follows a body line and counts for neither side.
      if (!line.startsWith("\\")) skip -= 1;
      continue;
    }
    if (line.startsWith("+++ ")) {
      const path = newSidePath(line);
      current = path === undefined ? undefined : new AddedLines();
      if (path !== undefined && current !== undefined) byPath.set(path, current);
    } else if (line.startsWith("@@ ")) {
      const header = HUNK_HEADER.exec(line);
      if (header === null) continue;
      const oldCount = header[1] === undefined ? 1 : Number(header[1]);
      const newCount = header[3] === undefined ? 1 : Number(header[3]);
      current?.add(Number(header[2]), newCount);
      skip = oldCount + newCount;
    } else if (line.startsWith("Binary files ")) {
      const newSide = BINARY_FILES.exec(line)?.[1];
      const path = newSide === undefined ? undefined : newSidePath(`+++ ${newSide}`);
      if (path !== undefined) byPath.set(path, "binary");
    } else if (line.startsWith("diff --git ")) {
      current = undefined;
    }
  }
  return byPath;
}

/** Literal: a Next.js `app/[id]/page.tsx` must not be read as a glob. */
function literalPathspecs(spec: ChangeSpec): string[] {
  return (spec.paths ?? []).map((file) => `:(literal)${file}`);
}

/**
 * `git diff --raw` of `spec`: it needs nothing from locating the repository, so a caller may start it
 * first and hand it to `readChanges` (a pre-commit hook waits for every git process in turn).
 */
export async function listChanges(cwd: string, spec: ChangeSpec): Promise<Buffer> {
  return runGit(["diff", "--raw", "-z", "--no-abbrev", ...DIFF_OPTIONS, ...revisionArguments(spec), "--", ...literalPathspecs(spec)], { cwd });
}

/**
 * The files `spec` adds lines to, with their blobs and added line numbers, sizes checked
 * (`cat-file --batch-check`) so a file over `maxFileSize` is listed, never read.
 */
export async function readChanges(
  cwd: string,
  spec: ChangeSpec,
  maxFileSize: number,
  prefix: string,
  listing: Promise<Buffer> = listChanges(cwd, spec),
): Promise<Changes> {
  const revisions = revisionArguments(spec);
  const pathspecs = literalPathspecs(spec);
  const raw = await listing;

  const deletedPaths: string[] = [];
  const unmerged = new Set<string>();
  const candidates: RawEntry[] = [];
  for (const entry of parseRawDiff(raw.toString("utf8"))) {
    if (entry.status === "D") {
      deletedPaths.push(pathFromPrefix(prefix, entry.repoPath));
      continue;
    }
    // During a merge conflict the index holds the file's stages, not one blob to commit.
    if (entry.status === "U") {
      unmerged.add(pathFromPrefix(prefix, entry.repoPath));
      continue;
    }
    // Submodules (160000) and symlinks (120000) have no text of their own to scan.
    if (!FILE_MODE_REGULAR.test(entry.mode) || NULL_OBJECT.test(entry.blob)) continue;
    candidates.push(entry);
  }

  if (candidates.length === 0) return { files: [], skipped: [], deletedPaths, unmergedPaths: [...unmerged] };
  // Sizes and the patch at once (a pre-commit hook waits for each git process in turn). git takes a
  // file over the size limit for binary and never loads it for the patch (core.bigFileThreshold),
  // unless a gitattributes `diff` forces text; the patch is read line by line, capped, either way.
  const [sizes, added] = await Promise.all([
    objectSizes(cwd, candidates.map((entry) => entry.blob)),
    addedLinesByPath(
      streamGitLines(["-c", `core.bigFileThreshold=${Math.min(maxFileSize, MAX_THRESHOLD)}`, "diff", "-p", "-U0", "--no-color", ...DIFF_OPTIONS, ...revisions, "--", ...pathspecs], {
        cwd,
        maxLineBytes: 4096,
      }),
    ),
  ]);
  const skipped: SkippedFile[] = [];
  const fitting: RawEntry[] = [];
  for (const entry of candidates) {
    const size = sizes.get(entry.blob);
    const path = pathFromPrefix(prefix, entry.repoPath);
    if (size === undefined) skipped.push({ path, reason: "unreadable", detail: `git object ${entry.blob} is missing` });
    else if (size > maxFileSize) skipped.push({ path, reason: "too-large", detail: `${size} bytes` });
    else fitting.push(entry);
  }
  const files: ChangedFile[] = [];
  for (const entry of fitting) {
    const lines = added.get(entry.repoPath);
    const addedLines = lines === "binary" ? undefined : lines;
    if (addedLines !== undefined ? addedLines.size > 0 : changesContentWithoutHunks(entry)) {
      files.push({ path: pathFromPrefix(prefix, entry.repoPath), blob: entry.blob, addedLines });
    }
  }
  return { files, skipped, deletedPaths, unmergedPaths: [...unmerged] };
}
