/**
 * The Python usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (python.ts, with the parser it loads) is imported only when a file triggers it.
 */
import { lazyDetector } from "../scanner/detectors/lazy.js";
import type { FindingDetector, RuleDescription } from "../scanner/detectors/types.js";
import { KEY_HEADER_TRIGGERS } from "./requests.js";

export const PYTHON_RULE: RuleDescription = {
  id: "python-key-auth-client",
  name: "PythonKeyAuthClient",
  shortDescription: "A Python Azure OpenAI / Azure AI client authenticates with a key",
  fullDescription:
    "A Python client of Azure OpenAI or Azure AI services is built with an API key, an AzureKeyCredential, or no credential at all (the SDK then reads a key from the environment). Every such client must move to Microsoft Entra ID before key access can be disabled on the resource.",
  help: "Authenticate with Microsoft Entra ID: `get_bearer_token_provider(DefaultAzureCredential(), \"https://cognitiveservices.azure.com/.default\")` from `azure.identity` as the client's token provider (`aoai-key-scan --fix` rewrites `openai` and `langchain_openai` clients), or a `DefaultAzureCredential()` where the client takes a credential.",
  defaultSeverity: "warning",
  tags: ["azure", "entra-id", "python"],
};

export const PYTHON_HEADER_RULE: RuleDescription = {
  id: "python-api-key-header",
  name: "PythonApiKeyHeader",
  shortDescription: "HTTP request sending an Azure AI API key (Python)",
  fullDescription:
    "A Python HTTP request (requests, httpx, aiohttp, an SDK's `headers=`) that sends an Azure OpenAI or Azure AI services API key in a header instead of a Microsoft Entra ID token.",
  help: 'Send `Authorization: Bearer <token>` with a token from `get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")()` (azure.identity) instead of the key.',
  defaultSeverity: "warning",
  tags: ["usage"],
};

/**
 * Words one of which every reported construct's file contains: the client names, `base_url` (an
 * `OpenAI` client is one only with an Azure `base_url`), the pre-1.0 globals, and the key headers'
 * spellings. Files without any never reach the parser.
 */
const TRIGGERS = [
  "AzureOpenAI",
  "AzureChatOpenAI",
  "AzureKeyCredential",
  "AzureChatCompletion",
  "AzureText",
  "AzureAudio",
  "base_url",
  "api_type",
  "api_base",
  ...KEY_HEADER_TRIGGERS,
];

export const PYTHON_DETECTOR: FindingDetector = lazyDetector(
  {
    id: "usage-python",
    category: "usage",
    rules: [PYTHON_RULE, PYTHON_HEADER_RULE],
    appliesTo: (path) => /\.(?:py|pyw|ipynb)$/i.test(path),
    triggers: TRIGGERS,
  },
  async () => (await import("./python.js")).detectPython,
);
