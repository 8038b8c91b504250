/** The byte prefilter must never say no where the engine could say yes. */
import { detectKeys } from "../../src/detect/index.js";
import { mayHoldKey } from "../../src/scanner/prefilter.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

describe("mayHoldKey", () => {
  const hexKey = generateHexKey(801);

  it("says yes for a 32-hex run at every offset and alignment, upper or lower case", () => {
    for (let offset = 0; offset < 40; offset += 1) {
      const text = `${"z".repeat(offset)} speech_key="${hexKey}"\n`;
      const upper = `${"z".repeat(offset)} SPEECH_KEY=${hexKey.toUpperCase()}\n`;
      expect(mayHoldKey(Buffer.from(text))).toBe(true);
      expect(mayHoldKey(Buffer.from(upper))).toBe(true);
      expect(detectKeys(text)).toHaveLength(1);
    }
  });

  it("says yes for an identifiable key, which always carries the signature", () => {
    expect(mayHoldKey(Buffer.from(`x = "${generateIdentifiableKey({ random: 802 })}"`))).toBe(true);
  });

  it("says no for hex runs one short of a key, next to each other or split", () => {
    const short = hexKey.slice(0, 31);
    expect(mayHoldKey(Buffer.from(`key=${short}\nkey=${short}-${short}\n${"deadbeef face cafe ".repeat(200)}`))).toBe(false);
  });
});
