
import rule from "../../src/rules/no-api-key-client.js";
import { UsageRuleTester } from "../support/usage-rule-tester.js";
import { fakeProject } from "../support/fake-project.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import {
  AI,
  browserKey,
  COGNITIVE,
  DOTENV_NOTE,
  envKey,
  IDENTITY_IMPORT,
  keyGuarded,
  keyOption,
  provider,
  suggestion,
  TEST_NOTE,
  TRAP,
  versionNote,
} from "./no-api-key-client-reports.js";

const ruleTester = new UsageRuleTester();

const identifiableKey = generateIdentifiableKey();
const llamaIndexProject = fakeProject({ "@llamaindex/azure": "0.2.1" });
const hexKey = generateHexKey(7);

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
      // A const that only held the key goes with it: left behind it fails noUnusedLocals / no-unused-vars.
      code: `import { AzureOpenAI } from "openai";
const azureApiKey = process.env.AZURE_OPENAI_API_KEY;
const client = new AzureOpenAI({ apiKey: azureApiKey, endpoint, apiVersion: "2024-10-21" });`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, endpoint, apiVersion: "2024-10-21" });`,
      errors: [{ messageId: "keyOption", line: 3, column: 20, endLine: 3, endColumn: 31 }],
    },
    {
      // A const the code still reads elsewhere stays.
      code: `import { AzureOpenAI } from "openai";
const azureApiKey = process.env.AZURE_OPENAI_API_KEY;
export const keyConfigured = azureApiKey !== undefined;
const client = new AzureOpenAI({ apiKey: azureApiKey, endpoint, apiVersion: "2024-10-21" });`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const azureApiKey = process.env.AZURE_OPENAI_API_KEY;
export const keyConfigured = azureApiKey !== undefined;
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, endpoint, apiVersion: "2024-10-21" });`,
      errors: [{ messageId: "keyOption", line: 4, column: 20, endLine: 4, endColumn: 31 }],
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
          line: 4, column: 14, endLine: 4, endColumn: 25,
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
          line: 2, column: 5, endLine: 2, endColumn: 16,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`),
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
          line: 2, column: 5, endLine: 2, endColumn: 16,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, endpoint });`),
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
          line: 4, column: 5, endLine: 4, endColumn: 16,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const options = { azureADTokenProvider: ${provider(COGNITIVE)}, endpoint };
log(options);
new AzureOpenAI(options);`),
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
          line: 3, column: 5, endLine: 3, endColumn: 16,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const base = { apiVersion: "2024-10-21" };
new AzureOpenAI({ ...base, endpoint, azureADTokenProvider: ${provider(COGNITIVE)} });`),
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
      // The fix leaves AzureKeyCredential unused (a `noUnusedLocals` error): its import goes too.
      output: `import { OpenAIClient } from "@azure/openai";
import { DefaultAzureCredential } from "@azure/identity";
const client = new OpenAIClient("https://res.openai.azure.com", new DefaultAzureCredential());`,
      errors: [
        { messageId: "keyCredential", data: { client: "OpenAIClient", note: "" }, line: 2, column: 20, endLine: 2, endColumn: 32 },
      ],
    },
    {
      // ...and from @azure/core-auth through a const.
      code: `import { OpenAIClient } from "@azure/openai";
import { AzureKeyCredential } from "@azure/core-auth";
const keyCredential = new AzureKeyCredential(key);
const client = new OpenAIClient(endpoint, keyCredential);`,
      // ...with the const that only held the key credential.
      output: `import { OpenAIClient } from "@azure/openai";
import { DefaultAzureCredential } from "@azure/identity";
const client = new OpenAIClient(endpoint, new DefaultAzureCredential());`,
      errors: [{ messageId: "keyCredential", line: 4, column: 20, endLine: 4, endColumn: 32 }],
    },
    {
      // ModelClient on an Azure AI services endpoint: the credential and the Cognitive Services scope.
      code: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
const client = ModelClient("https://res.services.ai.azure.com/models", new AzureKeyCredential(key));`,
      output: `import ModelClient from "@azure-rest/ai-inference";
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
          line: 2, column: 19, endLine: 2, endColumn: 34,
        },
      ],
    },
    {
      // LangChain embeddings with `apiKey`, and AzureOpenAI with no credential.
      code: `import { AzureOpenAIEmbeddings, AzureOpenAI } from "@langchain/openai";
const embeddings = new AzureOpenAIEmbeddings({ apiKey: key, azureOpenAIApiDeploymentName: "ada" });
const llm = new AzureOpenAI({ azureOpenAIApiDeploymentName: "instruct" });`,
      // Two clients share one credential and one token provider; the second reuses them in the next pass.
      output: [
        `import { AzureOpenAIEmbeddings, AzureOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
const embeddings = new AzureOpenAIEmbeddings({ azureADTokenProvider: tokenProvider, azureOpenAIApiDeploymentName: "ada" });
const llm = new AzureOpenAI({ azureOpenAIApiDeploymentName: "instruct" });`,
        `import { AzureOpenAIEmbeddings, AzureOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
const embeddings = new AzureOpenAIEmbeddings({ azureADTokenProvider: tokenProvider, azureOpenAIApiDeploymentName: "ada" });
const llm = new AzureOpenAI({ azureOpenAIApiDeploymentName: "instruct", azureADTokenProvider: tokenProvider });`,
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
          line: 2, column: 15, endLine: 2, endColumn: 26,
          suggestions: [
            suggestion(`import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const azure = createAzure({ speechBaseURL: "https://eastus.api.cognitive.microsoft.com", tokenProvider: ${provider(COGNITIVE)} });`),
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
      // LlamaIndex @llamaindex/azure (installed in a project of its own: this one does not depend on it).
      filename: llamaIndexProject.file("src/llm.ts"),
      code: `import { AzureOpenAI, AzureOpenAIEmbedding } from "@llamaindex/azure";
const llm = new AzureOpenAI({ model: "gpt-4o", apiKey: process.env.AZURE_OPENAI_KEY });
const embedModel = new AzureOpenAIEmbedding();`,
      output: [
        `import { AzureOpenAI, AzureOpenAIEmbedding } from "@llamaindex/azure";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
const llm = new AzureOpenAI({ model: "gpt-4o", azureADTokenProvider: tokenProvider });
const embedModel = new AzureOpenAIEmbedding();`,
        `import { AzureOpenAI, AzureOpenAIEmbedding } from "@llamaindex/azure";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
const llm = new AzureOpenAI({ model: "gpt-4o", azureADTokenProvider: tokenProvider });
const embedModel = new AzureOpenAIEmbedding({ azureADTokenProvider: tokenProvider });`,
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
          line: 2, column: 19, endLine: 2, endColumn: 29,
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
          line: 2, column: 21, endLine: 2, endColumn: 34,
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
          line: 2, column: 17, endLine: 2, endColumn: 23,
        },
      ],
    },
  ],
});

// Issue 9: `--fix` must never turn working code into broken code.
const oldAiSdk = fakeProject({ "@ai-sdk/azure": "1.3.23" });
const oldOpenAi = fakeProject({ openai: "4.38.0" });
const oldIdentity = fakeProject({ openai: "6.49.0", "@azure/identity": "4.0.0" });
const noIdentityDependency = fakeProject({ openai: "6.49.0" }, ["openai"]);
const viteApp = fakeProject({ openai: "6.49.0", vite: "7.0.0" }, ["openai", "vite", "react", "@azure/identity"]);
const nextApp = fakeProject({ openai: "6.49.0" }, ["openai", "next", "vite", "@azure/identity"]);

/** An `AzureOpenAI` client with a key, which several cases below start from, and its fixed form. */
const KEYED_CLIENT = `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: key });`;
const FIXED_CLIENT = `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
export const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`;

ruleTester.run("no-api-key-client: fixes keep working code working", rule, {
  valid: [
    // A type import names no provider.
    `import type { azure } from "@ai-sdk/azure";
export type Provider = typeof azure;`,
    `import { type azure } from "@ai-sdk/azure";
let provider: typeof azure;`,
    // The default provider used only for its tools sends no request with the key.
    `import { azure } from "@ai-sdk/azure";
import { generateText } from "ai";
const tools = { web_search_preview: azure.tools.webSearchPreview({}) };
await generateText({ model, tools, prompt });`,
  ],
  invalid: [
    {
      // @ai-sdk/azure 1.3.x has no `tokenProvider` (TS2353, and the key is still sent): suggestion only.
      filename: oldAiSdk.file("src/ai.ts"),
      code: `import { createAzure } from "@ai-sdk/azure";
export const azure = createAzure({ resourceName: "res", apiKey: process.env.AZURE_API_KEY });`,
      output: null,
      errors: [
        {
          ...keyOption("createAzure", "apiKey", "tokenProvider", "", versionNote("tokenProvider", "@ai-sdk/azure", "3.0.69", "1.3.23 is installed")),
          line: 2, column: 22, endLine: 2, endColumn: 33,
          suggestions: [
            suggestion(`import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
export const azure = createAzure({ resourceName: "res", tokenProvider: ${provider(COGNITIVE)} });`),
          ],
        },
      ],
    },
    {
      // ...the same for the default provider.
      filename: oldAiSdk.file("src/route.ts"),
      code: `import { azure } from "@ai-sdk/azure";
export const model = azure("gpt-4o");`,
      output: null,
      errors: [
        {
          line: 1, column: 10, endLine: 1, endColumn: 15,
          messageId: "defaultProvider",
          data: { note: versionNote("tokenProvider", "@ai-sdk/azure", "3.0.69", "1.3.23 is installed") },
          suggestions: [
            suggestion(`import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const azure = createAzure({ tokenProvider: ${provider(COGNITIVE)} });
export const model = azure("gpt-4o");`),
          ],
        },
      ],
    },
    {
      // openai before 4.41 has no AzureOpenAI with `azureADTokenProvider`.
      filename: oldOpenAi.file("server/chat.js"),
      code: `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });`,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP, versionNote("azureADTokenProvider", "openai", "4.41.0", "4.38.0 is installed")),
          line: 2, column: 27, endLine: 2, endColumn: 38,
          suggestions: [
            suggestion(FIXED_CLIENT),
          ],
        },
      ],
    },
    {
      // A package that is not installed where the file resolves it: its version is unknown.
      filename: oldOpenAi.file("server/langchain.ts"),
      code: `import { AzureChatOpenAI } from "@langchain/openai";
export const model = new AzureChatOpenAI({ azureOpenAIApiKey: key });`,
      output: null,
      errors: [
        {
          ...keyOption(
            "AzureChatOpenAI",
            "azureOpenAIApiKey",
            "azureADTokenProvider",
            TRAP,
            versionNote("azureADTokenProvider", "@langchain/openai", "0.0.29", "it is not installed where this file resolves it"),
          ),
          line: 2, column: 26, endLine: 2, endColumn: 41,
          suggestions: [
            suggestion(`import { AzureChatOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
export const model = new AzureChatOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`),
          ],
        },
      ],
    },
    {
      // An installed @azure/identity without getBearerTokenProvider.
      filename: oldIdentity.file("server/chat.ts"),
      code: KEYED_CLIENT,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP, versionNote("getBearerTokenProvider", "@azure/identity", "4.2.0", "4.0.0 is installed")),
          line: 2, column: 27, endLine: 2, endColumn: 38,
          suggestions: [
            suggestion(FIXED_CLIENT),
          ],
        },
      ],
    },
    {
      // The project does not depend on @azure/identity: the fix applies and the message says to add it.
      filename: noIdentityDependency.file("server/chat.ts"),
      code: KEYED_CLIENT,
      output: FIXED_CLIENT,
      errors: [
        {
          ...keyOption(
            "AzureOpenAI",
            "apiKey",
            "azureADTokenProvider",
            TRAP,
            " The fix imports `@azure/identity`: add it to the dependencies in package.json.",
          ),
          line: 2, column: 27, endLine: 2, endColumn: 38,
        },
      ],
    },
    // Browser modules: their own message, no fix.
    {
      code: `"use client";
import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: key });`,
      output: null,
      errors: [{ ...browserKey("AzureOpenAI", 'a "use client" module'), line: 3, column: 27, endLine: 3, endColumn: 38 }],
    },
    {
      code: `import OpenAI from "openai";
const client = new OpenAI({ baseURL: "https://res.openai.azure.com/openai/v1/", apiKey: key, dangerouslyAllowBrowser: true });`,
      output: null,
      errors: [{ ...browserKey("OpenAI", "`dangerouslyAllowBrowser: true`"), line: 2, column: 20, endLine: 2, endColumn: 26 }],
    },
    {
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: import.meta.env.VITE_AZURE_OPENAI_KEY, endpoint });`,
      output: null,
      errors: [{ ...browserKey("AzureOpenAI", "`VITE_AZURE_OPENAI_KEY` is a public build-time variable"), line: 2, column: 20, endLine: 2, endColumn: 31 }],
    },
    {
      code: `import { createAzure } from "@ai-sdk/azure";
const azure = createAzure({ apiKey: process.env.NEXT_PUBLIC_AZURE_KEY });`,
      output: null,
      errors: [{ ...browserKey("createAzure", "`NEXT_PUBLIC_AZURE_KEY` is a public build-time variable"), line: 2, column: 15, endLine: 2, endColumn: 26 }],
    },
    {
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: key });
document.querySelector("#ask").addEventListener("click", () => client.chat.completions.create(request));`,
      output: null,
      errors: [{ ...browserKey("AzureOpenAI", "it uses `document`"), line: 2, column: 20, endLine: 2, endColumn: 31 }],
    },
    {
      code: KEYED_CLIENT,
      output: null,
      languageOptions: { globals: { window: "readonly", document: "readonly" } },
      errors: [{ ...browserKey("AzureOpenAI", "the ESLint config gives it browser globals"), line: 2, column: 27, endLine: 2, endColumn: 38 }],
    },
    {
      filename: viteApp.file("src/Chat.tsx"),
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: key });
export const Chat = () => <button onClick={() => client.chat.completions.create(request)}>Ask</button>;`,
      output: null,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      errors: [{ ...browserKey("AzureOpenAI", "a component of a client-side React app"), line: 2, column: 20, endLine: 2, endColumn: 31 }],
    },
    {
      // A server route may read a public variable for something else: not browser code.
      code: `import { createAzure } from "@ai-sdk/azure";
const azure = createAzure({ resourceName: "res", apiKey: process.env.AZURE_OPENAI_KEY });
export async function POST() {
  await fetch(\`\${process.env.NEXT_PUBLIC_URL}/api/post\`, { method: "POST" });
}`,
      output: `import { createAzure } from "@ai-sdk/azure";
${IDENTITY_IMPORT}
const azure = createAzure({ resourceName: "res", tokenProvider: ${provider(COGNITIVE)} });
export async function POST() {
  await fetch(\`\${process.env.NEXT_PUBLIC_URL}/api/post\`, { method: "POST" });
}`,
      errors: [{ messageId: "keyOption", line: 2, column: 15, endLine: 2, endColumn: 26 }],
    },
    {
      // ...while a key from one, through a const and a fallback, is public.
      code: `import { AzureOpenAI } from "openai";
const apiKey = import.meta.env.VITE_AZURE_OPENAI_API_KEY || "<api key>";
export const model = new AzureOpenAI({ endpoint, apiKey });`,
      output: null,
      errors: [
        {
          ...browserKey("AzureOpenAI", "`VITE_AZURE_OPENAI_API_KEY` is a public build-time variable"),
          line: 3, column: 26, endLine: 3, endColumn: 37,
        },
      ],
    },
    {
      // Any module under src/ of a Create React App or Vite app is bundled for the page.
      filename: viteApp.file("src/services/openai.ts"),
      code: `import { OpenAIClient } from "@azure/openai";
import { AzureKeyCredential } from "@azure/core-auth";
export const client = new OpenAIClient(endpoint, new AzureKeyCredential(settings.key));`,
      output: null,
      errors: [
        {
          ...browserKey("OpenAIClient", "`src/` of a client-side app, bundled for the page"),
          line: 3, column: 27, endLine: 3, endColumn: 39,
        },
      ],
    },
    {
      // ...while its server (outside src/) gets the fix.
      filename: viteApp.file("server/chat.ts"),
      code: KEYED_CLIENT,
      output: FIXED_CLIENT,
      errors: [{ messageId: "keyOption", line: 2, column: 27, endLine: 2, endColumn: 38 }],
    },
    {
      // The default provider and the legacy forms too.
      code: `"use client";
import { azure } from "@ai-sdk/azure";
export const model = azure("gpt-4o");`,
      output: null,
      errors: [{ ...browserKey("azure", 'a "use client" module'), line: 2, column: 10, endLine: 2, endColumn: 15 }],
    },
    {
      // Initialisation order: the shared credential goes after dotenv.config(), which fills process.env.
      code: `import { AzureOpenAI } from "openai";
import dotenv from "dotenv";
dotenv.config();
const app = createApp();
app.post("/chat", () => new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT }));`,
      output: `import { AzureOpenAI } from "openai";
import dotenv from "dotenv";
${IDENTITY_IMPORT}
dotenv.config();
const credential = new DefaultAzureCredential();
const app = createApp();
app.post("/chat", () => new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") }));`,
      errors: [{ messageId: "envKey", line: 5, column: 29, endLine: 5, endColumn: 40 }],
    },
    {
      // ...CommonJS: after require("dotenv").config(), with the require of @azure/identity before it.
      filename: "server.js",
      code: `const express = require("express");
const { AzureOpenAI } = require("openai");
require("dotenv").config();

function client() {
  return new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
}
module.exports = { client };`,
      output: `const express = require("express");
const { AzureOpenAI } = require("openai");
require("dotenv").config();
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();

function client() {
  return new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") });
}
module.exports = { client };`,
      errors: [{ messageId: "keyOption", line: 6, column: 14, endLine: 6, endColumn: 25 }],
    },
    {
      // ...and after require("dotenv/config"), which loads .env by being required.
      filename: "server.js",
      code: `const { AzureOpenAI } = require("openai");
require("dotenv/config");
function client() {
  return new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
}
module.exports = { client };`,
      output: `const { AzureOpenAI } = require("openai");
require("dotenv/config");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();
function client() {
  return new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") });
}
module.exports = { client };`,
      errors: [{ messageId: "keyOption", line: 4, column: 14, endLine: 4, endColumn: 25 }],
    },
    {
      // A token provider shared by several clients reuses the file's credential, so it is declared
      // after it: above it, the provider would read the credential in its temporal dead zone.
      code: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential } from "@azure/identity";
const credential = new DefaultAzureCredential();
export const chat = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
export const embeddings = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });`,
      output: [
        `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
export const chat = new AzureOpenAI({ azureADTokenProvider: tokenProvider });
export const embeddings = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });`,
        `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
export const chat = new AzureOpenAI({ azureADTokenProvider: tokenProvider });
export const embeddings = new AzureOpenAI({ azureADTokenProvider: tokenProvider });`,
      ],
      errors: [
        { messageId: "keyOption", line: 4, column: 25, endLine: 4, endColumn: 36 },
        { messageId: "keyOption", line: 5, column: 31, endLine: 5, endColumn: 42 },
      ],
    },
    {
      // The file's credential is declared only after code that runs the client: not reused (the call
      // would reach it in its temporal dead zone); a credential of its own goes before that code.
      code: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential } from "@azure/identity";
export const client = makeClient();
const credential = new DefaultAzureCredential();
function makeClient() {
  return new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
}`,
      output: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const azureCredential = new DefaultAzureCredential();
export const client = makeClient();
const credential = new DefaultAzureCredential();
function makeClient() {
  return new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(azureCredential, "${COGNITIVE}") });
}`,
      errors: [{ messageId: "keyOption", line: 6, column: 14, endLine: 6, endColumn: 25 }],
    },
    {
      // Two scopes in one file: each pass adds one client's fix (their insertions meet at one place),
      // and the later passes declare their providers after the credential the first pass created.
      code: `import OpenAI, { AzureOpenAI } from "openai";
export const chat = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
export const embeddings = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
export const responses = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: process.env.AZURE_OPENAI_API_KEY });`,
      output: [
        `import OpenAI, { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
export const chat = new AzureOpenAI({ azureADTokenProvider: tokenProvider });
export const embeddings = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
export const responses = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: process.env.AZURE_OPENAI_API_KEY });`,
        `import OpenAI, { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const azureTokenProvider = getBearerTokenProvider(credential, "${AI}");
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
export const chat = new AzureOpenAI({ azureADTokenProvider: tokenProvider });
export const embeddings = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
export const responses = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: azureTokenProvider });`,
        `import OpenAI, { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const credential = new DefaultAzureCredential();
const azureTokenProvider = getBearerTokenProvider(credential, "${AI}");
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}");
export const chat = new AzureOpenAI({ azureADTokenProvider: tokenProvider });
export const embeddings = new AzureOpenAI({ azureADTokenProvider: tokenProvider });
export const responses = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", apiKey: azureTokenProvider });`,
      ],
      errors: [
        { messageId: "keyOption", line: 2, column: 25, endLine: 2, endColumn: 36 },
        { messageId: "keyOption", line: 3, column: 31, endLine: 3, endColumn: 42 },
        { messageId: "keyOption", line: 4, column: 30, endLine: 4, endColumn: 36 },
      ],
    },
    {
      // dotenv runs only after code that may need the credential: no place is right, so a suggestion
      // with the credential created where it is used.
      code: `import { AzureOpenAI } from "openai";
import dotenv from "dotenv";
export function client() {
  return new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
}
export const warm = client();
dotenv.config();`,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP, DOTENV_NOTE),
          line: 4, column: 14, endLine: 4, endColumn: 25,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
import dotenv from "dotenv";
${IDENTITY_IMPORT}
export function client() {
  return new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });
}
export const warm = client();
dotenv.config();`),
          ],
        },
      ],
    },
    {
      // No semicolons, and the next line starts with "(": the inserted statement ends with one.
      code: `import { AzureOpenAI } from "openai"
;(async () => {
  await new AzureOpenAI({ apiKey: key }).models.list()
})()
export function make() {
  return new AzureOpenAI({ apiKey: key })
}`,
      output: [
        `import { AzureOpenAI } from "openai"
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity"
const credential = new DefaultAzureCredential()
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}")
;(async () => {
  await new AzureOpenAI({ azureADTokenProvider: tokenProvider }).models.list()
})()
export function make() {
  return new AzureOpenAI({ apiKey: key })
}`,
        `import { AzureOpenAI } from "openai"
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity"
const credential = new DefaultAzureCredential()
const tokenProvider = getBearerTokenProvider(credential, "${COGNITIVE}")
;(async () => {
  await new AzureOpenAI({ azureADTokenProvider: tokenProvider }).models.list()
})()
export function make() {
  return new AzureOpenAI({ azureADTokenProvider: tokenProvider })
}`,
      ],
      errors: [{ messageId: "keyOption", line: 3, column: 13, endLine: 3, endColumn: 24 }, { messageId: "keyOption", line: 6, column: 14, endLine: 6, endColumn: 25 }],
    },
    {
      // A script without semicolons that opens with "(": the lines inserted before it end with one.
      filename: "job.js",
      code: `(async function main() {
  const client = new (require("openai").AzureOpenAI)({ apiKey: key })
  console.log(await client.models.list())
})()`,
      output: `const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity")
const credential = new DefaultAzureCredential();
(async function main() {
  const client = new (require("openai").AzureOpenAI)({ azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") })
  console.log(await client.models.list())
})()`,
      errors: [{ messageId: "keyOption", line: 2, column: 23, endLine: 2, endColumn: 52 }],
    },
    {
      // Code that runs the factory before the last import: the credential goes before that code.
      code: `import { AzureOpenAI } from "openai";
export const client = makeClient();
import { log } from "./log.js";
function makeClient() {
  log("creating");
  return new AzureOpenAI({ apiKey: key });
}`,
      output: `import { AzureOpenAI } from "openai";
const credential = new DefaultAzureCredential();
export const client = makeClient();
import { log } from "./log.js";
${IDENTITY_IMPORT}
function makeClient() {
  log("creating");
  return new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") });
}`,
      errors: [{ messageId: "keyOption", line: 6, column: 14, endLine: 6, endColumn: 25 }],
    },
    {
      // Reading the key from a settings object is not a side effect: autofix.
      code: `import { AzureOpenAI } from "openai";
import { settings } from "./settings.js";
export const client = new AzureOpenAI({ endpoint: settings.endpoint, apiKey: settings.openAiKey });`,
      output: `import { AzureOpenAI } from "openai";
import { settings } from "./settings.js";
${IDENTITY_IMPORT}
export const client = new AzureOpenAI({ endpoint: settings.endpoint, azureADTokenProvider: ${provider(COGNITIVE)} });`,
      errors: [{ messageId: "keyOption", line: 3, column: 27, endLine: 3, endColumn: 38 }],
    },
    {
      // A call in the removed value may matter: suggestion.
      code: `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: readSecret("aoai") });`,
      output: null,
      errors: [
        {
          line: 2, column: 27, endLine: 2, endColumn: 38,
          messageId: "keyOption",
          suggestions: [
            suggestion(FIXED_CLIENT),
          ],
        },
      ],
    },
    {
      // The comments of the removed key go with it; CRLF line endings stay CRLF.
      code: 'import { AzureOpenAI } from "openai";\r\n\r\nexport const client = new AzureOpenAI({\r\n  // The key from the portal, Keys and Endpoint.\r\n  apiKey: process.env.AZURE_OPENAI_API_KEY, // rotate every 90 days\r\n  endpoint,\r\n});\r\n',
      output:
        `import { AzureOpenAI } from "openai";\r\n${IDENTITY_IMPORT}\r\n\r\nexport const client = new AzureOpenAI({\r\n  azureADTokenProvider: ${provider(COGNITIVE)},\r\n  endpoint,\r\n});\r\n`,
      errors: [{ messageId: "keyOption", line: 3, column: 27, endLine: 3, endColumn: 38 }],
    },
    {
      // A removed (not replaced) key property takes its comment lines along.
      code: `import { AzureChatOpenAI } from "@langchain/openai";
export const model = new AzureChatOpenAI({
  azureOpenAIApiKey: key,
  // same key, older option name
  openAIApiKey: key, // kept for 0.2
  azureOpenAIApiInstanceName: "res",
});`,
      output: `import { AzureChatOpenAI } from "@langchain/openai";
${IDENTITY_IMPORT}
export const model = new AzureChatOpenAI({
  azureADTokenProvider: ${provider(COGNITIVE)},
  azureOpenAIApiInstanceName: "res",
});`,
      errors: [{ messageId: "keyOption", line: 2, column: 26, endLine: 2, endColumn: 41 }],
    },
    {
      // require of AzureKeyCredential left unused goes; CRLF in the new require line.
      filename: "client.js",
      code: 'const { OpenAIClient } = require("@azure/openai");\r\nconst { AzureKeyCredential } = require("@azure/core-auth");\r\nmodule.exports = new OpenAIClient(endpoint, new AzureKeyCredential(process.env.AZURE_OPENAI_KEY));\r\n',
      output:
        'const { OpenAIClient } = require("@azure/openai");\r\nconst { DefaultAzureCredential } = require("@azure/identity");\r\nmodule.exports = new OpenAIClient(endpoint, new DefaultAzureCredential());\r\n',
      errors: [{ messageId: "keyCredential", line: 3, column: 22, endLine: 3, endColumn: 34 }],
    },
    {
      // ...and stays when something else still uses it.
      code: `import { OpenAIClient, AzureKeyCredential } from "@azure/openai";
export const search = new AzureKeyCredential(searchKey);
export const client = new OpenAIClient(endpoint, new AzureKeyCredential(key));`,
      output: `import { OpenAIClient, AzureKeyCredential } from "@azure/openai";
import { DefaultAzureCredential } from "@azure/identity";
export const search = new AzureKeyCredential(searchKey);
export const client = new OpenAIClient(endpoint, new DefaultAzureCredential());`,
      errors: [{ messageId: "keyCredential", line: 3, column: 27, endLine: 3, endColumn: 39 }],
    },
    {
      // A file that only uses module.exports (no import, no require of its own) gets a require.
      filename: "client.js",
      code: `module.exports = function make(OpenAIModule) {
  return new (require("openai").AzureOpenAI)({ apiKey: key });
};`,
      output: `const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();
module.exports = function make(OpenAIModule) {
  return new (require("openai").AzureOpenAI)({ azureADTokenProvider: getBearerTokenProvider(credential, "${COGNITIVE}") });
};`,
      errors: [{ messageId: "keyOption", line: 2, column: 15, endLine: 2, endColumn: 44 }],
    },
    // Key-guarded code: reported without a fix.
    {
      code: `import { AzureOpenAI } from "openai";
export function client() {
  if (process.env.AZURE_OPENAI_API_KEY) {
    return new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });
  }
  return new AzureOpenAI({ azureADTokenProvider: provider });
}`,
      output: null,
      errors: [{ ...keyGuarded("AzureOpenAI", "process.env.AZURE_OPENAI_API_KEY"), line: 4, column: 16, endLine: 4, endColumn: 27 }],
    },
    {
      code: `import { AzureOpenAI } from "openai";
const apiKey = process.env.OPENAI_KEY;
export const client = apiKey ? new AzureOpenAI({ apiKey, endpoint }) : undefined;`,
      output: null,
      errors: [{ ...keyGuarded("AzureOpenAI", "apiKey"), line: 3, column: 36, endLine: 3, endColumn: 47 }],
    },
    {
      code: `import { createAzure } from "@ai-sdk/azure";
export function provider(settings) {
  if (!settings.azureKey) throw new Error("Set the Azure key");
  return createAzure({ resourceName: "res", apiKey: settings.azureKey });
}`,
      output: null,
      errors: [{ ...keyGuarded("createAzure", "settings.azureKey"), line: 4, column: 10, endLine: 4, endColumn: 21 }],
    },
    {
      code: `import { AzureOpenAI } from "openai";
process.env.AZURE_OPENAI_API_KEY = loadKey();
export const client = new AzureOpenAI({ endpoint });`,
      output: null,
      errors: [{ ...keyGuarded("AzureOpenAI", "process.env.AZURE_OPENAI_API_KEY"), line: 3, column: 27, endLine: 3, endColumn: 38 }],
    },
    // Tests: reported, suggestion only.
    {
      filename: "src/__tests__/chat.test.ts",
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: key, fetch: mockFetch });`,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP, TEST_NOTE),
          line: 2, column: 20, endLine: 2, endColumn: 31,
          suggestions: [
            suggestion(`import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)}, fetch: mockFetch });`),
          ],
        },
      ],
    },
    {
      code: `import { vi } from "vitest";
import { AzureOpenAI } from "openai";
vi.stubGlobal("fetch", vi.fn());
const client = new AzureOpenAI({ apiKey: "fake-key" });`,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP, TEST_NOTE),
          line: 4, column: 20, endLine: 4, endColumn: 31,
          suggestions: [
            suggestion(`import { vi } from "vitest";
import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
vi.stubGlobal("fetch", vi.fn());
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });`),
          ],
        },
      ],
    },
    {
      // A fake key outside a test file.
      code: `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: "dummy" });`,
      output: null,
      errors: [
        {
          ...keyOption("AzureOpenAI", "apiKey", "azureADTokenProvider", TRAP, TEST_NOTE),
          line: 2, column: 27, endLine: 2, endColumn: 38,
          suggestions: [
            suggestion(FIXED_CLIENT),
          ],
        },
      ],
    },
    {
      // A Next.js app that also lists vite: JSX alone does not make a module a browser module.
      filename: nextApp.file("app/page.tsx"),
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: key });
export default async function Page() { return <p>{(await client.models.list()).data.length}</p>; }`,
      output: `import { AzureOpenAI } from "openai";
${IDENTITY_IMPORT}
const client = new AzureOpenAI({ azureADTokenProvider: ${provider(COGNITIVE)} });
export default async function Page() { return <p>{(await client.models.list()).data.length}</p>; }`,
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      errors: [{ messageId: "keyOption", line: 2, column: 20, endLine: 2, endColumn: 31 }],
    },
  ],
});
