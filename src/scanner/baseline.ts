/**
 * Baselines: a reviewed list of accepted findings. `--baseline FILE` suppresses findings whose
 * fingerprint it lists; `--write-baseline FILE` writes one. The file holds masked secrets and
 * fingerprints only (`fingerprintSecret(secret, path)`: no line, no column, no date), sorted, so
 * it survives code moving and diffs cleanly in review.
 */
import path from "node:path";

import { describeJsonError, readSmallFile, writeFileAtomically } from "./small-file.js";

import type { Finding } from "./types.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly path: string;
  readonly ruleId: string;
  /** Masked, as in reports; leaks only (usage and IaC findings hold no secret). */
  readonly secret?: string;
  readonly fingerprint: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly entries: readonly BaselineEntry[];
}

/** A baseline file that is missing, not JSON, or not shaped like a baseline; the CLI exits 2. */
export class BaselineError extends Error {
  override readonly name = "BaselineError";
}

/**
 * What a scan looked at, so that only entries it could have seen count as stale: a staged scan
 * sees a few files, a full scan sees all of them.
 */
export interface BaselineCoverage {
  /** Whether the scan read the whole current content of `path`. */
  readonly coversPath: (path: string) => boolean;
  /** Fingerprints of every key in the covered content, reported or not. */
  readonly presentFingerprints: ReadonlySet<string>;
}

export interface BaselineOutcome<F extends Finding> {
  /** Findings the baseline does not list. */
  readonly kept: F[];
  /** How many findings it suppressed. */
  readonly suppressed: number;
  /** Entries whose key the scan no longer finds where it looked: candidates for removal. */
  readonly stale: BaselineEntry[];
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

function compareEntries(left: BaselineEntry, right: BaselineEntry): number {
  const byPath = left.path < right.path ? -1 : left.path > right.path ? 1 : 0;
  if (byPath !== 0) return byPath;
  return left.fingerprint < right.fingerprint ? -1 : left.fingerprint > right.fingerprint ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Coverage of a scan that read every file: every entry it did not find is stale. */
export function fullCoverage(findings: readonly Finding[]): BaselineCoverage {
  return { coversPath: () => true, presentFingerprints: new Set(findings.map((finding) => finding.fingerprint)) };
}

/**
 * Reads `--baseline FILE`. Besides the baseline format it accepts an earlier `--format json`
 * report, whose findings carry the same fields.
 */
export function readBaseline(file: string, shownAs: string = file): Baseline {
  const read = readSmallFile(file);
  if (read.kind === "absent") throw new BaselineError(`cannot read baseline ${shownAs}: ENOENT.`);
  if (read.kind === "refused") throw new BaselineError(`cannot read baseline ${shownAs}: ${read.detail}.`);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (error) {
    throw new BaselineError(`baseline ${shownAs} is not valid JSON: ${describeJsonError(error, read.text)}.`);
  }
  const list = isRecord(data) ? (data.entries ?? data.findings) : undefined;
  if (!isRecord(data) || !Array.isArray(list)) {
    throw new BaselineError(`baseline ${shownAs} must be an object with an "entries" array (as --write-baseline writes it).`);
  }
  const entries = list.map((item: unknown, index): BaselineEntry => {
    if (!isRecord(item) || typeof item.fingerprint !== "string" || !FINGERPRINT.test(item.fingerprint)) {
      throw new BaselineError(`baseline ${shownAs}: entry ${index + 1} has no valid "fingerprint" (64 lower-case hex digits).`);
    }
    return {
      path: typeof item.path === "string" ? item.path : "",
      ruleId: typeof item.ruleId === "string" ? item.ruleId : "",
      ...(typeof item.secret === "string" ? { secret: item.secret } : {}),
      fingerprint: item.fingerprint,
    };
  });
  return { version: BASELINE_VERSION, entries };
}

/** Drops the findings `baseline` lists and finds its stale entries within `coverage`. */
export function applyBaseline<F extends Finding>(
  findings: readonly F[],
  baseline: Baseline,
  coverage: BaselineCoverage = fullCoverage(findings),
): BaselineOutcome<F> {
  const accepted = new Set(baseline.entries.map((entry) => entry.fingerprint));
  const kept = findings.filter((finding) => !accepted.has(finding.fingerprint));
  const stale = baseline.entries
    .filter((entry) => coverage.coversPath(entry.path) && !coverage.presentFingerprints.has(entry.fingerprint))
    .sort(compareEntries);
  return { kept, suppressed: findings.length - kept.length, stale };
}

/**
 * The baseline accepting `findings` (taken before any baseline suppression). Entries of `previous`
 * for files the scan did not cover are kept, so a `--staged` run does not forget the rest.
 */
export function createBaseline(
  findings: readonly Finding[],
  options: { readonly previous?: Baseline; readonly coverage?: BaselineCoverage } = {},
): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  const coverage = options.coverage ?? fullCoverage(findings);
  for (const entry of options.previous?.entries ?? []) {
    if (!coverage.coversPath(entry.path)) byFingerprint.set(entry.fingerprint, entry);
  }
  for (const finding of findings) {
    const { path, ruleId, fingerprint } = finding;
    byFingerprint.set(fingerprint, { path, ruleId, ...(finding.category === "leak" ? { secret: finding.secret } : {}), fingerprint });
  }
  return { version: BASELINE_VERSION, entries: [...byFingerprint.values()].sort(compareEntries) };
}

/** Stable text: fixed key order, sorted entries, two-space indent, final newline. */
export function formatBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries]
    .sort(compareEntries)
    .map(({ path, ruleId, secret, fingerprint }) => ({ path, ruleId, ...(secret === undefined ? {} : { secret }), fingerprint }));
  return `${JSON.stringify({ version: baseline.version, entries }, null, 2)}\n`;
}

export function writeBaseline(file: string, baseline: Baseline, shownAs: string = file): void {
  try {
    writeFileAtomically(file, formatBaseline(baseline));
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new BaselineError(`cannot write baseline ${shownAs}: ${code}.`);
  }
}

/** What the summary says about the baseline of a run. */
export interface BaselineSummary {
  /** Findings the baseline accepted (with `--write-baseline`: every finding, now accepted). */
  readonly baselined: number;
  /** Entries of the baseline that match nothing where the scan looked. */
  readonly staleBaselineEntries: number;
}

/**
 * Coverage of a directory scan of `roots` (absolute, or relative to `cwd` as finding paths are):
 * entries under another folder are not judged.
 */
export function coverageOfRoots(cwd: string, roots: readonly string[], findings: readonly Finding[]): BaselineCoverage {
  const prefixes = roots.map((root) => path.relative(cwd, path.resolve(cwd, root)).split(path.sep).join("/") || ".");
  const covers = (file: string): boolean =>
    prefixes.some((prefix) => prefix === "." || file === prefix || file.startsWith(`${prefix}/`));
  return { coversPath: covers, presentFingerprints: new Set(findings.map((finding) => finding.fingerprint)) };
}

/**
 * `--baseline FILE` and `--write-baseline FILE` around a finished scan (file names relative to
 * `cwd`): returns the findings left to report. `--write-baseline` accepts every current finding,
 * so none is left.
 */
export function useBaselineFiles<F extends Finding>(
  findings: readonly F[],
  options: { readonly cwd: string; readonly baseline?: string | undefined; readonly writeBaseline?: string | undefined },
  coverage: BaselineCoverage = fullCoverage(findings),
): { readonly findings: F[]; readonly summary: BaselineSummary | undefined } {
  const { cwd, baseline, writeBaseline: target } = options;
  if (baseline === undefined && target === undefined) return { findings: [...findings], summary: undefined };
  const previous = baseline === undefined ? undefined : readBaseline(path.resolve(cwd, baseline), baseline);
  if (target !== undefined) {
    const written = createBaseline(findings, { ...(previous === undefined ? {} : { previous }), coverage });
    writeBaseline(path.resolve(cwd, target), written, target);
    return { findings: [], summary: { baselined: findings.length, staleBaselineEntries: 0 } };
  }
  const outcome = applyBaseline(findings, previous!, coverage);
  return { findings: outcome.kept, summary: { baselined: outcome.suppressed, staleBaselineEntries: outcome.stale.length } };
}
