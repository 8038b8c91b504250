/**
 * `--history [REV-RANGE]`: streams `git log -p` oldest commit first and turns each hunk into a
 * fragment of its new-side lines (added lines plus a little context for the engine), so memory holds
 * one file's patch at a time whatever the size of the history.
 */
import { parseRawDiff } from "./changes.js";
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

/** A file version of the history that could not be read: its commit, path and why. */
export interface UnreadableVersion extends CommitInfo {
  readonly path: string;
  readonly detail: string;
}

export interface HistoryOptions {
  /** File versions whose new-side lines pass this many bytes are reported `tooLarge`, their lines dropped. */
  readonly maxFileBytes: number;
  /** Called for each file version (or whole commit) git could not read; the history goes on. */
  readonly onUnreadable: (version: UnreadableVersion) => void;
}

/**
 * Every file patch of every commit reachable from `range` (default HEAD), oldest first, so a key is
 * first met at the commit that introduced it. Merge commits bring no patch of their own (their
 * changes are in the commits they merge), as with plain `git log -p`.
 *
 * The commits are listed first (`rev-list`, which reads no blob), then their patches streamed by one
 * `git log -p --no-walk --stdin`. When git stops on an object it cannot read, that commit is redone
 * file by file (the unreadable ones reported through `onUnreadable`), and the stream resumes with
 * the next commit: a partial clone or a pruned blob costs the versions it hides, not the history.
 */
export async function* readHistory(cwd: string, range: string | undefined, options: HistoryOptions): AsyncGenerator<HistoryPatch> {
  const listed = await runGit(["rev-list", "--reverse", "--format=%H %aI", historyRevision(range), "--"], { cwd });
  const commits: CommitInfo[] = [];
  for (const line of listed.toString("utf8").split("\n")) {
    if (line === "" || line.startsWith("commit ")) continue;
    const [commit = "", authorDate = ""] = line.split(" ");
    commits.push({ commit, authorDate });
  }
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
      const lines = streamGitLines(["log", "-p", "--no-walk=unsorted", "--stdin", `--format=format:%x00commit %H`, ...PATCH_OPTIONS, "--"], {
        cwd,
        input: batch.map((info) => `${info.commit}\n`).join(""),
        maxLineBytes: options.maxFileBytes,
      });
      for await (const line of lines) {
        parser.push(line);
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

/** One commit's file patches, one `diff-tree` per file, skipping (and reporting) what git cannot read. */
async function* readCommitByFile(
  cwd: string,
  info: CommitInfo,
  done: ReadonlySet<string>,
  options: HistoryOptions,
  reason: string,
): AsyncGenerator<HistoryPatch> {
  let entries: { path: string; blobs: string[] }[];
  try {
    const raw = await runGit(["diff-tree", "-r", "--root", "--raw", "-z", "--no-abbrev", "--no-renames", info.commit, "--"], { cwd });
    entries = parseRawDiff(raw.toString("utf8"))
      .filter((entry) => entry.status !== "D")
      .map((entry) => ({ path: entry.repoPath, blobs: [entry.oldBlob, entry.blob].filter((blob) => !/^0+$/.test(blob)) }));
  } catch (error) {
    // Not even the commit's trees: the whole commit is unreadable.
    options.onUnreadable({ ...info, path: "", detail: error instanceof Error ? error.message : reason });
    return;
  }
  const sizes = await objectSizes(cwd, entries.flatMap((entry) => entry.blobs));
  for (const { path, blobs } of entries) {
    if (done.has(path)) continue;
    const missing = blobs.find((blob) => sizes.get(blob) === undefined);
    if (missing !== undefined) {
      options.onUnreadable({ ...info, path, detail: `git object ${missing} is missing` });
      continue;
    }
    const patches: FilePatch[] = [];
    const parser = new UnifiedDiffParser((patch) => patches.push(patch), () => undefined, options.maxFileBytes);
    for await (const line of streamGitLines(["diff-tree", "-p", "--root", "--no-commit-id", ...PATCH_OPTIONS, info.commit, "--", `:(top,literal)${path}`], {
      cwd,
      maxLineBytes: options.maxFileBytes,
    })) {
      parser.push(line);
    }
    parser.end();
    for (const patch of patches) yield { ...info, patch };
  }
}
