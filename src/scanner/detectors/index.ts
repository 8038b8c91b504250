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
import type { GroupMask, TriggerSearch } from "./trigger-search.js";
import { triggerSearch } from "./trigger-search.js";
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

/** Per registry, one search per set of detectors that claim a path (a handful: by file type), built on first use. */
const searches = new WeakMap<readonly FindingDetector[], Map<GroupMask, TriggerSearch>>();

function searchFor(detectors: readonly FindingDetector[], claiming: GroupMask): TriggerSearch {
  let byClaim = searches.get(detectors);
  if (byClaim === undefined) searches.set(detectors, (byClaim = new Map()));
  let search = byClaim.get(claiming);
  if (search === undefined) {
    search = triggerSearch(detectors.map((detector, index) => ((claiming >> index) & 1 ? detector.triggers : [])));
    byClaim.set(claiming, search);
  }
  return search;
}

/**
 * The detectors of `categories` that claim `path` and whose trigger words occur in `haystack`: the raw
 * bytes of a file before decoding (the walk), or decoded text (git modes, history hunks). The words of
 * all claiming detectors are searched in one pass (trigger-search.ts); text is searched as its UTF-8
 * bytes, where an ASCII word matches exactly where it matches in the text.
 */
export function triggeredDetectors(
  path: string,
  haystack: Buffer | string,
  categories: readonly FindingCategory[],
  detectors: readonly FindingDetector[] = FINDING_DETECTORS,
): FindingDetector[] {
  let claiming: GroupMask = 0;
  detectors.forEach((detector, index) => {
    if (categories.includes(detector.category) && detector.appliesTo(path)) claiming |= 1 << index;
  });
  if (claiming === 0) return [];
  const found = searchFor(detectors, claiming).groupsIn(typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack);
  return detectors.filter((_, index) => (found >> index) & 1);
}
