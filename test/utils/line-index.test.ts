import { describe, expect, it } from "vitest";

import { lineIndexOf, lineStartsOf } from "../../src/utils/line-index.js";

describe("line index", () => {
  const text = "a\r\nb\rc\nd";

  it("counts LF, CRLF and a lone CR as one break each by default, LF only for diffs", () => {
    expect(lineStartsOf(text)).toEqual([0, 3, 5, 7]);
    expect(lineStartsOf(text, "lf")).toEqual([0, 3, 7]);
  });

  it("counts the line and paragraph separators for JavaScript only, and a CR closing the text as a break", () => {
    const separated = "a\u2028b\u2029c\r\nd\r";
    expect(lineStartsOf(separated, "javascript")).toEqual([0, 2, 4, 7, 9]);
    expect(lineStartsOf(separated)).toEqual([0, 7, 9]);
    expect(lineStartsOf(separated, "lf")).toEqual([0, 7]);
    expect(lineStartsOf("")).toEqual([0]);
  });

  it("searches the lines a caller bounds the offset to", () => {
    const starts = [0, 10, 20, 30, 40];
    expect(lineIndexOf(starts, 25, 1, 3)).toBe(2);
    expect(lineIndexOf(starts, 45, 2, 4)).toBe(4);
    expect(lineIndexOf(starts, 10, 1, 1)).toBe(1);
  });

  it("finds the 0-based line of an offset, a break belonging to the line it ends", () => {
    const starts = lineStartsOf(text);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((offset) => lineIndexOf(starts, offset))).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
