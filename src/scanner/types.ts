/** Data shared by every part of the scanner: what a source yields, what a scan finds, what it skipped. */
import type { Confidence, DetectorId } from "../detect/index.js";
import type { InventoryItem } from "../readiness/inventory.js";
import type { KeyCopyEvidence } from "./confirmed-keys.js";

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
  /** Lines of `text` (1-based within the fragment) that are scanned; absent means all (diffs pass added lines, as ranges). */
  readonly lines?: { has(line: number): boolean };
  /** Files beside this one that a detector asked for (`FindingDetector.companions`), by name: whole-file scans only. */
  readonly companions?: ReadonlyMap<string, string>;
}

/**
 * What a finding is about. `leak`: a key written somewhere (the detection engine). `usage`: a client
 * that authenticates with a key (whatever holds the key). `iac`: a template that keeps key access on
 * or hands a key out. One model for all three, so every report format, baseline and suppression
 * works for every category.
 */
export type FindingCategory = "leak" | "usage" | "iac";

export const FINDING_CATEGORIES: readonly FindingCategory[] = ["leak", "usage", "iac"];

/** `error` fails the scan by default; `warning` only with `--fail-on warning`. */
export type Severity = "error" | "warning";

export const SEVERITIES: readonly Severity[] = ["error", "warning"];

/** A replacement of `text.slice(start, end)` by `text`: offsets into the whole file's text. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * What `aoai-key-scan --fix` would change for a usage or IaC finding. Edits of several findings of one
 * file are applied together; identical edits (one import serving two clients) count once, and
 * overlapping different edits drop the later finding's fix.
 */
export interface FindingFix {
  readonly edits: readonly TextEdit[];
  /** The name of another file in the finding's folder the edits apply to (a Terraform variable's default in `variables.tf`); absent: the finding's own file. */
  readonly file?: string;
  /** One line for the report: what the fix does. */
  readonly description: string;
}

/** Fields every finding has, whatever its category. */
interface FindingBase {
  readonly category: FindingCategory;
  /** A leak detector id, or the id of the usage / IaC rule (SARIF rule id, JSON `ruleId`). */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly path: string;
  /** 1-based line and column (UTF-16 code units) of the first and last-plus-one characters. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Never holds a secret in full, nor raw control characters from the scanned file. */
  readonly message: string;
  /** Stable across line moves, different per file: `fingerprintSecret` for leaks, `fingerprintFinding` otherwise. */
  readonly fingerprint: string;
  /** `--history` only: the commit that added the finding's line. */
  readonly commit?: string;
  /** `--history` only: that commit's author date, ISO 8601 with the author's offset. */
  readonly authorDate?: string;
}

/** One reported key. Never holds the raw secret: only its mask and fingerprint. */
export interface LeakFinding extends FindingBase {
  readonly category: "leak";
  readonly ruleId: DetectorId;
  /** `maskSecret` of the key. */
  readonly secret: string;
  readonly service: string;
  /** "YYYY-MM" for identifiable keys, null for 32-hex keys. */
  readonly createdAt: string | null;
}

/** A client or request that authenticates with a key (a Python `AzureOpenAI(api_key=...)`, a `curl -H api-key`). */
export interface UsageFinding extends FindingBase {
  readonly category: "usage";
  /** Language as users name it: "Python", "C#", "Java", "Go", "Shell", "PowerShell", "HTTP", "JavaScript", "TypeScript". */
  readonly language: string;
  /** The client as users know it, e.g. "openai.AzureOpenAI (Python)". */
  readonly client: string;
  /** Where the key comes from when the file shows it: "literal", "env:AZURE_OPENAI_API_KEY", "config:OpenAI:Key", ... */
  readonly keySource?: string;
  /** The endpoint when visible or resolvable in the same file (a URL, or "env:AZURE_OPENAI_ENDPOINT"). */
  readonly endpoint?: string;
  /** Present when `--fix` can rewrite it (whole-file scans only); the message says why when it cannot. */
  readonly fix?: FindingFix;
}

/** A template (Bicep, ARM, Terraform, Pulumi...) that leaves key access on or lets a key flow out. */
export interface IacFinding extends FindingBase {
  readonly category: "iac";
  /** "Bicep", "ARM", "Terraform", ... */
  readonly language: string;
  /** `Microsoft.CognitiveServices/accounts`, `azurerm_cognitive_account`, ... */
  readonly resourceType: string;
  /** The symbolic or declared name of the resource, when the template gives one. */
  readonly resourceName?: string;
  /** The property at fault, e.g. `properties.disableLocalAuth`, `local_auth_enabled`. */
  readonly property?: string;
  /** The template symbol of the account the finding is about, when it is not `resourceName` (a key flowing out of it). */
  readonly account?: string;
  /** Present when `--fix` can rewrite it (whole-file scans only); the message says why when it cannot. */
  readonly fix?: FindingFix;
}

export type Finding = LeakFinding | UsageFinding | IacFinding;

export type SkipReason = "binary" | "too-large" | "symlink" | "unreadable" | "undecodable" | "not-a-file" | "missing";

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
  /** Reported findings per category (after suppressions and baselines). */
  byCategory?: Record<FindingCategory, number>;
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
  /** With `ScanSettings.inventory`: what readiness needs from the file besides findings. */
  readonly inventory?: readonly InventoryItem[];
  readonly suppressed: number;
  readonly bytes: number;
  readonly skipped?: SkippedFile;
  /** Confirmed keys and unreported key-shaped values, joined across files by `KeyCopies`. */
  readonly keyCopies?: KeyCopyEvidence;
}

/** Settings every file scan needs; plain data so it crosses into worker threads unchanged. */
export interface ScanSettings {
  /** Which categories run: the key engine (`leak`) and the detectors of src/usage and src/iac. */
  readonly categories: readonly FindingCategory[];
  readonly detectors: readonly DetectorId[];
  readonly maxFileSize: number;
  readonly allowFingerprints: readonly string[];
  /** Exact values, or regex sources written as `/source/flags`. */
  readonly allowValues: readonly string[];
  /** Also collect each file's readiness inventory (endpoints, endpoint settings, keyless clients): `aoai-keyless readiness`. */
  readonly inventory?: boolean;
}

/**
 * Something the user must know to read a report right: a scan that covered less than asked (a git
 * state, a root not followed). Every format shows warnings; they do not change the exit code.
 */
export interface ScanWarning {
  /** Stable id, e.g. `symlink-root`, `shallow-history`. */
  readonly code: string;
  /** One sentence, safe to print (no key, no control character). */
  readonly message: string;
  readonly path?: string;
}
