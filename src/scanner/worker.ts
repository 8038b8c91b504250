/** Worker thread entry: scans batches of files with the settings it was started with. */
import { parentPort, workerData } from "node:worker_threads";

import { createFragmentScanner } from "./scan-fragment.js";
import { scanBatch } from "./scan-file.js";
import type { FileToScan } from "./scan-file.js";
import type { ScanSettings } from "./types.js";

const settings = workerData as ScanSettings;
const scanFragment = createFragmentScanner(settings);

parentPort?.on("message", async (batch: readonly FileToScan[]) => {
  parentPort?.postMessage(await scanBatch(batch, settings, scanFragment));
});
