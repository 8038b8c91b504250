/**
 * Offsets to lines. Findings count LF, CRLF and a lone CR as one break each, as editors, ESLint and
 * SARIF viewers do; a unified diff counts LF only, as `git apply` does.
 */
const ANY_BREAK = /\r\n?|\n/g;

/** Start offset of every line. */
export function lineStartsOf(text: string, breaks: "any" | "lf" = "any"): number[] {
  const starts = [0];
  if (breaks === "lf") {
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  } else {
    for (const match of text.matchAll(ANY_BREAK)) starts.push(match.index + match[0].length);
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
