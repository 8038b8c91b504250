/**
 * The git modes end to end: read what git says changed, hand it to the scanner's fragment scanner,
 * keep findings on added lines only, and say what was covered so a baseline can tell stale entries.
 */
import type { BaselineCoverage } from "../baseline.js";
import { KeyCopies } from "../confirmed-keys.js";
import { decodeBytes, hasBinaryExtension } from "../decode.js";
import type { FragmentScanner } from "../scan-fragment.js";
import type { ScanResult } from "../scan.js";
import { compareFindings, emptySkipCounts } from "../scan.js";
import type { Finding, ScanSummary, ScanWarning, SkippedFile } from "../types.js";
import type { ChangeSpec } from "./changes.js";
import { pathFromPrefix, readChanges } from "./changes.js";
import { readHistory } from "./history.js";
import { GitError, locateRepository } from "./run-git.js";

export interface GitScanOptions {
  /** Directory git runs in; report paths are relative to it. */
  readonly cwd: string;
  readonly maxFileSize: number;
  readonly scanFragment: FragmentScanner;
  /** Config `ignore` globs, as for the walk: they apply to files git tracks too. Paths as in reports. */
  readonly isIgnored?: (path: string) => boolean;
}

/** A finding from `--history`: where and when the key entered the repository. */
export type HistoryFinding = Finding & {
  readonly commit: string;
  readonly authorDate: string;
};

export interface GitScanResult<F extends Finding = Finding> extends ScanResult {
  readonly findings: F[];
  /** For `applyBaseline`: which files were read whole and which keys they hold. */
  readonly coverage: BaselineCoverage;
}

export interface HistoryScanResult extends GitScanResult<HistoryFinding> {
  readonly summary: ScanSummary & { commitsScanned: number };
}

/** A key on an added line, or a construct (a client, a resource) any of whose lines was added. */
function touchesAddedLine(finding: Finding, addedLines: ReadonlySet<number> | undefined): boolean {
  if (addedLines === undefined) return true;
  for (let line = finding.line; line <= finding.endLine; line += 1) if (addedLines.has(line)) return true;
  return false;
}

function emptySummary(): ScanSummary {
  return { filesScanned: 0, bytesScanned: 0, findings: 0, suppressed: 0, skipped: emptySkipCounts(), durationMs: 0 };
}

function finish<F extends Finding>(
  started: number,
  findings: F[],
  skipped: SkippedFile[],
  summary: ScanSummary,
  coverage: BaselineCoverage,
  warnings: ScanWarning[] = [],
): GitScanResult<F> {
  findings.sort(compareFindings);
  skipped.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  summary.findings = findings.length;
  summary.durationMs = Math.round(performance.now() - started);
  return { findings, skipped, warnings, summary, coverage };
}

/**
 * `--staged` (`{ kind: "staged" }`) and `--diff RANGE`: each changed file is scanned whole, in its
 * new version, so format extractors see the complete file and lines are the new version's; only
 * findings on added lines are reported.
 */
export async function scanChanges(spec: ChangeSpec, options: GitScanOptions): Promise<GitScanResult> {
  const started = performance.now();
  const { files, deletedPaths } = await readChanges(options.cwd, spec);
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const summary = emptySummary();
  const covered = new Set<string>(deletedPaths);
  const present = new Set<string>();

  const skip = (entry: SkippedFile): void => {
    skipped.push(entry);
    summary.skipped[entry.reason] += 1;
  };
  for (const file of files) {
    const { path } = file;
    if (options.isIgnored?.(path) === true) continue;
    if (hasBinaryExtension(path)) {
      skip({ path, reason: "binary" });
      continue;
    }
    if (file.content.length > options.maxFileSize) {
      skip({ path, reason: "too-large", detail: `${file.content.length} bytes` });
      continue;
    }
    const decoded = decodeBytes(file.content);
    if (decoded.kind === "binary") {
      skip({ path, reason: "binary" });
      continue;
    }
    summary.filesScanned += 1;
    summary.bytesScanned += file.content.length;
    covered.add(path);
    // Scanned whole (not through `lines`) so keys on unchanged lines still count as present.
    const result = await options.scanFragment({ path, text: decoded.text });
    summary.suppressed += result.suppressed;
    for (const finding of result.findings) {
      present.add(finding.fingerprint);
      if (touchesAddedLine(finding, file.addedLines)) findings.push(finding);
    }
  }
  return finish(started, findings, skipped, summary, { coversPath: (path) => covered.has(path), presentFingerprints: present });
}

/** On an unborn branch git only says "bad revision 'HEAD'"; say what it means. */
async function* withClearUnbornHead<T>(patches: AsyncGenerator<T>, range: string | undefined): AsyncGenerator<T> {
  try {
    yield* patches;
  } catch (error) {
    if (range === undefined && error instanceof GitError && error.message.endsWith("bad revision 'HEAD'")) {
      throw new GitError("--history: the repository has no commits yet (HEAD does not name a commit)");
    }
    throw error;
  }
}

/**
 * `--history [RANGE]`: every hunk of every commit, oldest first; a key is reported once per path
 * (by fingerprint), at the first commit that adds it. Counts are per file version: `filesScanned`
 * is the number of (commit, file) patches read.
 */
export async function scanHistory(range: string | undefined, options: GitScanOptions): Promise<HistoryScanResult> {
  const started = performance.now();
  const { prefix } = await locateRepository(options.cwd, "--history");
  const findings: HistoryFinding[] = [];
  const skipped: SkippedFile[] = [];
  const summary = emptySummary();
  const reported = new Set<string>();
  const commits = new Set<string>();
  // A key confirmed in one commit makes its unreported copies in any commit findings too.
  const keyCopies = new KeyCopies();
  // One skip entry per path, however many commits changed it.
  const skippedPaths = new Set<string>();
  const skip = (path: string): void => {
    if (skippedPaths.has(path)) return;
    skippedPaths.add(path);
    skipped.push({ path, reason: "binary" });
    summary.skipped.binary += 1;
  };

  for await (const { commit, authorDate, patch } of withClearUnbornHead(readHistory(options.cwd, range), range)) {
    commits.add(commit);
    const path = pathFromPrefix(prefix, patch.path);
    if (options.isIgnored?.(path) === true) continue;
    // git's patch has no text for these; UTF-16 files land here too (a known gap of history mode).
    if (patch.binary || hasBinaryExtension(path)) {
      skip(path);
      continue;
    }
    summary.filesScanned += 1;
    for (const hunk of patch.hunks) {
      const added = new Set<number>();
      hunk.lines.forEach((line, index) => {
        if (line.added) added.add(index + 1);
      });
      if (added.size === 0) continue;
      const text = hunk.lines.map((line) => line.text).join("\n");
      summary.bytesScanned += Buffer.byteLength(text);
      const result = await options.scanFragment({ path, text, firstLine: hunk.lines[0]!.lineNumber, lines: added });
      summary.suppressed += result.suppressed;
      keyCopies.add(result.keyCopies, { commit, authorDate });
      for (const finding of result.findings) {
        if (reported.has(finding.fingerprint)) continue;
        reported.add(finding.fingerprint);
        findings.push({ ...finding, commit, authorDate });
      }
    }
  }
  for (const copy of keyCopies.copies()) {
    if (reported.has(copy.fingerprint)) continue;
    reported.add(copy.fingerprint);
    findings.push(copy as HistoryFinding);
  }
  const result = finish(started, findings, skipped, summary, { coversPath: () => true, presentFingerprints: reported });
  return { ...result, summary: { ...result.summary, commitsScanned: commits.size } };
}
