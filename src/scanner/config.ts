/**
 * The scanner's config: `aoai-key-scan.config.json` in the working directory (or `--config FILE`),
 * else an `"aoai-key-scan"` key in its package.json. Validated by hand so every error names the file,
 * the property and what was expected, in one line.
 */
import { dirname, join, resolve } from "node:path";

// The detector list, not the engine: the config loads before git starts in a git mode.
import type { DetectorId } from "../detect/types.js";
import { DETECTOR_IDS } from "../detect/types.js";
import { AllowPatternError, compileAllowEntry } from "../utils/allow-pattern.js";
import { describeJsonError, readSmallFile } from "./small-file.js";
import { UsageError } from "./usage-error.js";
import type { FindingCategory, Severity } from "./types.js";
import { FINDING_CATEGORIES, SEVERITIES } from "./types.js";

export const CONFIG_FILE_NAME = "aoai-key-scan.config.json";
export const PACKAGE_JSON_KEY = "aoai-key-scan";
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ScannerConfig {
  readonly ignore: readonly string[];
  readonly allowFingerprints: readonly string[];
  readonly allowValues: readonly string[];
  readonly maxFileSize: number;
  readonly detectors: readonly DetectorId[];
  /** Which finding categories run (default all). */
  readonly categories: readonly FindingCategory[];
  /** Lowest severity that makes the scan exit 1 (default `error`). */
  readonly failOn: Severity;
  /** File the config came from (undefined: defaults), and the directory its `ignore` globs are relative to. */
  readonly source: string | undefined;
  readonly base: string;
}

export { UsageError };

const PROPERTIES = new Set(["$schema", "ignore", "allowFingerprints", "allowValues", "maxFileSize", "detectors", "categories", "failOn"]);
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i;
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** `10485760`, `"10MiB"`, `"512 kB"` → bytes; undefined when not a size. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = SIZE.exec(value.trim());
  if (match?.[1] === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * (SIZE_UNITS[(match[2] ?? "b").toLowerCase()] ?? 1));
  return bytes > 0 ? bytes : undefined;
}

export function isSeverity(value: unknown): value is Severity {
  return SEVERITIES.includes(value as Severity);
}

function stringList(source: string, record: Record<string, unknown>, property: string): string[] {
  const value = record[property];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item.length === 0)) {
    throw new UsageError(`${source}: "${property}" must be an array of non-empty strings.`);
  }
  return value as string[];
}

export function validateConfig(source: string, value: unknown, base: string): ScannerConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`${source}: the config must be a JSON object.`);
  const record = value as Record<string, unknown>;
  for (const property of Object.keys(record)) {
    if (!PROPERTIES.has(property)) {
      throw new UsageError(`${source}: unknown property "${property}" (allowed: ${[...PROPERTIES].filter((name) => name !== "$schema").join(", ")}).`);
    }
  }
  const allowValues = stringList(source, record, "allowValues");
  for (const entry of allowValues) {
    try {
      compileAllowEntry(entry);
    } catch (error) {
      if (!(error instanceof AllowPatternError)) throw error;
      const problem = error.unsafe ? "is refused as a regular expression that could hang the scan" : "is not a valid regular expression";
      throw new UsageError(`${source}: "allowValues" entry ${JSON.stringify(entry)} ${problem} (${error.message}).`);
    }
  }
  const allowFingerprints = stringList(source, record, "allowFingerprints");
  const badFingerprint = allowFingerprints.find((entry) => !/^[0-9a-f]{64}$/i.test(entry));
  if (badFingerprint !== undefined) {
    throw new UsageError(`${source}: "allowFingerprints" entry ${JSON.stringify(badFingerprint)} is not a 64-hex fingerprint from a report.`);
  }
  const detectors = record.detectors === undefined ? [...DETECTOR_IDS] : stringList(source, record, "detectors");
  // An empty list would scan nothing and report "no keys found".
  if (detectors.length === 0) throw new UsageError(`${source}: "detectors" must name at least one detector (known: ${DETECTOR_IDS.join(", ")}).`);
  const unknownDetector = detectors.find((id) => !DETECTOR_IDS.includes(id as DetectorId));
  if (unknownDetector !== undefined) {
    throw new UsageError(`${source}: "detectors" entry ${JSON.stringify(unknownDetector)} is not a detector (known: ${DETECTOR_IDS.join(", ")}).`);
  }
  const categories = record.categories === undefined ? [...FINDING_CATEGORIES] : stringList(source, record, "categories");
  const unknownCategory = categories.find((name) => !FINDING_CATEGORIES.includes(name as FindingCategory));
  if (unknownCategory !== undefined || categories.length === 0) {
    throw new UsageError(`${source}: "categories" must list one or more of ${FINDING_CATEGORIES.join(", ")}${unknownCategory === undefined ? "" : ` (got ${JSON.stringify(unknownCategory)})`}.`);
  }
  const failOn = record.failOn ?? "error";
  if (!isSeverity(failOn)) throw new UsageError(`${source}: "failOn" must be ${SEVERITIES.map((name) => JSON.stringify(name)).join(" or ")}.`);
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (record.maxFileSize !== undefined) {
    const parsed = parseSize(record.maxFileSize);
    if (parsed === undefined) throw new UsageError(`${source}: "maxFileSize" must be a positive number of bytes or a size such as "10MiB".`);
    maxFileSize = parsed;
  }
  return {
    ignore: stringList(source, record, "ignore"),
    allowFingerprints,
    allowValues,
    maxFileSize,
    detectors: detectors as DetectorId[],
    categories: categories as FindingCategory[],
    failOn,
    source,
    base,
  };
}

/** The parsed JSON of `path`; undefined when there is no such file (only where `optional`). */
function readJson(path: string, display: string, optional: boolean): unknown {
  const file = readSmallFile(path);
  if (file.kind === "absent") {
    if (optional) return undefined;
    throw new UsageError(`cannot read config ${display}: ENOENT.`);
  }
  if (file.kind === "refused") throw new UsageError(`cannot read config ${display}: ${file.detail}.`);
  try {
    return JSON.parse(file.text) as unknown;
  } catch (error) {
    throw new UsageError(`${display}: invalid JSON (${describeJsonError(error, file.text)}).`);
  }
}

/** `explicitPath` (from `--config`) must exist; otherwise the working directory's files are tried in order. */
export function loadConfig(cwd: string, explicitPath: string | undefined): ScannerConfig {
  if (explicitPath !== undefined) {
    const path = resolve(cwd, explicitPath);
    return validateConfig(explicitPath, readJson(path, explicitPath, false), dirname(path));
  }
  const config = readJson(join(cwd, CONFIG_FILE_NAME), CONFIG_FILE_NAME, true);
  if (config !== undefined) return validateConfig(CONFIG_FILE_NAME, config, cwd);
  const packageJson = readJson(join(cwd, "package.json"), "package.json", true);
  if (typeof packageJson === "object" && packageJson !== null && PACKAGE_JSON_KEY in packageJson) {
    const source = `package.json "${PACKAGE_JSON_KEY}"`;
    return validateConfig(source, (packageJson as Record<string, unknown>)[PACKAGE_JSON_KEY], cwd);
  }
  return validateConfig("defaults", {}, cwd);
}
