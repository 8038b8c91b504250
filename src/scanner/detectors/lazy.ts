/**
 * A registry entry whose implementation module is imported on its first `detect`. The descriptor
 * (id, category, rules, appliesTo, triggers) is plain data, so listing rules (SARIF, docs) or
 * prefiltering a tree loads no parser, no surface logic and no template reader; a file whose bytes
 * trigger the detector pays for the import once per thread.
 */
import type { DetectedFinding, FindingDetector } from "./types.js";

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

/** `lazyDetector` for a reader that needs only the fragment's text: `load` resolves to the reader. */
export function lazyTextDetector(
  descriptor: DetectorDescriptor,
  load: () => Promise<(text: string) => DetectedFinding[] | Promise<DetectedFinding[]>>,
): FindingDetector {
  return lazyDetector(descriptor, async () => {
    const read = await load();
    return ({ text }) => read(text);
  });
}
