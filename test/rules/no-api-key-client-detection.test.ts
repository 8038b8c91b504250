// Client shapes of no-api-key-client found on real code: `new` on factory functions, options built
// in branches or assigned later, and the Azure AI service SDKs beyond Azure OpenAI.

import rule from "../../src/rules/no-api-key-client.js";
import { UsageRuleTester } from "../support/usage-rule-tester.js";
import { fakeProject } from "../support/fake-project.js";
import {
  AI,
  COGNITIVE,
  envKey,
  IDENTITY_IMPORT,
  keyCredential,
  keyObject,
  keyOnly,
  keyOption,
  provider,
  suggestion,
  trapFor,
  versionNote,
} from "./no-api-key-client-reports.js";

const ruleTester = new UsageRuleTester();

const SPEECH_KEYLESS =
  '`SpeechConfig.fromEndpoint(new URL("https://<resource>.cognitiveservices.azure.com/"), new DefaultAzureCredential())` (`microsoft-cognitiveservices-speech-sdk` 1.44.0 or later, a resource with a custom domain).';
const FOUNDRY_ANTHROPIC =
  'use `AnthropicFoundry` from `@anthropic-ai/foundry-sdk` with `azureADTokenProvider: getBearerTokenProvider(credential, "https://ai.azure.com/.default")` (`@azure/identity`).';
const TRANSLATOR_KEYLESS =
  "pass a `TokenCredential` such as `new DefaultAzureCredential()` (`@azure/identity`) with the resource's custom-domain endpoint, or `{ tokenCredential, azureResourceId, region }` with the global endpoint (`@azure-rest/ai-translation-text` 1.0.0 or later).";
const foundryProject = fakeProject({ "@anthropic-ai/foundry-sdk": "1.1.1" });

ruleTester.run("no-api-key-client (detection)", rule, {
  valid: [
    // GitHub Models through `new`, and an endpoint that cannot be seen: no Azure key in sight.
    `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
new ModelClient("https://models.github.ai/inference", new AzureKeyCredential(process.env.GITHUB_TOKEN ?? ""));`,
    `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
export const make = (endpoint, key) => new ModelClient(endpoint, new AzureKeyCredential(key));`,
    // A visible GitHub Models endpoint wins over a key name that says Azure.
    `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
ModelClient(process.env.MODELS_ENDPOINT ?? "https://models.github.ai/inference", new AzureKeyCredential(process.env.AZURE_KEY));`,
    // Every branch keyless.
    `import { AzureChatOpenAI } from "@langchain/openai";
export const model = new AzureChatOpenAI(
  process.env.USE_MANAGED_IDENTITY ? { azureADTokenProvider: miProvider } : { azureADTokenProvider: cliProvider },
);`,
    // A \`let\` changed after it is assigned, or written by destructuring: what it holds is not visible.
    `import { AzureOpenAI } from "openai";
export function make(extra) {
  let options = { endpoint };
  options.azureADTokenProvider = extra.provider;
  return new AzureOpenAI(options);
}`,
    `import { AzureOpenAI } from "openai";
export function make(settings) {
  let options;
  ({ options } = settings);
  return new AzureOpenAI(options);
}`,
    // Azure AI services SDKs with a TokenCredential, and their non-Azure forms.
    `import { DocumentAnalysisClient } from "@azure/ai-form-recognizer";
import { DefaultAzureCredential } from "@azure/identity";
new DocumentAnalysisClient(process.env.DI_ENDPOINT, new DefaultAzureCredential());`,
    `import { RTClient } from "rt-client";
new RTClient({ key: process.env.OPENAI_API_KEY }, { model: "gpt-4o-realtime-preview" });`,
    `import TextTranslationClient from "@azure-rest/ai-translation-text";
TextTranslationClient({ tokenCredential: credential, azureResourceId: process.env.TRANSLATOR_RESOURCE_ID, region: "westeurope" });`,
    `import * as speech from "microsoft-cognitiveservices-speech-sdk";
speech.SpeechConfig.fromEndpoint(new URL(process.env.SPEECH_ENDPOINT), new DefaultAzureCredential());
speech.SpeechConfig.fromEndpoint(new URL(process.env.SPEECH_ENDPOINT));
speech.SpeechConfig.fromAuthorizationToken(token, process.env.SPEECH_REGION);`,
    `import Anthropic from "@anthropic-ai/sdk";
new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
new Anthropic({ baseURL: "https://contoso.services.ai.azure.com/anthropic", apiKey: getBearerTokenProvider(credential, "${AI}") });`,
    `import { createAnthropic } from "@ai-sdk/anthropic";
createAnthropic({ baseURL: "https://contoso.services.ai.azure.com/anthropic/v1", authToken: entraToken });`,
    `import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
new AnthropicFoundry({ resource: "contoso", azureADTokenProvider: tokenProvider });`,
  ],
  invalid: [
    {
      // `new` on the factory, a default import, `??` fallbacks in both arguments.
      code: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
const client = new ModelClient(
  process.env.AZURE_INFERENCE_ENDPOINT ?? "https://contoso.services.ai.azure.com/models",
  new AzureKeyCredential(process.env.AZURE_INFERENCE_CREDENTIAL ?? ""),
);`,
      output: `import ModelClient from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";
const client = new ModelClient(
  process.env.AZURE_INFERENCE_ENDPOINT ?? "https://contoso.services.ai.azure.com/models",
  new DefaultAzureCredential(),
  { credentials: { scopes: ["${COGNITIVE}"] } },
);`,
      errors: [{ ...keyCredential("ModelClient"), line: 3, column: 20, endLine: 3, endColumn: 31 }],
    },
    {
      // The credential chosen with `??`: the key credential is the one used whenever it is built.
      code: `const { default: ModelClient } = require("@azure-rest/ai-inference");
const { AzureKeyCredential } = require("@azure/core-auth");
const endpoint = "https://contoso.openai.azure.com/openai/deployments/gpt-4o";
module.exports = new ModelClient(endpoint, cachedCredential ?? new AzureKeyCredential(process.env.AZURE_OPENAI_KEY));`,
      output: null,
      errors: [{ ...keyCredential("ModelClient"), line: 4, column: 22, endLine: 4, endColumn: 33 }],
    },
    {
      // A namespace import called with `new`.
      code: `import * as inference from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
export const client = new inference.default("https://contoso.cognitiveservices.azure.com/models", new AzureKeyCredential(key));`,
      output: `import * as inference from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";
export const client = new inference.default("https://contoso.cognitiveservices.azure.com/models", new DefaultAzureCredential(), { credentials: { scopes: ["${COGNITIVE}"] } });`,
      errors: [{ ...keyCredential("ModelClient"), line: 3, column: 27, endLine: 3, endColumn: 44 }],
    },
    {
      // Options chosen with a conditional: the key branch is reported; which branch runs is not visible, so no fix.
      code: `import { AzureChatOpenAI } from "@langchain/openai";
export const model = new AzureChatOpenAI(
  process.env.AZURE_OPENAI_API_KEY
    ? { azureOpenAIApiKey: process.env.AZURE_OPENAI_API_KEY, azureOpenAIApiDeploymentName: "gpt-4o" }
    : { azureADTokenProvider: tokenProvider, azureOpenAIApiDeploymentName: "gpt-4o" },
);`,
      output: null,
      // The key branch runs only with the key set: reported as key-guarded code (issue 9), no fix.
      errors: [
        {
          messageId: "keyGuarded",
          data: { client: "AzureChatOpenAI", guard: "process.env.AZURE_OPENAI_API_KEY" },
          line: 2, column: 26, endLine: 2, endColumn: 41,
        },
      ],
    },
    {
      // A \`let\` assigned on each branch; the branch without a credential reads the env var.
      code: `import { AzureOpenAI } from "openai";
export function createClient(mode) {
  let settings;
  if (mode === "local") {
    settings = { endpoint: "http://localhost:8080", apiVersion: "2024-10-21" };
  } else {
    settings = { endpoint: process.env.AZURE_OPENAI_ENDPOINT, apiVersion: "2024-10-21", azureADTokenProvider: provider };
  }
  return new AzureOpenAI(settings);
}`,
      output: null,
      errors: [{ ...envKey("AzureOpenAI", "AZURE_OPENAI_API_KEY"), line: 9, column: 14, endLine: 9, endColumn: 25 }],
    },
    {
      // Options assigned to a variable declared earlier in the function: reported, and the fix offered as a suggestion.
      code: `import { AzureOpenAI } from "openai";
export function createClient() {
  let clientOptions;
  clientOptions = { apiKey: process.env.AZURE_OPENAI_API_KEY, endpoint, apiVersion: "2024-10-21" };
  return new AzureOpenAI(clientOptions);
}`,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey"),
          line: 5, column: 14, endLine: 5, endColumn: 25,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
export function createClient() {
  let clientOptions;
  clientOptions = { azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}"), endpoint, apiVersion: "2024-10-21" };
  return new AzureOpenAI(clientOptions);
}`, "credential"),
          ],
        },
      ],
    },
    {
      // \`var\` initialised to a default and replaced under a condition: both objects are reported once.
      code: `const { OpenAI } = require("openai");
var config = { baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: process.env.AZURE_OPENAI_API_KEY };
if (process.env.PROXY_URL) config = { baseURL: process.env.PROXY_URL, apiKey: process.env.PROXY_TOKEN };
module.exports = new OpenAI(config);`,
      output: null,
      errors: [{ ...keyOption("OpenAI", "apiKey", "apiKey", ""), line: 4, column: 22, endLine: 4, endColumn: 28 }],
    },
    {
      // Document Intelligence REST client with a `{ key }` credential.
      code: `import DocumentIntelligence from "@azure-rest/ai-document-intelligence";
export const client = DocumentIntelligence(process.env.DOCUMENT_INTELLIGENCE_ENDPOINT, { key: process.env.DOCUMENT_INTELLIGENCE_KEY });`,
      output: `import DocumentIntelligence from "@azure-rest/ai-document-intelligence";
import { DefaultAzureCredential } from "@azure/identity";
export const client = DocumentIntelligence(process.env.DOCUMENT_INTELLIGENCE_ENDPOINT, new DefaultAzureCredential());`,
      errors: [{ ...keyObject("DocumentIntelligence"), line: 2, column: 23, endLine: 2, endColumn: 43 }],
    },
    {
      // Form Recognizer from CommonJS with its own AzureKeyCredential export.
      code: `const { DocumentAnalysisClient, AzureKeyCredential } = require("@azure/ai-form-recognizer");
const client = new DocumentAnalysisClient(process.env.FORM_RECOGNIZER_ENDPOINT, new AzureKeyCredential(process.env.FORM_RECOGNIZER_KEY));
module.exports = { client };`,
      output: `const { DocumentAnalysisClient } = require("@azure/ai-form-recognizer");
const { DefaultAzureCredential } = require("@azure/identity");
const client = new DocumentAnalysisClient(process.env.FORM_RECOGNIZER_ENDPOINT, new DefaultAzureCredential());
module.exports = { client };`,
      errors: [{ ...keyCredential("DocumentAnalysisClient"), line: 2, column: 20, endLine: 2, endColumn: 42 }],
    },
    {
      // Language: text analysis.
      code: `import { TextAnalysisClient, AzureKeyCredential } from "@azure/ai-language-text";
export const client = new TextAnalysisClient(process.env.LANGUAGE_ENDPOINT, new AzureKeyCredential(process.env.LANGUAGE_KEY));`,
      output: `import { TextAnalysisClient } from "@azure/ai-language-text";
import { DefaultAzureCredential } from "@azure/identity";
export const client = new TextAnalysisClient(process.env.LANGUAGE_ENDPOINT, new DefaultAzureCredential());`,
      errors: [{ ...keyCredential("TextAnalysisClient"), line: 2, column: 27, endLine: 2, endColumn: 45 }],
    },
    {
      // Text Analytics 5.x, the key credential held in a const.
      code: `import { TextAnalyticsClient, AzureKeyCredential } from "@azure/ai-text-analytics";
const languageCredential = new AzureKeyCredential(process.env.TEXT_ANALYTICS_KEY);
export const client = new TextAnalyticsClient(process.env.TEXT_ANALYTICS_ENDPOINT, languageCredential);`,
      output: `import { TextAnalyticsClient } from "@azure/ai-text-analytics";
import { DefaultAzureCredential } from "@azure/identity";
export const client = new TextAnalyticsClient(process.env.TEXT_ANALYTICS_ENDPOINT, new DefaultAzureCredential());`,
      errors: [{ ...keyCredential("TextAnalyticsClient"), line: 3, column: 27, endLine: 3, endColumn: 46 }],
    },
    {
      // Conversational language understanding.
      code: `import { ConversationAnalysisClient } from "@azure/ai-language-conversations";
import { AzureKeyCredential } from "@azure/core-auth";
export const client = new ConversationAnalysisClient(endpoint, new AzureKeyCredential(key));`,
      output: `import { ConversationAnalysisClient } from "@azure/ai-language-conversations";
import { DefaultAzureCredential } from "@azure/identity";
export const client = new ConversationAnalysisClient(endpoint, new DefaultAzureCredential());`,
      errors: [{ ...keyCredential("ConversationAnalysisClient"), line: 3, column: 27, endLine: 3, endColumn: 53 }],
    },
    {
      // Content Safety REST client.
      code: `import ContentSafetyClient from "@azure-rest/ai-content-safety";
import { AzureKeyCredential } from "@azure/core-auth";
export const client = ContentSafetyClient(process.env.CONTENT_SAFETY_ENDPOINT, new AzureKeyCredential(process.env.CONTENT_SAFETY_KEY));`,
      output: `import ContentSafetyClient from "@azure-rest/ai-content-safety";
import { DefaultAzureCredential } from "@azure/identity";
export const client = ContentSafetyClient(process.env.CONTENT_SAFETY_ENDPOINT, new DefaultAzureCredential());`,
      errors: [{ ...keyCredential("ContentSafetyClient"), line: 3, column: 23, endLine: 3, endColumn: 42 }],
    },
    {
      // Translator: key and region, with and without an endpoint; no fix (a token needs a custom domain or the resource id).
      code: `import TextTranslationClient from "@azure-rest/ai-translation-text";
export const global = TextTranslationClient({ key: process.env.TRANSLATOR_KEY, region: "westeurope" });
export const custom = TextTranslationClient(process.env.TRANSLATOR_ENDPOINT, { key: process.env.TRANSLATOR_KEY, region: "westeurope" });`,
      output: null,
      errors: [
        { ...keyOnly("TextTranslationClient", "a `{ key }` credential", TRANSLATOR_KEYLESS), line: 2, column: 23, endLine: 2, endColumn: 44 },
        { ...keyOnly("TextTranslationClient", "a `{ key }` credential", TRANSLATOR_KEYLESS), line: 3, column: 23, endLine: 3, endColumn: 44 },
      ],
    },
    {
      // Azure OpenAI realtime through rt-client.
      code: `import { RTClient } from "rt-client";
export const client = new RTClient(new URL(process.env.AZURE_OPENAI_ENDPOINT), { key: process.env.AZURE_OPENAI_API_KEY }, { deployment: "gpt-4o-realtime-preview" });`,
      output: `import { RTClient } from "rt-client";
import { DefaultAzureCredential } from "@azure/identity";
export const client = new RTClient(new URL(process.env.AZURE_OPENAI_ENDPOINT), new DefaultAzureCredential(), { deployment: "gpt-4o-realtime-preview" });`,
      errors: [{ ...keyObject("RTClient"), line: 2, column: 27, endLine: 2, endColumn: 35 }],
    },
    {
      // Speech: a namespace import, CommonJS, and a key passed to fromEndpoint.
      code: `import * as speechSdk from "microsoft-cognitiveservices-speech-sdk";
const { SpeechTranslationConfig, SpeechConfig } = require("microsoft-cognitiveservices-speech-sdk");
export const speechConfig = speechSdk.SpeechConfig.fromSubscription(process.env.SPEECH_KEY, process.env.SPEECH_REGION);
export const translationConfig = SpeechTranslationConfig.fromSubscription(speechKey, "westeurope");
export const endpointConfig = SpeechConfig.fromEndpoint(new URL(process.env.SPEECH_ENDPOINT), process.env.SPEECH_KEY);`,
      output: null,
      errors: [
        { ...keyOnly("SpeechConfig.fromSubscription", "its first argument", SPEECH_KEYLESS), line: 3, column: 29, endLine: 3, endColumn: 68 },
        { ...keyOnly("SpeechTranslationConfig.fromSubscription", "its first argument", SPEECH_KEYLESS), line: 4, column: 34, endLine: 4, endColumn: 74 },
        { ...keyOnly("SpeechConfig.fromEndpoint", "its second argument", SPEECH_KEYLESS), line: 5, column: 31, endLine: 5, endColumn: 56 },
      ],
    },
    {
      // The Anthropic SDK aimed at an Azure AI Foundry host: the key goes out as \`x-api-key\`.
      code: `import Anthropic from "@anthropic-ai/sdk";
export const claude = new Anthropic({ baseURL: "https://contoso.services.ai.azure.com/anthropic", apiKey: process.env.AZURE_AI_FOUNDRY_KEY });`,
      output: null,
      errors: [{ ...keyOnly("Anthropic", "`apiKey`", FOUNDRY_ANTHROPIC), line: 2, column: 27, endLine: 2, endColumn: 36 }],
    },
    {
      // The AI SDK's Anthropic provider on Foundry, the key left to ANTHROPIC_API_KEY.
      code: `import { createAnthropic } from "@ai-sdk/anthropic";
export const anthropic = createAnthropic({ baseURL: \`https://\${process.env.FOUNDRY_RESOURCE}.services.ai.azure.com/anthropic/v1\` });`,
      output: null,
      errors: [
        {
          ...keyOnly(
            "createAnthropic",
            "no credential, so it reads `ANTHROPIC_API_KEY`",
            "`@ai-sdk/anthropic` has no token-provider option; `authToken` takes a Microsoft Entra ID token (scope `https://ai.azure.com/.default`), which expires within hours, so create the provider again with a fresh token, or " +
              FOUNDRY_ANTHROPIC,
          ),
          line: 2, column: 26, endLine: 2, endColumn: 41,
        },
      ],
    },
    {
      // AnthropicFoundry with a key: fixed to a token provider for the Azure AI scope.
      filename: foundryProject.file("src/claude.ts"),
      code: `import AnthropicFoundry from "@anthropic-ai/foundry-sdk";
export const claude = new AnthropicFoundry({ resource: "contoso", apiKey: process.env.ANTHROPIC_FOUNDRY_API_KEY });`,
      output: `import AnthropicFoundry from "@anthropic-ai/foundry-sdk";
${IDENTITY_IMPORT}
export const claude = new AnthropicFoundry({ resource: "contoso", azureADTokenProvider: ${provider(AI)} });`,
      errors: [
        {
          ...keyOption(
            "AnthropicFoundry",
            "apiKey",
            "azureADTokenProvider",
            trapFor("ANTHROPIC_FOUNDRY_API_KEY"),
          ),
          line: 2, column: 27, endLine: 2, endColumn: 43,
        },
      ],
    },
    {
      // AnthropicFoundry where the SDK is not installed: the fix needs 0.2.0, so it is only a suggestion.
      code: `import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
export const claude = new AnthropicFoundry();`,
      output: null,
      errors: [
        {
          ...envKey(
            "AnthropicFoundry",
            "ANTHROPIC_FOUNDRY_API_KEY",
            "azureADTokenProvider",
            trapFor("ANTHROPIC_FOUNDRY_API_KEY"),
            versionNote("azureADTokenProvider", "@anthropic-ai/foundry-sdk", "0.2.0", "it is not installed where this file resolves it"),
          ),
          line: 2, column: 27, endLine: 2, endColumn: 43,
          suggestions: [
            suggestion(`import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
${IDENTITY_IMPORT}
export const claude = new AnthropicFoundry({ azureADTokenProvider: ${provider(AI)} });`),
          ],
        },
      ],
    },
    {
      // An endpoint that cannot be seen, read from a name that says Azure: an Azure endpoint, not GitHub Models.
      code: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import { AZURE_ENDPOINT } from "../config/constants.js";
export const client = new ModelClient(AZURE_ENDPOINT, new AzureKeyCredential(process.env.INFERENCE_KEY));`,
      output: `import ModelClient from "@azure-rest/ai-inference";
import { AZURE_ENDPOINT } from "../config/constants.js";
import { DefaultAzureCredential } from "@azure/identity";
export const client = new ModelClient(AZURE_ENDPOINT, new DefaultAzureCredential(), { credentials: { scopes: ["${COGNITIVE}"] } });`,
      errors: [{ ...keyCredential("ModelClient"), line: 4, column: 27, endLine: 4, endColumn: 38 }],
    },
    {
      // ... or the key is.
      code: `const { default: ModelClient } = require("@azure-rest/ai-inference");
const { AzureKeyCredential } = require("@azure/core-auth");
module.exports = ModelClient(process.env.INFERENCE_ENDPOINT, new AzureKeyCredential(process.env.AZURE_INFERENCE_SDK_KEY));`,
      output: `const { default: ModelClient } = require("@azure-rest/ai-inference");
const { DefaultAzureCredential } = require("@azure/identity");
module.exports = ModelClient(process.env.INFERENCE_ENDPOINT, new DefaultAzureCredential(), { credentials: { scopes: ["${COGNITIVE}"] } });`,
      errors: [{ ...keyCredential("ModelClient"), line: 3, column: 18, endLine: 3, endColumn: 29 }],
    },
  ],
});
