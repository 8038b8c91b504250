/**
 * A small worker_threads pool: the main thread streams the walk and hands out batches of paths;
 * workers read, decode and scan, and send back findings only (never file contents).
 */
import { Worker } from "node:worker_threads";

import type { FileToScan } from "./scan-file.js";
import type { FileResult, ScanSettings } from "./types.js";

/** Files per message: large enough to amortise messaging, small enough to balance the load. */
const BATCH_SIZE = 48;
/** Batches queued per worker so it never waits for the main thread. */
const BATCHES_IN_FLIGHT = 2;

interface PoolWorker {
  readonly worker: Worker;
  inFlight: number;
}

export class ScanPool {
  private readonly workers: PoolWorker[];
  private pending: FileToScan[] = [];
  private readonly queue: FileToScan[][] = [];
  private inFlight = 0;
  private failure: Error | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(size: number, settings: ScanSettings, private readonly onResult: (result: FileResult) => void) {
    this.workers = Array.from({ length: size }, () => {
      const poolWorker: PoolWorker = { worker: new Worker(new URL("./worker.js", import.meta.url), { workerData: settings }), inFlight: 0 };
      poolWorker.worker.on("message", (results: FileResult[]) => {
        poolWorker.inFlight -= 1;
        this.inFlight -= 1;
        for (const result of results) this.onResult(result);
        this.dispatch();
      });
      poolWorker.worker.on("error", (error) => {
        this.failure = error;
        this.wake();
      });
      return poolWorker;
    });
  }

  add(file: FileToScan): void {
    this.pending.push(file);
    if (this.pending.length >= BATCH_SIZE) this.flushPending();
  }

  /** Resolves once every added file is scanned; rejects if a worker crashed. */
  async drain(): Promise<void> {
    this.flushPending();
    while (this.inFlight > 0 || this.queue.length > 0) {
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Lets the walk wait when enough batches are queued, so memory stays bounded on huge trees. */
  async backpressure(): Promise<void> {
    while (this.queue.length > this.workers.length * 4 && this.failure === undefined) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private flushPending(): void {
    if (this.pending.length === 0) return;
    this.queue.push(this.pending);
    this.pending = [];
    this.dispatch();
  }

  private dispatch(): void {
    for (const poolWorker of this.workers) {
      while (poolWorker.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
        const batch = this.queue.shift();
        if (batch === undefined) break;
        poolWorker.inFlight += 1;
        this.inFlight += 1;
        poolWorker.worker.postMessage(batch);
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
