import type { ScanResult } from "../scan.js";

export interface ReportContext {
  /** Colour escapes allowed (text format on a TTY without NO_COLOR). */
  readonly color: boolean;
  /** List every skipped file in text output, not only the warnings. */
  readonly verbose: boolean;
}

/** A reporter turns a finished scan into the whole report text. */
export type Reporter = (result: ScanResult, context: ReportContext) => string;
