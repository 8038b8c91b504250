/**
 * A registry entry whose implementation module is imported on its first `detect`. The descriptor
 * (id, category, rules, appliesTo, triggers) is plain data, so listing rules (SARIF, docs) or
 * prefiltering a tree loads no parser, no surface logic and no template reader; a file whose bytes
 * trigger the detector pays for the import once per thread.
 */
import type { FindingDetector } from "./types.js";

export type DetectorDescriptor = Omit<FindingDetector, "detect">;

export function lazyDetector(descriptor: DetectorDescriptor, load: () => Promise<FindingDetector["detect"]>): FindingDetector {
  let implementation: Promise<FindingDetector["detect"]> | undefined;
  return {
    ...descriptor,
    detect: async (fragment) => {
      implementation ??= load();
      return (await implementation)(fragment);
    },
  };
}
