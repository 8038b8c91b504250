// Headers that reach a request by a path other than an object literal in the call: set by assignment
// or `set` on a local the request sends, passed to a helper of the same file, or named by a const.

import rule from "../../src/rules/no-api-key-header.js";
import { UsageRuleTester } from "../support/usage-rule-tester.js";

const ruleTester = new UsageRuleTester();

const CREDENTIAL = `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const credential = new DefaultAzureCredential();`;
// The suggestion declares the token provider right before the statement that sends the header.
const PROVIDER = `const getAzureToken = getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default");`;
const SETUP = `${CREDENTIAL}\n${PROVIDER}`;
const DEPLOYMENT_URL = "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
const HOST = "the request goes to `contoso.openai.azure.com`";
const keyHeader = (context: string, header = "api-key", hint = "") => ({
  messageId: "keyHeader" as const,
  data: { header, context, hint },
});
const useEntraToken = (output: string) => ({ messageId: "useEntraToken" as const, data: { provider: "getAzureToken" }, output });

ruleTester.run("no-api-key-header (flow)", rule, {
  valid: [
    // The assigned header object never reaches a request to Azure AI.
    `export async function send(url, key) {
  const init = { method: "POST", headers: {} };
  init.headers["api-key"] = key;
  return fetch(url, init);
}`,
    // A helper that sends its headers to a URL nobody can see, called with no Azure context.
    `async function post(url, headers) { return fetch(url, { method: "POST", headers }); }
export const send = (url, key) => post(url, { "api-key": key });`,
    // \`set\` on a local map that no request sends.
    `export function remember(cache, value) {
  let entries = new Map();
  entries.set("api-key", process.env.AZURE_OPENAI_API_KEY);
  return entries;
}`,
    // \`x-api-key\` to an Azure OpenAI host (which ignores it) is not a key header there, nor to Anthropic's own API.
    `export async function send() {
  return fetch("https://contoso.openai.azure.com/openai/v1/models", { headers: { "x-api-key": process.env.AZURE_OPENAI_API_KEY } });
}`,
    `export async function ask(body) {
  return fetch("https://api.anthropic.com/v1/messages", { method: "POST", headers: { "x-api-key": process.env.ANTHROPIC_API_KEY }, body });
}`,
  ],
  invalid: [
    {
      // \`init.headers["api-key"] = key\` on the init a fetch sends.
      code: `export async function chat(body) {
  const init = { method: "POST", headers: { "Content-Type": "application/json" }, body };
  init.headers["api-key"] = process.env.AZURE_OPENAI_API_KEY;
  return fetch("${DEPLOYMENT_URL}", init);
}`,
      errors: [
        {
          ...keyHeader(HOST),
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 25,
          suggestions: [
            useEntraToken(`${SETUP}
export async function chat(body) {
  const init = { method: "POST", headers: { "Content-Type": "application/json" }, body };
  init.headers["Authorization"] = \`Bearer \${await getAzureToken()}\`;
  return fetch("${DEPLOYMENT_URL}", init);
}`),
          ],
        },
      ],
    },
    {
      // A header object filled by assignment, the name held in a const, sent by axios.
      code: `import axios from "axios";
const KEY_HEADER = "Ocp-Apim-Subscription-Key";
export async function translate(text) {
  const headers = {};
  headers[KEY_HEADER] = process.env.TRANSLATOR_KEY;
  return axios.post("https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=de", [{ text }], { headers });
}`,
      errors: [
        {
          ...keyHeader("the request goes to `api.cognitive.microsofttranslator.com`", "Ocp-Apim-Subscription-Key"),
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 21,
          suggestions: [
            useEntraToken(`import axios from "axios";
${CREDENTIAL}
const KEY_HEADER = "Ocp-Apim-Subscription-Key";
${PROVIDER}
export async function translate(text) {
  const headers = {};
  headers["Authorization"] = \`Bearer \${await getAzureToken()}\`;
  return axios.post("https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=de", [{ text }], { headers });
}`),
          ],
        },
      ],
    },
    {
      // \`set\` on a \`let\` Headers the request sends: the request's URL is the evidence.
      code: `export async function chat(body) {
  let requestInit = new Headers({ "Content-Type": "application/json" });
  requestInit.set("api-key", process.env.KEY);
  return fetch("${DEPLOYMENT_URL}", { method: "POST", headers: requestInit, body });
}`,
      errors: [
        {
          ...keyHeader(HOST),
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 28,
          suggestions: [
            useEntraToken(`${SETUP}
export async function chat(body) {
  let requestInit = new Headers({ "Content-Type": "application/json" });
  requestInit.set("Authorization", \`Bearer \${await getAzureToken()}\`);
  return fetch("${DEPLOYMENT_URL}", { method: "POST", headers: requestInit, body });
}`),
          ],
        },
      ],
    },
    {
      // Headers passed to a helper of the file that calls fetch; the URL is built from the helper's parameter.
      code: `const endpoint = "https://contoso.openai.azure.com";
async function post(path, headers, body) {
  const response = await fetch(\`\${endpoint}\${path}\`, { method: "POST", headers, body });
  return response.json();
}
export async function chat(body) {
  return post("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", { "api-key": process.env.KEY }, body);
}`,
      errors: [
        {
          ...keyHeader(HOST),
          line: 7,
          column: 87,
          endLine: 7,
          endColumn: 96,
          suggestions: [
            useEntraToken(`${CREDENTIAL}
const endpoint = "https://contoso.openai.azure.com";
async function post(path, headers, body) {
  const response = await fetch(\`\${endpoint}\${path}\`, { method: "POST", headers, body });
  return response.json();
}
${PROVIDER}
export async function chat(body) {
  return post("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", { Authorization: \`Bearer \${await getAzureToken()}\` }, body);
}`),
          ],
        },
      ],
    },
    {
      // A request config passed to an arrow helper that calls axios; the value's name is the evidence.
      code: `const axios = require("axios");
const call = (url, config) => axios.get(url, config);
module.exports = function list(url) {
  return call(url, { headers: { "api-key": process.env.AZURE_OPENAI_API_KEY } });
};`,
      errors: [
        {
          ...keyHeader(
            "the value comes from `AZURE_OPENAI_API_KEY`",
            "api-key",
            " The token must be awaited: get it inside an async function (see the rule documentation).",
          ),
          line: 4,
          column: 33,
          endLine: 4,
          endColumn: 42,
          suggestions: [],
        },
      ],
    },
    {
      // The header name in a const, as a computed key.
      code: `const AUTH_HEADER_NAME = "api-key";
export async function models(key) {
  return fetch("https://contoso.openai.azure.com/openai/models?api-version=2024-10-21", { headers: { [AUTH_HEADER_NAME]: key } });
}`,
      errors: [
        {
          ...keyHeader(HOST),
          line: 3,
          column: 103,
          endLine: 3,
          endColumn: 119,
          suggestions: [
            useEntraToken(`${CREDENTIAL}
const AUTH_HEADER_NAME = "api-key";
${PROVIDER}
export async function models(key) {
  return fetch("https://contoso.openai.azure.com/openai/models?api-version=2024-10-21", { headers: { Authorization: \`Bearer \${await getAzureToken()}\` } });
}`),
          ],
        },
      ],
    },
    {
      // Anthropic's \`x-api-key\` sent to the Anthropic endpoint of an Azure AI Foundry resource: the Azure AI scope.
      code: `export async function ask(body) {
  return fetch("https://contoso.services.ai.azure.com/anthropic/v1/messages", {
    method: "POST",
    headers: { "x-api-key": process.env.FOUNDRY_KEY, "anthropic-version": "2023-06-01" },
    body,
  });
}`,
      errors: [
        {
          ...keyHeader("the request goes to `contoso.services.ai.azure.com`", "x-api-key"),
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 27,
          suggestions: [
            useEntraToken(`${CREDENTIAL}
const getAzureToken = getBearerTokenProvider(credential, "https://ai.azure.com/.default");
export async function ask(body) {
  return fetch("https://contoso.services.ai.azure.com/anthropic/v1/messages", {
    method: "POST",
    headers: { Authorization: \`Bearer \${await getAzureToken()}\`, "anthropic-version": "2023-06-01" },
    body,
  });
}`),
          ],
        },
      ],
    },
  ],
});
