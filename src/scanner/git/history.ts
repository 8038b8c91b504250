/**
 * `--history [REV-RANGE]`: streams `git log -p` oldest commit first and turns each hunk into a
 * fragment of its new-side lines (added lines plus a little context for the engine), so memory holds
 * one file's patch at a time whatever the size of the history.
 */
import type { RawEntry } from "./changes.js";
import { parseRawDiff, RawDiffReader } from "./changes.js";
import { GitError, objectSizes, runGit, streamGitLines } from "./run-git.js";
import type { FilePatch } from "./unified-diff.js";
import { UnifiedDiffParser } from "./unified-diff.js";

export interface CommitInfo {
  /** Full commit id. */
  readonly commit: string;
  /** Author date, strict ISO 8601 with the author's offset. */
  readonly authorDate: string;
}

export interface HistoryPatch extends CommitInfo {
  readonly patch: FilePatch;
}

/** Marks our commit header in the stream; no line of a patch can start with a NUL. */
const COMMIT_MARKER = "\0commit ";

/** Context lines around added lines: enough for a host a few lines away to count as context. */
const CONTEXT_LINES = 3;

/** Commits whose file versions are sized up front in one go: bounds what the listing holds. */
const COMMITS_PER_ROUND = 500;

function historyRevision(range: string | undefined): string {
  if (range === undefined) return "HEAD";
  const trimmed = range.trim();
  if (trimmed === "" || trimmed.startsWith("-")) throw new RangeError(`--history needs a revision range, got "${range}"`);
  return trimmed;
}

/** The patch options of every history read: fixed whatever the user's config says. */
const PATCH_OPTIONS = [
  `--unified=${CONTEXT_LINES}`,
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--no-relative",
  "--find-renames",
  "--src-prefix=a/",
  "--dst-prefix=b/",
];

/** git's words when an object of the history is not in the repository (partial or shallow clone, pruned blob). */
const UNREADABLE_OBJECT = /unable to read|could not read|missing (?:blob|tree) object|bad object|invalid object/i;

const NULL_OBJECT = /^0+$/;

/** The objects git reads to diff a raw entry: both sides, minus absent ones and submodules (160000: another repository's commits). */
function blobsToRead(entry: RawEntry): string[] {
  const sides = [entry.oldMode === "160000" ? "" : entry.oldBlob, entry.mode === "160000" ? "" : entry.blob];
  return sides.filter((blob) => blob !== "" && !NULL_OBJECT.test(blob));
}

/** A file version of the history that is not read: its commit, path (empty for a whole commit), why. */
export interface SkippedVersion extends CommitInfo {
  readonly path: string;
  readonly reason: "unreadable" | "too-large";
  readonly detail: string;
}

export interface HistoryOptions {
  /** File versions larger than this are never diffed (`too-large`); the parser also caps new-side bytes at it. */
  readonly maxFileBytes: number;
  /** Called for each file version (or whole commit) that is not read; the history goes on. */
  readonly onSkipped: (version: SkippedVersion) => void;
  /** Paths (relative to `cwd`, taken literally) the history is narrowed to; all when absent. */
  readonly paths?: readonly string[];
}

function pathspecsOf(options: HistoryOptions): string[] {
  return (options.paths ?? []).map((file) => `:(literal)${file}`);
}

/** Paths of one commit to leave out of its patch, with the skip to report (none for a deletion). */
type HeldPaths = Map<string, Omit<SkippedVersion, keyof CommitInfo | "path"> | undefined>;

/**
 * Every file patch of every commit reachable from `range` (default HEAD), oldest first, so a key is
 * first met at the commit that introduced it. Merge commits bring no patch of their own (their
 * changes are in the commits they merge), as with plain `git log -p`.
 *
 * The commits are listed first (`rev-list`, which reads no blob). Then, a round of commits at a
 * time, their file versions are sized (`log --raw`, `cat-file --batch-check`): a version over the
 * limit or missing from the repository is reported and left out of its commit's patch, so git never
 * diffs it. The other commits' patches are streamed by one `git log -p --no-walk --stdin`. When git
 * still stops on an object it cannot read (a missing tree), that commit is redone file by file and
 * the stream resumes with the next: a partial clone or a pruned blob costs the versions it hides,
 * not the history.
 */
export async function* readHistory(cwd: string, range: string | undefined, options: HistoryOptions): AsyncGenerator<HistoryPatch> {
  const listed = await runGit(["rev-list", "--reverse", "--format=%H %aI", historyRevision(range), "--", ...pathspecsOf(options)], { cwd });
  const commits: CommitInfo[] = [];
  for (const line of listed.toString("utf8").split("\n")) {
    if (line === "" || line.startsWith("commit ")) continue;
    const [commit = "", authorDate = ""] = line.split(" ");
    commits.push({ commit, authorDate });
  }
  for (let start = 0; start < commits.length; start += COMMITS_PER_ROUND) {
    const round = commits.slice(start, start + COMMITS_PER_ROUND);
    const held = await versionsNotToDiff(cwd, round, options);
    let next = 0;
    while (next < round.length) {
      const special = round.findIndex((info, index) => index >= next && held.has(info.commit));
      const end = special === -1 ? round.length : special;
      if (end > next) yield* streamPatches(cwd, round.slice(next, end), options);
      if (special === -1) break;
      yield* readCommitWithout(cwd, round[special]!, held.get(round[special]!.commit)!, options);
      next = special + 1;
    }
  }
}

/**
 * The file versions of `commits` that must not be diffed: a new version over `maxFileBytes`, or a
 * version (either side) git does not have. Paths as in the repository. When git cannot even list a
 * commit's changes, nothing is held: the patch stream's own recovery takes over.
 */
async function versionsNotToDiff(cwd: string, commits: readonly CommitInfo[], options: HistoryOptions): Promise<Map<string, HeldPaths>> {
  const { maxFileBytes } = options;
  const changes: { commit: string; entry: RawEntry }[] = [];
  let commit = "";
  const reader = new RawDiffReader(
    (entry) => changes.push({ commit, entry }),
    (field) => {
      if (field.startsWith("\x01")) commit = field.slice(1);
    },
  );
  try {
    const lines = streamGitLines(["log", "--raw", "-z", "--no-abbrev", "--find-renames", "--no-walk=unsorted", "--stdin", "--format=%x01%H", "--", ...pathspecsOf(options)], {
      cwd,
      input: commits.map((info) => `${info.commit}\n`).join(""),
      separator: 0x00,
      maxLineBytes: 64 * 1024,
    });
    for await (const fields of lines) for (const field of fields) reader.push(field);
  } catch (error) {
    if (error instanceof GitError && UNREADABLE_OBJECT.test(error.message)) return new Map();
    throw error;
  }
  const sizes = await objectSizes(cwd, changes.flatMap(({ entry }) => blobsToRead(entry)));
  const held = new Map<string, HeldPaths>();
  const hold = (commit: string, path: string, skip: Omit<SkippedVersion, keyof CommitInfo | "path"> | undefined): void => {
    const paths: HeldPaths = held.get(commit) ?? new Map();
    if (skip !== undefined || !paths.has(path)) paths.set(path, skip);
    held.set(commit, paths);
  };
  for (const change of changes) {
    const { entry } = change;
    const missing = blobsToRead(entry).find((blob) => sizes.get(blob) === undefined);
    if (missing !== undefined) {
      // A deletion adds no line: leave it out without a word.
      hold(change.commit, entry.repoPath, entry.status === "D" ? undefined : { reason: "unreadable", detail: `git object ${missing} is missing` });
      if (entry.fromPath !== entry.repoPath) hold(change.commit, entry.fromPath, undefined);
      continue;
    }
    const size = sizes.get(entry.status === "D" ? entry.oldBlob : entry.blob) ?? 0;
    if (size <= maxFileBytes) continue;
    // git would still read a large blob to print a deletion or even a pure rename: both sides are
    // left out. Only a new version with content of its own is reported.
    const addsContent = entry.status !== "D" && entry.oldBlob !== entry.blob;
    hold(change.commit, entry.repoPath, addsContent ? { reason: "too-large", detail: `${size} bytes` } : undefined);
    if (entry.fromPath !== entry.repoPath) hold(change.commit, entry.fromPath, undefined);
  }
  return held;
}

/** The patches of `commits` (none of them holding a version not to diff) from one `git log -p`. */
async function* streamPatches(cwd: string, commits: readonly CommitInfo[], options: HistoryOptions): AsyncGenerator<HistoryPatch> {
  let next = 0;
  while (next < commits.length) {
    const batch = commits.slice(next);
    const indexOf = new Map(batch.map((info, index) => [info.commit, next + index]));
    const seen = new Set<string>();
    let current = -1;
    const ready: HistoryPatch[] = [];
    const parser = new UnifiedDiffParser(
      (patch) => {
        const info = commits[current];
        if (info === undefined) return;
        seen.add(patch.path);
        ready.push({ ...info, patch });
      },
      (line) => {
        if (!line.startsWith(COMMIT_MARKER)) return;
        current = indexOf.get(line.slice(COMMIT_MARKER.length).trim()) ?? current;
        seen.clear();
      },
      options.maxFileBytes,
    );
    let failure: GitError | undefined;
    try {
      // --no-walk=unsorted keeps stdin's order: oldest first.
      const lines = streamGitLines(["log", "-p", "--no-walk=unsorted", "--stdin", `--format=format:%x00commit %H`, ...PATCH_OPTIONS, "--", ...pathspecsOf(options)], {
        cwd,
        input: batch.map((info) => `${info.commit}\n`).join(""),
        maxLineBytes: options.maxFileBytes,
      });
      for await (const batchOfLines of lines) {
        for (const line of batchOfLines) parser.push(line);
        if (ready.length > 0) yield* ready.splice(0);
      }
      parser.end();
      yield* ready.splice(0);
      return;
    } catch (error) {
      if (!(error instanceof GitError) || !UNREADABLE_OBJECT.test(error.message)) throw error;
      failure = error;
    }
    // The failing commit is the last one git started; the patches it completed before failing stand.
    const failed = Math.max(current, next);
    yield* ready.splice(0, ready.length);
    yield* readCommitByFile(cwd, commits[failed]!, seen, options, failure.message);
    next = failed + 1;
  }
}

/** One commit's patch without the held paths (reported first), from one `diff-tree -p`. */
async function* readCommitWithout(cwd: string, info: CommitInfo, held: HeldPaths, options: HistoryOptions): AsyncGenerator<HistoryPatch> {
  for (const [path, skip] of held) if (skip !== undefined) options.onSkipped({ ...info, path, ...skip });
  const patches: FilePatch[] = [];
  const parser = new UnifiedDiffParser((patch) => patches.push(patch), () => undefined, options.maxFileBytes);
  const excluded = [...held.keys()].map((path) => `:(top,exclude,literal)${path}`);
  try {
    for await (const lines of streamGitLines(["diff-tree", "-p", "--root", "--no-commit-id", ...PATCH_OPTIONS, info.commit, "--", ...(options.paths === undefined ? [":/"] : pathspecsOf(options)), ...excluded], {
      cwd,
      maxLineBytes: options.maxFileBytes,
    })) {
      for (const line of lines) parser.push(line);
    }
    parser.end();
  } catch (error) {
    if (!(error instanceof GitError) || !UNREADABLE_OBJECT.test(error.message)) throw error;
    yield* readCommitByFile(cwd, info, new Set(held.keys()), options, error.message);
    return;
  }
  for (const patch of patches) yield { ...info, patch };
}

/** One commit's file patches, one `diff-tree` per file, skipping (and reporting) what git cannot read. */
async function* readCommitByFile(
  cwd: string,
  info: CommitInfo,
  done: ReadonlySet<string>,
  options: HistoryOptions,
  reason: string,
): AsyncGenerator<HistoryPatch> {
  let entries: { path: string; blob: string; blobs: string[] }[];
  try {
    const raw = await runGit(["diff-tree", "-r", "--root", "--raw", "-z", "--no-abbrev", "--no-renames", info.commit, "--", ...pathspecsOf(options)], { cwd });
    entries = parseRawDiff(raw.toString("utf8"))
      .filter((entry) => entry.status !== "D")
      .map((entry) => ({ path: entry.repoPath, blob: entry.blob, blobs: blobsToRead(entry) }));
  } catch (error) {
    // Not even the commit's trees: the whole commit is unreadable.
    options.onSkipped({ ...info, path: "", reason: "unreadable", detail: error instanceof Error ? error.message : reason });
    return;
  }
  const sizes = await objectSizes(cwd, entries.flatMap((entry) => entry.blobs));
  for (const { path, blob, blobs } of entries) {
    if (done.has(path)) continue;
    const missing = blobs.find((blob) => sizes.get(blob) === undefined);
    if (missing !== undefined) {
      options.onSkipped({ ...info, path, reason: "unreadable", detail: `git object ${missing} is missing` });
      continue;
    }
    const size = sizes.get(blob);
    if (size !== undefined && size > options.maxFileBytes) {
      options.onSkipped({ ...info, path, reason: "too-large", detail: `${size} bytes` });
      continue;
    }
    const patches: FilePatch[] = [];
    const parser = new UnifiedDiffParser((patch) => patches.push(patch), () => undefined, options.maxFileBytes);
    for await (const lines of streamGitLines(["diff-tree", "-p", "--root", "--no-commit-id", ...PATCH_OPTIONS, info.commit, "--", `:(top,literal)${path}`], {
      cwd,
      maxLineBytes: options.maxFileBytes,
    })) {
      for (const line of lines) parser.push(line);
    }
    parser.end();
    for (const patch of patches) yield { ...info, patch };
  }
}
