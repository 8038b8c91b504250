/**
 * `--history [REV-RANGE]`: streams `git log -p` oldest commit first and turns each hunk into a
 * fragment of its new-side lines (added lines plus a little context for the engine), so memory holds
 * one file's patch at a time whatever the size of the history.
 */
import { streamGitLines } from "./run-git.js";
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

/**
 * Every file patch of every commit reachable from `range` (default HEAD), oldest first, so a key is
 * first met at the commit that introduced it. Merge commits bring no patch of their own (their
 * changes are in the commits they merge), as with plain `git log -p`.
 */
export async function* readHistory(cwd: string, range?: string): AsyncGenerator<HistoryPatch> {
  const args = [
    "log",
    "-p",
    "--reverse",
    `--format=format:%x00commit %H %aI`,
    `--unified=${CONTEXT_LINES}`,
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--find-renames",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    historyRevision(range),
    "--",
  ];
  let commit: CommitInfo | undefined;
  const ready: HistoryPatch[] = [];
  const parser = new UnifiedDiffParser(
    (patch) => {
      if (commit !== undefined) ready.push({ ...commit, patch });
    },
    (line) => {
      if (!line.startsWith(COMMIT_MARKER)) return;
      const [sha = "", authorDate = ""] = line.slice(COMMIT_MARKER.length).split(" ");
      commit = { commit: sha, authorDate };
    },
  );
  for await (const line of streamGitLines(args, { cwd })) {
    parser.push(line);
    if (ready.length > 0) yield* ready.splice(0);
  }
  parser.end();
  yield* ready.splice(0);
}
