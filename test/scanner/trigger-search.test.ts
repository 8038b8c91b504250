import { describe, expect, it } from "vitest";

import { FINDING_DETECTORS } from "../../src/scanner/detectors/index.js";
import { triggerSearch } from "../../src/scanner/detectors/trigger-search.js";
import { createRandom } from "../support/synthetic-keys.js";

/** What the search must equal: one `includes` per word, as the scanner did before. */
function expected(groups: readonly (readonly string[])[], bytes: Buffer): number {
  return groups.reduce((mask, words, index) => (words.some((word) => bytes.includes(word)) ? mask | (1 << index) : mask), 0);
}

describe("trigger search", () => {
  it("finds each group's words anywhere: at the start, at the end, overlapping, sharing a prefix", () => {
    const search = triggerSearch([["api-key", "Bearer"], ["KEY", "Key"], ["openai"], []]);
    expect(search.groupsIn(Buffer.from(""))).toBe(0);
    expect(search.groupsIn(Buffer.from("api-key"))).toBe(0b0001);
    expect(search.groupsIn(Buffer.from("x = 1; // Bearer"))).toBe(0b0001);
    expect(search.groupsIn(Buffer.from("MY_KEY=1"))).toBe(0b0010);
    expect(search.groupsIn(Buffer.from("api-KeY apiKey"))).toBe(0b0010);
    expect(search.groupsIn(Buffer.from("openaopenai"))).toBe(0b0100);
    expect(search.groupsIn(Buffer.from("Bearer openai Key"))).toBe(0b0111);
    expect(search.groupsIn(Buffer.from("open ai, api key, bearer"))).toBe(0);
  });

  it("finds one-byte and empty words as includes does", () => {
    expect(triggerSearch([["x"], ["long-word"]]).groupsIn(Buffer.from("a long-word"))).toBe(0b10);
    expect(triggerSearch([["x"], ["long-word"]]).groupsIn(Buffer.from("x"))).toBe(0b01);
    expect(triggerSearch([[""], ["y"]]).groupsIn(Buffer.from("abc"))).toBe(0b01);
  });

  it("equals one includes per word for the registry's own words over random text made of their pieces", () => {
    const groups = FINDING_DETECTORS.map((detector) => detector.triggers);
    const search = triggerSearch(groups);
    const pieces = [...new Set(groups.flat())].flatMap((word) => [word, word.slice(0, -1), word.slice(1), word.toLowerCase()]);
    const random = createRandom(12);
    for (let round = 0; round < 2000; round += 1) {
      const parts: string[] = [];
      const count = Math.floor(random() * 6);
      for (let index = 0; index < count; index += 1) {
        parts.push(random() < 0.3 ? pieces[Math.floor(random() * pieces.length)]! : " \n=\"'-_/.kKeEyY".charAt(Math.floor(random() * 15)).repeat(Math.floor(random() * 4)));
      }
      const bytes = Buffer.from(parts.join(""), "utf8");
      expect(search.groupsIn(bytes), parts.join("")).toBe(expected(groups, bytes));
    }
  });

  it("refuses more groups than bits", () => {
    expect(() => triggerSearch(Array.from({ length: 32 }, () => ["a"]))).toThrow(RangeError);
  });
});
