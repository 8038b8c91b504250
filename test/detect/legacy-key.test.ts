import type { KeyMatch } from "../../src/detect/index.js";

import { detectKeys, isRepetitive } from "../../src/detect/index.js";
import { createRandom, generateHexKey } from "../support/synthetic-keys.js";

const hex = generateHexKey(2026);

/** The legacy finding expected for `hex` at `start`. */
const legacyFinding = (
  start: number,
  context: KeyMatch["context"],
  service: string,
  secret = hex,
): KeyMatch => ({
  detector: "azure-ai-legacy-key",
  start,
  end: start + 32,
  secret,
  confidence: context?.type === "name" ? "medium" : "low",
  service,
  context,
});

describe("32-hex keys bound to a key-like name in the text", () => {
  it.each([
    { form: ".env line", before: "AZURE_OPENAI_API_KEY=", after: "", start: 21, name: "AZURE_OPENAI_API_KEY", service: "Azure OpenAI" },
    { form: "export", before: "export AZURE_OPENAI_KEY=", after: "\n", start: 24, name: "AZURE_OPENAI_KEY", service: "Azure OpenAI" },
    { form: "object property", before: 'new AzureOpenAI({ apiKey: "', after: '" });', start: 27, name: "apiKey", service: "Azure AI services" },
    { form: "Python keyword argument", before: 'AzureOpenAI(api_key="', after: '")', start: 21, name: "api_key", service: "Azure AI services" },
    { form: "JSON header", before: '{ "api-key": "', after: '" }', start: 14, name: "api-key", service: "Azure AI services" },
    { form: "curl -H", before: 'curl -H "api-key: ', after: '" https://example.com', start: 18, name: "api-key", service: "Azure AI services" },
    { form: "indexed header", before: 'headers["Ocp-Apim-Subscription-Key"] = "', after: '";', start: 40, name: "Ocp-Apim-Subscription-Key", service: "Azure AI services" },
    { form: "PowerShell env", before: '$env:AZURE_OPENAI_KEY = "', after: '"', start: 25, name: "AZURE_OPENAI_KEY", service: "Azure OpenAI" },
    { form: "CLI flag", before: "az-speech-tool --subscription-key ", after: " --verbose", start: 34, name: "--subscription-key", service: "Azure AI services" },
    { form: "CLI flag with =", before: "mytool --speech-key=", after: "", start: 20, name: "--speech-key", service: "Speech" },
    { form: "AzureKeyCredential (JS, C#, Java)", before: 'new AzureKeyCredential("', after: '")', start: 24, name: "AzureKeyCredential", service: "Azure AI services" },
    { form: "AzureKeyCredential (Python keyword)", before: 'AzureKeyCredential(key="', after: '")', start: 24, name: "AzureKeyCredential", service: "Azure AI services" },
    { form: "headers.set", before: 'headers.set("api-key", "', after: '");', start: 24, name: "api-key", service: "Azure AI services" },
    { form: "C# header Add", before: 'client.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", "', after: '");', start: 63, name: "Ocp-Apim-Subscription-Key", service: "Azure AI services" },
    { form: "dotted Python attribute", before: 'openai.api_key = "', after: '"', start: 18, name: "openai.api_key", service: "Azure OpenAI" },
    { form: "YAML", before: "speech:\n  speech_key: ", after: "\n", start: 22, name: "speech_key", service: "Speech" },
    { form: "Translator env var", before: "AZURE_TRANSLATOR_KEY=", after: "", start: 21, name: "AZURE_TRANSLATOR_KEY", service: "Translator" },
    { form: "AI services env var", before: "AZURE_AI_SERVICES_KEY=", after: "", start: 22, name: "AZURE_AI_SERVICES_KEY", service: "Azure AI services" },
    { form: "AOAI_KEY", before: "AOAI_KEY: ", after: "", start: 10, name: "AOAI_KEY", service: "Azure OpenAI" },
    { form: "LangChain option", before: 'azureOpenAIApiKey: "', after: '",', start: 20, name: "azureOpenAIApiKey", service: "Azure OpenAI" },
    { form: "camelCase acronym", before: "const openAIKey = '", after: "';", start: 19, name: "openAIKey", service: "Azure OpenAI" },
    { form: "subscriptionKey", before: 'subscriptionKey = "', after: '"', start: 19, name: "subscriptionKey", service: "Azure AI services" },
    { form: ".NET appSettings", before: '<add key="AzureOpenAIKey" value="', after: '" />', start: 33, name: "AzureOpenAIKey", service: "Azure OpenAI" },
    { form: "XML element", before: "<SpeechKey>", after: "</SpeechKey>", start: 11, name: "SpeechKey", service: "Speech" },
    { form: "setx", before: 'setx AZURE_OPENAI_API_KEY "', after: '"', start: 27, name: "AZURE_OPENAI_API_KEY", service: "Azure OpenAI" },
    { form: "getenv default", before: 'os.getenv("AZURE_OPENAI_API_KEY", "', after: '")', start: 35, name: "AZURE_OPENAI_API_KEY", service: "Azure OpenAI" },
    { form: "|| fallback", before: 'process.env.AZURE_OPENAI_API_KEY || "', after: '"', start: 37, name: "process.env.AZURE_OPENAI_API_KEY", service: "Azure OpenAI" },
    { form: "escaped JSON inside a string", before: 'body = "{\\"api-key\\": \\"', after: '\\"}"', start: 24, name: "api-key", service: "Azure AI services" },
    { form: "numbered key", before: "SPEECH_KEY1=", after: "", start: 12, name: "SPEECH_KEY1", service: "Speech" },
    { form: "notebook source line", before: '    "os.environ[\\"AZURE_OPENAI_API_KEY\\"] = \\"', after: '\\"\\n",', start: 46, name: "AZURE_OPENAI_API_KEY", service: "Azure OpenAI" },
    { form: "R assignment", before: 'azure_openai_key <- "', after: '"', start: 21, name: "azure_openai_key", service: "Azure OpenAI" },
    { form: "Go struct field", before: 'TranslatorKey:   "', after: '",', start: 18, name: "TranslatorKey", service: "Translator" },
    { form: "Java setter call", before: 'builder.credential(new AzureKeyCredential(System.getenv().getOrDefault("AZURE_OPENAI_KEY", "', after: '")));', start: 92, name: "AZURE_OPENAI_KEY", service: "Azure OpenAI" },
  ])("$form", ({ before, after, start, name, service }) => {
    expect(before.length).toBe(start);
    expect(detectKeys(`${before}${hex}${after}`)).toEqual([legacyFinding(start, { type: "name", name }, service)]);
  });

  it("labels the service from the host when the name names none", () => {
    const text = `https://api.cognitive.microsofttranslator.com/translate?subscription-key=${hex}`;
    expect(detectKeys(text)).toEqual([legacyFinding(73, { type: "name", name: "subscription-key" }, "Translator")]);
  });

  it("accepts upper-case hex", () => {
    const upper = generateHexKey(7, { uppercase: true });
    expect(detectKeys(`AZURE_OPENAI_API_KEY=${upper}`)).toEqual([
      legacyFinding(21, { type: "name", name: "AZURE_OPENAI_API_KEY" }, "Azure OpenAI", upper),
    ]);
  });

  it("reads CRLF files like LF files", () => {
    const text = `AZURE_OPENAI_ENDPOINT=https://myres.openai.azure.com/\r\nSECRET_VALUE=${hex}\r\nAZURE_OPENAI_KEY=${hex}\r\n`;
    expect(detectKeys(text)).toEqual([
      legacyFinding(68, { type: "host", host: "myres.openai.azure.com" }, "Azure OpenAI"),
      legacyFinding(119, { type: "name", name: "AZURE_OPENAI_KEY" }, "Azure OpenAI"),
    ]);
  });

  it("reports every key of a multi-line .env file at its own offset", () => {
    const second = generateHexKey(8);
    const text = `# Azure\nAZURE_OPENAI_API_KEY=${hex}\nSPEECH_KEY=${second}\n`;
    expect(detectKeys(text)).toEqual([
      legacyFinding(29, { type: "name", name: "AZURE_OPENAI_API_KEY" }, "Azure OpenAI"),
      legacyFinding(73, { type: "name", name: "SPEECH_KEY" }, "Speech", second),
    ]);
  });
});

describe("32-hex keys with context from the caller", () => {
  it("uses options.names for a bare value", () => {
    expect(detectKeys(hex, { names: ["speechKey"] })).toEqual([legacyFinding(0, { type: "name", name: "speechKey" }, "Speech")]);
    // A generic inner name with an Azure outer name: `{"AzureOpenAI": {"ApiKey": "..."}}`.
    expect(detectKeys(hex, { names: ["ApiKey", "AzureOpenAI"] })).toEqual([legacyFinding(0, { type: "name", name: "ApiKey" }, "Azure AI services")]);
    expect(detectKeys(hex, { names: ["apiKey"] })).toEqual([]);
  });

  it("uses the first decisive name, innermost first", () => {
    expect(detectKeys(hex, { names: ["value", "speechKey", "requestId"] })).toEqual([
      legacyFinding(0, { type: "name", name: "speechKey" }, "Speech"),
    ]);
    expect(detectKeys(hex, { names: ["requestId", "apiKey"] })).toEqual([]);
  });

  it("prefers the name found in the text over options.names", () => {
    expect(detectKeys(`md5=${hex}`, { names: ["apiKey"] })).toEqual([]);
  });

  it("uses options.hostNearby when the text holds no host", () => {
    expect(detectKeys(`const value = "${hex}";`, { hostNearby: "myres.cognitiveservices.azure.com" })).toEqual([
      legacyFinding(15, { type: "host", host: "myres.cognitiveservices.azure.com" }, "Azure AI services"),
    ]);
  });
});

describe("32-hex keys with an Azure AI host close by", () => {
  it("reports a value near the endpoint with the host as context, at low confidence", () => {
    const text = `AZURE_OPENAI_ENDPOINT=https://myres.openai.azure.com/\nSECRET_VALUE=${hex}\n`;
    expect(detectKeys(text)).toEqual([legacyFinding(67, { type: "host", host: "myres.openai.azure.com" }, "Azure OpenAI")]);
  });

  it("accepts generic key names (key1, primaryKey, apiKey) only with a host or an Azure word close by, at medium", () => {
    expect(detectKeys(`key1=${hex}`)).toEqual([]);
    expect(detectKeys(`[settings]\nkey = ${hex}`)).toEqual([]);
    expect(detectKeys(`endpoint: https://eastus.api.cognitive.microsoft.com\nkey1: ${hex}`)).toEqual([
      legacyFinding(59, { type: "name", name: "key1" }, "Azure AI services"),
    ]);
    expect(detectKeys(`[azure_openai]\nkey = ${hex}`)).toEqual([legacyFinding(21, { type: "name", name: "key" }, "Azure AI services")]);
    const second = generateHexKey(77);
    const cliOutput = `$ az cognitiveservices account keys list -n myres -g rg\n{\n  "key1": "${hex}",\n  "key2": "${second}"\n}`;
    expect(detectKeys(cliOutput)).toEqual([
      legacyFinding(69, { type: "name", name: "key1" }, "Azure AI services"),
      legacyFinding(115, { type: "name", name: "key2" }, "Azure AI services", second),
    ]);
    const apim = `az apim subscription keys list\n"primaryKey": "${hex}"`;
    expect(detectKeys(apim)).toEqual([legacyFinding(46, { type: "name", name: "primaryKey" }, "Azure AI services")]);
  });

  it("lets a key-like outer name win over a generic inner one", () => {
    expect(detectKeys(`some_call(key="${hex}")`, { names: ["subscriptionKey"] })).toEqual([
      legacyFinding(15, { type: "name", name: "subscriptionKey" }, "Azure AI services"),
    ]);
  });

  it("searches 5 lines either side by default, and no further", () => {
    const fiveAway = `x.openai.azure.com${"\n".repeat(5)}value=${hex}`;
    const sixAway = `x.openai.azure.com${"\n".repeat(6)}value=${hex}`;
    const fiveBelow = `value=${hex}${"\n".repeat(5)}https://westeurope.stt.speech.microsoft.com/`;
    expect(detectKeys(fiveAway)).toEqual([legacyFinding(29, { type: "host", host: "x.openai.azure.com" }, "Azure OpenAI")]);
    expect(detectKeys(sixAway)).toEqual([]);
    expect(detectKeys(fiveBelow)).toEqual([legacyFinding(6, { type: "host", host: "westeurope.stt.speech.microsoft.com" }, "Speech")]);
  });

  it("honours hostWindowLines, with 0 meaning the same line", () => {
    const nextLine = `url=x.services.ai.azure.com\nvalue=${hex}`;
    expect(detectKeys(nextLine, { hostWindowLines: 0 })).toEqual([]);
    expect(detectKeys(nextLine, { hostWindowLines: -3 })).toEqual([]);
    expect(detectKeys(nextLine, { hostWindowLines: Number.NaN })).toEqual([]);
    expect(detectKeys(nextLine, { hostWindowLines: 1 })).toHaveLength(1);
    expect(detectKeys(`url=x.services.ai.azure.com value=${hex}`, { hostWindowLines: 0 })).toEqual([
      legacyFinding(34, { type: "host", host: "x.services.ai.azure.com" }, "Azure AI services"),
    ]);
  });

  it("counts a templated endpoint as a host", () => {
    const text = `const endpoint = \`https://\${resource}.openai.azure.com\`;\nconst value = "${hex}";`;
    expect(detectKeys(text)).toEqual([legacyFinding(72, { type: "host", host: "*.openai.azure.com" }, "Azure OpenAI")]);
  });

  it("does not reach across a long minified line", () => {
    expect(detectKeys(`"x.openai.azure.com",${" ".repeat(2500)}"${hex}"`)).toEqual([]);
  });

  it("does not count GitHub Models hosts or look-alike hosts", () => {
    expect(detectKeys(`https://models.inference.ai.azure.com\nvalue=${hex}`)).toEqual([]);
    expect(detectKeys(`https://models.github.ai/inference\nvalue=${hex}`)).toEqual([]);
    expect(detectKeys(`https://x.openai.azure.com.evil.example\nvalue=${hex}`)).toEqual([]);
  });
});

describe("32-hex runs that are not reported", () => {
  const endpoint = "https://myres.openai.azure.com/";

  it("needs context: a bare value with neither name nor host", () => {
    expect(detectKeys(`const value = "${hex}";`)).toEqual([]);
  });

  it.each([
    { shape: "req_ prefix", value: () => `req_${hex}` },
    { shape: "Databricks dapi prefix", value: () => `dapi${hex}` },
    { shape: "trailing letters", value: () => `${hex}abc` },
    { shape: "0x prefix", value: () => `0x${hex}` },
    { shape: "Mailchimp -us18 suffix", value: () => `${hex}-us18` },
    { shape: "Mailgun key- prefix", value: () => `key-${hex}` },
    { shape: "URL user info (Sentry DSN)", value: () => `https://${hex}@o1.ingest.sentry.io/1` },
    { shape: "a piece of a dashed id", value: () => `${hex}-${hex.slice(0, 4)}` },
    { shape: "a dashed UUID", value: () => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` },
    { shape: "a 40-hex digest", value: () => `${hex}${hex.slice(0, 8)}` },
    { shape: "a 64-hex digest", value: () => `${hex}${generateHexKey(9)}` },
    { shape: "mixed case", value: () => `${hex.slice(0, 16)}${hex.slice(16).toUpperCase()}` },
    { shape: "a template slot", value: () => `<${hex}>` },
  ])("a value with another shape, even with a key name and a host: $shape", ({ value }) => {
    expect(detectKeys(`${endpoint}\napiKey: "${value()}"`)).toEqual([]);
  });

  it("a value under another vendor's key name, even with an Azure AI host close by", () => {
    expect(detectKeys(`DATADOG_API_KEY=${hex}`)).toEqual([]);
    expect(detectKeys(`${endpoint}\nTMDB_API_KEY=${hex}`)).toEqual([]);
    expect(detectKeys(hex, { names: ["algoliaApiKey"], hostNearby: "x.openai.azure.com" })).toEqual([]);
  });

  it("32 decimal digits", () => {
    const random = createRandom(5);
    const digits = Array.from({ length: 32 }, () => Math.floor(random() * 10)).join("");
    expect(detectKeys(`${endpoint}\napiKey: "${digits}"`)).toEqual([]);
  });

  it.each([
    { form: "md5", before: "md5: " },
    { form: "sha1", before: "sha1=" },
    { form: "sha256", before: '"sha256": "' },
    { form: "hash", before: "const hash = '" },
    { form: "digest", before: "digest=" },
    { form: "checksum", before: "checksum: " },
    { form: "etag", before: 'ETag: "' },
    { form: "integrity", before: 'integrity: "' },
    { form: "camelCase id", before: 'tokenizationId: "' },
    { form: "snake_case id", before: "user_id=" },
    { form: "upper-case ID", before: 'traceID = "' },
    { form: "requestId", before: 'requestId: "' },
    { form: "commit", before: "commit " },
    { form: "id header", before: 'headers["x-ms-client-request-id"] = "' },
  ])("a value bound to an id or digest name, even with a host close by: $form", ({ before }) => {
    expect(detectKeys(`${endpoint}\n${before}${hex}`)).toEqual([]);
  });

  it.each([
    { kind: "all zeros", value: () => "0".repeat(32) },
    { kind: "all the same letter", value: () => "f".repeat(32) },
    { kind: "the hex digits twice", value: () => "0123456789abcdef".repeat(2) },
    { kind: "the hex digits twice, rotated", value: () => "abcdef0123456789".repeat(2) },
    { kind: "a short period", value: () => "deadbeef".repeat(4) },
    { kind: "ascending blocks", value: () => ["11111", "22222", "33333", "44444", "55555", "66666", "77"].join("") },
    { kind: "descending digits", value: () => "fedcba9876543210".repeat(2) },
    { kind: "a sequential run of 8 inside", value: () => `${hex.slice(0, 24)}12345678` },
  ])("a placeholder value under a key name: $kind", ({ value }) => {
    expect(detectKeys(`AZURE_OPENAI_API_KEY=${value()}`)).toEqual([]);
  });
});

describe("random 32-hex keys", () => {
  // No entropy gate: the only random keys dropped are those the repetition checks catch, documented at
  // about 5e-7 per key (with the all-digits rule), so none of these 20,000 deterministic keys may be lost.
  it("reports every one of 20,000 generated keys under a key name", () => {
    const dropped: string[] = [];
    for (let seed = 1; seed <= 20_000; seed++) {
      const key = generateHexKey(seed);
      if (isRepetitive(key) || detectKeys(`speechKey: "${key}"`).length !== 1) dropped.push(key);
    }
    expect(dropped).toEqual([]);
  });

  it("drops no more than the documented rate of 100,000 keys to the repetition checks", () => {
    // The documented 2.4e-7 per key means 0.024 expected drops here; a check 100 times looser than
    // documented (about 2.4 drops) would most likely fail.
    let dropped = 0;
    for (let seed = 1_000_000; seed < 1_100_000; seed++) if (isRepetitive(generateHexKey(seed))) dropped++;
    expect(dropped).toBeLessThanOrEqual(1);
  });

  it("reports upper-case keys as well", () => {
    for (let seed = 1; seed <= 1_000; seed++) {
      expect(detectKeys(`SPEECH_KEY=${generateHexKey(seed, { uppercase: true })}`)).toHaveLength(1);
    }
  });
});
