/**
 * The registry as the threads of a pool other than its linting worker use it: the JavaScript usage
 * detector hands files to lint back (`LintElsewhere`), the pool gives them to its first worker.
 */
import { javascriptUsageDetector, javascriptUsageDetectorLintingElsewhere } from "../../usage/javascript/detector.js";
import { FINDING_DETECTORS } from "./index.js";
import type { FindingDetector } from "./types.js";

export { LintElsewhere } from "../../usage/javascript/detector.js";

export const DETECTORS_LINTING_ELSEWHERE: readonly FindingDetector[] = FINDING_DETECTORS.map((detector) =>
  detector === javascriptUsageDetector ? javascriptUsageDetectorLintingElsewhere : detector,
);
