import { Linter } from "eslint";

import plugin from "../../src/index.js";
import rule from "../../src/rules/no-api-key-header.js";
import { UsageRuleTester } from "../support/usage-rule-tester.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";

const ruleTester = new UsageRuleTester();


// Generated at run time: no key-shaped literal sits in this file.
const key = generateIdentifiableKey({ service: "AAAB", year: 2025, month: 4, random: 21 });

ruleTester.run("no-api-key-header", rule, {
  valid: [
    // No Azure context at all: `api-key` is also Azure AI Search's, Qdrant's and Pinecone's header.
    `async function send(url, key) { return fetch(url, { headers: { "api-key": key } }); }`,
    // Azure AI Search: `api-version=` on a visible host that is not an Azure AI host.
    `async function send() { return fetch("https://search.windows.net/indexes?api-version=2024-07-01", { headers: { "api-key": key } }); }`,
    // A token from `getToken`, also under the `api-key` name.
    `async function send() {
  const credential = new DefaultAzureCredential();
  const { token } = await credential.getToken("https://cognitiveservices.azure.com/.default");
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": token, Authorization: \`Bearer \${token}\` } });
}`,
    // A token from a `getBearerTokenProvider` result.
    `const getToken = getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default");
async function send() {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getToken()}\`, "api-key": await getToken() } });
}`,
    // Reads, removals, `x-api-key`, names that only contain the word.
    `async function send(response) {
  const headers = new Headers();
  headers.get("api-key");
  headers.delete("api-key");
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": null, "x-api-key": process.env.AZURE_OPENAI_API_KEY, "my-api-key-id": key } });
}`,
    // A Microsoft Entra ID token refreshed into a \`let\` and sent under the \`api-key\` name (the Azure samples' pattern).
    `import OpenAI from "openai";
let openAiToken;
let client;
export async function refresh(credential) {
  openAiToken = await credential.getToken("https://cognitiveservices.azure.com/.default");
  client = new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/deployments/gpt-4o", defaultHeaders: { "api-key": openAiToken.token } });
  return fetch("https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", { method: "POST", headers: { "api-key": openAiToken.token } });
}`,
    // An OpenAI platform key as a bearer token.
    `async function send() { return fetch("https://api.openai.com/v1/models", { headers: { Authorization: \`Bearer \${process.env.OPENAI_API_KEY}\` } }); }`,
    // A local `fetch` parameter shadows the global.
    `function send(fetch) { return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } }); }`,
    // `Ocp-Apim-Subscription-Key` without an Azure AI host or key: other Azure APIs use it too.
    `async function send(url, key) { return fetch(url, { headers: { "Ocp-Apim-Subscription-Key": key } }); }`,
    // An `openai` client with no Azure context.
    `import OpenAI from "openai";
new OpenAI({ defaultHeaders: { "api-key": key } });`,
    // A realtime URL without a key.
    `const url = "wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview";`,
    // `api-key=` in a URL to another service.
    `const url = "https://qdrant.example.com/collections?api-key=" + key;`,
    // A local class named `Headers` is not the Fetch API's.
    `class Headers { constructor(init) { this.init = init; } }
const headers = new Headers({ "api-key": process.env.AZURE_OPENAI_API_KEY });`,
    // A local object named `http` is not Node's module.
    `const http = { request() {} };
http.request({ hostname: "contoso.openai.azure.com", headers: { "api-key": key } });`,
    // A settings store's `set` is not a request header.
    `const settings = new Map();
settings.set("api-key", process.env.AZURE_OPENAI_API_KEY);`,
  ],
  invalid: [
    {
      // fetch to an Azure OpenAI deployment: host context; the suggestion imports @azure/identity and hoists the credential.
      code: `async function chat(body) {
  const response = await fetch("https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", {
    method: "POST",
    headers: { "api-key": process.env.KEY, "Content-Type": "application/json" },
    body,
  });
  return response.json();
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 16, endLine: 4, endColumn: 25, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function chat(body) {
  const response = await fetch("https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", {
    method: "POST",
    headers: { Authorization: \`Bearer \${await getAzureToken()}\`, "Content-Type": "application/json" },
    body,
  });
  return response.json();
}` },
        ] },
      ],
    },
    {
      // The Azure OpenAI REST shape without a visible host.
      code: `async function chat(endpoint, body) {
  return fetch(\`\${endpoint}/openai/deployments/gpt-4o/chat/completions\`, { method: "POST", headers: { "api-key": key }, body });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request URL has the Azure OpenAI REST shape `/openai/deployments/`","hint":""}, line: 2, column: 103, endLine: 2, endColumn: 112, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function chat(endpoint, body) {
  return fetch(\`\${endpoint}/openai/deployments/gpt-4o/chat/completions\`, { method: "POST", headers: { Authorization: \`Bearer \${await getAzureToken()}\` }, body });
}` },
        ] },
      ],
    },
    {
      // `api-version=` in a concatenated URL.
      code: `async function chat(url) {
  return fetch(url + "?api-version=2024-10-21", { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request URL has the Azure OpenAI REST shape `api-version=`","hint":""}, line: 2, column: 62, endLine: 2, endColumn: 71, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function chat(url) {
  return fetch(url + "?api-version=2024-10-21", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // The v1 API: the token scope is https://ai.azure.com/.default; the host label comes from a template.
      code: `import { DefaultAzureCredential } from "@azure/identity";
export async function respond(resource, input) {
  return fetch(\`https://\${resource}.openai.azure.com/openai/v1/responses\`, { method: "POST", headers: { "api-key": key }, body: input });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `*.openai.azure.com`","hint":""}, line: 3, column: 105, endLine: 3, endColumn: 114, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
export async function respond(resource, input) {
  return fetch(\`https://\${resource}.openai.azure.com/openai/v1/responses\`, { method: "POST", headers: { Authorization: \`Bearer \${await getAzureToken()}\` }, body: input });
}` },
        ] },
      ],
    },
    {
      // The value comes from an env var named like an Azure OpenAI key; a const header object of the same file.
      code: `const headers = { "api-key": process.env.AZURE_OPENAI_API_KEY, "Content-Type": "application/json" };
export async function chat(url, body) {
  return fetch(url, { method: "POST", headers, body });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":" The token must be awaited: get it inside an async function (see the rule documentation)."}, line: 1, column: 19, endLine: 1, endColumn: 28, suggestions: [] },
      ],
    },
    {
      // A binding named like an Azure OpenAI key, through a const; any letter case.
      code: `const aoaiKey = process.env.KEY;
export const send = async (url) => fetch(url, { headers: { "API-Key": aoaiKey } });`,
      errors: [
        { messageId: "keyHeader", data: {"header":"API-Key","context":"the value comes from `aoaiKey`","hint":""}, line: 2, column: 60, endLine: 2, endColumn: 69, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const aoaiKey = process.env.KEY;
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
export const send = async (url) => fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });` },
        ] },
      ],
    },
    {
      // The value is an Azure OpenAI key per the detection engine.
      code: `async function send(url) {
  return fetch(url, { headers: { "api-key": "${key}" } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value is an Azure OpenAI key","hint":""}, line: 2, column: 34, endLine: 2, endColumn: 43, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url) {
  return fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // The file calls an Azure AI host elsewhere.
      code: `const endpoint = "https://contoso.cognitiveservices.azure.com";
async function send(url, key) {
  return fetch(url, { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"this file calls `contoso.cognitiveservices.azure.com`","hint":""}, line: 3, column: 34, endLine: 3, endColumn: 43, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const endpoint = "https://contoso.cognitiveservices.azure.com";
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url, key) {
  return fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // A computed header name resolved to a constant.
      code: `const KEY_HEADER = "api-key";
async function send(key) {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { [KEY_HEADER]: key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 3, column: 83, endLine: 3, endColumn: 93, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const KEY_HEADER = "api-key";
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // Not inside an async function: reported without a suggestion.
      code: `function send(url) {
  return fetch(url, { headers: { "api-key": process.env.AZURE_OPENAI_API_KEY } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":" The token must be awaited: get it inside an async function (see the rule documentation)."}, line: 2, column: 34, endLine: 2, endColumn: 43, suggestions: [] },
      ],
    },
    {
      // Top-level await in a module: the suggestion works there, with the credential inline.
      filename: "chat.mjs",
      code: `const response = await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": process.env.KEY } });`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 1, column: 96, endLine: 1, endColumn: 105, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const getAzureToken = getBearerTokenProvider(new DefaultAzureCredential(), "https://ai.azure.com/.default");
const response = await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });` },
        ] },
      ],
    },
    {
      // A module without top-level await: no suggestion.
      filename: "chat.mjs",
      code: `fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": process.env.KEY } });`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":" The token must be awaited: get it inside an async function (see the rule documentation)."}, line: 1, column: 73, endLine: 1, endColumn: 82, suggestions: [] },
      ],
    },
    {
      // options: credential and scope.
      code: `import { DefaultAzureCredential } from "@azure/identity";
async function models() {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": process.env.KEY } });
}`,
      options: [{"credential":"new ManagedIdentityCredential()","scope":"https://cognitiveservices.azure.com/.default"}],
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 3, column: 82, endLine: 3, endColumn: 91, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, ManagedIdentityCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new ManagedIdentityCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function models() {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
      name: "credential and scope options",
    },
    {
      // An existing token provider is reused: nothing to import.
      code: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const tokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default");
async function models() {
  return fetch("https://contoso.openai.azure.com/openai/models?api-version=2024-10-21", { headers: { "api-key": process.env.KEY } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 102, endLine: 4, endColumn: 111, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"tokenProvider"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const tokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default");
async function models() {
  return fetch("https://contoso.openai.azure.com/openai/models?api-version=2024-10-21", { headers: { Authorization: \`Bearer \${await tokenProvider()}\` } });
}` },
        ] },
      ],
    },
    {
      // requireAzureContext: false reports an api-key header with no Azure context.
      code: `async function send(url, key) {
  return fetch(url, { headers: { "api-key": key } });
}`,
      options: [{"requireAzureContext":false}],
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"`requireAzureContext: false` reports it everywhere","hint":""}, line: 2, column: 34, endLine: 2, endColumn: 43, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url, key) {
  return fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
      name: "requireAzureContext: false",
    },
    {
      // A file written without semicolons: the lines the suggestion adds follow its style.
      code: `async function send(key) {
  return fetch(url, { headers: { "api-key": key } })
}`,
      options: [{"requireAzureContext":false}],
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"`requireAzureContext: false` reports it everywhere","hint":""}, line: 2, column: 34, endLine: 2, endColumn: 43, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity"
const credential = new DefaultAzureCredential()
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default")
async function send(key) {
  return fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } })
}` },
        ] },
      ],
      name: "a file without semicolons",
    },
    {
      // The global fetch also through globalThis.
      code: `async function send(key) {
  return globalThis.fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 2, column: 93, endLine: 2, endColumn: 102, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  return globalThis.fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // undici fetch and request (ESM).
      code: `import { fetch, request } from "undici";
async function send(key) {
  await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  await request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 3, column: 81, endLine: 3, endColumn: 90, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { fetch, request } from "undici";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  await request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 83, endLine: 4, endColumn: 92, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { fetch, request } from "undici";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  await request("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // CommonJS: node-fetch and undici through require; the suggestion adds a require.
      filename: "client.cjs",
      code: `const fetch = require("node-fetch");
const { request } = require("undici");
async function send(key) {
  await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  await request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 81, endLine: 4, endColumn: 90, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `const fetch = require("node-fetch");
const { request } = require("undici");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  await request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 5, column: 83, endLine: 5, endColumn: 92, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `const fetch = require("node-fetch");
const { request } = require("undici");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  await request("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // axios methods: config after the URL, or after the URL and the data.
      code: `import axios from "axios";
async function send(data) {
  await axios.get("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  await axios.post("https://contoso.openai.azure.com/openai/v1/responses", data, { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 3, column: 85, endLine: 3, endColumn: 94, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import axios from "axios";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(data) {
  await axios.get("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  await axios.post("https://contoso.openai.azure.com/openai/v1/responses", data, { headers: { "api-key": key } });
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 95, endLine: 4, endColumn: 104, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import axios from "axios";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(data) {
  await axios.get("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  await axios.post("https://contoso.openai.azure.com/openai/v1/responses", data, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // axios(config) with url in the config.
      filename: "client.js",
      code: `import axios from "axios";
export async function send(data) {
  return axios({ method: "post", url: "https://contoso.openai.azure.com/openai/v1/responses", data, headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 3, column: 112, endLine: 3, endColumn: 121, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import axios from "axios";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
export async function send(data) {
  return axios({ method: "post", url: "https://contoso.openai.azure.com/openai/v1/responses", data, headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // axios.create: default headers (no suggestion), then a call on the instance gets the instance's baseURL.
      filename: "client.cjs",
      code: `const axios = require("axios");
const client = axios.create({ baseURL: "https://contoso.openai.azure.com/openai", headers: { "api-key": process.env.KEY } });
async function send(data) {
  return client.post("/deployments/gpt-4o/chat/completions", data, { headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "defaultsKeyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`"}, line: 2, column: 94, endLine: 2, endColumn: 103, suggestions: [] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 81, endLine: 4, endColumn: 90, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `const axios = require("axios");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();
const client = axios.create({ baseURL: "https://contoso.openai.azure.com/openai", headers: { "api-key": process.env.KEY } });
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(data) {
  return client.post("/deployments/gpt-4o/chat/completions", data, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // axios default headers assigned later.
      code: `import axios from "axios";
axios.defaults.headers.common["api-key"] = process.env.AZURE_OPENAI_API_KEY;
const client = axios.create();
client.defaults.headers["Api-Key"] = process.env.AZURE_OPENAI_API_KEY;`,
      errors: [
        { messageId: "defaultsKeyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`"}, line: 2, column: 31, endLine: 2, endColumn: 40, suggestions: [] },
        { messageId: "defaultsKeyHeader", data: {"header":"Api-Key","context":"the value comes from `AZURE_OPENAI_API_KEY`"}, line: 4, column: 25, endLine: 4, endColumn: 34, suggestions: [] },
      ],
    },
    {
      // got, ky and node:https.
      code: `import got from "got";
import ky from "ky";
import https from "node:https";
async function send(key) {
  await got.post("https://contoso.openai.azure.com/openai/v1/responses", { headers: { "api-key": key } });
  await ky("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  https.request({ hostname: "contoso.openai.azure.com", path: "/openai/v1/models", headers: { "api-key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 5, column: 87, endLine: 5, endColumn: 96, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import got from "got";
import ky from "ky";
import https from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await got.post("https://contoso.openai.azure.com/openai/v1/responses", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  await ky("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  https.request({ hostname: "contoso.openai.azure.com", path: "/openai/v1/models", headers: { "api-key": key } });
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 6, column: 78, endLine: 6, endColumn: 87, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import got from "got";
import ky from "ky";
import https from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await got.post("https://contoso.openai.azure.com/openai/v1/responses", { headers: { "api-key": key } });
  await ky("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  https.request({ hostname: "contoso.openai.azure.com", path: "/openai/v1/models", headers: { "api-key": key } });
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 7, column: 95, endLine: 7, endColumn: 104, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import got from "got";
import ky from "ky";
import https from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  await got.post("https://contoso.openai.azure.com/openai/v1/responses", { headers: { "api-key": key } });
  await ky("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  https.request({ hostname: "contoso.openai.azure.com", path: "/openai/v1/models", headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // got.extend and ky.create set defaults.
      code: `import got from "got";
import ky from "ky";
export const client = got.extend({ prefixUrl: "https://contoso.openai.azure.com", headers: { "api-key": key } });
export const kyClient = ky.create({ prefixUrl: "https://contoso.openai.azure.com", headers: { "api-key": key } });`,
      errors: [
        { messageId: "defaultsKeyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`"}, line: 3, column: 94, endLine: 3, endColumn: 103, suggestions: [] },
        { messageId: "defaultsKeyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`"}, line: 4, column: 95, endLine: 4, endColumn: 104, suggestions: [] },
      ],
    },
    {
      // http.get with a URL and options (CommonJS require of node:http).
      filename: "client.cjs",
      code: `const http = require("node:http");
http.get("http://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": process.env.KEY } }, () => {});`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":" The token must be awaited: get it inside an async function (see the rule documentation)."}, line: 2, column: 75, endLine: 2, endColumn: 84, suggestions: [] },
      ],
    },
    {
      // new Headers({...}), new Headers([[...]]), set and append.
      code: `async function send() {
  const headers = new Headers({ "api-key": process.env.AZURE_OPENAI_API_KEY });
  const pairs = new Headers([["api-key", process.env.AZURE_OPENAI_API_KEY]]);
  const later = new Headers();
  later.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  later.append("Api-Key", process.env.AZURE_OPENAI_API_KEY);
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":""}, line: 2, column: 33, endLine: 2, endColumn: 42, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send() {
  const headers = new Headers({ Authorization: \`Bearer \${await getAzureToken()}\` });
  const pairs = new Headers([["api-key", process.env.AZURE_OPENAI_API_KEY]]);
  const later = new Headers();
  later.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  later.append("Api-Key", process.env.AZURE_OPENAI_API_KEY);
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":""}, line: 3, column: 31, endLine: 3, endColumn: 40, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send() {
  const headers = new Headers({ "api-key": process.env.AZURE_OPENAI_API_KEY });
  const pairs = new Headers([["Authorization", \`Bearer \${await getAzureToken()}\`]]);
  const later = new Headers();
  later.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  later.append("Api-Key", process.env.AZURE_OPENAI_API_KEY);
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":""}, line: 5, column: 13, endLine: 5, endColumn: 22, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send() {
  const headers = new Headers({ "api-key": process.env.AZURE_OPENAI_API_KEY });
  const pairs = new Headers([["api-key", process.env.AZURE_OPENAI_API_KEY]]);
  const later = new Headers();
  later.set("Authorization", \`Bearer \${await getAzureToken()}\`);
  later.append("Api-Key", process.env.AZURE_OPENAI_API_KEY);
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"Api-Key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":""}, line: 6, column: 16, endLine: 6, endColumn: 25, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send() {
  const headers = new Headers({ "api-key": process.env.AZURE_OPENAI_API_KEY });
  const pairs = new Headers([["api-key", process.env.AZURE_OPENAI_API_KEY]]);
  const later = new Headers();
  later.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  later.append("Authorization", \`Bearer \${await getAzureToken()}\`);
}` },
        ] },
      ],
    },
    {
      // A Headers object passed to fetch: the URL gives the context.
      code: `async function send(key) {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: new Headers({ "api-key": key }) });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 2, column: 94, endLine: 2, endColumn: 103, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key) {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: new Headers({ Authorization: \`Bearer \${await getAzureToken()}\` }) });
}` },
        ] },
      ],
    },
    {
      // Ocp-Apim-Subscription-Key to an Azure AI host.
      code: `async function token(region, key) {
  return fetch(\`https://\${region}.api.cognitive.microsoft.com/sts/v1.0/issueToken\`, { method: "POST", headers: { "Ocp-Apim-Subscription-Key": key } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"Ocp-Apim-Subscription-Key","context":"the request goes to `*.api.cognitive.microsoft.com`","hint":""}, line: 2, column: 114, endLine: 2, endColumn: 141, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function token(region, key) {
  return fetch(\`https://\${region}.api.cognitive.microsoft.com/sts/v1.0/issueToken\`, { method: "POST", headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // Ocp-Apim-Subscription-Key holding an Azure key per the engine.
      code: `async function send(url) {
  return fetch(url, { headers: { "Ocp-Apim-Subscription-Key": "${key}" } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"Ocp-Apim-Subscription-Key","context":"the value is an Azure OpenAI key","hint":""}, line: 2, column: 34, endLine: 2, endColumn: 61, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url) {
  return fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // checkAllSubscriptionKeyHeaders reports it everywhere.
      code: `async function send(url, key) {
  return fetch(url, { headers: { "Ocp-Apim-Subscription-Key": key } });
}`,
      options: [{"checkAllSubscriptionKeyHeaders":true}],
      errors: [
        { messageId: "keyHeader", data: {"header":"Ocp-Apim-Subscription-Key","context":"`checkAllSubscriptionKeyHeaders` reports it everywhere","hint":""}, line: 2, column: 34, endLine: 2, endColumn: 61, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url, key) {
  return fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
      name: "checkAllSubscriptionKeyHeaders: true",
    },
    {
      // An Azure key sent as a bearer token, by name and by the engine.
      code: `async function send(url) {
  await fetch(url, { headers: { Authorization: \`Bearer \${process.env.AZURE_OPENAI_API_KEY}\` } });
  await fetch(url, { headers: { authorization: "Bearer ${key}" } });
}`,
      errors: [
        { messageId: "keyAsBearer", data: {"context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":""}, line: 2, column: 48, endLine: 2, endColumn: 92, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url) {
  await fetch(url, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  await fetch(url, { headers: { authorization: "Bearer ${key}" } });
}` },
        ] },
        { messageId: "keyAsBearer", data: {"context":"the value is an Azure OpenAI key","hint":""}, line: 3, column: 48, endLine: 3, endColumn: 141, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
async function send(url) {
  await fetch(url, { headers: { Authorization: \`Bearer \${process.env.AZURE_OPENAI_API_KEY}\` } });
  await fetch(url, { headers: { authorization: \`Bearer \${await getAzureToken()}\` } });
}` },
        ] },
      ],
    },
    {
      // api-key as a query parameter of a realtime WebSocket URL, and through searchParams.
      code: `const socket = new WebSocket("wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview&api-key=" + key);
const url = new URL(\`wss://\${resource}.openai.azure.com/openai/realtime?api-key=\${key}&deployment=gpt-4o-realtime-preview\`);
url.searchParams.set("api-key", process.env.AZURE_OPENAI_API_KEY);`,
      errors: [
        { messageId: "keyQueryParameter", data: {"parameter":"api-key","context":"the request goes to `contoso.openai.azure.com`"}, line: 1, column: 30, endLine: 1, endColumn: 159, suggestions: [] },
        { messageId: "keyQueryParameter", data: {"parameter":"api-key","context":"the request goes to `*.openai.azure.com`"}, line: 2, column: 21, endLine: 2, endColumn: 123, suggestions: [] },
        { messageId: "keyQueryParameter", data: {"parameter":"api-key","context":"this file calls `*.openai.azure.com`"}, line: 3, column: 22, endLine: 3, endColumn: 31, suggestions: [] },
      ],
    },
    {
      // defaultHeaders of an openai client.
      code: `import OpenAI, { AzureOpenAI } from "openai";
new AzureOpenAI({ defaultHeaders: { "api-key": key } });
new OpenAI({ baseURL: "https://contoso.openai.azure.com/openai/v1/", defaultHeaders: { "api-key": key } });`,
      errors: [
        { messageId: "clientKeyHeader", data: {"client":"AzureOpenAI","header":"api-key","context":"`AzureOpenAI` is an Azure OpenAI client"}, line: 2, column: 37, endLine: 2, endColumn: 46, suggestions: [] },
        { messageId: "clientKeyHeader", data: {"client":"OpenAI","header":"api-key","context":"the request goes to `contoso.openai.azure.com`"}, line: 3, column: 88, endLine: 3, endColumn: 97, suggestions: [] },
      ],
    },
    {
      // An existing Authorization header in the same object: no suggestion, it would clash.
      code: `async function send(key) {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key, Authorization: "Basic x" } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 2, column: 82, endLine: 2, endColumn: 91, suggestions: [] },
      ],
    },
    {
      // Namespace and named imports; TypeScript wrappers around the options and headers.
      code: `import * as undici from "undici";
import { request } from "node:https";
async function send(key: string) {
  await undici.fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } as Record<string, string> });
  request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } } satisfies object);
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 88, endLine: 4, endColumn: 97, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import * as undici from "undici";
import { request } from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key: string) {
  await undici.fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } as Record<string, string> });
  request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } } satisfies object);
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 5, column: 77, endLine: 5, endColumn: 86, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import * as undici from "undici";
import { request } from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
async function send(key: string) {
  await undici.fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } as Record<string, string> });
  request("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } } satisfies object);
}` },
        ] },
      ],
    },
    {
      // CommonJS `require(...).default` in a .js file.
      filename: "client.js",
      code: `const axios = require("axios").default;
module.exports = async function send(data) {
  return axios.put("https://contoso.openai.azure.com/openai/v1/files", data, { headers: { "api-key": key } });
};`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 3, column: 91, endLine: 3, endColumn: 100, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `const axios = require("axios").default;
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
module.exports = async function send(data) {
  return axios.put("https://contoso.openai.azure.com/openai/v1/files", data, { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
};` },
        ] },
      ],
    },
    {
      // A spread of a same-file header object.
      code: `const azureHeaders = { "api-key": process.env.AZURE_OPENAI_API_KEY };
async function send(url) {
  return fetch(url, { headers: { ...azureHeaders, Accept: "application/json" } });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":" The token must be awaited: get it inside an async function (see the rule documentation)."}, line: 1, column: 24, endLine: 1, endColumn: 33, suggestions: [] },
      ],
    },
    {
      // `set` on a `headers` property, and `Headers` imported from undici.
      code: `import { Headers } from "undici";
export async function prepare(init) {
  init.headers.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  return new Headers({ "Ocp-Apim-Subscription-Key": "${key}" });
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the value comes from `AZURE_OPENAI_API_KEY`","hint":""}, line: 3, column: 20, endLine: 3, endColumn: 29, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { Headers } from "undici";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
export async function prepare(init) {
  init.headers.set("Authorization", \`Bearer \${await getAzureToken()}\`);
  return new Headers({ "Ocp-Apim-Subscription-Key": "${key}" });
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"Ocp-Apim-Subscription-Key","context":"the value is an Azure OpenAI key","hint":""}, line: 4, column: 24, endLine: 4, endColumn: 51, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import { Headers } from "undici";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
export async function prepare(init) {
  init.headers.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  return new Headers({ Authorization: \`Bearer \${await getAzureToken()}\` });
}` },
        ] },
      ],
    },
    {
      // `new Request(...)`, `ws` with protocols, `https.request(new URL(...), options)`.
      code: `import WebSocket from "ws";
import https from "node:https";
export async function connect(key) {
  const request = new Request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  const socket = new WebSocket("wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview", ["realtime"], { headers: { "api-key": key } });
  https.request(new URL("/openai/v1/models", "https://contoso.openai.azure.com"), { headers: { "api-key": key } });
  return [request, socket];
}`,
      errors: [
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 4, column: 97, endLine: 4, endColumn: 106, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import WebSocket from "ws";
import https from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
export async function connect(key) {
  const request = new Request("https://contoso.openai.azure.com/openai/v1/models", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  const socket = new WebSocket("wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview", ["realtime"], { headers: { "api-key": key } });
  https.request(new URL("/openai/v1/models", "https://contoso.openai.azure.com"), { headers: { "api-key": key } });
  return [request, socket];
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 5, column: 175, endLine: 5, endColumn: 184, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import WebSocket from "ws";
import https from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");
export async function connect(key) {
  const request = new Request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  const socket = new WebSocket("wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview", ["realtime"], { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  https.request(new URL("/openai/v1/models", "https://contoso.openai.azure.com"), { headers: { "api-key": key } });
  return [request, socket];
}` },
        ] },
        { messageId: "keyHeader", data: {"header":"api-key","context":"the request goes to `contoso.openai.azure.com`","hint":""}, line: 6, column: 96, endLine: 6, endColumn: 105, suggestions: [
          { messageId: "useEntraToken", data: {"provider":"getAzureToken"}, output: `import WebSocket from "ws";
import https from "node:https";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
export async function connect(key) {
  const request = new Request("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": key } });
  const socket = new WebSocket("wss://contoso.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview", ["realtime"], { headers: { "api-key": key } });
  https.request(new URL("/openai/v1/models", "https://contoso.openai.azure.com"), { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
  return [request, socket];
}` },
        ] },
      ],
    },
  ],
});

describe("no-api-key-header with the recommended config", () => {
  it("reports a hard-coded key in an api-key header twice, once per rule and reason", () => {
    const linter = new Linter({ configType: "flat" });
    const code = `export async function models() {\n  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "api-key": "${key}" } });\n}`;
    const messages = linter.verify(code, [plugin.configs.recommended], "models.js");
    expect(
      messages.map(({ ruleId, messageId, line, column, endLine, endColumn }) => ({
        ruleId,
        messageId,
        line,
        column,
        endLine,
        endColumn,
      })),
    ).toEqual([
      { ruleId: "aoai-keyless/no-api-key-header", messageId: "keyHeader", line: 2, column: 82, endLine: 2, endColumn: 91 },
      {
        ruleId: "aoai-keyless/no-hardcoded-key",
        messageId: "identifiableKey",
        line: 2,
        column: 94,
        endLine: 2,
        endColumn: 94 + key.length,
      },
    ]);
  });
});
