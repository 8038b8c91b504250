/**
 * `--staged` and `--diff`: the files a change adds lines to, read as whole blobs (the index's for
 * `--staged`, the target revision's for `--diff`), together with the line numbers the change adds.
 * git says what changed; a blob comes from git's object store, or from the working tree when the
 * file there is that blob byte for byte (same object id). The tree is never walked.
 */
import { createHash } from "node:crypto";
import path from "node:path";

import { hasBinaryExtension } from "../decode.js";
import { readSmallBytes } from "../small-file.js";
import type { SkippedFile } from "../types.js";
import type { GitObject, ObjectStream, RepositoryLocation } from "./run-git.js";
import { GitError, locateRepository, objectSizes, openObjectStream, streamGitLines } from "./run-git.js";
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
  /** Files to read, in the order of `objects`. */
  readonly files: ChangedFile[];
  /** The blobs of `files`, streaming from git (one over the size limit comes without content). */
  readonly objects: AsyncGenerator<GitObject>;
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
 * Reads the patch part of `git diff -p -U0` line by line: with no context lines every new-side line
 * of a hunk is added, so the `@@` headers say it all and hunk bodies are skipped by their counts.
 * Yields, per path, the added line ranges, or "binary" where git printed "Binary files differ".
 */
class AddedLinesReader {
  readonly byPath = new Map<string, AddedLines | "binary">();
  private current: AddedLines | undefined;
  private skip = 0;

  push(line: string): void {
    if (this.skip > 0) {
      // "\ No newline at end of file" follows a body line and counts for neither side.
      if (!line.startsWith("\\")) this.skip -= 1;
      return;
    }
    if (line.startsWith("+++ ")) {
      const path = newSidePath(line);
      this.current = path === undefined ? undefined : new AddedLines();
      if (path !== undefined && this.current !== undefined) this.byPath.set(path, this.current);
    } else if (line.startsWith("@@ ")) {
      const header = HUNK_HEADER.exec(line);
      if (header === null) return;
      const oldCount = header[1] === undefined ? 1 : Number(header[1]);
      const newCount = header[3] === undefined ? 1 : Number(header[3]);
      this.current?.add(Number(header[2]), newCount);
      this.skip = oldCount + newCount;
    } else if (line.startsWith("Binary files ")) {
      const newSide = BINARY_FILES.exec(line)?.[1];
      const path = newSide === undefined ? undefined : newSidePath(`+++ ${newSide}`);
      if (path !== undefined) this.byPath.set(path, "binary");
    } else if (line.startsWith("diff --git ")) {
      this.current = undefined;
    }
  }
}

/** Literal: a Next.js `app/[id]/page.tsx` must not be read as a glob. */
function literalPathspecs(spec: ChangeSpec): string[] {
  return (spec.paths ?? []).map((file) => `:(literal)${file}`);
}

interface Listing {
  readonly entries: RawEntry[];
  readonly added: Map<string, AddedLines | "binary">;
}

/**
 * One `git diff --raw -z -p -U0` for the blob ids, modes and statuses of the changed files and the
 * added line ranges of each. git takes a file over the size limit for binary and never loads it for
 * the patch (core.bigFileThreshold), unless a gitattributes `diff` forces text; patch lines are read
 * capped either way.
 */
async function listChanges(cwd: string, spec: ChangeSpec, maxFileSize: number): Promise<Listing> {
  const entries: RawEntry[] = [];
  const raw = new RawDiffReader((entry) => entries.push(entry));
  const patch = new AddedLinesReader();
  let inPatch = false;
  const args = ["-c", `core.bigFileThreshold=${Math.min(maxFileSize, MAX_THRESHOLD)}`, "diff", "--raw", "-z", "--no-abbrev", "-p", "-U0", "--no-color", ...DIFF_OPTIONS, ...revisionArguments(spec), "--", ...literalPathspecs(spec)];
  for await (const lines of streamGitLines(args, { cwd, maxLineBytes: 4096, rawThenPatch: true })) {
    for (const line of lines) {
      if (inPatch) patch.push(line);
      else if (line === "") inPatch = true;
      else raw.push(line);
    }
  }
  return { entries, added: patch.byPath };
}

/** Bytes of working tree copies held at once (read before the scan starts); past it, git streams the blobs one at a time. */
const WORK_TREE_COPY_BUDGET = 32 * 1024 * 1024;

/** The id git gives `bytes` as a blob (SHA-1, or SHA-256 in a repository that uses it). */
function blobId(bytes: Buffer, idLength: number): string {
  return createHash(idLength === 64 ? "sha256" : "sha1")
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest("hex");
}

/** `file`'s bytes when they are exactly the blob `blob` (a clean filter or CRLF conversion makes them differ), else undefined. */
function workTreeCopy(file: string, blob: string, maxBytes: number): GitObject | undefined {
  const read = readSmallBytes(file, maxBytes);
  if (read.kind !== "bytes" || blobId(read.bytes, blob.length) !== blob) return undefined;
  return { id: blob, content: read.bytes, missing: false, size: read.bytes.length };
}

/** The objects of `files` in order: the working tree copies where there are some, git's stream for the rest. */
async function* inOrder(files: readonly unknown[], copies: readonly (GitObject | undefined)[], fromGit: AsyncGenerator<GitObject>): AsyncGenerator<GitObject> {
  try {
    for (let index = 0; index < files.length; index += 1) {
      const copy = copies[index];
      if (copy !== undefined) {
        yield copy;
        continue;
      }
      const next = await fromGit.next();
      if (next.done === true) return;
      yield next.value;
    }
    // git's stream ends only after its exit status is checked.
    await fromGit.next();
  } finally {
    await fromGit.return(undefined);
  }
}

/** The git work of `--staged` / `--diff`, under way. */
export interface PendingChanges {
  /** Where the repository is; asked while git lists the change. */
  readonly location: Promise<RepositoryLocation>;
  /** The change; the blobs of its files stream from git as soon as it is listed. */
  readonly changes: Promise<Changes>;
  /** Ends git processes still running: the caller will not read the change to the end. */
  stop(): void;
}

export interface ChangeReadOptions {
  readonly maxFileSize: number;
  /** Files not to read, as report paths (config `ignore`, `--include`/`--exclude`). */
  readonly isIgnored?: ((path: string) => boolean) | undefined;
}

/**
 * Starts everything git has to do for `spec` at once, without waiting for the caller: one `git diff`,
 * and `rev-parse` beside it unless `cwd` is plainly the top of a work tree; then the blobs of the
 * files the change adds lines to come from the working tree where the file there is the blob, from
 * `cat-file --batch` otherwise (sizes asked first, with `cat-file --batch-check`, only for files git
 * called binary: a file over `maxFileSize` looks like one). A pre-commit hook of fully staged files
 * thus waits for one git process, while the scanner's modules load. Call `stop` if the change will
 * not be read.
 */
export function startChanges(cwd: string, spec: ChangeSpec, options: ChangeReadOptions): PendingChanges {
  // The diff first: it is the longer of the two.
  const listing = listChanges(cwd, spec, options.maxFileSize);
  const location = locateRepository(cwd, spec.kind === "staged" ? "--staged" : "--diff");
  // Each is awaited below; these only keep an early failure of one from being unhandled meanwhile.
  location.catch(() => undefined);
  listing.catch(() => undefined);
  let stopped = false;
  let objects: ObjectStream | undefined;
  const changes = (async (): Promise<Changes> => {
    // If both fail, the location's error is the one reported (outside a repository, a clear message).
    const { prefix } = await location;
    const { entries, added } = await listing;
    const deletedPaths: string[] = [];
    const unmerged = new Set<string>();
    const skipped: SkippedFile[] = [];
    const toRead: (ChangedFile & { readonly repoPath: string })[] = [];
    const toSize: (ChangedFile & { readonly repoPath: string })[] = [];
    for (const entry of entries) {
      const path = pathFromPrefix(prefix, entry.repoPath);
      if (entry.status === "D") {
        deletedPaths.push(path);
        continue;
      }
      // During a merge conflict the index holds the file's stages, not one blob to commit.
      if (entry.status === "U") {
        unmerged.add(path);
        continue;
      }
      // Submodules (160000) and symlinks (120000) have no text of their own to scan.
      if (!FILE_MODE_REGULAR.test(entry.mode) || NULL_OBJECT.test(entry.blob)) continue;
      const lines = added.get(entry.repoPath);
      const addedLines = lines === "binary" ? undefined : lines;
      if (addedLines !== undefined ? addedLines.size === 0 : !changesContentWithoutHunks(entry)) continue;
      if (options.isIgnored?.(path) === true) continue;
      if (hasBinaryExtension(path)) {
        skipped.push({ path, reason: "binary" });
        continue;
      }
      // git loaded a file it printed hunks for, so it fits under the limit (the size cap of the
      // blob stream catches a gitattributes `diff` forcing text); one it called binary may not.
      (lines === "binary" ? toSize : toRead).push({ path, repoPath: entry.repoPath, blob: entry.blob, addedLines });
    }
    const sizes = await objectSizes(cwd, toSize.map((file) => file.blob));
    for (const file of toSize) {
      const size = sizes.get(file.blob);
      if (size === undefined) skipped.push({ path: file.path, reason: "unreadable", detail: `git object ${file.blob} is missing` });
      else if (size > options.maxFileSize) skipped.push({ path: file.path, reason: "too-large", detail: `${size} bytes` });
      else toRead.push(file);
    }
    if (stopped) throw new GitError("the change was not read");
    // A working tree copy that is the blob byte for byte (same object id) is read from disk: what a
    // commit of fully staged files, or a CI checkout of the diff's end, holds. git reads the rest.
    const workTree = path.resolve(cwd, prefix.split("/").filter(Boolean).map(() => "..").join("/") || ".");
    let budget = WORK_TREE_COPY_BUDGET;
    const copies = toRead.map((file) => {
      const copy = budget > 0 ? workTreeCopy(path.join(workTree, file.repoPath), file.blob, Math.min(options.maxFileSize, budget)) : undefined;
      budget -= copy?.size ?? 0;
      return copy;
    });
    objects = openObjectStream(cwd, toRead.filter((_, index) => copies[index] === undefined).map((file) => file.blob), options.maxFileSize);
    return { files: toRead, objects: inOrder(toRead, copies, objects.objects), skipped, deletedPaths, unmergedPaths: [...unmerged] };
  })();
  changes.catch(() => undefined);
  return {
    location,
    changes,
    stop: () => {
      stopped = true;
      objects?.stop();
    },
  };
}
