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
import { escapeForTerminal } from "../../utils/safe-text.js";
import type { ChangeSpec, PendingChanges } from "./changes.js";
import { pathFromPrefix, startChanges } from "./changes.js";
import type { SkippedVersion } from "./history.js";
import type { AddedLines } from "./unified-diff.js";
import type { RepositoryLocation } from "./run-git.js";
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
function touchesAddedLine(finding: Finding, addedLines: AddedLines | undefined, toGitLine: (line: number) => number): boolean {
  if (addedLines === undefined) return true;
  for (let line = finding.line; line <= finding.endLine; line += 1) if (addedLines.has(toGitLine(line))) return true;
  return false;
}

/**
 * Git numbers lines by LF only; the scanner also breaks at a lone CR (as editors do). Maps a
 * scanner line to git's for a text with lone CRs; the identity otherwise.
 */
function gitLineMapper(text: string): (line: number) => number {
  if (!/\r(?!\n)/.test(text)) return (line) => line;
  const gitLineOf = [0, 1];
  let gitLine = 1;
  for (const match of text.matchAll(/\r\n?|\n/g)) {
    if (match[0] !== "\r") gitLine += 1;
    gitLineOf.push(gitLine);
  }
  return (line) => gitLineOf[line] ?? line;
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

/** What one pass over a change found: reported findings and the coverage a baseline needs. */
interface ChangeScan {
  readonly findings: Finding[];
  readonly covered: Set<string>;
  readonly present: Set<string>;
}

/**
 * Scans the files a change adds lines to, each whole in its new version (so format extractors see the
 * complete file and lines are the new version's), keeping findings on added lines only. Blobs are
 * streamed one at a time.
 */
async function scanChange(
  pending: PendingChanges,
  options: GitScanOptions,
  summary: ScanSummary,
  skip: (entry: SkippedFile) => void,
): Promise<ChangeScan & { readonly unmergedPaths: string[] }> {
  const { files, objects, skipped, deletedPaths, unmergedPaths } = await pending.changes;
  const findings: Finding[] = [];
  const covered = new Set<string>(deletedPaths);
  const present = new Set<string>();
  for (const entry of skipped) skip(entry);
  let index = 0;
  for await (const { content, missing, size } of objects) {
    const file = files[index++]!;
    const { path } = file;
    if (missing) {
      skip({ path, reason: "unreadable", detail: `git object ${file.blob} is missing` });
      continue;
    }
    if (size > options.maxFileSize) {
      skip({ path, reason: "too-large", detail: `${size} bytes` });
      continue;
    }
    const decoded = decodeBytes(content);
    if (decoded.kind === "binary") {
      skip({ path, reason: decoded.reason });
      continue;
    }
    summary.filesScanned += 1;
    summary.bytesScanned += content.length;
    covered.add(path);
    // Scanned whole (not through `lines`) so keys on unchanged lines still count as present.
    const result = await options.scanFragment({ path, text: decoded.text });
    summary.suppressed += result.suppressed;
    const toGitLine = gitLineMapper(decoded.text);
    for (const finding of result.findings) {
      present.add(finding.fingerprint);
      if (touchesAddedLine(finding, file.addedLines, toGitLine)) findings.push(finding);
    }
  }
  return { findings, covered, present, unmergedPaths };
}

/** The commits a `--diff` range adds: `A...B` compares B with the merge base, so its commits are those of `A..B`; a lone `BASE` means `BASE..HEAD`. */
function commitRange(range: string): string {
  const trimmed = range.trim();
  return trimmed.includes("..") ? trimmed.replace("...", "..") : `${trimmed}..HEAD`;
}

/**
 * `--staged` (`{ kind: "staged" }`) and `--diff RANGE`. `--staged` scans the index against HEAD.
 * `--diff` scans the net change of the range and every commit in it: a key added by one commit and
 * removed by a later one is still in the branch's history and will be pushed, so it is reported, at
 * the commit that added it. Each key is reported once per file: where it is at the range's end when
 * it is still there (with the commit that added it), otherwise where that commit put it.
 */
export async function scanChanges(spec: ChangeSpec, options: GitScanOptions, pending: PendingChanges = startChanges(options.cwd, spec, options)): Promise<GitScanResult> {
  try {
    return await scanStartedChanges(spec, options, pending);
  } finally {
    pending.stop();
  }
}

async function scanStartedChanges(spec: ChangeSpec, options: GitScanOptions, pending: PendingChanges): Promise<GitScanResult> {
  const started = performance.now();
  const location = await pending.location;
  // A bare repository has no index: every tracked file would look deleted.
  if (spec.kind === "staged" && location.bare) throw new GitError(`--staged needs a work tree, and ${options.cwd} is a bare repository.`);
  const skipped: SkippedFile[] = [];
  const warnings: ScanWarning[] = [];
  const summary = emptySummary();
  const skippedPaths = new Set<string>();
  const skip = (entry: SkippedFile): void => {
    if (skippedPaths.has(`${entry.path}\0${entry.reason}`)) return;
    skippedPaths.add(`${entry.path}\0${entry.reason}`);
    skipped.push(entry);
    summary.skipped[entry.reason] += 1;
  };
  const net = await scanChange(pending, options, summary, skip);
  for (const path of net.unmergedPaths) {
    warnings.push({
      code: "unmerged-path",
      path,
      message: `${escapeForTerminal(path)} is unmerged (a merge conflict): not scanned. Resolve the conflict, stage the file and scan again.`,
    });
  }
  const findings = net.findings;
  if (spec.kind === "diff") {
    // Every commit of the range, hunk by hunk as --history reads them: a key added then removed
    // inside it is still in what gets pushed. The net change already holds every construct that
    // stays; from the commits come the keys that do not, and the commit that added each finding.
    const byFingerprint = new Map(findings.map((finding, index) => [finding.fingerprint, index]));
    const history = await scanHistory(commitRange(spec.range), options, spec.paths, location);
    for (const finding of history.findings) {
      const known = byFingerprint.get(finding.fingerprint);
      if (known === undefined) {
        if (finding.category !== "leak") continue;
        byFingerprint.set(finding.fingerprint, findings.length);
        findings.push(finding);
      } else if (findings[known]!.commit === undefined) {
        findings[known] = { ...findings[known]!, commit: finding.commit, authorDate: finding.authorDate };
      }
    }
    for (const entry of history.skipped) {
      // Unreadable versions are listed each with its commit, as --history lists them.
      if (entry.reason !== "unreadable") skip(entry);
      else {
        skipped.push(entry);
        summary.skipped.unreadable += 1;
      }
    }
    // A range git can resolve is whole even in a shallow clone: only the unreadable objects warning applies.
    warnings.push(...history.warnings.filter((warning) => warning.code === "unreadable-objects"));
    summary.filesScanned += history.summary.filesScanned;
    summary.bytesScanned += history.summary.bytesScanned;
    summary.suppressed += history.summary.suppressed;
    summary.commitsScanned = history.summary.commitsScanned;
  }
  return finish(started, findings, skipped, summary, { coversPath: (path) => net.covered.has(path), presentFingerprints: net.present }, warnings);
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
export async function scanHistory(
  range: string | undefined,
  options: GitScanOptions,
  paths?: readonly string[],
  /** Already known when `--diff` reads its range's commits. */
  location?: RepositoryLocation,
): Promise<HistoryScanResult> {
  const started = performance.now();
  const { prefix, shallow } = location ?? (await locateRepository(options.cwd, "--history"));
  const findings: HistoryFinding[] = [];
  const skipped: SkippedFile[] = [];
  const warnings: ScanWarning[] = [];
  const summary = emptySummary();
  const reported = new Set<string>();
  const commits = new Set<string>();
  // A key confirmed in one commit makes its unreported copies in any commit findings too.
  const keyCopies = new KeyCopies();
  // One skip entry per path and reason, however many commits changed it.
  const skippedPaths = new Set<string>();
  const skip = (entry: SkippedFile): void => {
    const id = `${entry.path}\0${entry.reason}`;
    if (skippedPaths.has(id)) return;
    skippedPaths.add(id);
    skipped.push(entry);
    summary.skipped[entry.reason] += 1;
  };
  let unreadable = 0;
  const onSkipped = (version: SkippedVersion): void => {
    const path = version.path === "" ? "" : pathFromPrefix(prefix, version.path);
    commits.add(version.commit);
    if (version.reason === "too-large") {
      if (options.isIgnored?.(path) !== true) skip({ path, reason: "too-large", detail: `commit ${version.commit.slice(0, 12)}: ${version.detail}` });
      return;
    }
    unreadable += 1;
    // Not one per path: each unreadable version is its own entry, with its commit.
    skipped.push({ path, reason: "unreadable", detail: `commit ${version.commit.slice(0, 12)}: ${version.detail}` });
    summary.skipped.unreadable += 1;
  };

  // The history reader loads for --history and --diff only, not with every --staged run.
  const { readHistory } = await import("./history.js");
  const history = readHistory(options.cwd, range, { maxFileBytes: options.maxFileSize, onSkipped, ...(paths === undefined ? {} : { paths }) });
  for await (const { commit, authorDate, patch } of withClearUnbornHead(history, range)) {
    commits.add(commit);
    const path = pathFromPrefix(prefix, patch.path);
    if (options.isIgnored?.(path) === true) continue;
    // git's patch has no text for these; UTF-16 files land here too (a known gap of history mode).
    if (patch.binary || hasBinaryExtension(path)) {
      skip({ path, reason: "binary" });
      continue;
    }
    if (patch.tooLarge !== undefined) {
      skip({ path, reason: "too-large", detail: `commit ${commit.slice(0, 12)}: over ${options.maxFileSize} bytes of lines` });
      continue;
    }
    summary.filesScanned += 1;
    for (const hunk of patch.hunks) {
      if (hunk.added.size === 0) continue;
      summary.bytesScanned += Buffer.byteLength(hunk.text);
      const result = await options.scanFragment({ path, text: hunk.text, firstLine: hunk.firstLine, lines: hunk.added });
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
  if (unreadable > 0) {
    warnings.push({
      code: "unreadable-objects",
      message: `${unreadable} file version${unreadable === 1 ? "" : "s"} of the history could not be read from git (a partial or shallow clone, or pruned objects): listed as skipped, their lines not scanned.`,
    });
  }
  if (shallow) {
    warnings.push({
      code: "shallow-history",
      message: `The repository is a shallow clone: --history covered only the ${commits.size} commit${commits.size === 1 ? "" : "s"} it holds. Fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) to scan every commit.`,
    });
  }
  const result = finish(started, findings, skipped, summary, { coversPath: () => true, presentFingerprints: reported }, warnings);
  return { ...result, summary: { ...result.summary, commitsScanned: commits.size } };
}
