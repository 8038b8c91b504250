import { describe, expect, it } from "vitest";

import { lineIndexOf, lineStartsOf } from "../../src/utils/line-index.js";

describe("line index", () => {
  const text = "a\r\nb\rc\nd";

  it("counts LF, CRLF and a lone CR as one break each by default, LF only for diffs", () => {
    expect(lineStartsOf(text)).toEqual([0, 3, 5, 7]);
    expect(lineStartsOf(text, "lf")).toEqual([0, 3, 7]);
  });

  it("finds the 0-based line of an offset, a break belonging to the line it ends", () => {
    const starts = lineStartsOf(text);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((offset) => lineIndexOf(starts, offset))).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
