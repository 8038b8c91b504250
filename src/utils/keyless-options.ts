/**
 * The options every fixing rule of this plugin shares: which credential the fixed code creates and
 * which token scope it asks for. Rules spread these schema fragments into their own options object,
 * so the wording and defaults are the same everywhere.
 *
 * - `credential`: a JavaScript expression that creates a `TokenCredential` from `@azure/identity`,
 *   default `new DefaultAzureCredential()`. Names of `@azure/identity` exports in it are imported by
 *   the fix (see identity-import.ts).
 * - `scope`: the Microsoft Entra ID scope passed to `getBearerTokenProvider`. When unset, each rule
 *   picks the scope its target expects (`COGNITIVE_SERVICES_SCOPE` for the dated Azure OpenAI API and
 *   the Azure SDKs, `AZURE_AI_SCOPE` for the `/openai/v1/` API through the plain `OpenAI` client).
 */

/** Scope of Azure OpenAI (dated API versions) and Azure AI services resources. */
export const COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

/** Scope used by the Azure OpenAI v1 API examples and Foundry projects. */
export const AZURE_AI_SCOPE = "https://ai.azure.com/.default";

/** The credential a fix creates unless the `credential` option says otherwise. */
export const DEFAULT_CREDENTIAL_EXPRESSION = "new DefaultAzureCredential()";

/** The shared options as a rule sees them after ESLint merged `meta.defaultOptions`. */
export interface KeylessFixOptions {
  /** Expression creating the credential, e.g. `new ManagedIdentityCredential()`. */
  credential: string;
  /** Token scope; undefined means "the rule's per-target default". */
  scope?: string;
}

/** JSON-schema property for `credential`; spread into a rule's `properties`. */
export const credentialOptionSchema = {
  type: "string",
  minLength: 1,
  description:
    "Expression that creates the `@azure/identity` credential used by the fixed code, e.g. `new ManagedIdentityCredential()`. Its `@azure/identity` names are imported by the fix.",
} as const;

/** JSON-schema property for `scope`; spread into a rule's `properties`. */
export const scopeOptionSchema = {
  type: "string",
  pattern: "^[a-z][a-z0-9+.-]*://",
  description:
    "Microsoft Entra ID token scope for `getBearerTokenProvider`. Default: `https://cognitiveservices.azure.com/.default`, or `https://ai.azure.com/.default` for the plain `OpenAI` client on the `/openai/v1/` API.",
} as const;

/** Default values of the shared options, for a rule's `meta.defaultOptions` (no `scope`: per target). */
export const keylessOptionDefaults = {
  credential: DEFAULT_CREDENTIAL_EXPRESSION,
} as const satisfies Partial<KeylessFixOptions>;
