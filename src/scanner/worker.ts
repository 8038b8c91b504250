/** Worker thread entry: scans batches of files with the settings it was started with. */
import { parentPort, workerData } from "node:worker_threads";

import { FINDING_DETECTORS } from "./detectors/index.js";
import { DETECTORS_LINTING_ELSEWHERE } from "./detectors/lint-elsewhere.js";
import { createFragmentScanner } from "./scan-fragment.js";
import { scanBatch } from "./scan-file.js";
import type { BatchResult, FileToScan } from "./scan-file.js";
import type { ScanSettings } from "./types.js";

/** A batch of files to scan, numbered by the pool. */
export interface WorkerBatch {
  readonly id: number;
  readonly files: readonly FileToScan[];
}

/** What a batch gave, under the batch's number (batches finish out of order when one waits for a parser). */
export interface WorkerReply {
  readonly id: number;
  readonly batch: BatchResult;
}

export interface WorkerSetup {
  readonly settings: ScanSettings;
  /** Whether this worker lints JavaScript and TypeScript files; the others hand those files back. */
  readonly lints: boolean;
}

const { settings, lints } = workerData as WorkerSetup;
const scanFragment = createFragmentScanner(settings, lints ? FINDING_DETECTORS : DETECTORS_LINTING_ELSEWHERE);

parentPort?.on("message", async ({ id, files }: WorkerBatch) => {
  const reply: WorkerReply = { id, batch: await scanBatch(files, settings, scanFragment) };
  parentPort?.postMessage(reply);
});
