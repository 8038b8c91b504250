/**
 * Offsets to lines. Findings count LF, CRLF and a lone CR as one break each, as editors, ESLint and
 * SARIF viewers do; a unified diff counts LF only, as `git apply` does; JavaScript parsers also count
 * the line and paragraph separators U+2028 and U+2029.
 */

/** Start offset of every line. */
export function lineStartsOf(text: string, breaks: "any" | "lf" | "javascript" = "any"): number[] {
  const starts = [0];
  if (breaks === "lf") {
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
    return starts;
  }
  // By character codes: a regular expression's match objects cost more than the scan (one per line).
  const separators = breaks === "javascript";
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 13 && !(separators && (code === 0x2028 || code === 0x2029))) continue;
    if (code === 10 || code === 0x2028 || code === 0x2029) starts.push(index + 1);
    else if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) index += 1;
      starts.push(index + 1);
    }
  }
  return starts;
}

/** 0-based index of the line holding `offset`, by binary search over `lineStartsOf` (or over the lines `low` to `high` when the caller knows it is there). */
export function lineIndexOf(lineStarts: readonly number[], offset: number, low = 0, high = lineStarts.length - 1): number {
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
