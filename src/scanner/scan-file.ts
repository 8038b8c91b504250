/** Reading one file from disk into a fragment: size limit, binary detection, decoding; errors become skips. */
import { constants as bufferConstants } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

import { readFully, readThroughChunks } from "./chunked-read.js";
import type { ByteKind } from "./decode.js";
import { BINARY_EXTENSIONS, BINARY_PROBE_BYTES, classifyBytes, decodeBytes } from "./decode.js";
import type { FindingDetector } from "./detectors/index.js";
import { extractorFor } from "./extract/index.js";
import { FINDING_DETECTORS, hasTriggerWord, triggeredDetectors } from "./detectors/index.js";
import { LintElsewhere } from "./detectors/lint-elsewhere.js";
import type { ChunkEdges } from "./prefilter.js";
import { KEY_TEST_SPAN, mayHoldKey } from "./prefilter.js";
import type * as ReadinessModule from "../readiness/inventory.js";
import type { FragmentScanner, Prefiltered } from "./scan-fragment.js";
import type { FileResult, FindingCategory, SkipReason, SourceFragment } from "./types.js";

export interface FileToScan {
  readonly absolutePath: string;
  /** Relative to the working directory, `/` separators. */
  readonly path: string;
}

/**
 * Files are read into one reused buffer: the bytes never outlive the scan (decoded text is a copy),
 * and one allocation per file kept the GC busy. Larger files are read through it in chunks
 * (readLargeFile), and only those that need decoding are read whole, into a second buffer: growing
 * this one for every larger file faulted new pages in every thread for files that mostly need nothing.
 */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/**
 * A large file that needs decoding is read whole into a second buffer, kept for the next one: with a
 * buffer of its own each, ten 9.5 MB notebooks (each holds hex ids, so each is decoded) cost 6,600
 * more page faults and 0.15 s more CPU. It grows to the largest such file up to MAX_REUSED_BYTES; a
 * larger one (only with a raised --max-file-size) gets its own, freed after.
 */
let wholeFile: Buffer | undefined;
const MAX_REUSED_BYTES = 16 << 20;

function wholeFileBuffer(size: number): Buffer {
  if (size > MAX_REUSED_BYTES) return Buffer.allocUnsafe(size);
  if (wholeFile === undefined || wholeFile.length < size) {
    wholeFile = Buffer.allocUnsafeSlow(Math.min(MAX_REUSED_BYTES, Math.max(size, (wholeFile?.length ?? 0) * 2)));
  }
  return wholeFile;
}

/** Tests read files in small chunks; the first chunk must hold the bytes that classifyBytes looks at. */
export function useScratchBuffer(bytes: number): void {
  if (bytes < BINARY_PROBE_BYTES) throw new RangeError(`the scratch buffer holds at least ${BINARY_PROBE_BYTES} bytes, got ${bytes}`);
  scratch = Buffer.allocUnsafeSlow(bytes);
}

/**
 * The largest file turned into one string: V8 cannot hold a longer one (about 512 Mi UTF-16 units),
 * and a UTF-8 file never decodes to more units than it has bytes. Larger files (only with a raised
 * --max-file-size) are skipped as too large instead of aborting the scan.
 */
export const MAX_TEXT_BYTES = bufferConstants.MAX_STRING_LENGTH;

/** Never blocks on a FIFO or a device that slipped past the walk; never follows a symlink swapped in. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : String(error);
}

/** Companion files are small by nature (parameters files); larger ones are not read. */
const MAX_COMPANION_BYTES = 256 << 10;

/** The files beside `absolutePath` that the triggered detectors ask for, by name; unreadable ones are left out. */
function readCompanions(absolutePath: string, detectors: readonly FindingDetector[]): Map<string, string> | undefined {
  const wanted = detectors.filter((detector) => detector.companions !== undefined);
  if (wanted.length === 0) return undefined;
  const companions = new Map<string, string>();
  const own = basename(absolutePath);
  let names: string[];
  try {
    names = readdirSync(dirname(absolutePath));
  } catch {
    return companions;
  }
  for (const name of names) {
    if (name === own || !wanted.some((detector) => detector.companions?.(name))) continue;
    const companion = join(dirname(absolutePath), name);
    try {
      if (statSync(companion).isFile() && statSync(companion).size <= MAX_COMPANION_BYTES) companions.set(name, readFileSync(companion, "utf8"));
    } catch {
      // A companion that cannot be read only means less context for the detector.
    }
  }
  return companions;
}

/** What reading and scanning one file needs of the scan settings. */
export interface ScanFileSettings {
  readonly maxFileSize: number;
  readonly categories: readonly FindingCategory[];
  readonly inventory?: boolean;
}

type Readiness = typeof ReadinessModule;

/** Readiness only: its module (and the template readers behind it) loads for readiness runs alone. */
async function readinessFor(settings: ScanFileSettings): Promise<Readiness | undefined> {
  return settings.inventory === true ? await import("../readiness/inventory.js") : undefined;
}

export async function scanFile(file: FileToScan, settings: ScanFileSettings, scanFragment: FragmentScanner): Promise<FileResult> {
  const result = scanFileWith(file, settings, scanFragment, await readinessFor(settings));
  return typeof result === "number" ? { findings: [], suppressed: 0, bytes: result } : await result;
}

/**
 * Synchronous up to the decision that the file needs the engine (about 1 file in 200): the rest of a
 * batch costs no promise per file, and no result either: a file with nothing to report is its byte
 * count. The bytes live in the shared scratch buffer, so the file is decoded before anything is
 * awaited, and the caller awaits one file before it reads the next. What most files never reach
 * (sizes, skips, large files, decoding) is in helpers: V8 optimizes this function early, and each
 * branch first taken after that threw the optimized code away.
 */
function scanFileWith(
  file: FileToScan,
  settings: ScanFileSettings,
  scanFragment: FragmentScanner,
  readiness: Readiness | undefined,
): number | FileResult | Promise<FileResult> {
  const { path } = file;
  const extension = extname(path).toLowerCase();
  if (BINARY_EXTENSIONS.has(extension)) return skipped(path, "binary");
  let bytes: Buffer | number | FileResult;
  let descriptor: number | undefined;
  try {
    // The walk only hands over regular files; a FIFO or symlink swapped in since is opened without blocking or following.
    descriptor = openSync(file.absolutePath, OPEN_FLAGS);
    // Most files are smaller than the scratch buffer: one read, and a short read of a regular file is its
    // end. An empty read, a full one or a failed one asks fstat for the size and whether this is a regular
    // file at all (a device or an empty FIFO swapped in since the walk is one of those three).
    const probe = Math.min(scratch.length, settings.maxFileSize + 1);
    const length = readStart(descriptor, probe);
    bytes = length > 0 && length < probe ? scratch.subarray(0, length) : readBySize(descriptor, length, path, extension, settings, readiness);
  } catch (error) {
    return readFailure(path, error);
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
  if (!Buffer.isBuffer(bytes)) return bytes;
  const { categories } = settings;
  const kind = classifyBytes(bytes);
  const mayHoldLeak = mayHoldLeakIn(path, extension, bytes, categories);
  const wantsInventory = readiness !== undefined && readiness.mayHoldInventory(path, bytes);
  // UTF-8 bytes hold an ASCII trigger word exactly where their text does; other encodings are searched once decoded.
  const triggered = kind === "utf8" ? triggeredDetectors(path, bytes, categories) : undefined;
  if (kind === "utf8" && !mayHoldLeak && !wantsInventory && triggered?.length === 0) return bytes.length;
  return decodeAndScan(file, bytes, kind, { mayHoldLeak, wantsInventory, triggered }, settings, scanFragment, readiness);
}

function skipped(path: string, reason: SkipReason, detail?: string): FileResult {
  return { findings: [], suppressed: 0, bytes: 0, skipped: { path, reason, ...(detail === undefined ? {} : { detail }) } };
}

/** The first read into the scratch buffer: its byte count, or -1 when it failed (fstat then says why). */
function readStart(descriptor: number, probe: number): number {
  try {
    return readSync(descriptor, scratch, 0, probe, 0);
  } catch {
    // A regular file that cannot be read fails again in readBySize, with its code.
    return -1;
  }
}

function readFailure(path: string, error: unknown): FileResult {
  const code = errorCode(error);
  return code === "ELOOP" ? skipped(path, "symlink") : skipped(path, "unreadable", code);
}

/**
 * A file the first read did not end (empty, failed, or filling the scratch buffer), by what fstat
 * says: a skip, its bytes, or (a large file with nothing to scan) its byte count. A full first read
 * (`length` bytes) left the start of a large file in the scratch buffer.
 */
function readBySize(
  descriptor: number,
  length: number,
  path: string,
  extension: string,
  settings: ScanFileSettings,
  readiness: Readiness | undefined,
): Buffer | number | FileResult {
  const stats = fstatSync(descriptor);
  if (!stats.isFile()) return skipped(path, "not-a-file");
  if (stats.size > settings.maxFileSize) return skipped(path, "too-large", `${stats.size} bytes`);
  if (stats.size > MAX_TEXT_BYTES) return skipped(path, "too-large", `${stats.size} bytes, over the longest string Node.js can hold`);
  if (stats.size <= scratch.length) return scratch.subarray(0, readFully(descriptor, scratch, stats.size));
  return readLargeFile(descriptor, stats.size, Math.max(0, length), path, extension, settings, readiness);
}

/** What the byte tests said of a file that needs more than them. */
interface ByteDecisions {
  readonly mayHoldLeak: boolean;
  readonly wantsInventory: boolean;
  /** The triggered detectors of a UTF-8 file; other encodings are searched once decoded. */
  readonly triggered: FindingDetector[] | undefined;
}

function decodeAndScan(
  file: FileToScan,
  bytes: Buffer,
  kind: ByteKind,
  decisions: ByteDecisions,
  settings: ScanFileSettings,
  scanFragment: FragmentScanner,
  readiness: Readiness | undefined,
): FileResult | Promise<FileResult> {
  const { path } = file;
  const decoded = decodeBytes(bytes, kind);
  if (decoded.kind === "binary") return skipped(path, decoded.reason);
  const detectors = decisions.triggered ?? triggeredDetectors(path, decoded.text, settings.categories);
  const companions = readCompanions(file.absolutePath, detectors);
  const fragment = { path, text: decoded.text, ...(companions === undefined ? {} : { companions }) };
  // The byte test of keys holds for UTF-8 only.
  const prefiltered = { detectorIds: detectors.map((detector) => detector.id), mayHoldLeak: kind !== "utf8" || decisions.mayHoldLeak };
  return scanText(fragment, bytes.length, scanFragment, prefiltered, decisions.wantsInventory ? readiness : undefined);
}

/**
 * Whether the engine must read the file for keys. YAML may hide a key in base64 (Kubernetes secrets),
 * which the byte test cannot see. The looser reading first: it says no for nearly every file, before
 * the file name is looked at.
 */
function mayHoldLeakIn(path: string, extension: string, bytes: Buffer, categories: readonly FindingCategory[], edges?: ChunkEdges): boolean {
  return (
    categories.includes("leak") &&
    (YAML_EXTENSIONS.has(extension) || (mayHoldKey(bytes, "values", edges) && (extractorFor(path) !== undefined || mayHoldKey(bytes, "text", edges))))
  );
}

/** The longest byte string any chunk test looks for, read from the tests' own words; undefined until a large file comes. */
let longestTestedSpan: number | undefined;

/** How many bytes consecutive chunks share: one less than the longest byte string a chunk test looks for. */
export function chunkOverlap(readiness: Readiness | undefined): number {
  longestTestedSpan ??= Math.max(KEY_TEST_SPAN, ...FINDING_DETECTORS.flatMap((detector) => detector.triggers.map((word) => Buffer.byteLength(word))));
  return Math.max(longestTestedSpan, readiness?.INVENTORY_TRIGGER_SPAN ?? 0) - 1;
}

/**
 * A file larger than the scratch buffer (a bundle, generated code) gets the byte tests of every file
 * chunk by chunk: its byte count when no chunk may hold anything, else the whole file (in the reused
 * second buffer), scanned as any other. YAML, and with readiness settings files and templates, always
 * say maybe, so they are read whole at once; so are files with a BOM of a wide encoding, which the
 * first chunk shows. A file the first read already shows to be binary is skipped as decoding would
 * skip it, unread. Out of scanFileWith, whose hot path V8 re-optimized each time a rare branch in it ran.
 */
function readLargeFile(
  descriptor: number,
  size: number,
  filled: number,
  path: string,
  extension: string,
  settings: ScanFileSettings,
  readiness: Readiness | undefined,
): number | Buffer | FileResult {
  // `filled` is the whole scratch buffer (at least the binary probe) or 0 after a failed first read.
  if (filled > 0 && classifyBytes(scratch.subarray(0, filled)) === "binary") return skipped(path, "binary");
  const { categories } = settings;
  return readThroughChunks(
    descriptor,
    size,
    scratch,
    filled,
    chunkOverlap(readiness),
    (chunk, edges) =>
      (edges.atFileStart && classifyBytes(chunk) !== "utf8") ||
      mayHoldLeakIn(path, extension, chunk, categories, edges) ||
      (readiness !== undefined && readiness.mayHoldInventory(path, chunk)) ||
      hasTriggerWord(path, chunk, categories),
    wholeFileBuffer,
  );
}

async function scanText(
  fragment: SourceFragment,
  bytes: number,
  scanFragment: FragmentScanner,
  prefiltered: Prefiltered,
  readiness: Readiness | undefined,
): Promise<FileResult> {
  const { findings, suppressed, keyCopies } = await scanFragment(fragment, prefiltered);
  return {
    findings,
    suppressed,
    bytes,
    ...(keyCopies === undefined ? {} : { keyCopies }),
    ...(readiness === undefined ? {} : { inventory: await readiness.inventoryOf(fragment) }),
  };
}

/** What a batch of files gave: the files with anything to report one by one, the others only counted. */
export interface BatchResult {
  readonly results: FileResult[];
  /** Files scanned with nothing to report (no finding, skip, suppression, key evidence or inventory), and their bytes. */
  readonly plainFiles: number;
  readonly plainBytes: number;
  /** Files to scan again in the pool's linting worker (see detectors/lint-elsewhere.ts). */
  readonly lintElsewhere?: FileToScan[];
}

function isPlain(result: FileResult): boolean {
  return (
    result.findings.length === 0 &&
    result.skipped === undefined &&
    result.suppressed === 0 &&
    result.keyCopies === undefined &&
    (result.inventory === undefined || result.inventory.length === 0)
  );
}

/**
 * Scans `files` one after the other. Nearly every file has nothing to report: counting those instead
 * of returning a result each keeps what a worker sends back (structured-cloned) to a few numbers.
 */
export async function scanBatch(files: readonly FileToScan[], settings: ScanFileSettings, scanFragment: FragmentScanner): Promise<BatchResult> {
  const results: FileResult[] = [];
  let plainFiles = 0;
  let plainBytes = 0;
  let lintElsewhere: FileToScan[] | undefined;
  const readiness = await readinessFor(settings);
  for (const file of files) {
    let result: FileResult;
    try {
      const pending = scanFileWith(file, settings, scanFragment, readiness);
      if (typeof pending === "number") {
        plainFiles += 1;
        plainBytes += pending;
        continue;
      }
      result = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      if (!(error instanceof LintElsewhere)) throw error;
      (lintElsewhere ??= []).push(file);
      continue;
    }
    if (isPlain(result)) {
      plainFiles += 1;
      plainBytes += result.bytes;
    } else {
      results.push(result);
    }
  }
  return { results, plainFiles, plainBytes, ...(lintElsewhere === undefined ? {} : { lintElsewhere }) };
}
