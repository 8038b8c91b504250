/**
 * The scanner as a library: `import { run, scan } from "eslint-plugin-aoai-keyless/scanner"`.
 * `run(argv, io)` is the CLI without the process (argv in, exit code out, output only to `io`);
 * `scan(request)` walks and scans paths and returns findings; `createFragmentScanner(settings)` scans
 * one text. The engine's helpers for baselines and allow lists come along.
 */
export type { CliIo, OutputStream } from "./cli.js";
export { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, run } from "./cli.js";
export type { ScanRequest, ScanResult } from "./scan.js";
export { scan } from "./scan.js";
export type { FragmentResult, FragmentScanner } from "./scan-fragment.js";
export { createFragmentScanner } from "./scan-fragment.js";
export type { Finding, FindingCategory, IacFinding, LeakFinding, ScanSettings, ScanSummary, SkippedFile, SourceFragment, UsageFinding } from "./types.js";
export type { Confidence, DetectOptions, KeyMatch } from "../detect/index.js";
export { detectKeys, fingerprintSecret, maskSecret } from "../detect/index.js";
