/**
 * Runs a scan: streams the walk, scans each file in the main thread for small trees or in a worker
 * pool once the walk proves large enough to pay for thread start-up, and collects findings (small)
 * while file contents are dropped as soon as each file is done.
 */
import { availableParallelism } from "node:os";

import { KeyCopies } from "./confirmed-keys.js";
import type { ScanPool } from "./pool.js";
import { createFragmentScanner } from "./scan-fragment.js";
import type { FragmentScanner } from "./scan-fragment.js";
import type { BatchResult, FileToScan } from "./scan-file.js";
import { scanBatch } from "./scan-file.js";
import type { InventoryItem } from "../readiness/inventory.js";
import type { FileResult, Finding, ScanSettings, ScanSummary, ScanWarning, SkippedFile, SkipReason } from "./types.js";
import type { WalkOptions } from "./walk.js";

/** Below this many files a pool costs more (about 30 ms per worker start) than it saves. */
const POOL_THRESHOLD_FILES = 400;
const MAX_WORKERS = 8;
/** The progress callback is called each time this many more files are done. */
const PROGRESS_EVERY_FILES = 200;

export interface ScanRequest {
  readonly roots: readonly string[];
  readonly walk: WalkOptions;
  readonly settings: ScanSettings;
  /** Called now and then with the number of files done (the CLI's TTY progress line). */
  readonly onProgress?: (filesDone: number) => void;
  /** Worker threads: 0 scans in the main thread; a number forces a pool of that size; default: by tree size. */
  readonly workers?: number;
  /** Awaited once before a pool starts, when the scan has turned out large enough for one. */
  readonly beforePool?: () => Promise<void>;
}

export interface ScanResult {
  readonly findings: Finding[];
  /** With `ScanSettings.inventory`: every file's readiness inventory. */
  readonly inventory?: InventoryItem[];
  readonly skipped: SkippedFile[];
  /** What made the scan cover less than asked; every format shows them. */
  readonly warnings: ScanWarning[];
  readonly summary: ScanSummary;
}

export function emptySkipCounts(): Record<SkipReason, number> {
  return { binary: 0, "too-large": 0, symlink: 0, unreadable: 0, undecodable: 0, "not-a-file": 0, missing: 0 };
}

/** Report order: by path, then position, so output is stable whatever thread finished first. */
export function compareFindings(left: Finding, right: Finding): number {
  if (left.path !== right.path) return left.path < right.path ? -1 : 1;
  return left.line - right.line || left.column - right.column;
}

/**
 * Threads for a pool: the request, never more than the cores (`-j 999` would otherwise start 999
 * threads, each with its own heap, for no speed). By default one per core but the one the main thread
 * keeps (it walks, and scans whenever the workers fall behind), up to 8.
 */
export function poolSize(requested: number | undefined): number {
  return Math.min(requested ?? MAX_WORKERS, requested === undefined ? availableParallelism() - 1 : availableParallelism());
}

export async function scan(request: ScanRequest): Promise<ScanResult> {
  const started = performance.now();
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const warnings: ScanWarning[] = [];
  const inventory: InventoryItem[] = [];
  const summary: ScanSummary = { filesScanned: 0, bytesScanned: 0, findings: 0, suppressed: 0, skipped: emptySkipCounts(), durationMs: 0 };
  let filesDone = 0;

  const keyCopies = new KeyCopies();
  const tally = (result: FileResult): void => {
    keyCopies.add(result.keyCopies);
    if (result.skipped !== undefined) {
      skipped.push(result.skipped);
      summary.skipped[result.skipped.reason] += 1;
    } else {
      summary.filesScanned += 1;
      summary.bytesScanned += result.bytes;
    }
    summary.suppressed += result.suppressed;
    findings.push(...result.findings);
    if (result.inventory !== undefined) inventory.push(...result.inventory);
  };
  const record = (batch: BatchResult): void => {
    // Only threads of a pool hand files back, for the pool's linting worker.
    if (batch.lintElsewhere !== undefined) pool?.handOver(batch.lintElsewhere);
    for (const result of batch.results) tally(result);
    summary.filesScanned += batch.plainFiles;
    summary.bytesScanned += batch.plainBytes;
    const before = filesDone;
    filesDone += batch.results.length + batch.plainFiles;
    if (request.onProgress !== undefined && Math.floor(before / PROGRESS_EVERY_FILES) !== Math.floor(filesDone / PROGRESS_EVERY_FILES)) {
      request.onProgress(filesDone);
    }
  };

  const scanFragment = createFragmentScanner(request.settings);
  // Beside a pool, the main thread leaves linting to the pool's first worker, as the other workers do.
  let scanFragmentBesidePool: FragmentScanner | undefined;
  const scanHere = async (files: readonly FileToScan[]): Promise<void> =>
    record(await scanBatch(files, request.settings, pool === undefined ? scanFragment : (scanFragmentBesidePool ?? scanFragment)));
  const workerCount = poolSize(request.workers);
  const threshold = request.workers !== undefined ? (request.workers > 0 ? 0 : Number.POSITIVE_INFINITY) : workerCount < 1 ? Number.POSITIVE_INFINITY : POOL_THRESHOLD_FILES;
  const buffered: FileToScan[] = [];
  let pool: ScanPool | undefined;

  // The walk and the pool load with the first scan, not with every module that imports this one (git modes).
  const { walkFiles } = await import("./walk.js");
  try {
    for (const item of walkFiles(request.roots, request.walk)) {
      if (item.type === "warning") {
        warnings.push(item.warning);
        continue;
      }
      if (item.type === "skipped") {
        skipped.push(item.skipped);
        summary.skipped[item.skipped.reason] += 1;
        continue;
      }
      if (pool !== undefined) {
        // At each new batch the workers' results come in; while the queue is long the main thread scans too.
        if (pool.add(item.file)) await pool.settle();
        for (let batch = pool.backlogged ? pool.take() : undefined; batch !== undefined; batch = pool.backlogged ? pool.take() : undefined) {
          await scanHere(batch);
          await pool.settle();
        }
        continue;
      }
      buffered.push(item.file);
      // Without a pool to wait for, files are scanned as the walk goes: memory stays flat in any tree.
      if (threshold === Number.POSITIVE_INFINITY) {
        if (buffered.length >= PROGRESS_EVERY_FILES) await scanHere(buffered.splice(0));
        continue;
      }
      if (buffered.length > threshold) {
        const [{ ScanPool }, { DETECTORS_LINTING_ELSEWHERE }] = await Promise.all([import("./pool.js"), import("./detectors/lint-elsewhere.js"), request.beforePool?.()]);
        scanFragmentBesidePool = createFragmentScanner(request.settings, DETECTORS_LINTING_ELSEWHERE);
        pool = new ScanPool(workerCount, request.settings, record);
        for (const file of buffered.splice(0)) pool.add(file);
      }
    }
    if (pool !== undefined) {
      pool.flush();
      for (let batch = pool.take(); batch !== undefined; batch = pool.take()) {
        await scanHere(batch);
        await pool.settle();
      }
      await pool.drain();
    } else {
      for (let start = 0; start < buffered.length; start += PROGRESS_EVERY_FILES) await scanHere(buffered.slice(start, start + PROGRESS_EVERY_FILES));
    }
  } finally {
    await pool?.close();
  }

  findings.push(...keyCopies.copies());
  findings.sort(compareFindings);
  skipped.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  // Files finish in any order across workers; readiness lists what it joins in file order.
  inventory.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : left.line - right.line));
  summary.findings = findings.length;
  summary.durationMs = Math.round(performance.now() - started);
  return { findings, skipped, warnings, summary, ...(request.settings.inventory === true ? { inventory } : {}) };
}
