/**
 * The Azure OpenAI / Azure AI client constructions the plugin knows, as `ReferenceTracker` trace
 * maps: which export of which package, how it is called, and how it authenticates. One data module;
 * the facts come from the SDK sources (see docs/rules/no-api-key-client.md). It imports nothing from
 * ESLint, so the scanner reads it to decide which files are worth parsing.
 */
import { AZURE_AI_SCOPE, COGNITIVE_SERVICES_SCOPE } from "./keyless-options.js";

/** How a traced export is used; `referenceTrackerMap` swaps in `ReferenceTracker`'s own symbols. */
export const TRACE = {
  CALL: Symbol("call"),
  CONSTRUCT: Symbol("construct"),
  ESM: Symbol("esm"),
  READ: Symbol("read"),
} as const;

const { CALL, CONSTRUCT, ESM, READ } = TRACE;

/** A client configured by one options object (`new AzureOpenAI({ ... })`). */
interface OptionsClientShape {
  readonly kind: "options";
  /** The name users know it by, for messages. */
  readonly client: string;
  /** Index of the options argument. */
  readonly optionsArgument: number;
  /** Options that carry a key. */
  readonly keyOptions: readonly string[];
  /** Options that carry a token provider or credential; any of them means keyless. */
  readonly tokenOptions: readonly string[];
  /** The option the fix writes the token provider into. */
  readonly fixOption: string;
  /** Env var the SDK reads a key from when no credential is passed; undefined: no fallback reported. */
  readonly envKey?: string;
  /** Whether a key left in the environment makes the fixed client throw "mutually exclusive". */
  readonly envTrap: boolean;
  /** Default token scope of the fix. */
  readonly scope: string;
  /** Only a client aimed at an Azure AI host (`baseURL`) is an Azure client. */
  readonly requiresAzureBaseUrl?: boolean;
  /** Options that make the fix a suggestion: the token may not reach what they configure. */
  readonly suggestWhen?: readonly string[];
}

/**
 * How an options client is fixed: the first release of the SDK whose types and runtime take
 * `fixOption` as the fix writes it; or `keyless`, for an SDK with no token-provider option the fix
 * could write: never fixed, and the text says what to do instead (for the message).
 */
export type OptionsClient = OptionsClientShape &
  ({ readonly fixSince: SdkRelease; readonly keyless?: undefined } | { readonly keyless: string; readonly fixSince?: undefined });

/** A package release, for the minimum version a fix needs. */
export interface SdkRelease {
  readonly package: string;
  readonly version: string;
}

/**
 * A client that takes `(endpoint, credential, options?)`: key auth is an `AzureKeyCredential` or a
 * plain `{ key }` object (the `KeyCredential` interface of `@azure/core-auth`).
 */
export interface CredentialClient {
  readonly kind: "credential";
  readonly client: string;
  /** Only reported when the endpoint argument visibly names an Azure AI host. */
  readonly requiresAzureEndpoint: boolean;
  /** The fix also sets `credentials.scopes` in the options argument (the SDK default is not Azure OpenAI's). */
  readonly setsScopes: boolean;
  /** The credential may also come first, without an endpoint (Translator's global endpoint). */
  readonly credentialFirst?: boolean;
  /**
   * No fix: a `TokenCredential` in the key's place is not enough, and this says what to do instead
   * (for the message). Undefined: the fix passes the credential in the key's place.
   */
  readonly keyless?: string;
}

/**
 * A call that takes the key itself (`SpeechConfig.fromSubscription(key, region)`): reported with the
 * keyless form, no fix (the keyless call needs an endpoint the key form does not have).
 */
export interface KeyArgumentCall {
  readonly kind: "key-argument";
  readonly client: string;
  readonly keyArgument: number;
  /** The position also takes a credential: only a visible key (a string, an env read, a key-like name) counts. */
  readonly onlyVisibleKeys: boolean;
  readonly keyless: string;
}

/** An older, key-only Azure form: reported without a fix. */
export interface LegacyClient {
  readonly kind: "legacy";
  readonly client: string;
  readonly optionsArgument: number;
  /** Which visible options make the construction an Azure one (see LEGACY_AZURE_MARKERS). */
  readonly azureWhen: keyof typeof LEGACY_AZURE_MARKERS;
  /** What to use instead, for the message. */
  readonly replacement: string;
}

/**
 * What makes a legacy construction an Azure one: an option whose name starts with `azureOpenAI`
 * (`azureOpenAIApiKey`), an `azure` options object, or `modelProvider: "azure_openai"`.
 */
export const LEGACY_AZURE_MARKERS = {
  "azure-prefixed-options": "azureOpenAI",
  "azure-option": "azure",
  "azure-model-provider": "azure_openai",
} as const;

/** A credential client's endpoint that cannot be seen counts as Azure when it or the key is read from a name with this word. */
export const AZURE_NAME_WORD = "azure";

/** `AzureKeyCredential`: tracked so credential clients can recognise it, never reported alone. */
export interface KeyCredentialFactory {
  readonly kind: "key-credential";
}

/** The `azure` provider instance of `@ai-sdk/azure`, which reads `AZURE_API_KEY`. */
export interface DefaultProviderInstance {
  readonly kind: "default-provider";
  /** `createAzure({ tokenProvider })`. */
  readonly fixSince: SdkRelease;
}

export type TrackedConstruct =
  | OptionsClient
  | CredentialClient
  | KeyArgumentCall
  | LegacyClient
  | KeyCredentialFactory
  | DefaultProviderInstance;

const AZURE_OPENAI_ENV_KEY = "AZURE_OPENAI_API_KEY";

const openAiAzure: OptionsClient = {
  kind: "options",
  client: "AzureOpenAI",
  optionsArgument: 0,
  keyOptions: ["apiKey"],
  tokenOptions: ["azureADTokenProvider"],
  fixOption: "azureADTokenProvider",
  envKey: AZURE_OPENAI_ENV_KEY,
  envTrap: true,
  scope: COGNITIVE_SERVICES_SCOPE,
  // `AzureOpenAI` itself arrived with `azureADTokenProvider` in 4.41.0 (npm tarballs 4.40.2 / 4.41.0).
  fixSince: { package: "openai", version: "4.41.0" },
};

const openAiPlain: OptionsClient = {
  kind: "options",
  client: "OpenAI",
  optionsArgument: 0,
  keyOptions: ["apiKey"],
  tokenOptions: [],
  fixOption: "apiKey",
  envKey: "OPENAI_API_KEY",
  // An explicit `apiKey` function wins over the env var: nothing throws.
  envTrap: false,
  scope: AZURE_AI_SCOPE,
  requiresAzureBaseUrl: true,
  // A function `apiKey` (research/sdk-constructs.md, openai-node 5.18.0).
  fixSince: { package: "openai", version: "5.18.0" },
};

const langChainAzure = (client: string, keyOptions: readonly string[]): OptionsClient => ({
  kind: "options",
  client,
  optionsArgument: 0,
  keyOptions,
  tokenOptions: ["azureADTokenProvider"],
  fixOption: "azureADTokenProvider",
  envKey: AZURE_OPENAI_ENV_KEY,
  envTrap: true,
  scope: COGNITIVE_SERVICES_SCOPE,
  // npm tarballs: absent in 0.0.28, present from 0.0.29.
  fixSince: { package: "@langchain/openai", version: "0.0.29" },
});

const llamaIndexAzure = (client: string): OptionsClient => ({
  kind: "options",
  client,
  optionsArgument: 0,
  keyOptions: ["apiKey"],
  tokenOptions: ["azureADTokenProvider", "session"],
  fixOption: "azureADTokenProvider",
  envKey: AZURE_OPENAI_ENV_KEY,
  envTrap: true,
  scope: COGNITIVE_SERVICES_SCOPE,
  // Every release has it (0.0.4 is the first).
  fixSince: { package: "@llamaindex/azure", version: "0.0.4" },
});

/** `tokenProvider` of `@ai-sdk/azure`: added in 3.0.69 (absent in 2.x and early 3.x; 1.3.x projects are common). */
const AI_SDK_TOKEN_PROVIDER: SdkRelease = { package: "@ai-sdk/azure", version: "3.0.69" };

const aiSdkCreateAzure: OptionsClient = {
  kind: "options",
  client: "createAzure",
  optionsArgument: 0,
  keyOptions: ["apiKey"],
  tokenOptions: ["tokenProvider"],
  fixOption: "tokenProvider",
  envKey: "AZURE_API_KEY",
  // `tokenProvider` wins over `AZURE_API_KEY`: nothing throws.
  envTrap: false,
  scope: COGNITIVE_SERVICES_SCOPE,
  // Speech endpoints take the key in their own header; whether a token works there is not visible.
  suggestWhen: ["speechBaseURL"],
  fixSince: AI_SDK_TOKEN_PROVIDER,
};

/** Anthropic models on an Azure AI Foundry resource (`https://<resource>.services.ai.azure.com/anthropic`). */
const FOUNDRY_ANTHROPIC =
  "use `AnthropicFoundry` from `@anthropic-ai/foundry-sdk` with `azureADTokenProvider: getBearerTokenProvider(credential, \"https://ai.azure.com/.default\")` (`@azure/identity`).";

const anthropicFoundry: OptionsClient = {
  kind: "options",
  client: "AnthropicFoundry",
  optionsArgument: 0,
  keyOptions: ["apiKey"],
  tokenOptions: ["azureADTokenProvider"],
  fixOption: "azureADTokenProvider",
  envKey: "ANTHROPIC_FOUNDRY_API_KEY",
  // The constructor throws when `apiKey` (also from the env var) and `azureADTokenProvider` are both set.
  envTrap: true,
  scope: AZURE_AI_SCOPE,
  // `azureADTokenProvider` is in the first published release.
  fixSince: { package: "@anthropic-ai/foundry-sdk", version: "0.2.0" },
};

/** The Anthropic API clients, reported only when aimed at an Azure AI host; they send the key as `x-api-key`. */
const anthropicOnAzure = (client: string, tokenOptions: readonly string[], keyless: string): OptionsClient => ({
  kind: "options",
  client,
  optionsArgument: 0,
  keyOptions: ["apiKey"],
  tokenOptions,
  fixOption: "apiKey",
  envKey: "ANTHROPIC_API_KEY",
  envTrap: false,
  scope: AZURE_AI_SCOPE,
  requiresAzureBaseUrl: true,
  keyless,
});

const legacyLangChain = (client: string): LegacyClient => ({
  kind: "legacy",
  client,
  optionsArgument: 0,
  azureWhen: "azure-prefixed-options",
  replacement: client === "OpenAIEmbeddings" ? "AzureOpenAIEmbeddings" : client === "OpenAI" ? "AzureOpenAI" : "AzureChatOpenAI",
});

const legacyLlamaIndex = (client: string): LegacyClient => ({
  kind: "legacy",
  client,
  optionsArgument: 0,
  azureWhen: "azure-option",
  replacement: client === "OpenAIEmbedding" ? "AzureOpenAIEmbedding` from `@llamaindex/azure" : "AzureOpenAI` from `@llamaindex/azure",
});

const initChatModel: LegacyClient = {
  kind: "legacy",
  client: "initChatModel",
  optionsArgument: 1,
  azureWhen: "azure-model-provider",
  replacement: "AzureChatOpenAI",
};

const construct = (info: TrackedConstruct) => ({ [CONSTRUCT]: info });
const call = (info: TrackedConstruct) => ({ [CALL]: info });
/** A factory function that also works with `new` (`new ModelClient(...)`). */
const callOrConstruct = (info: TrackedConstruct) => ({ [CALL]: info, [CONSTRUCT]: info });
/** Constructed, or extended by a class of the file (`READ` finds the `extends` clause). */
const constructOrExtend = (info: TrackedConstruct) => ({ [CONSTRUCT]: info, [READ]: info });

const keyCredential: KeyCredentialFactory = { kind: "key-credential" };
const azureOpenAiV1: CredentialClient = {
  kind: "credential",
  client: "OpenAIClient",
  requiresAzureEndpoint: false,
  setsScopes: false,
};
const assistantsClient: CredentialClient = { ...azureOpenAiV1, client: "AssistantsClient" };
/** Azure AI services SDKs whose default token scope is the Cognitive Services one: a credential in the key's place is the whole fix. */
const aiServicesClient = (client: string): CredentialClient => ({ ...azureOpenAiV1, client });
const translatorClient: CredentialClient = {
  kind: "credential",
  client: "TextTranslationClient",
  requiresAzureEndpoint: false,
  setsScopes: false,
  credentialFirst: true,
  keyless:
    "pass a `TokenCredential` such as `new DefaultAzureCredential()` (`@azure/identity`) with the resource's custom-domain endpoint, or `{ tokenCredential, azureResourceId, region }` with the global endpoint (`@azure-rest/ai-translation-text` 1.0.0 or later).",
};

/** Speech keys: `fromSubscription(key, region)`, and `fromEndpoint`/`fromHost` with a key. */
const SPEECH_KEYLESS =
  "`SpeechConfig.fromEndpoint(new URL(\"https://<resource>.cognitiveservices.azure.com/\"), new DefaultAzureCredential())` (`microsoft-cognitiveservices-speech-sdk` 1.44.0 or later, a resource with a custom domain).";
const speechConfig = (config: string) => ({
  fromSubscription: call({ kind: "key-argument", client: `${config}.fromSubscription`, keyArgument: 0, onlyVisibleKeys: false, keyless: SPEECH_KEYLESS }),
  fromEndpoint: call({ kind: "key-argument", client: `${config}.fromEndpoint`, keyArgument: 1, onlyVisibleKeys: true, keyless: SPEECH_KEYLESS }),
  fromHost: call({ kind: "key-argument", client: `${config}.fromHost`, keyArgument: 1, onlyVisibleKeys: true, keyless: SPEECH_KEYLESS }),
});
const speechSdk = {
  SpeechConfig: speechConfig("SpeechConfig"),
  SpeechTranslationConfig: speechConfig("SpeechTranslationConfig"),
};
const modelClient: CredentialClient = {
  kind: "credential",
  client: "ModelClient",
  requiresAzureEndpoint: true,
  setsScopes: true,
};

/** Trace map for `ReferenceTracker` (ESM imports and CommonJS `require`). */
export const AZURE_CLIENT_TRACE_MAP = {
  openai: {
    [ESM]: true,
    // `const OpenAI = require("openai")`: the CommonJS module is the class.
    ...constructOrExtend(openAiPlain),
    default: { ...constructOrExtend(openAiPlain), OpenAI: constructOrExtend(openAiPlain) },
    OpenAI: constructOrExtend(openAiPlain),
    AzureOpenAI: constructOrExtend(openAiAzure),
  },
  "@azure/openai": {
    [ESM]: true,
    OpenAIClient: constructOrExtend(azureOpenAiV1),
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure/openai-assistants": {
    [ESM]: true,
    AssistantsClient: constructOrExtend(assistantsClient),
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure/core-auth": {
    [ESM]: true,
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure-rest/ai-inference": {
    [ESM]: true,
    ...callOrConstruct(modelClient),
    default: callOrConstruct(modelClient),
  },
  "@azure-rest/ai-document-intelligence": {
    [ESM]: true,
    ...callOrConstruct(aiServicesClient("DocumentIntelligence")),
    default: callOrConstruct(aiServicesClient("DocumentIntelligence")),
  },
  "@azure/ai-form-recognizer": {
    [ESM]: true,
    DocumentAnalysisClient: constructOrExtend(aiServicesClient("DocumentAnalysisClient")),
    DocumentModelAdministrationClient: constructOrExtend(aiServicesClient("DocumentModelAdministrationClient")),
    // 3.x
    FormRecognizerClient: constructOrExtend(aiServicesClient("FormRecognizerClient")),
    FormTrainingClient: constructOrExtend(aiServicesClient("FormTrainingClient")),
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure/ai-language-text": {
    [ESM]: true,
    TextAnalysisClient: constructOrExtend(aiServicesClient("TextAnalysisClient")),
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure/ai-text-analytics": {
    [ESM]: true,
    TextAnalyticsClient: constructOrExtend(aiServicesClient("TextAnalyticsClient")),
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure/ai-language-conversations": {
    [ESM]: true,
    ConversationAnalysisClient: constructOrExtend(aiServicesClient("ConversationAnalysisClient")),
    AzureKeyCredential: construct(keyCredential),
  },
  "@azure-rest/ai-content-safety": {
    [ESM]: true,
    ...callOrConstruct(aiServicesClient("ContentSafetyClient")),
    default: callOrConstruct(aiServicesClient("ContentSafetyClient")),
  },
  "@azure-rest/ai-translation-text": {
    [ESM]: true,
    ...callOrConstruct(translatorClient),
    default: callOrConstruct(translatorClient),
  },
  // Azure OpenAI realtime: `new RTClient(new URL(endpoint), { key }, { deployment })`. The two-argument
  // form `new RTClient({ key }, { model })` is the OpenAI platform's and is not reported.
  "rt-client": {
    [ESM]: true,
    RTClient: constructOrExtend(aiServicesClient("RTClient")),
    LowLevelRTClient: constructOrExtend(aiServicesClient("LowLevelRTClient")),
  },
  "microsoft-cognitiveservices-speech-sdk": { [ESM]: true, ...speechSdk, default: speechSdk },
  "@anthropic-ai/foundry-sdk": {
    [ESM]: true,
    AnthropicFoundry: constructOrExtend(anthropicFoundry),
    default: constructOrExtend(anthropicFoundry),
  },
  "@anthropic-ai/sdk": {
    [ESM]: true,
    // `const Anthropic = require("@anthropic-ai/sdk")`: the CommonJS module is the class.
    ...constructOrExtend(anthropicOnAzure("Anthropic", ["authToken", "credentials"], FOUNDRY_ANTHROPIC)),
    default: constructOrExtend(anthropicOnAzure("Anthropic", ["authToken", "credentials"], FOUNDRY_ANTHROPIC)),
    Anthropic: constructOrExtend(anthropicOnAzure("Anthropic", ["authToken", "credentials"], FOUNDRY_ANTHROPIC)),
  },
  "@ai-sdk/anthropic": {
    [ESM]: true,
    createAnthropic: call(
      anthropicOnAzure(
        "createAnthropic",
        ["authToken"],
        "`@ai-sdk/anthropic` has no token-provider option; `authToken` takes a Microsoft Entra ID token (scope `https://ai.azure.com/.default`), which expires within hours, so create the provider again with a fresh token, or " +
          FOUNDRY_ANTHROPIC,
      ),
    ),
  },
  "@langchain/openai": {
    [ESM]: true,
    AzureChatOpenAI: constructOrExtend(langChainAzure("AzureChatOpenAI", ["azureOpenAIApiKey", "apiKey", "openAIApiKey"])),
    AzureOpenAI: constructOrExtend(langChainAzure("AzureOpenAI", ["azureOpenAIApiKey", "apiKey", "openAIApiKey"])),
    AzureOpenAIEmbeddings: constructOrExtend(langChainAzure("AzureOpenAIEmbeddings", ["azureOpenAIApiKey", "apiKey"])),
    ChatOpenAI: construct(legacyLangChain("ChatOpenAI")),
    OpenAIEmbeddings: construct(legacyLangChain("OpenAIEmbeddings")),
    OpenAI: construct(legacyLangChain("OpenAI")),
  },
  "langchain/chat_models/openai": { [ESM]: true, ChatOpenAI: construct(legacyLangChain("ChatOpenAI")) },
  "langchain/embeddings/openai": { [ESM]: true, OpenAIEmbeddings: construct(legacyLangChain("OpenAIEmbeddings")) },
  "langchain/llms/openai": { [ESM]: true, OpenAI: construct(legacyLangChain("OpenAI")) },
  "langchain/chat_models/universal": { [ESM]: true, initChatModel: call(initChatModel) },
  langchain: { [ESM]: true, initChatModel: call(initChatModel) },
  "@ai-sdk/azure": {
    [ESM]: true,
    createAzure: call(aiSdkCreateAzure),
    azure: { [READ]: { kind: "default-provider", fixSince: AI_SDK_TOKEN_PROVIDER } satisfies DefaultProviderInstance },
  },
  "@llamaindex/azure": {
    [ESM]: true,
    AzureOpenAI: constructOrExtend(llamaIndexAzure("AzureOpenAI")),
    AzureOpenAIEmbedding: constructOrExtend(llamaIndexAzure("AzureOpenAIEmbedding")),
    AzureOpenAIResponses: constructOrExtend(llamaIndexAzure("AzureOpenAIResponses")),
  },
  llamaindex: {
    [ESM]: true,
    OpenAI: construct(legacyLlamaIndex("OpenAI")),
    OpenAIEmbedding: construct(legacyLlamaIndex("OpenAIEmbedding")),
  },
  "@llamaindex/openai": {
    [ESM]: true,
    OpenAI: construct(legacyLlamaIndex("OpenAI")),
    OpenAIEmbedding: construct(legacyLlamaIndex("OpenAIEmbedding")),
  },
};

type TraceKeys = Readonly<Record<keyof typeof TRACE, symbol>>;
type TraceEntry = { readonly [key: string | symbol]: unknown };
/** The shape `ReferenceTracker` takes (its `TraceMap`): entries by export name, infos under its symbols. */
interface TrackerMapEntry {
  [name: string]: TrackerMapEntry;
}

/** `map` with `tracker`'s keys (`ReferenceTracker`'s static `CALL`, `CONSTRUCT`, `ESM`, `READ`) in place of TRACE's. */
export function referenceTrackerMap(tracker: TraceKeys, map: TraceEntry = AZURE_CLIENT_TRACE_MAP): Record<string, TrackerMapEntry> {
  const swap = (entry: TraceEntry): TraceEntry => {
    const swapped: Record<string | symbol, unknown> = {};
    for (const name of Object.keys(entry)) swapped[name] = swap(entry[name] as TraceEntry);
    for (const [key, symbol] of Object.entries(TRACE)) {
      if (symbol in entry) swapped[tracker[key as keyof typeof TRACE]] = entry[symbol];
    }
    return swapped;
  };
  return swap(map) as Record<string, TrackerMapEntry>;
}

/** Every tracked construct of one package, with the export names on its way (`default` left out). */
export function* tracedConstructs(entry: TraceEntry, names: readonly string[] = []): Generator<{ readonly names: readonly string[]; readonly info: TrackedConstruct }> {
  for (const usage of [CALL, CONSTRUCT, READ]) {
    if (usage in entry) yield { names, info: entry[usage] as TrackedConstruct };
  }
  for (const name of Object.keys(entry)) yield* tracedConstructs(entry[name] as TraceEntry, name === "default" ? names : [...names, name]);
}

/** Cheap test on the whole text before building a tracker: does the file mention a tracked package? */
export const TRACKED_MODULE_MENTION =
  /openai|@ai-sdk\/azure|@azure-rest\/ai-|@azure\/ai-|@azure\/core-auth|langchain|llamaindex|rt-client|cognitiveservices-speech-sdk|anthropic/;
