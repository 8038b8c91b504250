/** `detectKeys`: both detectors over one text, merged in order. */
import type { DetectOptions, KeyMatch } from "./types.js";
import { DETECTOR_IDS } from "./types.js";

import { findIdentifiableKeys } from "./identifiable-key.js";
import { findLegacyKeys } from "./legacy-key.js";

export { DETECTOR_IDS };

/**
 * Finds every key in `text`: identifiable 84-char keys anywhere (cheap `JQQJ` prefilter first),
 * 32-hex keys only with context (a key-like name in `options.names`, a key-like name on the same
 * assignment/header/flag inside `text`, or an Azure AI host within `hostWindowLines` lines or in
 * `options.hostNearby`). Results sorted by `start`, no overlaps.
 */
export function detectKeys(text: string, options: DetectOptions = {}): KeyMatch[] {
  const enabled = new Set(options.detectors ?? DETECTOR_IDS);
  const matches: KeyMatch[] = [];

  if (enabled.has("azure-ai-identifiable-key")) {
    for (const { start, end, secret, info } of findIdentifiableKeys(text)) {
      matches.push({
        detector: "azure-ai-identifiable-key",
        start,
        end,
        secret,
        confidence: info.checksumValid ? "high" : "low",
        service: info.service,
        identifiable: info,
      });
    }
  }

  if (enabled.has("azure-ai-legacy-key")) {
    for (const { start, end, secret, context, confidence, service } of findLegacyKeys(text, options)) {
      matches.push({
        detector: "azure-ai-legacy-key",
        start,
        end,
        secret,
        confidence,
        service,
        context,
      });
    }
  }

  // Both detectors need their match to stand alone, so overlaps cannot happen today; the merge still
  // drops any (keeping the one that starts first), so callers can rely on disjoint ranges.
  matches.sort((left, right) => left.start - right.start || left.end - right.end);
  const disjoint: KeyMatch[] = [];
  for (const match of matches) {
    const previous = disjoint.at(-1);
    if (previous !== undefined && match.start < previous.end) continue;
    disjoint.push(match);
  }
  return disjoint;
}
