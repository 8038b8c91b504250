/**
 * A small worker_threads pool: the main thread streams the walk and hands out batches of paths;
 * workers read, decode and scan, and send back per batch the files with findings or skips and a count
 * of the rest (never file contents). When more batches wait than the workers hold, the main thread
 * takes one and scans it itself, so the walk never runs far ahead and no core waits on a full queue.
 */
import { Worker } from "node:worker_threads";

import type { BatchResult, FileToScan } from "./scan-file.js";
import type { ScanSettings } from "./types.js";
import type { WorkerReply, WorkerSetup } from "./worker.js";

/** Files per message: large enough to amortise messaging, small enough to balance the load. */
const BATCH_SIZE = 48;
/**
 * Batches handed to each worker ahead, so it has work while the main thread is busy walking or scanning
 * (it hands out more only between its own batches). With 3 a worker of a keys-only corpus scan sat idle
 * for 230-380 ms between batches, with 6 for 80-230 ms; a worker then finishes at most 6 batches (about
 * 15 ms) after the main thread.
 */
const BATCHES_IN_FLIGHT = 6;
/** Batches queued per worker beyond those: past this the main thread scans one itself. */
const QUEUED_BATCHES_PER_WORKER = 2;
/**
 * A worker's young generation (V8's default grows to 32 MiB and more): the linting worker allocates
 * much while ESLint loads and lints, and 8 MiB took 12-15 MiB off the peak RSS of the full corpus scan
 * (195 -> 180-185 MiB) at no measurable CPU cost; the other workers allocate little either way.
 */
const WORKER_YOUNG_GENERATION_MIB = 8;

interface PoolWorker {
  readonly worker: Worker;
  inFlight: number;
}

export class ScanPool {
  private readonly workers: PoolWorker[];
  private pending: FileToScan[] = [];
  private readonly queue: FileToScan[][] = [];
  /** Files the other threads handed back for the first worker, which lints. */
  private toLint: FileToScan[] = [];
  /** Ids of the batches of files to lint the first worker holds. */
  private readonly lintBatches = new Set<number>();
  private nextBatchId = 0;
  private inFlight = 0;
  private failure: Error | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(size: number, settings: ScanSettings, private readonly onBatch: (batch: BatchResult) => void) {
    this.workers = Array.from({ length: size }, (_, index) => {
      // The first worker lints JavaScript and TypeScript: the other threads hand it their files to lint.
      const workerData: WorkerSetup = { settings, lints: index === 0 };
      const poolWorker: PoolWorker = { worker: new Worker(new URL("./worker.js", import.meta.url), { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MIB } }), inFlight: 0 };
      poolWorker.worker.on("message", ({ id, batch }: WorkerReply) => {
        poolWorker.inFlight -= 1;
        this.inFlight -= 1;
        this.lintBatches.delete(id);
        this.onBatch(batch);
        this.dispatch();
      });
      poolWorker.worker.on("error", (error) => {
        this.failure = error;
        this.wake();
      });
      return poolWorker;
    });
  }

  /** Queues a file; true when that completed a batch. */
  add(file: FileToScan): boolean {
    this.pending.push(file);
    if (this.pending.length < BATCH_SIZE) return false;
    this.flush();
    return true;
  }

  /** Queues the files short of a batch (the walk is over). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.queue.push(this.pending);
    this.pending = [];
    this.dispatch();
  }

  /** Files a thread could not finish because the first worker lints (BatchResult.lintElsewhere): that worker scans them. */
  handOver(files: readonly FileToScan[]): void {
    this.toLint.push(...files);
    this.dispatch();
  }

  /** More batches wait than the workers will soon take: the caller should scan one itself. */
  get backlogged(): boolean {
    return this.queue.length > this.workers.length * QUEUED_BATCHES_PER_WORKER;
  }

  /** A queued batch no worker has taken, for the main thread to scan. */
  take(): FileToScan[] | undefined {
    return this.queue.pop();
  }

  /** Lets the workers' messages in (one turn of the event loop); rejects if a worker crashed. */
  async settle(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** Resolves once every queued file is scanned; rejects if a worker crashed. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight > 0 || this.queue.length > 0 || this.toLint.length > 0) {
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private post(poolWorker: PoolWorker, files: readonly FileToScan[]): number {
    const id = this.nextBatchId++;
    poolWorker.inFlight += 1;
    this.inFlight += 1;
    poolWorker.worker.postMessage({ id, files });
    return id;
  }

  private dispatch(): void {
    const linting = this.workers[0];
    if (linting !== undefined && this.toLint.length > 0 && linting.inFlight < BATCHES_IN_FLIGHT) {
      this.lintBatches.add(this.post(linting, this.toLint));
      this.toLint = [];
    }
    for (const poolWorker of this.workers) {
      // Loading ESLint and linting is the longest job of a scan: while the linting worker has files to
      // lint, the other threads (the main thread too, see `backlogged`) share the scanning.
      if (poolWorker === linting && this.lintBatches.size > 0) continue;
      while (poolWorker.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
        const batch = this.queue.shift();
        if (batch === undefined) break;
        this.post(poolWorker, batch);
      }
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
