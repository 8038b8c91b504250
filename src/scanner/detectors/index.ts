/**
 * Every detector the scanner runs besides the key engine, and the rule descriptions of all
 * categories (SARIF `rules`, documentation). Adding a language or a template format is one entry here.
 * Entries are descriptors (lazy.ts): rules, paths and trigger words are data, and a detector's
 * implementation is imported the first time a file triggers it.
 */
import { IAC_DETECTORS } from "../../iac/descriptor.js";
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
  ...IAC_DETECTORS,
];

export interface CategorisedRule extends RuleDescription {
  readonly category: FindingCategory;
}

/** Rule descriptions of every category, leaks first, in a stable order; a rule two detectors report (ARM and Bicep templates) once. */
export function ruleDescriptions(): readonly CategorisedRule[] {
  const rules = [
    ...LEAK_RULES.map((rule) => ({ ...rule, category: "leak" as const })),
    ...FINDING_DETECTORS.flatMap((detector) => detector.rules.map((rule) => ({ ...rule, category: detector.category }))),
  ];
  return [...new Map(rules.map((rule) => [rule.id, rule])).values()];
}

/** A registry's detectors of some categories, and one search per set of them that claims a path (by file type: a handful), built on first use. */
interface Selection {
  readonly indices: readonly number[];
  readonly searches: Map<GroupMask, TriggerSearch>;
}

const selections = new WeakMap<readonly FindingDetector[], WeakMap<readonly FindingCategory[], Selection>>();

function selectionOf(detectors: readonly FindingDetector[], categories: readonly FindingCategory[]): Selection {
  let byCategories = selections.get(detectors);
  if (byCategories === undefined) selections.set(detectors, (byCategories = new WeakMap()));
  let selection = byCategories.get(categories);
  if (selection === undefined) {
    const indices = detectors.flatMap((detector, index) => (categories.includes(detector.category) ? [index] : []));
    byCategories.set(categories, (selection = { indices, searches: new Map() }));
  }
  return selection;
}

/** The search for the trigger words of the detectors of `categories` that claim `path`; undefined when none does. */
function searchFor(path: string, categories: readonly FindingCategory[], detectors: readonly FindingDetector[]): TriggerSearch | undefined {
  const { indices, searches } = selectionOf(detectors, categories);
  let claiming: GroupMask = 0;
  for (const index of indices) if (detectors[index]!.appliesTo(path)) claiming |= 1 << index;
  if (claiming === 0) return undefined;
  let search = searches.get(claiming);
  if (search === undefined) {
    search = triggerSearch(detectors.map((detector, index) => ((claiming >> index) & 1 ? detector.triggers : [])));
    searches.set(claiming, search);
  }
  return search;
}

/**
 * The detectors of `categories` that claim `path`, whose trigger words occur in `haystack` and whose
 * second look at its bytes (`mayDetect`) does not rule the file out: the raw
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
  const search = searchFor(path, categories, detectors);
  if (search === undefined) return [];
  // Text (git modes, history hunks) is encoded once, for the search and the second look.
  const bytes = typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack;
  const found = search.groupsIn(bytes);
  if (found === 0) return [];
  return detectors.filter((detector, index) => (found >> index) & 1 && detector.mayDetect?.(bytes) !== false);
}

/**
 * Whether a trigger word of a detector of `categories` that claims `path` occurs in `chunk`, a part of
 * a larger file: the second look (`mayDetect`) reads a whole file, so a chunk cannot rule it out.
 */
export function hasTriggerWord(path: string, chunk: Buffer, categories: readonly FindingCategory[]): boolean {
  return (searchFor(path, categories, FINDING_DETECTORS)?.groupsIn(chunk) ?? 0) !== 0;
}
