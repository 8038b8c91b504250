/** The byte prefilter must never say no where the engine could say yes. */
import { detectKeys } from "../../src/detect/index.js";
import { mayHoldKey } from "../../src/scanner/prefilter.js";
import { createRandom, generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

describe("mayHoldKey", () => {
  const hexKey = generateHexKey(801);

  it("says yes for a 32-hex run at every offset and alignment, upper or lower case, in either reading", () => {
    for (let offset = 0; offset < 40; offset += 1) {
      const text = `${"z".repeat(offset)} speech_key="${hexKey}"\n`;
      const upper = `${"z".repeat(offset)} SPEECH_KEY=${hexKey.toUpperCase()}\n`;
      for (const reading of ["text", "values"] as const) {
        expect(mayHoldKey(Buffer.from(text), reading)).toBe(true);
        expect(mayHoldKey(Buffer.from(upper), reading)).toBe(true);
      }
      expect(detectKeys(text)).toHaveLength(1);
    }
  });

  it("says yes for an identifiable key, which always carries the signature", () => {
    expect(mayHoldKey(Buffer.from(`x = "${generateIdentifiableKey({ random: 802 })}"`), "text")).toBe(true);
  });

  it("says no for hex runs one short of a key, next to each other or split", () => {
    const short = hexKey.slice(0, 31);
    const text = Buffer.from(`key=${short}\nkey=${short}-${short}\n${"deadbeef face cafe ".repeat(200)}`);
    expect(mayHoldKey(text, "text")).toBe(false);
    expect(mayHoldKey(text, "values")).toBe(false);
  });

  it("reading the whole text, says no for runs the engine's pattern never takes: longer, or glued to a word char", () => {
    const glued = [`${hexKey}0`, `${hexKey}${hexKey}`, `x${hexKey}`, `${hexKey}_`, `_${hexKey}`, `G${hexKey}z`, `\\n${hexKey}`];
    for (const run of glued) {
      const bytes = Buffer.from(`value = "${run}"\n`);
      expect(mayHoldKey(bytes, "text")).toBe(false);
      // An extractor may unescape `\n` into a line break next to the run: then any long run counts.
      expect(mayHoldKey(bytes, "values")).toBe(true);
    }
  });

  it("reading the whole text, says no for a standalone run whose own chars are no key: mixed case, digits only, repetitive", () => {
    const mixed = `${hexKey.slice(0, 16)}${hexKey.slice(16).toUpperCase()}`;
    for (const run of [mixed, "1234567890".repeat(3) + "12", "44CA".repeat(8), "0123456789abcdef".repeat(2)]) {
      expect(run).toMatch(/^[0-9A-Fa-f]{32}$/);
      expect(detectKeys(`api_key = "${run}"`)).toEqual([]);
      expect(mayHoldKey(Buffer.from(`api_key = "${run}"`), "text")).toBe(false);
    }
  });

  it("reading the whole text, says yes for a run at either end of the bytes or next to a non-ASCII char", () => {
    for (const text of [hexKey, `${hexKey}\n`, `=${hexKey}`, `é${hexKey}é`, `\uFEFF${hexKey}`, `"${hexKey}"`, `${hexKey}-`]) {
      expect(mayHoldKey(Buffer.from(text), "text")).toBe(true);
    }
  });

  it("says yes wherever the engine's whole-text pass finds a key or a key-shaped value (random texts)", () => {
    const random = createRandom(803);
    const pieces = ["a", "Z", "_", "0", "f", "-", " ", "=", '"', "\n", "é", "\\n", "key: ", "api_key=", "x.cognitiveservices.azure.com "];
    let engineSaysYes = 0;
    for (let round = 0; round < 400; round += 1) {
      const parts: string[] = [];
      const length = 1 + Math.floor(random() * 12);
      for (let index = 0; index < length; index += 1) {
        const roll = random();
        if (roll < 0.25) parts.push(random() < 0.5 ? hexKey : hexKey.toUpperCase());
        else if (roll < 0.35) parts.push(hexKey.slice(0, 1 + Math.floor(random() * 33)));
        else parts.push(pieces[Math.floor(random() * pieces.length)]!);
      }
      const text = parts.join("");
      let shapes = 0;
      const found = detectKeys(text, { onUnreported: () => (shapes += 1) }).length;
      if (found + shapes === 0) continue;
      engineSaysYes += 1;
      expect(mayHoldKey(Buffer.from(text), "text"), text).toBe(true);
    }
    expect(engineSaysYes).toBeGreaterThan(100);
  });
});
