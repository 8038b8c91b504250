/**
 * The plug-in point for detectors beyond the key engine: key-authenticated clients (`usage`, in
 * src/usage/) and templates that keep keys on (`iac`, in src/iac/). A detector is pure: a fragment
 * of text in, findings with offsets out. The scanner does everything else once for every category:
 * the prefilter, positions, git-mode line filters, inline allow comments, allowed fingerprints,
 * fingerprints, baselines, report formats and the exit code.
 */
import type { FindingCategory, IacFinding, Severity, SourceFragment, UsageFinding } from "../types.js";

/** What the scanner fills in itself: where in the file, the fingerprint, the commit. */
type Placed = "path" | "line" | "column" | "endLine" | "endColumn" | "fingerprint" | "commit" | "authorDate";

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A finding as a detector returns it: offsets into the fragment's text instead of lines and columns. */
export type DetectedFinding = DistributiveOmit<UsageFinding | IacFinding, Placed> & {
  /** Offsets into `fragment.text` of the construct (a client's whole construction, a resource's declaration). */
  readonly start: number;
  readonly end: number;
  /**
   * What identifies the construct within its file, independent of its line (for example
   * `openai.AzureOpenAI|env:AZURE_OPENAI_API_KEY`): the fingerprint is made of it, the rule id and the path.
   */
  readonly identity: string;
};

/** SARIF rule metadata and documentation of one rule id a detector reports. */
export interface RuleDescription {
  readonly id: string;
  /** PascalCase SARIF rule name. */
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  /** Markdown: what to do instead. */
  readonly help: string;
  readonly defaultSeverity: Severity;
  /** Extra SARIF tags (every rule gets "security"). */
  readonly tags?: readonly string[];
}

export interface FindingDetector {
  /** Stable id, e.g. "usage-python", "iac-bicep". */
  readonly id: string;
  readonly category: Exclude<FindingCategory, "leak">;
  readonly rules: readonly RuleDescription[];
  /** Whether files at this path (`/` separators, relative) are this detector's: by extension or name. */
  appliesTo(path: string): boolean;
  /**
   * ASCII words of which at least one must occur in the file's bytes (case-sensitively) for `detect`
   * to run. Checked on raw bytes before decoding, so a tree without any trigger pays one `indexOf`
   * per trigger per applicable file, and parsers load only when some file needs them.
   */
  readonly triggers: readonly string[];
  /**
   * A second look at the UTF-8 bytes of a file whose trigger words occur, before it is decoded: false
   * only where the bytes prove that `detect` finds nothing, so the file is neither decoded nor handed
   * over; true where they cannot. Synchronous, pure and exact; without it every triggered file is decoded.
   */
  mayDetect?(bytes: Buffer): boolean;
  /**
   * Names of files in the same folder the detector wants to read with this one (a template's
   * parameters files): the scanner hands their text over as `fragment.companions` in whole-file scans.
   */
  companions?(name: string): boolean;
  /** May be async so a parser (a WebAssembly grammar) can load on first use. */
  detect(fragment: SourceFragment): readonly DetectedFinding[] | Promise<readonly DetectedFinding[]>;
}
