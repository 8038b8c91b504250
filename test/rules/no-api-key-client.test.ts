import { RuleTester } from "@typescript-eslint/rule-tester";

import rule from "../../src/rules/no-api-key-client.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

const ruleTester = new RuleTester();


const COGNITIVE = "https://cognitiveservices.azure.com/.default";
const AI = "https://ai.azure.com/.default";
const TRAP =
  ' Also remove `AZURE_OPENAI_API_KEY` from env files and app settings: while it is set, the fixed client throws "mutually exclusive".';
/** The token provider a fix writes with the default options at module scope. */
const provider = (scope: string): string => `getBearerTokenProvider(new DefaultAzureCredential(), "${scope}")`;
const IDENTITY_IMPORT = 'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";';
const identifiableKey = generateIdentifiableKey();
const hexKey = generateHexKey(7);

const keyOption = (client: string, option: string, tokenOption: string, trap: string) => ({
  messageId: "keyOption" as const,
  data: { client, option, tokenOption, trap },
});
const envKey = (client: string, envVar: string, tokenOption: string, trap: string) => ({
  messageId: "envKey" as const,
  data: { client, envVar, tokenOption, trap },
});

ruleTester.run("no-api-key-client", rule, {
  valid: [
    // A Microsoft Entra ID token refreshed into a \`let\` and passed as \`apiKey\` (the Azure samples' pattern).
    `import OpenAI from "openai";
let openAiToken;
let client;
export async function refresh(credential) {
  openAiToken = await credential.getToken("https://cognitiveservices.azure.com/.default");
  const commonOptions = { apiKey: openAiToken.token, defaultHeaders: { "api-key": openAiToken.token } };
  client = new OpenAI({ ...commonOptions, baseURL: "https://contoso.openai.azure.com/openai/deployments/gpt-4o" });
}`,
    // Already keyless.
    `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const azureADTokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "${COGNITIVE}");
new AzureOpenAI({ azureADTokenProvider, endpoint, apiVersion: "2024-10-21" });`,
    // v1 API: a token provider as `apiKey`, inline or through a const.
    `import OpenAI from "openai";
new OpenAI({ baseURL: "https://res.openai.azure.com/openai/v1/", apiKey: getBearerTokenProvider(credential, "${AI}") });`,
    `import OpenAI from "openai";
const tokenProvider = getBearerTokenProvider(credential, "${AI}");
new OpenAI({ baseURL: "https://res.openai.azure.com/openai/v1/", apiKey: tokenProvider });`,
    `import OpenAI from "openai";
new OpenAI({ baseURL: "https://res.openai.azure.com/openai/v1/", apiKey: async () => token() });`,
    // Plain OpenAI platform and GitHub Models clients.
    `import OpenAI from "openai";
new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    `import OpenAI from "openai";
new OpenAI({ baseURL: "https://models.inference.ai.azure.com", apiKey: process.env.GITHUB_TOKEN });`,
    `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
ModelClient("https://models.github.ai/inference", new AzureKeyCredential(process.env.GITHUB_TOKEN));`,
    // A TokenCredential.
    `import { OpenAIClient } from "@azure/openai";
import { DefaultAzureCredential } from "@azure/identity";
new OpenAIClient(endpoint, new DefaultAzureCredential());`,
    `import { createAzure } from "@ai-sdk/azure";
createAzure({ resourceName: "res", tokenProvider });`,
    `import { AzureChatOpenAI } from "@langchain/openai";
new AzureChatOpenAI({ azureADTokenProvider: provider, azureOpenAIApiDeploymentName: "gpt-4o" });`,
    `import { AzureOpenAI } from "@llamaindex/azure";
new AzureOpenAI({ azureADTokenProvider: provider, deployment: "gpt-4o" });`,
    // Options that cannot be seen: no guess.
    `import { AzureOpenAI } from "openai";
export function make(options) { return new AzureOpenAI(options); }`,
    `import { AzureOpenAI } from "openai";
import { options } from "./config.js";
new AzureOpenAI(options);`,
    `import { AzureOpenAI } from "openai";
new AzureOpenAI({ ...options, endpoint });`,
    `import { AzureOpenAI } from "openai";
new AzureOpenAI(...args);`,
    // A plain client whose concatenated baseURL is not an Azure host.
    `import OpenAI from "openai";
new OpenAI({ baseURL: "https://" + host + "/v1", apiKey: key });`,
    // A const options object changed after its declaration: what it holds is not visible.
    `import { AzureOpenAI } from "openai";
const options = { endpoint };
options.azureADTokenProvider = tokenProvider;
new AzureOpenAI(options);`,
    `import { AzureOpenAI } from "openai";
const options = { endpoint };
Object.assign(options, settings);
new AzureOpenAI(options);`,
    // A local class that happens to share the name, and a shadowed import.
    `class AzureOpenAI { constructor(options) {} }
new AzureOpenAI({ apiKey: "${hexKey}" });`,
    `import { AzureOpenAI } from "openai";
function f(AzureOpenAI) { return new AzureOpenAI({ apiKey: key }); }`,
    // Unrelated packages.
    `import { AzureOpenAI } from "./my-azure-openai.js";
new AzureOpenAI({ apiKey: key });`,
    `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
new SearchClient(endpoint, index, new AzureKeyCredential(key));`,
    // A subclass whose options come from outside.
    `import { AzureOpenAI } from "openai";
class Client extends AzureOpenAI { constructor(options) { super(options); } }`,
    // Legacy forms already on a token provider, or not Azure at all.
    `import { ChatOpenAI } from "@langchain/openai";
new ChatOpenAI({ model: "gpt-4o", apiKey: process.env.OPENAI_API_KEY });`,
    `import { OpenAI } from "llamaindex";
new OpenAI({ model: "gpt-4o" });`,
    `import { initChatModel } from "langchain";
await initChatModel("gpt-4o", { modelProvider: "openai" });`,
    // The `@azure/openai` v1 OpenAI-platform overload.
    `import { OpenAIClient, OpenAIKeyCredential } from "@azure/openai";
new OpenAIClient(new OpenAIKeyCredential(key));`,
  ],
  invalid: [
    {
      // A variable that holds a key before it ever holds a token is a key: every write must be a token.
      code: `import OpenAI from "openai";
let secret = process.env.AZURE_OPENAI_API_KEY;
export async function refresh(credential) {
  secret = (await credential.getToken("https://ai.azure.com/.default")).token;
}
export const client = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: secret });`,
      output: `import OpenAI from "openai";
${IDENTITY_IMPORT}
let secret = process.env.AZURE_OPENAI_API_KEY;
export async function refresh(credential) {
  secret = (await credential.getToken("https://ai.azure.com/.default")).token;
}
export const client = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: ${provider(AI)} });`,
      errors: [{ messageId: "keyOption", line: 6, column: 27, endLine: 6, endColumn: 33 }],
    },
    {
      // `openai` AzureOpenAI with a key: the fix swaps the key for a token provider.
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY, endpoint, apiVersion: "2024-10-21" });`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, endpoint, apiVersion: "2024-10-21" });`,
      errors: [
        { ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP), line: 2, column: 20, endLine: 2, endColumn: 31 },
      ],
    },
    {
      // A literal identifiable key: the message never shows it.
      code: `import { AzureOpenAI } from 'openai'
const client = new AzureOpenAI({ apiKey: '${identifiableKey}', endpoint: 'https://res.openai.azure.com' })`,
      output: `import { AzureOpenAI } from 'openai'
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity'
const client = new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), '${COGNITIVE}'), endpoint: 'https://res.openai.azure.com' })`,
      errors: [
        { ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP), line: 2, column: 20, endLine: 2, endColumn: 31 },
      ],
    },
    {
      // No credential at all: the SDK reads AZURE_OPENAI_API_KEY; inside a function the credential goes to module scope.
      code: `import { AzureOpenAI } from "openai";

export function createClient() {
  return new AzureOpenAI({
    endpoint: process.env.AZURE_OPENAI_ENDPOINT,
    apiVersion: "2024-10-21",
  });
}`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();

export function createClient() {
  return new AzureOpenAI({
    endpoint: process.env.AZURE_OPENAI_ENDPOINT,
    apiVersion: "2024-10-21",
    azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}"),
  });
}`,
      errors: [
        {
          ...envKey("AzureOpenAI", "AZURE_OPENAI_API_KEY", "azureADTokenProvider", TRAP),
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 25,
        },
      ],
    },
    {
      // The file's credential is reused; the existing @azure/identity import is merged into.
      code: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential } from "@azure/identity";
const cred = new DefaultAzureCredential();
function a() { return new AzureOpenAI({ apiKey: key }); }`,
      output: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const cred = new DefaultAzureCredential();
function a() { return new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(cred, "${COGNITIVE}") }); }`,
      errors: [{ messageId: "keyOption", line: 4, column: 27, endLine: 4, endColumn: 38 }],
    },
    {
      // Aliased identity import and aliased client import.
      code: `import { AzureOpenAI as Azure } from "openai";
import { DefaultAzureCredential as Dac } from "@azure/identity";
new Azure();`,
      output: `import { AzureOpenAI as Azure } from "openai";
import { DefaultAzureCredential as Dac, getBearerTokenProvider } from "@azure/identity";
new Azure({ azureADTokenProvider: getBearerTokenProvider(new Dac(), "${COGNITIVE}") });`,
      errors: [{ messageId: "envKey", line: 3, column: 5, endLine: 3, endColumn: 10 }],
    },
    {
      // Namespace imports of both packages.
      code: `import * as oai from "openai";
import * as identity from "@azure/identity";
new oai.AzureOpenAI({ apiKey: key, endpoint });`,
      output: `import * as oai from "openai";
import * as identity from "@azure/identity";
new oai.AzureOpenAI({ azureADTokenProvider: identity.getBearerTokenProvider(new identity.DefaultAzureCredential(), "${COGNITIVE}"), endpoint });`,
      errors: [{ messageId: "keyOption", line: 3, column: 5, endLine: 3, endColumn: 20 }],
    },
    {
      // `new` without parentheses.
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI;`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "envKey", line: 2, column: 20, endLine: 2, endColumn: 31 }],
    },
    {
      // CommonJS: destructured require in a .cjs file, after "use strict".
      filename: "client.cjs",
      code: `"use strict";
const { AzureOpenAI } = require("openai");
const client = new AzureOpenAI({ apiKey: process.env.KEY });`,
      output: `"use strict";
const { AzureOpenAI } = require("openai");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "keyOption", line: 3, column: 20, endLine: 3, endColumn: 31 }],
    },
    {
      // CommonJS: `require(...).X` in a TypeScript file, merging into an existing identity require.
      code: `const AzureOpenAI = require("openai").AzureOpenAI;
const { ManagedIdentityCredential } = require("@azure/identity");
const client = new AzureOpenAI({ apiKey: key });`,
      output: `const AzureOpenAI = require("openai").AzureOpenAI;
const { ManagedIdentityCredential, DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "keyOption", line: 3, column: 20, endLine: 3, endColumn: 31 }],
    },
    {
      // A hashbang file with no imports: the import goes below the hashbang, before the first statement.
      code: `#!/usr/bin/env node
// Chat helper.
new (require("openai").AzureOpenAI)({ apiKey: key });`,
      output: `#!/usr/bin/env node
// Chat helper.
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
new (require("openai").AzureOpenAI)({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "keyOption", line: 3, column: 6, endLine: 3, endColumn: 35 }],
    },
    {
      code: `import { AzureOpenAI } from "openai";
new AzureOpenAI({ apiKey: key });`,
      output: `import { AzureOpenAI } from "openai";
import { ManagedIdentityCredential, getBearerTokenProvider } from "@azure/identity";
new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(new ManagedIdentityCredential({ clientId: process.env.AZURE_CLIENT_ID }), "${AI}") });`,
      options: [{ credential: "new ManagedIdentityCredential({ clientId: process.env.AZURE_CLIENT_ID })", scope: AI }],
      errors: [{ messageId: "keyOption", line: 2, column: 5, endLine: 2, endColumn: 16 }],
      name: "credential and scope options",
    },
    {
      code: `import { AzureOpenAI } from "openai";
new AzureOpenAI({ apiKey: key });`,
      output: null,
      options: [{ fix: "suggestion" }],
      errors: [
        {
          messageId: "keyOption",
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          suggestions: [
            {
              messageId: "useEntraId",
              data: { credential: "new DefaultAzureCredential()" },
              output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
            },
          ],
        },
      ],
      name: "fix: suggestion offers the edit without an autofix",
    },
    {
      // The key comes from a call: removing it may remove an effect, so only a suggestion.
      code: `import { AzureOpenAI } from "openai";
new AzureOpenAI({ apiKey: await vault.getSecret("aoai-key"), endpoint });`,
      output: null,
      errors: [
        {
          messageId: "keyOption",
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          suggestions: [
            {
              messageId: "useEntraId",
              data: { credential: "new DefaultAzureCredential()" },
              output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, endpoint });`,
            },
          ],
        },
      ],
    },
    {
      // `process.env.X ?? "literal"` is visible: a key; reading env is free of effects.
      code: `import { AzureOpenAI } from "openai";
new AzureOpenAI({ endpoint, apiKey: process.env.AZURE_OPENAI_API_KEY ?? "${hexKey}" });`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
new AzureOpenAI({ endpoint, azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "keyOption", line: 2, column: 5, endLine: 2, endColumn: 16 }],
    },
    {
      // Options in a same-file const used once: the const is fixed.
      code: `import { AzureOpenAI } from "openai";
const options = {
  endpoint: "https://res.openai.azure.com",
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  apiVersion: "2024-10-21",
};
const client = new AzureOpenAI(options);`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const options = {
  endpoint: "https://res.openai.azure.com",
  azureADTokenProvider: ${provider(COGNITIVE)},
  apiVersion: "2024-10-21",
};
const client = new AzureOpenAI(options);`,
      errors: [{ messageId: "keyOption", line: 7, column: 20, endLine: 7, endColumn: 31 }],
    },
    {
      // A const options object shared with other code: suggestion only.
      code: `import { AzureOpenAI } from "openai";
const options = { apiKey: key, endpoint };
log(options);
new AzureOpenAI(options);`,
      output: null,
      errors: [
        {
          messageId: "keyOption",
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 16,
          suggestions: [
            {
              messageId: "useEntraId",
              data: { credential: "new DefaultAzureCredential()" },
              output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const options = { azureADTokenProvider: ${provider(COGNITIVE)}, endpoint };
log(options);
new AzureOpenAI(options);`,
            },
          ],
        },
      ],
    },
    {
      // The key in a spread const: the fix edits that const and the call, as a suggestion.
      code: `import { AzureOpenAI } from "openai";
const base = { apiKey: key, apiVersion: "2024-10-21" };
new AzureOpenAI({ ...base, endpoint });`,
      output: null,
      errors: [
        {
          messageId: "keyOption",
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 16,
          suggestions: [
            {
              messageId: "useEntraId",
              data: { credential: "new DefaultAzureCredential()" },
              output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const base = { apiVersion: "2024-10-21" };
new AzureOpenAI({ ...base, endpoint, azureADTokenProvider: ${provider(COGNITIVE)} });`,
            },
          ],
        },
      ],
    },
    {
      // A name the fix needs already means something else: report without a fix.
      code: `import { AzureOpenAI } from "openai";
import { getBearerTokenProvider } from "./auth.js";
new AzureOpenAI({ apiKey: key });`,
      output: null,
      errors: [{ messageId: "keyOption", line: 3, column: 5, endLine: 3, endColumn: 16 }],
    },
    {
      code: `import { AzureOpenAI } from "openai";
class DefaultAzureCredential {}
new AzureOpenAI({ apiKey: key });`,
      output: null,
      errors: [{ messageId: "keyOption", line: 3, column: 5, endLine: 3, endColumn: 16 }],
    },
    {
      // A subclass: its super(options) call is the construction.
      code: `import { AzureOpenAI } from "openai";
export class TracedClient extends AzureOpenAI {
  constructor(endpoint: string) {
    super({ endpoint, apiKey: process.env.AZURE_OPENAI_API_KEY });
  }
}`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
export class TracedClient extends AzureOpenAI {
  constructor(endpoint: string) {
    super({ endpoint, azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") });
  }
}`,
      errors: [{ messageId: "keyOption", line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      // The plain OpenAI client on the v1 API: a function apiKey with the ai.azure.com scope.
      code: `import OpenAI from "openai";
const client = new OpenAI({
  baseURL: "https://res.openai.azure.com/openai/v1/",
  apiKey: process.env.AZURE_OPENAI_API_KEY,
});`,
      output: `import OpenAI from "openai";
${IDENTITY_IMPORT}
const client = new OpenAI({
  baseURL: "https://res.openai.azure.com/openai/v1/",
  apiKey: ${provider(AI)},
});`,
      errors: [{ ...keyOption("OpenAI", "apiKey", "apiKey", ""), line: 2, column: 20, endLine: 2, endColumn: 26 }],
    },
    {
      // The older plain-client pattern: endpoint built from a template, key also in `api-key`.
      filename: "client.js",
      code: `const { OpenAI } = require("openai");
const openai = new OpenAI({
  apiKey,
  baseURL: \`https://\${resource}.openai.azure.com/openai/deployments/\${model}\`,
  defaultQuery: { "api-version": "2023-06-01-preview" },
  defaultHeaders: { "api-key": apiKey },
});`,
      output: `const { OpenAI } = require("openai");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const openai = new OpenAI({
  apiKey: ${provider(AI)},
  baseURL: \`https://\${resource}.openai.azure.com/openai/deployments/\${model}\`,
  defaultQuery: { "api-version": "2023-06-01-preview" },
});`,
      errors: [{ messageId: "keyOption", line: 2, column: 20, endLine: 2, endColumn: 26 }],
    },
    {
      // The plain client aimed at Azure with no apiKey reads OPENAI_API_KEY.
      code: `import { OpenAI } from "openai";
const baseURL = "https://res.services.ai.azure.com/openai/v1/";
new OpenAI({ baseURL });`,
      output: `import { OpenAI } from "openai";
${IDENTITY_IMPORT}
const baseURL = "https://res.services.ai.azure.com/openai/v1/";
new OpenAI({ baseURL, apiKey: ${provider(AI)} });`,
      errors: [{ ...envKey("OpenAI", "OPENAI_API_KEY", "apiKey", ""), line: 3, column: 5, endLine: 3, endColumn: 11 }],
    },
    {
      // `@azure/openai` v1 with AzureKeyCredential from the same package.
      code: `import { OpenAIClient, AzureKeyCredential } from "@azure/openai";
const client = new OpenAIClient("https://res.openai.azure.com", new AzureKeyCredential(process.env.KEY));`,
      output: `import { OpenAIClient, AzureKeyCredential } from "@azure/openai";
import { DefaultAzureCredential } from "@azure/identity";
const client = new OpenAIClient("https://res.openai.azure.com", new DefaultAzureCredential());`,
      errors: [
        { messageId: "keyCredential", data: { client: "OpenAIClient" }, line: 2, column: 20, endLine: 2, endColumn: 32 },
      ],
    },
    {
      // ...and from @azure/core-auth through a const.
      code: `import { OpenAIClient } from "@azure/openai";
import { AzureKeyCredential } from "@azure/core-auth";
const keyCredential = new AzureKeyCredential(key);
const client = new OpenAIClient(endpoint, keyCredential);`,
      output: `import { OpenAIClient } from "@azure/openai";
import { AzureKeyCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
const keyCredential = new AzureKeyCredential(key);
const client = new OpenAIClient(endpoint, new DefaultAzureCredential());`,
      errors: [{ messageId: "keyCredential", line: 4, column: 20, endLine: 4, endColumn: 32 }],
    },
    {
      // ModelClient on an Azure AI services endpoint: the credential and the Cognitive Services scope.
      code: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
const client = ModelClient("https://res.services.ai.azure.com/models", new AzureKeyCredential(key));`,
      output: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
const client = ModelClient("https://res.services.ai.azure.com/models", new DefaultAzureCredential(), { credentials: { scopes: ["${COGNITIVE}"] } });`,
      errors: [{ messageId: "keyCredential", line: 3, column: 16, endLine: 3, endColumn: 27 }],
    },
    {
      code: `import createClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
const client = createClient(\`https://\${name}.openai.azure.com/openai/deployments/gpt-4o\`, new AzureKeyCredential(key), {
  apiVersion: "2024-10-21",
});`,
      output: `import createClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
const client = createClient(\`https://\${name}.openai.azure.com/openai/deployments/gpt-4o\`, new DefaultAzureCredential(), {
  apiVersion: "2024-10-21",
  credentials: { scopes: ["${COGNITIVE}"] },
});`,
      errors: [{ messageId: "keyCredential", line: 3, column: 16, endLine: 3, endColumn: 28 }],
    },
    {
      // LangChain AzureChatOpenAI with azureOpenAIApiKey.
      code: `import { AzureChatOpenAI } from "@langchain/openai";
const model = new AzureChatOpenAI({
  azureOpenAIApiKey: process.env.AZURE_OPENAI_API_KEY,
  azureOpenAIApiInstanceName: "res",
  azureOpenAIApiDeploymentName: "gpt-4o",
  azureOpenAIApiVersion: "2024-10-21",
});`,
      output: `import { AzureChatOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
const model = new AzureChatOpenAI({
  azureADTokenProvider: ${provider(COGNITIVE)},
  azureOpenAIApiInstanceName: "res",
  azureOpenAIApiDeploymentName: "gpt-4o",
  azureOpenAIApiVersion: "2024-10-21",
});`,
      errors: [
        {
          ...keyOption("AzureChatOpenAI", "azureOpenAIApiKey", "azureADTokenProvider", TRAP),
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 34,
        },
      ],
    },
    {
      // LangChain embeddings with `apiKey`, and AzureOpenAI with no credential.
      code: `import { AzureOpenAIEmbeddings, AzureOpenAI } from "@langchain/openai";
const embeddings = new AzureOpenAIEmbeddings({ apiKey: key, azureOpenAIApiDeploymentName: "ada" });
const llm = new AzureOpenAI({ azureOpenAIApiDeploymentName: "instruct" });`,
      // Both fixes add the same import, so they apply in two passes.
      output: [
        `import { AzureOpenAIEmbeddings, AzureOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
const embeddings = new AzureOpenAIEmbeddings({ azureADTokenProvider: ${provider(COGNITIVE)}, azureOpenAIApiDeploymentName: "ada" });
const llm = new AzureOpenAI({ azureOpenAIApiDeploymentName: "instruct" });`,
        `import { AzureOpenAIEmbeddings, AzureOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
const embeddings = new AzureOpenAIEmbeddings({ azureADTokenProvider: ${provider(COGNITIVE)}, azureOpenAIApiDeploymentName: "ada" });
const llm = new AzureOpenAI({ azureOpenAIApiDeploymentName: "instruct", azureADTokenProvider: ${provider(COGNITIVE)} });`,
      ],
      errors: [
        { messageId: "keyOption", line: 2, column: 24, endLine: 2, endColumn: 45 },
        { messageId: "envKey", line: 3, column: 17, endLine: 3, endColumn: 28 },
      ],
    },
    {
      // @ai-sdk/azure createAzure: `tokenProvider`, no env trap in the message.
      code: `import { createAzure } from "@ai-sdk/azure";
const azure = createAzure({ resourceName: "res", apiKey: process.env.AZURE_API_KEY });`,
      output: `import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const azure = createAzure({ resourceName: "res", tokenProvider: ${provider(COGNITIVE)} });`,
      errors: [
        { ...keyOption("createAzure", "apiKey", "tokenProvider", ""), line: 2, column: 15, endLine: 2, endColumn: 26 },
      ],
    },
    {
      // A Speech endpoint takes its key in its own header: the fix is only a suggestion.
      code: `import { createAzure } from "@ai-sdk/azure";
const azure = createAzure({ speechBaseURL: "https://eastus.api.cognitive.microsoft.com", apiKey: process.env.AZURE_SPEECH_API_KEY });`,
      output: null,
      errors: [
        {
          messageId: "keyOption",
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 26,
          suggestions: [
            {
              messageId: "useEntraId",
              data: { credential: "new DefaultAzureCredential()" },
              output: `import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const azure = createAzure({ speechBaseURL: "https://eastus.api.cognitive.microsoft.com", tokenProvider: ${provider(COGNITIVE)} });`,
            },
          ],
        },
      ],
    },
    {
      // createAzure() with no options reads AZURE_API_KEY.
      code: `import { createAzure } from "@ai-sdk/azure";
export const provider = createAzure();`,
      output: `import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
export const provider = createAzure({ tokenProvider: ${provider(COGNITIVE)} });`,
      errors: [
        { ...envKey("createAzure", "AZURE_API_KEY", "tokenProvider", ""), line: 2, column: 25, endLine: 2, endColumn: 36 },
      ],
    },
    {
      // The default `azure` provider instance.
      code: `import { generateText } from "ai";
import { azure } from "@ai-sdk/azure";
const { text } = await generateText({ model: azure("gpt-4o"), prompt });`,
      output: `import { generateText } from "ai";
import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const azure = createAzure({ tokenProvider: ${provider(COGNITIVE)} });
const { text } = await generateText({ model: azure("gpt-4o"), prompt });`,
      errors: [{ messageId: "defaultProvider", line: 2, column: 10, endLine: 2, endColumn: 15 }],
    },
    {
      // ...next to an existing createAzure import.
      code: `import { createAzure, azure as defaultAzure } from "@ai-sdk/azure";
const model = defaultAzure("gpt-4o");`,
      output: `import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const defaultAzure = createAzure({ tokenProvider: ${provider(COGNITIVE)} });
const model = defaultAzure("gpt-4o");`,
      errors: [{ messageId: "defaultProvider", line: 1, column: 23, endLine: 1, endColumn: 44 }],
    },
    {
      // ...through a namespace: reported at the use, no fix.
      code: `import * as azureSdk from "@ai-sdk/azure";
const model = azureSdk.azure("gpt-4o");`,
      output: null,
      errors: [{ messageId: "defaultProvider", line: 2, column: 15, endLine: 2, endColumn: 29 }],
    },
    {
      // CommonJS destructuring of the default provider: reported where it is taken, no fix.
      code: `const { azure } = require("@ai-sdk/azure");
const model = azure("gpt-4o");`,
      output: null,
      errors: [{ messageId: "defaultProvider", line: 1, column: 9, endLine: 1, endColumn: 14 }],
    },
    {
      // An endpoint built by concatenation still names its host.
      code: `import OpenAI from "openai";
const client = new OpenAI({ baseURL: "https://" + resource + ".openai.azure.com/openai/v1/", apiKey: key });`,
      output: `import OpenAI from "openai";
${IDENTITY_IMPORT}
const client = new OpenAI({ baseURL: "https://" + resource + ".openai.azure.com/openai/v1/", apiKey: ${provider(AI)} });`,
      errors: [{ messageId: "keyOption", line: 2, column: 20, endLine: 2, endColumn: 26 }],
    },
    {
      filename: "component.tsx",
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: key });
export const App = () => <output>{String(client.baseURL)}</output>;`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });
export const App = () => <output>{String(client.baseURL)}</output>;`,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      errors: [{ messageId: "keyOption", line: 2, column: 20, endLine: 2, endColumn: 31 }],
    },
    {
      filename: "client.mts",
      code: `import { createAzure } from "@ai-sdk/azure";
export const provider = createAzure({ apiKey: key, resourceName });`,
      output: `import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
export const provider = createAzure({ tokenProvider: ${provider(COGNITIVE)}, resourceName });`,
      errors: [{ messageId: "keyOption", line: 2, column: 25, endLine: 2, endColumn: 36 }],
    },
    {
      // CommonJS TypeScript: a .cts file requires, so the fix adds a require too.
      filename: "client.cts",
      code: `const { AzureOpenAI } = require("openai");
export const client = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY, apiVersion: "2024-10-21" });`,
      output: `const { AzureOpenAI } = require("openai");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
export const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, apiVersion: "2024-10-21" });`,
      errors: [{ messageId: "keyOption", line: 2, column: 27, endLine: 2, endColumn: 38 }],
    },
    {
      // A namespace import in an .mjs file.
      filename: "client.mjs",
      code: `import * as oai from "openai";
export const client = new oai.AzureOpenAI({ apiKey: key });`,
      output: `import * as oai from "openai";
${IDENTITY_IMPORT}
export const client = new oai.AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "keyOption", line: 2, column: 27, endLine: 2, endColumn: 42 }],
    },
    {
      // An aliased LangChain import in a .jsx component file.
      filename: "chat.jsx",
      code: `import { AzureChatOpenAI as Chat } from "@langchain/openai";
const model = new Chat({ azureOpenAIApiKey: key, azureOpenAIApiInstanceName: "res" });
export const Answer = () => <p>{model.model}</p>;`,
      output: `import { AzureChatOpenAI as Chat } from "@langchain/openai";
${IDENTITY_IMPORT}
const model = new Chat({ azureADTokenProvider: ${provider(COGNITIVE)}, azureOpenAIApiInstanceName: "res" });
export const Answer = () => <p>{model.model}</p>;`,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      errors: [{ messageId: "keyOption", line: 2, column: 19, endLine: 2, endColumn: 23 }],
    },
    {
      // LlamaIndex @llamaindex/azure.
      code: `import { AzureOpenAI, AzureOpenAIEmbedding } from "@llamaindex/azure";
const llm = new AzureOpenAI({ model: "gpt-4o", apiKey: process.env.AZURE_OPENAI_KEY });
const embedModel = new AzureOpenAIEmbedding();`,
      output: [
        `import { AzureOpenAI, AzureOpenAIEmbedding } from "@llamaindex/azure";
${IDENTITY_IMPORT}
const llm = new AzureOpenAI({ model: "gpt-4o", azureADTokenProvider: ${provider(COGNITIVE)} });
const embedModel = new AzureOpenAIEmbedding();`,
        `import { AzureOpenAI, AzureOpenAIEmbedding } from "@llamaindex/azure";
${IDENTITY_IMPORT}
const llm = new AzureOpenAI({ model: "gpt-4o", azureADTokenProvider: ${provider(COGNITIVE)} });
const embedModel = new AzureOpenAIEmbedding({ azureADTokenProvider: ${provider(COGNITIVE)} });`,
      ],
      errors: [
        { messageId: "keyOption", line: 2, column: 17, endLine: 2, endColumn: 28 },
        { messageId: "envKey", line: 3, column: 24, endLine: 3, endColumn: 44 },
      ],
    },
    {
      // Older LangChain: ChatOpenAI with azure* fields (reported, no fix: the fields are gone in 0.4).
      code: `import { ChatOpenAI } from "@langchain/openai";
const model = new ChatOpenAI({ azureOpenAIApiKey: key, azureOpenAIApiInstanceName: "res" });`,
      output: null,
      errors: [
        {
          messageId: "legacyAzure",
          data: { client: "ChatOpenAI", option: "azureOpenAIApiKey", replacement: "AzureChatOpenAI", trap: TRAP },
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 29,
        },
      ],
    },
    {
      code: `const { OpenAIEmbeddings } = require("langchain/embeddings/openai");
const embeddings = new OpenAIEmbeddings({ azureOpenAIApiDeploymentName: "ada" });`,
      output: null,
      errors: [{ messageId: "legacyAzure", line: 2, column: 24, endLine: 2, endColumn: 40 }],
    },
    {
      code: `import { initChatModel } from "langchain/chat_models/universal";
const model = await initChatModel("gpt-4o", { modelProvider: "azure_openai", azureOpenAIApiKey: key });`,
      output: null,
      errors: [
        {
          messageId: "legacyAzure",
          data: {
            client: "initChatModel",
            option: 'modelProvider: "azure_openai"',
            replacement: "AzureChatOpenAI",
            trap: TRAP,
          },
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 34,
        },
      ],
    },
    {
      // Older LlamaIndex: new OpenAI({ azure: {...} }).
      code: `import { OpenAI } from "llamaindex";
const llm = new OpenAI({ model: "gpt-4", azure: { apiKey: key, endpoint } });`,
      output: null,
      errors: [
        {
          messageId: "legacyAzure",
          data: {
            client: "OpenAI",
            option: "azure",
            replacement: "AzureOpenAI` from `@llamaindex/azure",
            trap: TRAP,
          },
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 23,
        },
      ],
    },
  ],
});
