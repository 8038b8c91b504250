import { isPlaceholder, isRepetitive } from "../../src/detect/index.js";
import { createRandom, generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

describe("isPlaceholder", () => {
  it.each([
    "",
    "   ",
    "<your-key>",
    "<api-key>",
    "${AZURE_OPENAI_API_KEY}",
    "prefix-${KEY}",
    "{{ api_key }}",
    "%AZURE_OPENAI_KEY%",
    "$(AZURE_OPENAI_KEY)",
    "xxxx",
    "sk-xxxxxxxxxxxx",
    "****",
    "...",
    "abc…",
    "YOUR_API_KEY",
    "your-azure-openai-key",
    "REPLACE_WITH_YOUR_KEY_VALUE_HERE",
    "changeme",
    "placeholder",
    "insert key here",
    "dummy-key",
    "key",
    "apiKey",
    "api_key",
    "aaaaaaaa",
    "12345678",
    "abcabcabcabc",
  ])("accepts %j", (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it("rejects realistic keys", () => {
    expect(isPlaceholder(generateHexKey(1))).toBe(false);
    expect(isPlaceholder(generateHexKey(2, { uppercase: true }))).toBe(false);
    expect(isPlaceholder("https://myres.openai.azure.com/")).toBe(false);
  });

  it("never calls an identifiable key a placeholder, even with a filler secret", () => {
    const filler = generateIdentifiableKey({ filler: "x" });
    expect(isRepetitive(filler)).toBe(true);
    expect(isPlaceholder(filler)).toBe(false);
  });
});

describe("isRepetitive", () => {
  // 32 digits drawn at random from 7 symbols: not periodic, no runs, just too few distinct digits.
  const random = createRandom(17);
  const sevenDigitHex = Array.from({ length: 32 }, () => "0a1b2c3"[Math.floor(random() * 7)]).join("");

  it.each([
    { kind: "all same", value: () => "7".repeat(32) },
    { kind: "period 16", value: () => "0123456789abcdef".repeat(2) },
    { kind: "period 8", value: () => "deadbeef".repeat(4) },
    { kind: "monotone", value: () => ["0000", "1111", "2222", "3333", "4444", "5555", "6666", "7777"].join("") },
    { kind: "equal run of 8", value: () => `${generateHexKey(3).slice(0, 24)}${"a".repeat(8)}` },
    { kind: "descending run of 8", value: () => `${generateHexKey(4).slice(0, 24)}fedcba98` },
    { kind: "7 distinct hex digits", value: () => sevenDigitHex },
  ])("catches $kind", ({ value }) => {
    expect(isRepetitive(value())).toBe(true);
  });

  it("keeps short strings and random keys", () => {
    expect(isRepetitive("aaa")).toBe(false);
    expect(isRepetitive(generateHexKey(5))).toBe(false);
    expect(isRepetitive("9f8e")).toBe(false);
  });
});
