/**
 * Python clients of Azure OpenAI and Azure AI services, and how each authenticates: one row per
 * construct, the tree-sitter queries that read a module, and the pre-1.0 `openai` module globals.
 * Facts: openai-python `lib/azure.py`, `langchain_openai` `chat_models/azure.py`, llama-index
 * `llms/azure_openai`, Semantic Kernel `connectors/ai/open_ai`, azure-ai-inference (see
 * docs/scanner.md "Key-authenticated clients").
 */
import type { ClientSurface, LanguageSurfaces } from "./surface.js";

export const COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

const OPENAI_ADVICE = `pass \`azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), "${COGNITIVE_SERVICES_SCOPE}")\` (azure.identity) instead of a key`;
const KEY_CREDENTIAL = [{ modules: ["azure.core.credentials"], construct: "AzureKeyCredential" }] as const;

const openaiAzure = (construct: string, fix: ClientSurface["fix"]): ClientSurface => ({
  modules: ["openai"],
  construct,
  client: `openai.${construct} (Python)`,
  shape: "options",
  advice: fix === "async-token-provider" ? `${OPENAI_ADVICE.replace("(azure.identity)", "(azure.identity.aio)")}` : OPENAI_ADVICE,
  keyOptions: ["api_key"],
  keylessOptions: ["azure_ad_token_provider", "azure_ad_token"],
  envFallback: ["AZURE_OPENAI_API_KEY"],
  endpointOptions: ["azure_endpoint", "base_url"],
  endpointEnv: "AZURE_OPENAI_ENDPOINT",
  fix,
});

const openaiV1 = (construct: string): ClientSurface => ({
  modules: ["openai"],
  construct,
  client: `openai.${construct} (Python)`,
  shape: "options",
  advice: `pass \`api_key=get_bearer_token_provider(DefaultAzureCredential(), "https://ai.azure.com/.default")\` (a callable key needs openai >= 1.106.0)`,
  keyOptions: ["api_key"],
  envFallback: ["OPENAI_API_KEY"],
  endpointOptions: ["base_url"],
  requiresAzureEndpoint: true,
});

const LANGCHAIN_TRAP =
  "langchain_openai reads `AZURE_OPENAI_API_KEY` (or `OPENAI_API_KEY`) itself and passes it along with the token provider, which openai-python releases after 3.3.1 reject as mutually exclusive: remove both from env files and app settings";

const langchain = (modules: readonly string[], construct: string, fixable: boolean): ClientSurface => ({
  modules,
  construct,
  client: `${modules[0] ?? "langchain"}.${construct} (Python)`,
  shape: "options",
  advice: "pass `azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), ...)` instead of a key",
  keyOptions: ["api_key", "openai_api_key"],
  keylessOptions: ["azure_ad_token_provider", "azure_ad_async_token_provider", "azure_ad_token"],
  envFallback: ["AZURE_OPENAI_API_KEY", "OPENAI_API_KEY"],
  endpointOptions: ["azure_endpoint", "openai_api_base", "base_url"],
  endpointEnv: "AZURE_OPENAI_ENDPOINT",
  ...(fixable ? { fix: "sync-token-provider" as const, envTrap: LANGCHAIN_TRAP } : {}),
});

const llamaIndex = (construct: string): ClientSurface => ({
  modules: ["llama_index"],
  construct,
  client: `llama_index.${construct} (Python)`,
  shape: "options",
  advice: "pass `use_azure_ad=True` with `azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), ...)`",
  keyOptions: ["api_key"],
  keylessFlag: "use_azure_ad",
  envFallback: ["AZURE_OPENAI_API_KEY"],
  endpointOptions: ["azure_endpoint"],
  endpointEnv: "AZURE_OPENAI_ENDPOINT",
});

const semanticKernel = (construct: string): ClientSurface => ({
  modules: ["semantic_kernel"],
  construct,
  client: `semantic_kernel.${construct} (Python)`,
  shape: "options",
  advice: "pass `ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), ...)` (or `credential=DefaultAzureCredential()`) instead of `api_key`",
  keyOptions: ["api_key"],
  keylessOptions: ["ad_token", "ad_token_provider", "credential"],
  endpointOptions: ["endpoint", "base_url"],
});

const credentialClient = (modules: readonly string[], construct: string, client: string): ClientSurface => ({
  modules,
  construct,
  client,
  shape: "credential",
  advice: "pass a token credential (`DefaultAzureCredential()` from azure.identity) instead of `AzureKeyCredential`",
  credentialArgument: 1,
  credentialOption: "credential",
  keyCredentials: KEY_CREDENTIAL,
  endpointArgument: 0,
  endpointOptions: ["endpoint"],
});

export type PythonQuery = "imports" | "calls" | "assignments" | "attributeAssignments" | "headerEntries";

export interface PythonSurfaces extends LanguageSurfaces<PythonQuery> {
  /** openai < 1.0: `openai.api_type = "azure"` with `openai.api_key = ...` on the module itself. */
  readonly legacyGlobals: {
    readonly module: string;
    readonly client: string;
    readonly typeAttribute: string;
    readonly keyTypes: readonly string[];
    readonly keylessTypes: readonly string[];
    readonly keyAttribute: string;
    readonly endpointAttribute: string;
    readonly advice: string;
  };
  /** Node types that open a scope, for the variable follower. */
  readonly scopeTypes: ReadonlySet<string>;
}

export const PYTHON_SURFACES: PythonSurfaces = {
  language: "Python",
  grammar: "python",
  queries: {
    imports: "[(import_statement) (import_from_statement)] @import",
    calls: "(call function: [(identifier) (attribute)] @function arguments: (argument_list) @arguments) @call",
    assignments: "(assignment left: (identifier) @name right: (_) @value)",
    attributeAssignments: "(assignment left: (attribute object: (identifier) @object attribute: (identifier) @attribute) right: (_) @value) @assignment",
    /** Header entries: `{"api-key": key}` (a dictionary's pair), `headers["api-key"] = key`. */
    headerEntries: `
      (dictionary (pair key: (string) @header value: (_) @value) @site)
      (assignment left: (subscript value: (_) @target subscript: (string) @header) right: (_) @value) @site
    `,
  },
  surfaces: [
    openaiAzure("AzureOpenAI", "sync-token-provider"),
    openaiAzure("AsyncAzureOpenAI", "async-token-provider"),
    openaiV1("OpenAI"),
    openaiV1("AsyncOpenAI"),
    ...["AzureChatOpenAI", "AzureOpenAIEmbeddings", "AzureOpenAI"].map((construct) => langchain(["langchain_openai"], construct, true)),
    ...["AzureChatOpenAI", "AzureOpenAIEmbeddings", "AzureOpenAI"].map((construct) => langchain(["langchain_community", "langchain"], construct, false)),
    ...["AzureOpenAI", "AzureOpenAIEmbedding", "AzureOpenAIMultiModal"].map(llamaIndex),
    ...["AzureChatCompletion", "AzureTextCompletion", "AzureTextEmbedding", "AzureTextToImage", "AzureAudioToText", "AzureTextToAudio"].map(semanticKernel),
    ...["ChatCompletionsClient", "EmbeddingsClient", "ImageEmbeddingsClient"].map((construct) =>
      credentialClient(["azure.ai.inference"], construct, `azure.ai.inference.${construct} (Python)`),
    ),
    credentialClient(["azure.ai.openai"], "OpenAIClient", "azure.ai.openai.OpenAIClient (Python)"),
    // Every other Azure AI services client (Text Analytics, Document Intelligence, Content Safety...).
    credentialClient(["azure.ai"], "*Client", "azure.ai client (Python)"),
  ],
  legacyGlobals: {
    module: "openai",
    client: "openai module globals (Python, openai < 1.0)",
    typeAttribute: "api_type",
    keyTypes: ["azure"],
    keylessTypes: ["azure_ad", "azuread"],
    keyAttribute: "api_key",
    endpointAttribute: "api_base",
    advice: 'set `openai.api_type = "azure_ad"` and `openai.api_key` to a Microsoft Entra token, or move to openai >= 1 with `AzureOpenAI(azure_ad_token_provider=...)`',
  },
  scopeTypes: new Set(["function_definition", "lambda", "class_definition"]),
};
