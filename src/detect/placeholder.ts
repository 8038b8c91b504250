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

/**
 * Case-folded position of each ASCII char in the order "sequential" is judged (`0-9` then `a-z`), or -1:
 * a lookup table, because this check runs on every 32-hex candidate of every scanned file.
 */
const SEQUENCE_POSITION = (() => {
  const table = new Int8Array(128).fill(-1);
  const order = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (let index = 0; index < order.length; index++) {
    table[order.charCodeAt(index)] = index;
    table[order.toUpperCase().charCodeAt(index)] = index;
  }
  return table;
})();

const sequencePosition = (code: number): number => (code < 128 ? SEQUENCE_POSITION[code]! : -1);

/** A run of this many same or sequential chars inside a value marks it as typed by hand. */
const HAND_TYPED_RUN = 8;

/** A 32-char hex value needs at least this many distinct digits (random keys: ~14; P(< 8) ~ 4e-8). */
const MIN_DISTINCT_HEX_DIGITS = 8;

/** True when the value repeats itself with a period of at most 16 chars (`abcabc...`, `deadbeef...`). */
function isPeriodic(value: string): boolean {
  for (let period = 1; period <= 16 && period * 2 <= value.length; period++) {
    let index = period;
    while (index < value.length && value.charCodeAt(index) === value.charCodeAt(index - period)) index++;
    if (index === value.length) return true;
  }
  return false;
}

/**
 * Too regular to be random: all-same, periodic, monotone (`0000111122223333...`), or containing a run
 * of 8 equal or sequential chars (`12345678`, `fedcba98`, `aaaaaaaa`); 32-hex values also need 8 distinct
 * digits. Letter case is ignored. Chance that a random 32-hex key is caught: about 1e-7 (a sequential
 * run of 8, either direction) + 1e-7 (an equal run of 8) + 4e-8 (fewer than 8 distinct digits).
 */
export function isRepetitive(value: string): boolean {
  if (value.length < 4) return false;
  if (isPeriodic(value.toLowerCase())) return true;

  let same = 1;
  let ascending = 1;
  let descending = 1;
  let neverDown = true;
  let neverUp = true;
  let allInOrder = true;
  let distinctHexDigits = 0; // bit mask of the hex digits seen
  let allHex = true;
  let previous = sequencePosition(value.charCodeAt(0));
  for (let index = 0; index < value.length; index++) {
    const current = sequencePosition(value.charCodeAt(index));
    if (current >= 0 && current < 16) distinctHexDigits |= 1 << current;
    else allHex = false;
    if (index === 0) continue;
    const inOrder = current !== -1 && previous !== -1;
    if (!inOrder) allInOrder = false;
    const equal = inOrder ? current === previous : value[index] === value[index - 1];
    same = equal ? same + 1 : 1;
    ascending = inOrder && current === previous + 1 ? ascending + 1 : 1;
    descending = inOrder && current === previous - 1 ? descending + 1 : 1;
    if (same >= HAND_TYPED_RUN || ascending >= HAND_TYPED_RUN || descending >= HAND_TYPED_RUN) return true;
    if (current < previous) neverDown = false;
    if (current > previous) neverUp = false;
    previous = current;
  }
  if (allInOrder && value.length >= 8 && (neverDown || neverUp)) return true;
  if (value.length === 32 && allHex) {
    let distinct = 0;
    for (let mask = distinctHexDigits; mask !== 0; mask &= mask - 1) distinct++;
    return distinct < MIN_DISTINCT_HEX_DIGITS;
  }
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
