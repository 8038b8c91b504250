/** What keeps a match out of the report: inline allow comments, allowed fingerprints and values. */
import { fingerprintSecret } from "../detect/index.js";
import { compileAllowEntry } from "../utils/allow-pattern.js";

const ALLOW_SAME_LINE = /aoai-key-scan:allow(?!-next-line)/;
const ALLOW_NEXT_LINE = "aoai-key-scan:allow-next-line";

/** `aoai-key-scan:allow` on the line itself, or `aoai-key-scan:allow-next-line` on the line before, in any comment syntax. */
export function isAllowedInline(lineText: string, previousLineText: string | undefined): boolean {
  return ALLOW_SAME_LINE.test(lineText) || (previousLineText?.includes(ALLOW_NEXT_LINE) ?? false);
}

/**
 * Compiles config `allowValues` (validated with the config): `/source/flags` entries are regexes,
 * others exact values; one implementation with the rule's `allow` option.
 */
export function compileAllowedValues(entries: readonly string[]): (secret: string) => boolean {
  const exact = new Set<string>();
  const patterns: ((secret: string) => boolean)[] = [];
  for (const entry of entries) {
    if (entry.startsWith("/")) patterns.push(compileAllowEntry(entry));
    else exact.add(entry);
  }
  return (secret) => exact.has(secret) || patterns.some((test) => test(secret));
}

/**
 * Config `allowFingerprints` accepts both forms: the per-file fingerprint shown in reports
 * (`fingerprintSecret(secret, path)`) allows the key in that file; the path-less one
 * (`fingerprintSecret(secret)`) allows it everywhere.
 */
export function compileAllowedFingerprints(entries: readonly string[]): (secret: string | undefined, fingerprint: string) => boolean {
  const allowed = new Set(entries.map((entry) => entry.toLowerCase()));
  if (allowed.size === 0) return () => false;
  // Findings without a secret (usage, IaC) are allowed by their own fingerprint only.
  return (secret, fingerprint) => allowed.has(fingerprint) || (secret !== undefined && allowed.has(fingerprintSecret(secret)));
}
