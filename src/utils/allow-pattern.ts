/**
 * Allow-list entries shared by the scanner's `allowValues` and the `no-hardcoded-key` rule's `allow`
 * option: an exact key, or a regular expression written `/source/flags` tested against each key.
 * Keys never start with "/", so an entry that does is a regex and must be a valid, safe one.
 */

/**
 * An entry that cannot be used. `message` is the reason alone and never quotes the entry (it may
 * spell out a key); `unsafe` tells a valid but catastrophic pattern from a malformed one.
 */
export class AllowPatternError extends Error {
  override readonly name = "AllowPatternError";

  constructor(
    reason: string,
    readonly unsafe: boolean = false,
  ) {
    super(reason);
  }
}

export type AllowTest = (secret: string) => boolean;

/** A quantifier that repeats what precedes it more than once: `*`, `+`, `{n,}`, `{n,m}` with m > 1. */
const REPEATING_QUANTIFIER = /^(?:[*+]|\{\d+,\d*\})/;
const ANY_QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/**
 * Why `source` could backtrack exponentially, or undefined: a repeated group holding a quantifier or
 * an alternation (`(a+)+`, `(\w|\d)*`, `(x{2,})+`). Such a pattern can take longer than the age of
 * the universe on an 84-character key, and a regex cannot be interrupted, so it is refused up front.
 */
export function catastrophicPatternReason(source: string): string | undefined {
  // For each open group: whether it holds a quantifier or an alternation so far.
  const groups: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === "\\") {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") {
      inClass = true;
    } else if (char === "(") {
      groups.push(false);
    } else if (char === "|") {
      if (groups.length > 0) groups[groups.length - 1] = true;
    } else if (char === ")") {
      const risky = groups.pop() ?? false;
      const rest = source.slice(index + 1);
      if (risky && REPEATING_QUANTIFIER.test(rest)) {
        return "a repeated group holds a quantifier or an alternation (nested quantifiers can backtrack without end)";
      }
      // The group's own content (and its quantifier) make the enclosing group risky when quantified.
      if ((risky || ANY_QUANTIFIER.test(rest)) && groups.length > 0) groups[groups.length - 1] = true;
    } else if (ANY_QUANTIFIER.test(source.slice(index)) && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return undefined;
}

/**
 * Compiles one entry. Flags `g` and `y` are dropped: they make `test` remember `lastIndex` between
 * keys, so every other key would slip through. Throws `AllowPatternError` for a missing closing
 * slash, an invalid regex or a catastrophic one.
 */
export function compileAllowEntry(entry: string): AllowTest {
  if (!entry.startsWith("/")) return (secret) => secret === entry;
  const match = /^\/(.+)\/([A-Za-z]*)$/s.exec(entry);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new AllowPatternError("no closing slash");
  }
  const source = match[1];
  const flags = match[2].replaceAll("g", "").replaceAll("y", "");
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, flags);
  } catch (error) {
    // V8 quotes the source in its message ("Invalid regular expression: /source/: reason"): keep the reason only.
    const message = error instanceof Error ? error.message : String(error);
    throw new AllowPatternError(message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ""));
  }
  const unsafe = catastrophicPatternReason(source);
  if (unsafe !== undefined) throw new AllowPatternError(unsafe, true);
  return (secret) => pattern.test(secret);
}
