/**
 * `--staged` and `--diff`: the files a change adds lines to, read as whole blobs from git's object
 * store (the index for `--staged`, the target revision for `--diff`), never from the working tree,
 * together with the line numbers the change adds. Only git is asked; the tree is never walked.
 */
import path from "node:path";

import { locateRepository, runGit } from "./run-git.js";
import type { FilePatch } from "./unified-diff.js";
import { UnifiedDiffParser } from "./unified-diff.js";

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
  /** The new version's bytes. */
  readonly content: Buffer;
  /**
   * 1-based line numbers of the new version that the change adds; undefined when git gave no text
   * hunks (a file git takes for binary, such as UTF-16 text), in which case every line counts as added.
   */
  readonly addedLines: ReadonlySet<number> | undefined;
}

export interface Changes {
  readonly files: ChangedFile[];
  /** Files the change deletes, relative to the working directory. */
  readonly deletedPaths: string[];
}

/** Output that does not depend on the user's diff settings (renames, prefixes, external tools). */
const DIFF_OPTIONS = ["--no-ext-diff", "--no-textconv", "--no-relative", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/"];

const FILE_MODE_REGULAR = /^100[0-7]{3}$/;
const NULL_OBJECT = /^0+$/;

function revisionArguments(spec: ChangeSpec): string[] {
  if (spec.kind === "staged") return ["--cached"];
  const range = spec.range.trim();
  // A leading dash would make the range an option of git's.
  if (range === "" || range.startsWith("-")) throw new RangeError(`--diff needs a revision range, got "${spec.range}"`);
  return range.includes("..") ? [range] : [range, "HEAD"];
}

interface RawEntry {
  readonly repoPath: string;
  readonly blob: string;
  /** One letter: A, C, D, M, R, T, U, X. */
  readonly status: string;
  /** Similarity of a rename or copy, 0-100; 0 otherwise. */
  readonly score: number;
  readonly oldMode: string;
  readonly mode: string;
}

/** Parses `git diff --raw -z --no-abbrev`: `:oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]`. */
export function parseRawDiff(output: string): RawEntry[] {
  const fields = output.split("\0");
  const entries: RawEntry[] = [];
  for (let index = 0; index < fields.length; index += 1) {
    const header = fields[index]!;
    if (!header.startsWith(":")) continue;
    const [oldMode = "", newMode = "", , newBlob = "", status = ""] = header.slice(1).split(" ");
    const twoPaths = status.startsWith("R") || status.startsWith("C");
    const repoPath = fields[index + (twoPaths ? 2 : 1)] ?? "";
    index += twoPaths ? 2 : 1;
    entries.push({
      repoPath,
      blob: newBlob,
      status: status[0] ?? "",
      score: Number(status.slice(1)) || 0,
      oldMode,
      mode: newMode,
    });
  }
  return entries;
}

/** Parses `git cat-file --batch` output: `<sha> <type> <size>\n<bytes>\n` per object. */
export function parseCatFileBatch(output: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd === -1) break;
    const [sha = "", type = "", size = ""] = output.subarray(offset, headerEnd).toString("latin1").split(" ");
    if (type === "missing" || size === "") {
      offset = headerEnd + 1;
      continue;
    }
    const start = headerEnd + 1;
    const end = start + Number(size);
    blobs.set(sha, output.subarray(start, end));
    offset = end + 1;
  }
  return blobs;
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

function addedLineNumbers(patch: FilePatch): Set<number> {
  const added = new Set<number>();
  for (const hunk of patch.hunks) for (const line of hunk.lines) if (line.added) added.add(line.lineNumber);
  return added;
}

/** Turns a repository-root-relative path into one relative to the working directory. */
export function pathFromPrefix(prefix: string, repoPath: string): string {
  if (prefix === "") return repoPath;
  return path.posix.relative(prefix.replace(/\/$/, ""), repoPath);
}

/** The files `spec` adds lines to, with their new content and added line numbers. */
export async function readChanges(cwd: string, spec: ChangeSpec): Promise<Changes> {
  const mode = spec.kind === "staged" ? "--staged" : "--diff";
  const revisions = revisionArguments(spec);
  // Literal: a Next.js `app/[id]/page.tsx` must not be read as a glob.
  const pathspecs = (spec.paths ?? []).map((file) => `:(literal)${file}`);
  // Asked in parallel; where the repository check fails its clearer message wins.
  const [location, raw, patch] = await Promise.allSettled([
    locateRepository(cwd, mode),
    runGit(["diff", "--raw", "-z", "--no-abbrev", ...DIFF_OPTIONS, ...revisions, "--", ...pathspecs], { cwd }),
    runGit(["diff", "-p", "-U0", "--no-color", ...DIFF_OPTIONS, ...revisions, "--", ...pathspecs], { cwd }),
  ]);
  if (location.status === "rejected") throw location.reason;
  if (raw.status === "rejected") throw raw.reason;
  if (patch.status === "rejected") throw patch.reason;
  const { prefix } = location.value;

  const addedByPath = new Map<string, Set<number>>();
  const parser = new UnifiedDiffParser((file) => {
    if (!file.binary) addedByPath.set(file.path, addedLineNumbers(file));
  });
  for (const line of patch.value.toString("utf8").split("\n")) parser.push(line);
  parser.end();

  const deletedPaths: string[] = [];
  const wanted: { entry: RawEntry; added: Set<number> | undefined }[] = [];
  for (const entry of parseRawDiff(raw.value.toString("utf8"))) {
    if (entry.status === "D") {
      deletedPaths.push(pathFromPrefix(prefix, entry.repoPath));
      continue;
    }
    // Submodules (160000) and symlinks (120000) have no text of their own to scan.
    if (!FILE_MODE_REGULAR.test(entry.mode) || NULL_OBJECT.test(entry.blob)) continue;
    const added = addedByPath.get(entry.repoPath);
    if (added !== undefined ? added.size > 0 : changesContentWithoutHunks(entry)) wanted.push({ entry, added });
  }
  if (wanted.length === 0) return { files: [], deletedPaths };

  const objects = parseCatFileBatch(
    await runGit(["cat-file", "--batch"], { cwd, input: wanted.map(({ entry }) => `${entry.blob}\n`).join("") }),
  );
  const files: ChangedFile[] = [];
  for (const { entry, added } of wanted) {
    const content = objects.get(entry.blob);
    if (content === undefined) throw new Error(`git cat-file did not return blob ${entry.blob} of ${entry.repoPath}`);
    files.push({ path: pathFromPrefix(prefix, entry.repoPath), content, addedLines: added });
  }
  return { files, deletedPaths };
}
