/**
 * One pass over a file's bytes for the trigger words of several detectors at once. Searching each word
 * with `indexOf` read a JavaScript file 13 times (a Python file 19, a C# file 23); a Wu-Manber search
 * reads it once and, where no word's first bytes can end at a position, skips ahead by up to the
 * shortest word's length. Measured on the 10,582 JavaScript files of the bench corpus (89 MB): 150 ms
 * against 410 ms for one `Buffer.indexOf` per word and 550 ms for one alternation RegExp over a latin1
 * string.
 */

/** What a search found: bit `i` set when a word of group `i` occurs. */
export type GroupMask = number;

interface Candidate {
  readonly word: Buffer;
  readonly groups: GroupMask;
}

/** Words shorter than a block of this many bytes are searched with `indexOf`. */
const BLOCK = 2;

export interface TriggerSearch {
  /** The groups (bits) with at least one word in `bytes`; stops reading once every group is found. */
  groupsIn(bytes: Buffer): GroupMask;
}

/**
 * A search for words in groups (at most 31: one bit each). A group with no words is never found; an
 * empty word is found in any text, as `includes("")` is.
 */
export function triggerSearch(groups: readonly (readonly string[])[]): TriggerSearch {
  if (groups.length > 31) throw new RangeError("a trigger search holds at most 31 groups");
  const byWord = new Map<string, GroupMask>();
  groups.forEach((words, index) => {
    for (const word of words) byWord.set(word, (byWord.get(word) ?? 0) | (1 << index));
  });
  const all = groups.reduce<GroupMask>((mask, words, index) => (words.length > 0 ? mask | (1 << index) : mask), 0);
  const words = [...byWord].map(([word, mask]) => ({ word: Buffer.from(word, "utf8"), groups: mask }));
  const always = words.filter(({ word }) => word.length === 0).reduce((mask, { groups }) => mask | groups, 0);
  const short = words.filter(({ word }) => word.length > 0 && word.length < BLOCK);
  const long = words.filter(({ word }) => word.length >= BLOCK);
  // The prefix of this length of every long word is what the skip table is made of.
  const span = Math.min(255, ...long.map(({ word }) => word.length));
  const shift = new Uint8Array(1 << 16).fill(span - BLOCK + 1);
  const byLastBlock = new Map<number, Candidate[]>();
  for (const candidate of long) {
    const { word } = candidate;
    for (let end = BLOCK - 1; end < span; end += 1) {
      const block = (word[end - 1]! << 8) | word[end]!;
      shift[block] = Math.min(shift[block]!, span - 1 - end);
    }
    const last = (word[span - 2]! << 8) | word[span - 1]!;
    const bucket = byLastBlock.get(last);
    if (bucket === undefined) byLastBlock.set(last, [candidate]);
    else bucket.push(candidate);
  }

  return {
    groupsIn(bytes) {
      let found = always;
      for (const { word, groups: mask } of short) if ((found & mask) !== mask && bytes.includes(word)) found |= mask;
      if (long.length === 0 || (found & all) === all) return found;
      const length = bytes.length;
      for (let end = span - 1; end < length; end += 1) {
        // Nearly every block is no word's: the skip loop runs alone, as tight as it can be.
        let block = (bytes[end - 1]! << 8) | bytes[end]!;
        for (let skip = shift[block]!; skip > 0; skip = shift[block]!) {
          end += skip;
          if (end >= length) return found;
          block = (bytes[end - 1]! << 8) | bytes[end]!;
        }
        const start = end - span + 1;
        for (const { word, groups: mask } of byLastBlock.get(block) ?? []) {
          if ((found & mask) === mask || start + word.length > length) continue;
          let index = 0;
          while (index < word.length && bytes[start + index] === word[index]) index += 1;
          if (index === word.length) found |= mask;
        }
        if ((found & all) === all) return found;
      }
      return found;
    },
  };
}
