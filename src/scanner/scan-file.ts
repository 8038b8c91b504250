/** Reading one file from disk into a fragment: size limit, binary detection, decoding; errors become skips. */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";

import { classifyBytes, decodeBytes, hasBinaryExtension } from "./decode.js";
import { triggeredDetectors } from "./detectors/index.js";
import { mayHoldKey } from "./prefilter.js";
import type { FragmentScanner } from "./scan-fragment.js";
import type { FileResult, FindingCategory } from "./types.js";

export interface FileToScan {
  readonly absolutePath: string;
  /** Relative to the working directory, `/` separators. */
  readonly path: string;
}

/**
 * Files are read into one reused buffer (grown as needed, up to the size limit): the bytes never
 * outlive the scan (decoded text is a copy), and one allocation per file kept the GC busy.
 */
let scratch = Buffer.allocUnsafeSlow(1 << 20);
const MAX_SCRATCH_BYTES = 16 << 20;

const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : String(error);
}

export async function scanFile(
  file: FileToScan,
  settings: { readonly maxFileSize: number; readonly categories: readonly FindingCategory[] },
  scanFragment: FragmentScanner,
): Promise<FileResult> {
  const { maxFileSize, categories } = settings;
  const { path } = file;
  if (hasBinaryExtension(path)) return { findings: [], suppressed: 0, bytes: 0, skipped: { path, reason: "binary" } };
  let bytes: Buffer;
  let descriptor: number | undefined;
  try {
    // O_NONBLOCK would be needed for FIFOs; the walk only hands over regular files, fstat checks again.
    descriptor = openSync(file.absolutePath, "r");
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { findings: [], suppressed: 0, bytes: 0, skipped: { path, reason: "not-a-file" } };
    if (stats.size > maxFileSize) {
      return { findings: [], suppressed: 0, bytes: 0, skipped: { path, reason: "too-large", detail: `${stats.size} bytes` } };
    }
    if (stats.size > scratch.length && stats.size <= MAX_SCRATCH_BYTES) {
      scratch = Buffer.allocUnsafeSlow(Math.min(MAX_SCRATCH_BYTES, Math.max(stats.size, scratch.length * 2)));
    }
    // A file beyond the cap (only with a raised --max-file-size) gets a buffer of its own, freed after.
    bytes = stats.size <= scratch.length ? scratch : Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < stats.size) {
      const count = readSync(descriptor, bytes, read, stats.size - read, read);
      if (count === 0) break;
      read += count;
    }
    bytes = bytes.subarray(0, read);
  } catch (error) {
    return { findings: [], suppressed: 0, bytes: 0, skipped: { path, reason: "unreadable", detail: errorCode(error) } };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
  const kind = classifyBytes(bytes);
  // YAML may hide a key in base64 (Kubernetes secrets), which the byte test cannot see.
  const mayHoldLeak = categories.includes("leak") && (YAML_EXTENSIONS.has(extname(path).toLowerCase()) || mayHoldKey(bytes));
  if (kind === "utf8" && !mayHoldLeak && triggeredDetectors(path, bytes, categories).length === 0) {
    return { findings: [], suppressed: 0, bytes: bytes.length };
  }
  const decoded = decodeBytes(bytes, kind);
  if (decoded.kind === "binary") return { findings: [], suppressed: 0, bytes: 0, skipped: { path, reason: decoded.reason } };
  const { findings, suppressed, keyCopies } = await scanFragment({ path, text: decoded.text });
  return { findings, suppressed, bytes: bytes.length, ...(keyCopies === undefined ? {} : { keyCopies }) };
}
