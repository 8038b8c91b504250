/**
 * What the registry entries of the usage readers share: a usage rule reports migration work (a
 * warning by default, tagged `usage`), and a reader claims files by their extension and is imported
 * on the first file that triggers it.
 */
import { lazyTextDetector } from "../scanner/detectors/lazy.js";
import type { DetectedFinding, FindingDetector, RuleDescription } from "../scanner/detectors/types.js";

/** A usage rule's own words; its severity and tag are those of every usage rule. */
export const usageRule = <const Rule extends Omit<RuleDescription, "defaultSeverity" | "tags">>(rule: Rule): Rule & RuleDescription => ({
  ...rule,
  defaultSeverity: "warning",
  tags: ["usage"],
});

interface UsageReaderEntry {
  readonly id: string;
  readonly rules: readonly RuleDescription[];
  /** File name extensions without the dot, matched in any letter case. */
  readonly extensions: readonly string[];
  readonly triggers: readonly string[];
}

/** A usage reader of text, claiming files by extension and loaded lazily (`lazyTextDetector`). */
export function usageTextDetector(
  { id, rules, extensions, triggers }: UsageReaderEntry,
  load: () => Promise<(text: string) => DetectedFinding[] | Promise<DetectedFinding[]>>,
): FindingDetector {
  const claimed = new RegExp(`\\.(?:${extensions.join("|")})$`, "i");
  return lazyTextDetector({ id, category: "usage", rules, appliesTo: (path) => claimed.test(path), triggers }, load);
}
