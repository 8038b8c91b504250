/**
 * Offsets to lines. Findings count LF, CRLF and a lone CR as one break each, as editors, ESLint and
 * SARIF viewers do; a unified diff counts LF only, as `git apply` does; JavaScript parsers also count
 * the line and paragraph separators U+2028 and U+2029.
 */
const ANY_BREAK = /\r\n?|\n/g;
const JAVASCRIPT_BREAK = /\r\n?|[\n\u2028\u2029]/g;

/** Start offset of every line. */
export function lineStartsOf(text: string, breaks: "any" | "lf" | "javascript" = "any"): number[] {
  const starts = [0];
  if (breaks === "lf") {
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  } else {
    for (const match of text.matchAll(breaks === "any" ? ANY_BREAK : JAVASCRIPT_BREAK)) starts.push(match.index + match[0].length);
  }
  return starts;
}

/** 0-based index of the line holding `offset`, by binary search over `lineStartsOf`. */
export function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
