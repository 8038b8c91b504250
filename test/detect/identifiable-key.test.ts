import {
  computeIdentifiableChecksum,
  computeIdentifiableLongFormChecksum,
  detectKeys,
  findIdentifiableKeys,
  IDENTIFIABLE_KEY_PATTERN,
  IDENTIFIABLE_KEY_SERVICES,
  parseIdentifiableKey,
} from "../../src/detect/index.js";
import { corruptKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

/** Chars 52-57 (`JQQJ99`) and 76-79 (`ACOG`): changing them breaks the structure, not the checksum. */
const FIXED_SIGNATURE_INDEXES = new Set([52, 53, 54, 55, 56, 57, 76, 77, 78, 79]);

// The deterministic vector of the research notes, assembled from its fields: 52 filler chars, the
// signature, January 2025, zero platform bytes, Azure OpenAI, the provider signature, the checksum.
const FILLER_FIRST_80 = `${"x".repeat(52)}JQQJ99BA${"A".repeat(12)}AAABACOG`;

describe("identifiable key checksum", () => {
  it("matches the deterministic synthetic vector", () => {
    expect(computeIdentifiableChecksum(FILLER_FIRST_80)).toBe("Qt5Z");
    expect(computeIdentifiableLongFormChecksum(FILLER_FIRST_80)).toBe("Qt5Z7w==");
    expect(generateIdentifiableKey({ filler: "x", year: 2025, month: 1 })).toBe(`${FILLER_FIRST_80}Qt5Z`);
    expect(generateIdentifiableKey({ filler: "x", longForm: true })).toBe(`${FILLER_FIRST_80}Qt5Z7w==`);
  });

  it("rejects input that is not 80 base64 chars", () => {
    expect(() => computeIdentifiableChecksum(FILLER_FIRST_80.slice(1))).toThrow(RangeError);
    expect(() => computeIdentifiableChecksum(`${FILLER_FIRST_80.slice(1)}-`)).toThrow(RangeError);
  });

  it("validates generated keys of every ACOG service, several secrets each", () => {
    for (const [serviceCode, service] of Object.entries(IDENTIFIABLE_KEY_SERVICES)) {
      for (const seed of [1, 2, 3]) {
        const key = generateIdentifiableKey({ service: serviceCode, random: seed });
        expect(key).toHaveLength(84);
        expect(parseIdentifiableKey(key)).toEqual({
          service,
          serviceCode,
          checksumValid: true,
          createdAt: "2025-01",
          longForm: false,
          checksumEncoding: "base62",
        });
      }
    }
    expect(Object.keys(IDENTIFIABLE_KEY_SERVICES)).toHaveLength(41);
  });

  it("labels the main services by their provider-reserved field", () => {
    expect(IDENTIFIABLE_KEY_SERVICES.AAAA).toBe("Azure AI services");
    expect(IDENTIFIABLE_KEY_SERVICES.AAAB).toBe("Azure OpenAI");
    expect(IDENTIFIABLE_KEY_SERVICES.AAAY).toBe("Speech");
    expect(IDENTIFIABLE_KEY_SERVICES.AAAb).toBe("Translator");
    expect(IDENTIFIABLE_KEY_SERVICES.AAAo).toBe("Bing Spell Check v7");
  });

  it("still parses a key with an unknown provider-reserved field, naming the code", () => {
    const key = generateIdentifiableKey({ service: "ZZZZ", random: 4 });
    expect(parseIdentifiableKey(key)).toEqual({
      service: "Azure AI services (service code ZZZZ)",
      serviceCode: "ZZZZ",
      checksumValid: true,
      createdAt: "2025-01",
      longForm: false,
      checksumEncoding: "base62",
    });
  });

  it("validates 500 random keys with random platform fields", () => {
    for (let seed = 100; seed < 600; seed++) {
      const platform = generateIdentifiableKey({ random: seed + 10_000 }).slice(0, 12);
      const key = generateIdentifiableKey({ random: seed, platform, year: 2024 + (seed % 10), month: 1 + (seed % 12) });
      expect(parseIdentifiableKey(key)?.checksumValid).toBe(true);
    }
  });

  it("accepts the long form and the older base64 checksum encoding", () => {
    const longKey = generateIdentifiableKey({ random: 7, longForm: true });
    expect(longKey).toHaveLength(88);
    expect(longKey.endsWith("==")).toBe(true);
    expect(parseIdentifiableKey(longKey)).toMatchObject({ checksumValid: true, longForm: true, checksumEncoding: "base62" });

    const base64Key = generateIdentifiableKey({ random: 8, checksumEncoding: "base64" });
    expect(parseIdentifiableKey(base64Key)).toMatchObject({ checksumValid: true, checksumEncoding: "base64" });
    const base64LongKey = generateIdentifiableKey({ random: 9, checksumEncoding: "base64", longForm: true });
    expect(base64LongKey).toHaveLength(88);
    expect(parseIdentifiableKey(base64LongKey)).toMatchObject({ checksumValid: true, longForm: true, checksumEncoding: "base64" });
  });

  it.each([
    { name: "an Azure OpenAI key", recipe: { service: "AAAB", random: 11 } },
    { name: "an AI services key", recipe: { service: "AAAA", random: 12 } },
    { name: "a Speech key with a random platform field", recipe: { service: "AAAY", random: 13, platform: "Zq4TnB2xWp9K" } },
    { name: "a key with a filler secret", recipe: { service: "AAAb", filler: "Q" } },
    { name: "a long-form key", recipe: { service: "AAAB", random: 14, longForm: true } },
    { name: "a base64-checksum key", recipe: { service: "AAAB", random: 15, checksumEncoding: "base64" as const } },
  ])("fails the checksum of $name after any single-char change outside the fixed signature", ({ recipe }) => {
    const key = generateIdentifiableKey(recipe);
    let corruptions = 0;
    for (let index = 0; index < key.length; index++) {
      if (FIXED_SIGNATURE_INDEXES.has(index) || key[index] === "=") continue;
      const corrupted = corruptKey(key, index);
      expect(corrupted).not.toBe(key);
      expect(parseIdentifiableKey(corrupted), `index ${index}`).toMatchObject({ checksumValid: false });
      corruptions++;
    }
    expect(corruptions).toBe(key.length === 88 ? 76 : 74);
  });
});

describe("identifiable key creation date", () => {
  it.each([
    { year: 2024, month: 1, chars: "AA", createdAt: "2024-01" },
    { year: 2025, month: 3, chars: "BC", createdAt: "2025-03" },
    { year: 2033, month: 7, chars: "JG", createdAt: "2033-07" },
    { year: 2049, month: 12, chars: "ZL", createdAt: "2049-12" },
    { year: 2050, month: 6, chars: "aF", createdAt: "2050-06" },
    { year: 2085, month: 12, chars: "9L", createdAt: "2085-12" },
  ])("reads chars $chars as $createdAt", ({ year, month, chars, createdAt }) => {
    const key = generateIdentifiableKey({ year, month, random: year });
    expect(key.slice(58, 60)).toBe(chars);
    expect(parseIdentifiableKey(key)?.createdAt).toBe(createdAt);
  });
});

describe("parseIdentifiableKey structure", () => {
  const key = generateIdentifiableKey({ random: 21 });

  it.each([
    { name: "a key kind other than 9 (derived)", value: `${key.slice(0, 57)}D${key.slice(58)}` },
    { name: "a month after L", value: `${key.slice(0, 59)}M${key.slice(60)}` },
    { name: "another provider signature", value: `${key.slice(0, 76)}AZEG${key.slice(80)}` },
    { name: "a non-base62 secret char", value: `+${key.slice(1)}` },
    { name: "surrounding whitespace", value: ` ${key}` },
    { name: "83 chars", value: key.slice(1) },
    { name: "a long form without ==", value: `${key}ab` },
  ])("returns undefined for $name", ({ value }) => {
    expect(parseIdentifiableKey(value)).toBeUndefined();
  });
});

describe("finding identifiable keys in text", () => {
  const key = generateIdentifiableKey({ random: 31 });
  const otherKey = generateIdentifiableKey({ service: "AAAA", random: 32, year: 2026, month: 4 });

  it("finds a quoted key with its exact range and high confidence", () => {
    expect(detectKeys(`const key = "${key}";`)).toEqual([
      {
        detector: "azure-ai-identifiable-key",
        start: 13,
        end: 97,
        secret: key,
        confidence: "high",
        service: "Azure OpenAI",
        identifiable: {
          service: "Azure OpenAI",
          serviceCode: "AAAB",
          checksumValid: true,
          createdAt: "2025-01",
          longForm: false,
          checksumEncoding: "base62",
        },
      },
    ]);
  });

  it("finds keys at the very start and end of the text and next to each other", () => {
    const text = `${key}\n${otherKey},${key}`;
    expect(findIdentifiableKeys(text).map(({ start, end, info }) => [start, end, info.service])).toEqual([
      [0, 84, "Azure OpenAI"],
      [85, 169, "Azure AI services"],
      [170, 254, "Azure OpenAI"],
    ]);
  });

  it("reports a structurally valid key whose checksum fails, at low confidence", () => {
    const corrupted = corruptKey(key, 10);
    expect(detectKeys(`AZURE_OPENAI_API_KEY=${corrupted}`)).toEqual([
      {
        detector: "azure-ai-identifiable-key",
        start: 21,
        end: 105,
        secret: corrupted,
        confidence: "low",
        service: "Azure OpenAI",
        identifiable: {
          service: "Azure OpenAI",
          serviceCode: "AAAB",
          checksumValid: false,
          createdAt: "2025-01",
          longForm: false,
        },
      },
    ]);
  });

  it("finds the long form whole, and the standard form when == follows directly", () => {
    const longKey = generateIdentifiableKey({ random: 33, longForm: true });
    expect(detectKeys(`k=${longKey};`).map(({ start, end }) => [start, end])).toEqual([[2, 90]]);
    expect(detectKeys(`k=${key}==`).map(({ start, end }) => [start, end])).toEqual([[2, 86]]);
  });

  it("accepts non-base62 neighbours such as / + - _ and quotes", () => {
    for (const [before, after] of [["/", "/"], ["+", "+"], ["-", "_"], ["'", "'"], ["`", "`"]] as const) {
      expect(detectKeys(`${before}${key}${after}`).map(({ start, end }) => [start, end])).toEqual([[1, 85]]);
    }
  });

  it.each([
    { name: "a letter before", text: () => `a${key}` },
    { name: "a digit after", text: () => `${key}0` },
    { name: "the signature one char early", text: () => key.slice(1) },
    { name: "a 53-char secret part", text: () => `Z${key}`.slice(0, 85) },
  ])("does not report a key glued to base62 chars: $name", ({ text }) => {
    expect(detectKeys(text())).toEqual([]);
  });

  it("exposes a stateless pattern for one key standing alone", () => {
    expect(IDENTIFIABLE_KEY_PATTERN.test(`"${key}"`)).toBe(true);
    expect(IDENTIFIABLE_KEY_PATTERN.test(`"${key}"`)).toBe(true);
    expect(IDENTIFIABLE_KEY_PATTERN.test(`x${key}`)).toBe(false);
  });

  it("ignores signatures without 52 base62 chars before them", () => {
    expect(findIdentifiableKeys("JQQJ99 JQQJ JQQJ99BA")).toEqual([]);
    expect(findIdentifiableKeys(key.slice(10))).toEqual([]);
    expect(findIdentifiableKeys(`${key.slice(0, 30)} ${key.slice(30)}`)).toEqual([]);
  });
});
