import {
  AZURE_AI_HOST_PATTERN,
  findAzureAiHost,
  findAzureAiHosts,
  isAzureAiHost,
  serviceForHost,
} from "../../src/detect/index.js";

describe("isAzureAiHost", () => {
  it.each([
    "myres.openai.azure.com",
    "MyRes.OpenAI.Azure.com",
    "my-res.cognitiveservices.azure.com",
    "proj.services.ai.azure.com",
    "eastus.api.cognitive.microsoft.com",
    "api.cognitive.microsofttranslator.com",
    "api-eur.cognitive.microsofttranslator.com",
    "westeurope.stt.speech.microsoft.com",
    "westeurope.tts.speech.microsoft.com",
    "https://myres.openai.azure.com/openai/deployments?api-version=2024-10-21",
    "myres.openai.azure.com:443",
    "myres.openai.azure.com.",
    "*.openai.azure.com",
    "https://*.cognitiveservices.azure.com/",
  ])("accepts %s", (host) => {
    expect(isAzureAiHost(host)).toBe(true);
  });

  it.each([
    "models.inference.ai.azure.com",
    "models.github.ai",
    "openai.azure.com",
    "api.cognitive.microsoft.com",
    "api.openai.com",
    "myres.openai.azure.com.evil.example",
    "evil-openai.azure.com",
    "x.cognitive.microsofttranslator.com",
    "myres.blob.core.windows.net",
    "-bad.openai.azure.com",
    "",
  ])("rejects %s", (host) => {
    expect(isAzureAiHost(host)).toBe(false);
  });

  it("exposes one whole-hostname pattern", () => {
    expect(AZURE_AI_HOST_PATTERN.test("a.b.openai.azure.com")).toBe(true);
    expect(AZURE_AI_HOST_PATTERN.test("https://a.openai.azure.com")).toBe(false);
  });
});

describe("findAzureAiHosts", () => {
  it("finds hosts in URLs and bare, with their ranges, lower-cased", () => {
    const text = 'endpoint = "https://MyRes.openai.azure.com/"\nregion: eastus.api.cognitive.microsoft.com, gh: models.inference.ai.azure.com';
    expect(findAzureAiHosts(text)).toEqual([
      { start: 20, end: 42, host: "myres.openai.azure.com" },
      { start: 53, end: 87, host: "eastus.api.cognitive.microsoft.com" },
    ]);
    expect(findAzureAiHost(text)).toBe("myres.openai.azure.com");
  });

  it("reports templated resource labels as * only when asked", () => {
    const text = "url = `https://${name}.openai.azure.com/`; doc: <resource>.services.ai.azure.com, {x}.cognitive.microsofttranslator.com";
    expect(findAzureAiHosts(text)).toEqual([]);
    expect(findAzureAiHosts(text, { templatedResource: true })).toEqual([
      { start: 21, end: 39, host: "*.openai.azure.com" },
      { start: 57, end: 80, host: "*.services.ai.azure.com" },
    ]);
    expect(serviceForHost("*.openai.azure.com")).toBe("Azure OpenAI");
  });

  it("ignores suffixes that continue into another domain or lack a resource label", () => {
    expect(findAzureAiHosts("x.openai.azure.com.evil.example and .openai.azure.com and ..openai.azure.com")).toEqual([]);
    expect(findAzureAiHost("no hosts here")).toBeUndefined();
  });
});

describe("serviceForHost", () => {
  it.each([
    { host: "x.openai.azure.com", service: "Azure OpenAI" },
    { host: "x.cognitiveservices.azure.com", service: "Azure AI services" },
    { host: "x.services.ai.azure.com", service: "Azure AI services" },
    { host: "eastus.api.cognitive.microsoft.com", service: "Azure AI services" },
    { host: "eastus.stt.speech.microsoft.com", service: "Speech" },
    { host: "api.cognitive.microsofttranslator.com", service: "Translator" },
  ])("labels $host as $service", ({ host, service }) => {
    expect(serviceForHost(host)).toBe(service);
  });

  it("says nothing for other hosts", () => {
    expect(serviceForHost("models.inference.ai.azure.com")).toBeUndefined();
  });
});
