/** Data shared by every part of the scanner: what a source yields, what a scan finds, what it skipped. */
import type { Confidence, DetectorId } from "../detect/index.js";

/**
 * One piece of text to scan. Sources (the file walk today; staged blobs, diffs and history later)
 * turn their input into fragments; everything after that is source-agnostic.
 */
export interface SourceFragment {
  /** Path shown in reports: relative to the working directory, `/` separators. */
  readonly path: string;
  readonly text: string;
  /** Line number of the fragment's first line in the original file (1 for whole files, a hunk's start for diffs). */
  readonly firstLine?: number;
  /** Lines of `text` (1-based within the fragment) that are scanned; absent means all (diffs pass added lines). */
  readonly lines?: ReadonlySet<number>;
}

/** One reported key. Never holds the raw secret: only its mask and fingerprint. */
export interface Finding {
  readonly ruleId: DetectorId;
  readonly severity: "error" | "warning";
  readonly confidence: Confidence;
  readonly path: string;
  /** 1-based line and column (UTF-16 code units) of the key's first and last-plus-one characters. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  /** `maskSecret` of the key. */
  readonly secret: string;
  /** `fingerprintSecret(secret, path)`: stable across line moves, different per file. */
  readonly fingerprint: string;
  readonly service: string;
  /** "YYYY-MM" for identifiable keys, null for 32-hex keys. */
  readonly createdAt: string | null;
  /** `--history` only: the commit that added the key. */
  readonly commit?: string;
  /** `--history` only: that commit's author date, ISO 8601 with the author's offset. */
  readonly authorDate?: string;
}

export type SkipReason = "binary" | "too-large" | "symlink" | "unreadable" | "undecodable" | "not-a-file";

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  /** Extra detail for warnings, e.g. the OS error code or the size. */
  readonly detail?: string;
}

export interface ScanSummary {
  filesScanned: number;
  bytesScanned: number;
  findings: number;
  /** Findings dropped by inline comments, allowed fingerprints or allowed values. */
  suppressed: number;
  skipped: Record<SkipReason, number>;
  durationMs: number;
  /** `--history` only: commits read. */
  commitsScanned?: number;
  /** With `--baseline` or `--write-baseline`: findings the baseline accepted. */
  baselined?: number;
  /** With `--baseline`: entries that match no key where the scan looked. */
  staleBaselineEntries?: number;
}

/** What a single file contributed; the unit workers send back to the main thread. */
export interface FileResult {
  readonly findings: readonly Finding[];
  readonly suppressed: number;
  readonly bytes: number;
  readonly skipped?: SkippedFile;
}

/** Settings every file scan needs; plain data so it crosses into worker threads unchanged. */
export interface ScanSettings {
  readonly detectors: readonly DetectorId[];
  readonly maxFileSize: number;
  readonly allowFingerprints: readonly string[];
  /** Exact values, or regex sources written as `/source/flags`. */
  readonly allowValues: readonly string[];
}
