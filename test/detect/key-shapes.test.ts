/**
 * Key shapes found in real student and workshop repositories (issue 10): Speech SDK calls, multiple
 * assignment, name/value pairs, bracketed names, getters around id-like setting names, and the
 * calibration of generic names. Every key is generated; each case asserts the exact finding.
 */
import type { KeyMatch } from "../../src/detect/index.js";

import { detectKeys } from "../../src/detect/index.js";
import { generateHexKey } from "../support/synthetic-keys.js";

const hex = generateHexKey(1010);

/** The one finding expected for `hex` inside `text`, bound to `name`. */
const boundTo = (text: string, name: string, service: string): KeyMatch[] => [
  {
    detector: "azure-ai-legacy-key",
    start: text.indexOf(hex),
    end: text.indexOf(hex) + 32,
    secret: hex,
    confidence: "medium",
    service,
    context: { type: "name", name },
  },
];

describe("Speech SDK calls", () => {
  it.each([
    { form: "Python SpeechConfig", text: `speech_config = speechsdk.SpeechConfig(subscription="${hex}", region="westus")`, name: "speechsdk.SpeechConfig" },
    {
      form: "Python SpeechTranslationConfig",
      text: `config = speechsdk.translation.SpeechTranslationConfig(subscription='${hex}', region='eastus')`,
      name: "speechsdk.translation.SpeechTranslationConfig",
    },
    { form: "C# FromSubscription", text: `var config = SpeechConfig.FromSubscription("${hex}", "westeurope");`, name: "SpeechConfig.FromSubscription" },
    { form: "Java fromSubscription", text: `SpeechConfig config = SpeechConfig.fromSubscription("${hex}", "westus");`, name: "SpeechConfig.fromSubscription" },
    {
      form: "JavaScript fromSubscription",
      text: `const speechConfig = sdk.SpeechConfig.fromSubscription("${hex}", "eastus");`,
      name: "sdk.SpeechConfig.fromSubscription",
    },
    {
      form: "C# SpeechTranslationConfig",
      text: `var config = SpeechTranslationConfig.FromSubscription("${hex}", "westus");`,
      name: "SpeechTranslationConfig.FromSubscription",
    },
  ])("$form", ({ text, name }) => {
    expect(detectKeys(text)).toEqual(boundTo(text, name, "Speech"));
  });

  it("reads the Python keyword after region= as a key of the Speech SDK's call", () => {
    const text = `cfg = SpeechConfig(region="westus", subscription="${hex}")`;
    expect(detectKeys(text)).toEqual(boundTo(text, "subscription", "Azure AI services"));
  });

  it("reads the Python keyword with the SDK imported elsewhere in the file", () => {
    const text = `import azure.cognitiveservices.speech as speechsdk\n\n\n\n\n\n\n\nconfig = build(region="westus", subscription="${hex}")`;
    expect(detectKeys(text)).toEqual(boundTo(text, "subscription", "Azure AI services"));
  });

  it("does not read a plain subscription argument with no Azure evidence", () => {
    expect(detectKeys(`billing.charge(plan="pro", subscription="${hex}")`)).toEqual([]);
  });
});

describe("multiple assignment", () => {
  it.each([
    { form: "Python, first value", text: `speech_key, service_region = "${hex}", "westus"`, name: "speech_key" },
    { form: "Python, second value", text: `service_region, speech_key = "westus", "${hex}"`, name: "speech_key" },
    { form: "Python, tuple in parentheses", text: `region, speech_key = ("westus", '${hex}')`, name: "speech_key" },
    { form: "Go :=", text: `speechKey, region := "${hex}", "westus"`, name: "speechKey" },
    { form: "JavaScript array destructuring", text: `const [speechKey, region] = ["${hex}", "westus"];`, name: "speechKey" },
    { form: "three targets, middle value", text: `region, translator_key, lang = "westus", "${hex}", "en"`, name: "translator_key" },
  ])("$form", ({ text, name }) => {
    const service = name.toLowerCase().includes("translator") ? "Translator" : "Speech";
    expect(detectKeys(text)).toEqual(boundTo(text, name, service));
  });

  it("does not pair a region name with a key value", () => {
    // The pairing is by position: the value next to `region` is not taken for `region`'s neighbour.
    expect(detectKeys(`speech_region, build_hash = "westus", "${hex}"`)).toEqual([]);
  });

  it("keeps call arguments apart from multiple assignment", () => {
    const text = `client.headers.Add("Ocp-Apim-Subscription-Key", "${hex}")`;
    expect(detectKeys(text)).toEqual(boundTo(text, "Ocp-Apim-Subscription-Key", "Azure AI services"));
  });
});

describe("name/value pairs", () => {
  it.each([
    { form: "JSON on one line", text: `[{"name": "AZURE_OPENAI_KEY", "value": "${hex}"}]` },
    { form: "JSON over lines", text: `{\n  "name": "AZURE_OPENAI_KEY",\n  "value": "${hex}",\n  "slotSetting": false\n}` },
    { form: "App Service Name/Value", text: `{ "Name": "AZURE_OPENAI_KEY", "Value": "${hex}" }` },
    { form: "settings table key/value", text: `{"key": "AZURE_OPENAI_KEY", "value": "${hex}"}` },
    { form: "Kubernetes env", text: `        env:\n        - name: AZURE_OPENAI_KEY\n          value: "${hex}"\n` },
    { form: "Kubernetes env, unquoted", text: `env:\n  - name: "AZURE_OPENAI_KEY"\n    value: ${hex}\n` },
    { form: "Bicep appSettings", text: `appSettings: [\n  {\n    name: 'AZURE_OPENAI_KEY'\n    value: '${hex}'\n  }\n]` },
  ])("$form", ({ text }) => {
    expect(detectKeys(text)).toEqual(boundTo(text, "AZURE_OPENAI_KEY", "Azure OpenAI"));
  });

  it.each([
    { form: "docker-compose environment list", text: `services:\n  api:\n    environment:\n      - AZURE_OPENAI_API_KEY=${hex}\n` },
    { form: "docker-compose quoted list item", text: `    environment:\n      - "AZURE_OPENAI_API_KEY=${hex}"\n` },
    { form: "docker-compose environment map", text: `    environment:\n      AZURE_OPENAI_API_KEY: "${hex}"\n` },
    { form: "GitHub Actions env", text: `jobs:\n  test:\n    env:\n      AZURE_OPENAI_API_KEY: ${hex}\n` },
  ])("$form", ({ text }) => {
    expect(detectKeys(text)).toEqual(boundTo(text, "AZURE_OPENAI_API_KEY", "Azure OpenAI"));
  });

  it("stays silent when the name member names something else", () => {
    expect(detectKeys(`[{"name": "BUILD_CHECKSUM", "value": "${hex}"}]`)).toEqual([]);
    expect(detectKeys(`[{"name": "DISPLAY_NAME", "value": "${hex}"}]`)).toEqual([]);
  });
});

describe("bracketed names", () => {
  it("reads a bash associative array entry", () => {
    const text = `declare -A secrets\nsecrets["<AZURE_OPENAI_API_KEY>"]="${hex}"`;
    expect(detectKeys(text)).toEqual(boundTo(text, "AZURE_OPENAI_API_KEY", "Azure OpenAI"));
  });

  it("reads a <NAME> substitution-map entry", () => {
    const text = `replacements = {"<SPEECH_KEY>": "${hex}", "<SPEECH_REGION>": "westus"}`;
    expect(detectKeys(text)).toEqual(boundTo(text, "SPEECH_KEY", "Speech"));
  });

  it("stays silent on a placeholder value in brackets", () => {
    expect(detectKeys(`secrets["<AZURE_OPENAI_API_KEY>"]="<your-key-here>"`)).toEqual([]);
  });
});

describe("a key-like member around an id-like setting name", () => {
  it("reports the default of a getter whose own name is key-like", () => {
    const text = `public static string CognitiveServicesApiKey\n{\n    get { return Preferences.Get("apiId", "${hex}"); }\n}`;
    expect(detectKeys(text)).toEqual(boundTo(text, "CognitiveServicesApiKey", "Azure AI services"));
  });

  it("reads the expression-bodied form", () => {
    const text = `public string SpeechKey => Preferences.Get("storedId", "${hex}");`;
    expect(detectKeys(text)).toEqual(boundTo(text, "SpeechKey", "Speech"));
  });

  it("still lets an id-like name veto inside a member that says nothing", () => {
    expect(detectKeys(`public string Fallback { get { return Preferences.Get("apiId", "${hex}"); } }`)).toEqual([]);
  });
});

describe("generic key names need Azure evidence", () => {
  it("stays silent on an Algolia DocSearch block", () => {
    const algolia = `import { ThemeConfig } from "@docusaurus/theme-search-algolia";\n\nconst SEARCH = {\n  appId: "ABCDEFGH12",\n  apiKey: "${hex}",\n  indexName: "docs",\n};`;
    expect(detectKeys(algolia)).toEqual([]);
    const docsearch = `docsearch({\n  container: "#search",\n  apiKey: "${hex}",\n  indexName: "site",\n});`;
    expect(detectKeys(docsearch)).toEqual([]);
  });

  it("stays silent on an apiKey with an appId sibling and no Azure evidence", () => {
    expect(detectKeys(`const config = {\n  appId: "app-123",\n  apiKey: "${hex}",\n};`)).toEqual([]);
  });

  it("stays silent on a bare apiKey, API_KEY or accessKey", () => {
    expect(detectKeys(`const apiKey = "${hex}";`)).toEqual([]);
    expect(detectKeys(`API_KEY=${hex}`)).toEqual([]);
    expect(detectKeys(`accessKey: "${hex}"`)).toEqual([]);
  });

  it("vetoes a generic name inside another vendor's object even with an Azure word near", () => {
    expect(detectKeys(hex, { names: ["apiKey", "algolia", "azureSearch"] })).toEqual([]);
  });

  it("reports a generic name at medium with an Azure host in the window", () => {
    const text = `KEY = '${hex}'\nCF.Key.set(KEY)\n\nBASE_URL = 'https://centralus.api.cognitive.microsoft.com/face/v1.0/'`;
    expect(detectKeys(text)).toEqual(boundTo(text, "KEY", "Azure AI services"));
  });

  it("reports a generic name at medium with an Azure SDK imported in the file", () => {
    const text = `from azure.ai.textanalytics import TextAnalyticsClient\n${"\n".repeat(20)}api_key = "${hex}"`;
    expect(detectKeys(text)).toEqual(boundTo(text, "api_key", "Azure AI services"));
  });

  it("reports a generic name at medium next to an Azure word", () => {
    const text = `const azureSettings = {\n  apiKey: "${hex}",\n};`;
    expect(detectKeys(text)).toEqual(boundTo(text, "apiKey", "Azure AI services"));
  });

  it("reports an accessKey next to a Cognitive Services host", () => {
    const text = `accessKey = "${hex}"\nendpoint = "https://myres.cognitiveservices.azure.com/"`;
    expect(detectKeys(text)).toEqual(boundTo(text, "accessKey", "Azure AI services"));
  });
});

describe("onUnreported", () => {
  it("hands over key-shaped runs that are not findings, and only those", () => {
    const other = generateHexKey(1011);
    const text = `SPEECH_KEY=${hex}\nrequestId=${other}\nplain ${other}\nmd5 ${"0".repeat(32)}`;
    const unreported: [number, number, string][] = [];
    const found = detectKeys(text, { onUnreported: (start, end, secret) => unreported.push([start, end, secret]) });
    expect(found.map((match) => match.secret)).toEqual([hex]);
    const first = text.indexOf(other);
    const second = text.lastIndexOf(other);
    expect(unreported).toEqual([
      [first, first + 32, other],
      [second, second + 32, other],
    ]);
  });
});
