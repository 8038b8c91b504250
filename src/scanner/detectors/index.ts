/**
 * Every detector the scanner runs besides the key engine, and the rule descriptions of all
 * categories (SARIF `rules`, documentation). Adding a language or a template format is one entry here.
 * Entries are descriptors (lazy.ts): rules, paths and trigger words are data, and a detector's
 * implementation is imported the first time a file triggers it.
 */
import { iacDetector } from "../../iac/descriptor.js";
import { csharpUsageDetector } from "../../usage/csharp/descriptor.js";
import { goUsageDetector } from "../../usage/go/descriptor.js";
import { httpUsageDetector } from "../../usage/http/descriptor.js";
import { javaUsageDetector } from "../../usage/java/descriptor.js";
import { javascriptUsageDetector } from "../../usage/javascript/detector.js";
import { powershellUsageDetector } from "../../usage/powershell/descriptor.js";
import { PYTHON_DETECTOR } from "../../usage/python-descriptor.js";
import { shellUsageDetector } from "../../usage/shell/descriptor.js";
import type { FindingCategory } from "../types.js";
import { LEAK_RULES } from "./leak-rules.js";
import type { FindingDetector, RuleDescription } from "./types.js";

export type { DetectedFinding, FindingDetector, RuleDescription } from "./types.js";

export const FINDING_DETECTORS: readonly FindingDetector[] = [
  PYTHON_DETECTOR,
  javascriptUsageDetector,
  httpUsageDetector,
  csharpUsageDetector,
  javaUsageDetector,
  goUsageDetector,
  shellUsageDetector,
  powershellUsageDetector,
  iacDetector,
];

export interface CategorisedRule extends RuleDescription {
  readonly category: FindingCategory;
}

/** Rule descriptions of every category, leaks first, in a stable order. */
export function ruleDescriptions(): readonly CategorisedRule[] {
  return [
    ...LEAK_RULES.map((rule) => ({ ...rule, category: "leak" as const })),
    ...FINDING_DETECTORS.flatMap((detector) => detector.rules.map((rule) => ({ ...rule, category: detector.category }))),
  ];
}

/**
 * The detectors of `categories` that claim `path` and whose trigger words occur in `haystack`: the raw
 * bytes of a file before decoding (the walk), or decoded text (git modes, history hunks).
 */
export function triggeredDetectors(
  path: string,
  haystack: Buffer | string,
  categories: readonly FindingCategory[],
  detectors: readonly FindingDetector[] = FINDING_DETECTORS,
): FindingDetector[] {
  return detectors.filter(
    (detector) => categories.includes(detector.category) && detector.appliesTo(path) && detector.triggers.some((word) => haystack.includes(word)),
  );
}
