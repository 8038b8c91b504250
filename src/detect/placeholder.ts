/**
 * Values that only stand in for a key: templates, "your key here" words, and strings too regular to be
 * random (all-same, sequential, periodic, or too few distinct characters). A random 32-hex key trips
 * the repetition checks with a probability below one in a million (see `isRepetitive`), so they replace
 * an entropy gate, which would drop real keys: random 32-hex keys have a median entropy of about 3.6.
 */
import { parseIdentifiableKey } from "./identifiable-key.js";

/** Template and marker syntax: `<your-key>`, `${VAR}`, `{{ key }}`, `%KEY%`, `$(KEY)`, `xxxx`, `****`, `...`. */
const TEMPLATE_OR_MARKER = /^<[^<>]*>$|\$\{[^}]*\}|\{\{[^}]*\}\}|^%[\w.-]+%$|\$\([\w.-]+\)|x{4,}|\*{3,}|\.{3,}|…/i;

/** Words people write instead of a key, as whole words of the value (`YOUR_API_KEY`, `replace-me`). */
const PLACEHOLDER_WORDS =
  /(?:^|[^a-z])(?:your|yours|insert|enter|replace|paste|placeholder|changeme|change|redacted|dummy|fake|sample|example|todo|fixme|tbd)(?:[^a-z]|$)/i;

/** Values that are nothing but a key-ish word. */
const BARE_WORDS = /^(?:key|apikey|api[-_]key|secret|token|password|none|null|undefined|test|demo|string)$/i;

/** Case-folded order in which "sequential" is judged: `0123456789abcdef...` and its reverse. */
const SEQUENCE_ORDER = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A run of this many same or sequential chars inside a value marks it as typed by hand. */
const HAND_TYPED_RUN = 8;

/** A 32-char hex value needs at least this many distinct digits (random keys: ~14; P(< 8) ~ 4e-8). */
const MIN_DISTINCT_HEX_DIGITS = 8;

/** True when the value repeats itself with a period of at most 16 chars (`abcabc...`, `deadbeef...`). */
function isPeriodic(value: string): boolean {
  for (let period = 1; period <= 16 && period * 2 <= value.length; period++) {
    let repeats = true;
    for (let index = period; index < value.length; index++) {
      if (value[index] !== value[index - period]) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  return false;
}

/** Longest run of equal chars and longest run ascending or descending by one step in `SEQUENCE_ORDER`. */
function longestRuns(lower: string): { same: number; sequential: number } {
  let same = 1;
  let ascending = 1;
  let descending = 1;
  let longestSame = lower.length > 0 ? 1 : 0;
  let longestSequential = longestSame;
  let previous = SEQUENCE_ORDER.indexOf(lower[0] ?? "");
  for (let index = 1; index < lower.length; index++) {
    const current = SEQUENCE_ORDER.indexOf(lower[index]!);
    const inOrder = current !== -1 && previous !== -1;
    same = lower[index] === lower[index - 1] ? same + 1 : 1;
    ascending = inOrder && current === previous + 1 ? ascending + 1 : 1;
    descending = inOrder && current === previous - 1 ? descending + 1 : 1;
    longestSame = Math.max(longestSame, same);
    longestSequential = Math.max(longestSequential, ascending, descending);
    previous = current;
  }
  return { same: longestSame, sequential: longestSequential };
}

/** True when the chars never go down (or never go up) in `SEQUENCE_ORDER`: `0000111122223333...`. */
function isMonotone(lower: string): boolean {
  let ascending = true;
  let descending = true;
  for (let index = 1; index < lower.length; index++) {
    const current = SEQUENCE_ORDER.indexOf(lower[index]!);
    const previous = SEQUENCE_ORDER.indexOf(lower[index - 1]!);
    if (current === -1 || previous === -1) return false;
    if (current < previous) ascending = false;
    if (current > previous) descending = false;
  }
  return ascending || descending;
}

/**
 * Too regular to be random: all-same, periodic, monotone, or containing a run of 8 equal or sequential
 * chars; 32-hex values also need 8 distinct digits. Chance that a random 32-hex key is caught: about
 * 2e-7 (a sequential run of 8) + 1e-7 (an equal run of 8) + 4e-8 (fewer than 8 distinct digits).
 */
export function isRepetitive(value: string): boolean {
  if (value.length < 4) return false;
  const lower = value.toLowerCase();
  if (isPeriodic(lower) || (lower.length >= 8 && isMonotone(lower))) return true;
  const runs = longestRuns(lower);
  if (runs.same >= HAND_TYPED_RUN || runs.sequential >= HAND_TYPED_RUN) return true;
  if (lower.length === 32 && /^[0-9a-f]+$/.test(lower)) return new Set(lower).size < MIN_DISTINCT_HEX_DIGITS;
  return false;
}

/**
 * True for obvious placeholders: `<your-key>`, `xxxx`, `${VAR}`, `YOUR_API_KEY`, all-same or sequential
 * runs. An identifiable key is never a placeholder, even with a fake-looking filler: its checksum, not
 * its look, says whether it is real.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (parseIdentifiableKey(trimmed) !== undefined) return false;
  return (
    TEMPLATE_OR_MARKER.test(trimmed) ||
    PLACEHOLDER_WORDS.test(trimmed) ||
    BARE_WORDS.test(trimmed) ||
    isRepetitive(trimmed)
  );
}
