import { detectKeys, DETECTOR_IDS } from "../../src/detect/index.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

describe("detectKeys", () => {
  const identifiable = generateIdentifiableKey({ service: "AAAY", random: 41, year: 2026, month: 2 });
  const hex = generateHexKey(41);
  const text = `SPEECH_KEY=${identifiable}\nAZURE_OPENAI_API_KEY=${hex}\nfoo=bar\n`;

  it("runs both detectors and returns findings sorted by offset", () => {
    expect(detectKeys(text).map(({ detector, start, end, confidence, service }) => ({ detector, start, end, confidence, service }))).toEqual([
      { detector: "azure-ai-identifiable-key", start: 11, end: 95, confidence: "high", service: "Speech" },
      { detector: "azure-ai-legacy-key", start: 117, end: 149, confidence: "medium", service: "Azure OpenAI" },
    ]);
  });

  it("gives offsets that slice back to the secret", () => {
    for (const match of detectKeys(text)) expect(text.slice(match.start, match.end)).toBe(match.secret);
  });

  it("runs only the detectors asked for", () => {
    expect(detectKeys(text, { detectors: ["azure-ai-identifiable-key"] }).map(({ start }) => start)).toEqual([11]);
    expect(detectKeys(text, { detectors: ["azure-ai-legacy-key"] }).map(({ start }) => start)).toEqual([117]);
    expect(detectKeys(text, { detectors: [] })).toEqual([]);
    expect(DETECTOR_IDS).toEqual(["azure-ai-identifiable-key", "azure-ai-legacy-key"]);
  });

  it("reports identifiable keys whatever name they are bound to: they need no context", () => {
    expect(detectKeys(identifiable, { names: ["requestId"] }).map(({ start, end }) => [start, end])).toEqual([[0, 84]]);
  });

  it("finds nothing in text without keys", () => {
    expect(detectKeys("")).toEqual([]);
    expect(detectKeys("const client = new AzureOpenAI({ azureADTokenProvider });")).toEqual([]);
  });
});
