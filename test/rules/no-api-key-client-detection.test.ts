// Client shapes of no-api-key-client found on real code: `new` on factory functions, options built
// in branches or assigned later, and the Azure AI service SDKs beyond Azure OpenAI.
import { RuleTester } from "@typescript-eslint/rule-tester";

import rule from "../../src/rules/no-api-key-client.js";

const ruleTester = new RuleTester();

const COGNITIVE = "https://cognitiveservices.azure.com/.default";
const TRAP =
  ' Also remove `AZURE_OPENAI_API_KEY` from env files and app settings: while it is set, the fixed client throws "mutually exclusive".';
const keyCredential = (client: string) => ({ messageId: "keyCredential" as const, data: { client, note: "" } });
const keyOption = (client: string, option: string, tokenOption = "azureADTokenProvider", trap = TRAP) => ({
  messageId: "keyOption" as const,
  data: { client, option, tokenOption, trap, note: "" },
});
const envKey = (client: string, envVar: string, tokenOption = "azureADTokenProvider", trap = TRAP) => ({
  messageId: "envKey" as const,
  data: { client, envVar, tokenOption, trap, note: "" },
});

ruleTester.run("no-api-key-client (detection)", rule, {
  valid: [
    // GitHub Models through `new`, and an endpoint that cannot be seen: no Azure key in sight.
    `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
new ModelClient("https://models.github.ai/inference", new AzureKeyCredential(process.env.GITHUB_TOKEN ?? ""));`,
    `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
export const make = (endpoint, key) => new ModelClient(endpoint, new AzureKeyCredential(key));`,
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
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 41,
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
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 25,
          suggestions: [
            {
              messageId: "useEntraId",
              data: { credential: "credential" },
              output: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
export function createClient() {
  let clientOptions;
  clientOptions = { azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}"), endpoint, apiVersion: "2024-10-21" };
  return new AzureOpenAI(clientOptions);
}`,
            },
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
  ],
});
