import {
  classifyName,
  isAzureKeyName,
  isGenericKeyName,
  isIdOrDigestName,
  isKeyHeaderName,
  isKeyLikeName,
  mayNameAzureKey,
  nameWords,
  serviceForName,
} from "../../src/detect/index.js";

describe("nameWords", () => {
  it.each([
    { name: "azureOpenAIApiKey", words: ["azure", "open", "ai", "api", "key"] },
    { name: "AZURE_OPENAI_API_KEY", words: ["azure", "openai", "api", "key"] },
    { name: "Ocp-Apim-Subscription-Key", words: ["ocp", "apim", "subscription", "key"] },
    { name: "openai.api_key", words: ["openai", "api", "key"] },
    { name: '["api-key"]', words: ["api", "key"] },
    { name: "--api-key", words: ["api", "key"] },
    { name: "traceID", words: ["trace", "id"] },
    { name: "sha256Hex", words: ["sha256", "hex"] },
    { name: "SPEECH_KEY1", words: ["speech", "key1"] },
  ])("splits $name", ({ name, words }) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe("isKeyLikeName", () => {
  it.each([
    "api-key",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_KEY",
    "openAIKey",
    "openaiKey",
    "subscriptionKey",
    "subscription-key",
    "Ocp-Apim-Subscription-Key",
    "SPEECH_KEY",
    "AZURE_TRANSLATOR_KEY",
    "AZURE_AI_SERVICES_KEY",
    "AOAI_KEY",
    "azureOpenAIApiKey",
    "openai.api_key",
    '["api-key"]',
    "$env:AZURE_OPENAI_KEY",
    "process.env.AZURE_OPENAI_API_KEY",
    "SPEECH_KEY1",
    "speechKey2",
    "AZURE_SPEECH_KEY_1",
    "cognitiveServicesKey",
    "computerVisionKey",
    "documentIntelligenceKey",
    "AzureKeyCredential",
    "KeyCredential",
    "ApiKeyServiceClientCredentials",
    "CognitiveServicesCredentials",
    "AZURE_SEGMENT_API_KEY",
    "SpeechConfig",
    "speechsdk.SpeechConfig",
    "SpeechTranslationConfig",
    "SpeechConfig.FromSubscription",
    "sdk.SpeechConfig.fromSubscription",
    "SpeechFactory.FromSubscription",
    "predictionKey",
    "Prediction-Key",
    "translate_key",
  ])("accepts %s", (name) => {
    expect(isKeyLikeName(name)).toBe(true);
  });

  it.each([
    "apiKey",
    "api_key",
    "API_KEY",
    "x-api-key",
    "--api-key",
    "accessKey",
    "subscription",
    "key",
    "key1",
    "key2",
    "KEY",
    "primaryKey",
    "publicKey",
    "privateKey",
    "cacheKey",
    "partitionKey",
    "sortKey",
    "encryptionKey",
    "idempotencyKey",
    "monkey",
    "hotkey",
    "interfaceKey",
    "apiKeyId",
    "api_key_hash",
    "apiKeyHeader",
    "apiVersion",
    "DATADOG_API_KEY",
    "DD_API_KEY",
    "ALGOLIA_API_KEY",
    "tmdbApiKey",
    "NEW_RELIC_API_KEY",
    "mailgun.api_key",
    "endpoint",
    "token",
    "secret",
    "",
  ])("rejects %s", (name) => {
    expect(isKeyLikeName(name)).toBe(false);
  });
});

describe("isIdOrDigestName", () => {
  it.each([
    "md5",
    "MD5",
    "sha1",
    "sha256",
    "sha-256",
    "sha512sum",
    "hash",
    "fileHash",
    "digest",
    "checksum",
    "etag",
    "ETag",
    "integrity",
    "commit",
    "commitSha",
    "requestId",
    "traceId",
    "traceID",
    "user_id",
    "USER_ID",
    "tokenizationId",
    "x-ms-client-request-id",
    "uuid",
    "correlationGuid",
    "apiKeyId",
  ])("accepts %s", (name) => {
    expect(isIdOrDigestName(name)).toBe(true);
  });

  it.each(["apiKey", "identity", "idempotencyKey", "video", "valid", "AZURE_OPENAI_API_KEY", "hashtag"])("rejects %s", (name) => {
    expect(isIdOrDigestName(name)).toBe(false);
  });
});

describe("serviceForName", () => {
  it.each([
    { name: "AZURE_OPENAI_API_KEY", service: "Azure OpenAI" },
    { name: "openAIKey", service: "Azure OpenAI" },
    { name: "AOAI_KEY", service: "Azure OpenAI" },
    { name: "SPEECH_KEY", service: "Speech" },
    { name: "AZURE_TRANSLATOR_KEY", service: "Translator" },
    { name: "languageKey", service: "Language" },
    { name: "TEXT_ANALYTICS_KEY", service: "Language" },
    { name: "computerVisionKey", service: "Vision" },
    { name: "customVisionKey", service: "Custom Vision" },
    { name: "predictionKey", service: "Custom Vision" },
    { name: "SpeechConfig.FromSubscription", service: "Speech" },
    { name: "translate_key", service: "Translator" },
    { name: "FORM_RECOGNIZER_KEY", service: "Document Intelligence" },
    { name: "contentSafetyKey", service: "Content Safety" },
    { name: "AZURE_AI_SERVICES_KEY", service: "Azure AI services" },
    { name: "COGNITIVE_SERVICES_KEY", service: "Azure AI services" },
  ])("labels $name as $service", ({ name, service }) => {
    expect(serviceForName(name)).toBe(service);
  });

  it("says nothing for names without a service word", () => {
    expect(serviceForName("apiKey")).toBeUndefined();
    expect(serviceForName("Ocp-Apim-Subscription-Key")).toBeUndefined();
  });
});

describe("isKeyHeaderName", () => {
  it("accepts the two key headers in any letter case and rejects others", () => {
    expect(isKeyHeaderName("api-key")).toBe(true);
    expect(isKeyHeaderName("Api-Key")).toBe(true);
    expect(isKeyHeaderName("ocp-apim-subscription-key")).toBe(true);
    expect(isKeyHeaderName("Authorization")).toBe(false);
    expect(isKeyHeaderName("x-api-key")).toBe(false);
  });
});

describe("isGenericKeyName", () => {
  it.each([
    "key",
    "KEY",
    "key1",
    "key2",
    "KEY_1",
    "key-2",
    "primaryKey",
    "secondary_key",
    "config.key",
    '["key1"]',
    "settings:key2",
    "apiKey",
    "API_KEY",
    "x-api-key",
    "--api-key",
    "accessKey",
    "ACCESS_KEY",
    "myApiKey",
    "client.api_key",
    "subscription",
  ])(
    "accepts %s",
    (name) => {
      expect(isGenericKeyName(name)).toBe(true);
    },
  );

  it.each(["cacheKey", "keys", "key3", "monkey", "primary", "key.value", "ALGOLIA_API_KEY", "openaiApiKey", "subscriptionId"])("rejects %s", (name) => {
    expect(isGenericKeyName(name)).toBe(false);
  });
});

describe("classifyName", () => {
  it("judges a name once: key, generic key, id or digest, or nothing", () => {
    expect(classifyName("AZURE_OPENAI_API_KEY")).toBe("key");
    expect(classifyName("key1")).toBe("generic-key");
    expect(classifyName("apiKeyId")).toBe("id-or-digest");
    expect(classifyName("keyHash")).toBe("id-or-digest");
    expect(classifyName("DATADOG_API_KEY")).toBe("other-vendor-key");
    expect(classifyName("algolia")).toBe("other-vendor-key");
    expect(classifyName("docsearch")).toBe("other-vendor-key");
    expect(classifyName("apiKey")).toBe("generic-key");
    expect(classifyName("api-key")).toBe("key");
    expect(classifyName("SpeechConfig")).toBe("key");
    expect(classifyName("endpoint")).toBeUndefined();
  });
});

describe("mayNameAzureKey", () => {
  // Names isAzureKeyName accepts, each written as code does: the quick look must find every one.
  const AZURE_KEY_NAMES = [
    "AZURE_OPENAI_API_KEY",
    "azureOpenAIKey",
    "aoaiKey",
    "AZURE_API_KEY",
    "SPEECH_KEY",
    "speechKey2",
    "SPEECH_KEY_1",
    "TRANSLATOR_SUBSCRIPTION_KEY",
    "DOCUMENT_INTELLIGENCE_KEY",
    "QNAMAKER_KEY",
    "CognitiveServicesCredentials",
    "AzureKeyCredential",
    "SpeechConfig",
    "azure.openai.key",
    "AzureOpenAI:ApiKey",
    "x-azure-key",
  ];

  it.each(AZURE_KEY_NAMES)("finds %s in code", (name) => {
    expect(isAzureKeyName(name)).toBe(true);
    for (const code of [
      `const value = process.env.${name};`,
      `headers: { Authorization: \`Bearer \${config["${name}"]}\` }`,
      `x=a-${name}+1`,
      `"${name}"`,
    ]) {
      expect(mayNameAzureKey(code), code).toBe(true);
    }
  });

  it.each([
    "const cacheKey = `${azureRegion}:${key}`;",
    "OPENAI_API_KEY",
    "this.interfaceKey",
    "requestAzureCloudOptions || config",
    "azure_resource: x, apiKey",
    "languageKeyId",
    "{ azure: true, api_key: k }",
  ])("finds no Azure key name in %s", (code) => {
    expect(mayNameAzureKey(code)).toBe(false);
  });
});
