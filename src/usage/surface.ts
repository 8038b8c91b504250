/**
 * The declarative shape of a language's client surfaces: which construct of which package or module
 * authenticates how. One table per language (`src/usage/<language>-surfaces.ts`) holds the rows and
 * the tree-sitter queries that read them; the detector code walks the rows, it never names an SDK.
 */
import type { GrammarName } from "./tree-sitter.js";

/** How a row's construct takes its credential. */
export type CredentialShape =
  /** Named options / keyword arguments / builder calls: a key option, or a keyless option (`api_key=` vs `azure_ad_token_provider=`). */
  | "options"
  /** A credential object at `credentialArgument` (or option `credentialOption`): a key credential class vs a token credential. */
  | "credential";

export interface ClientSurface {
  /**
   * The package or module the construct comes from (`openai`, `langchain_openai`, `Azure.AI.OpenAI`).
   * Import-aware languages match a construct only when it resolves to one of these (a sub-module counts).
   */
  readonly modules: readonly string[];
  /**
   * The exported name: a class, function or method (`AzureOpenAI`, `AddAzureOpenAIChatCompletion`);
   * `*Client` stands for every class of the modules whose name ends in `Client`.
   */
  readonly construct: string;
  /** The client as users know it, for findings: `openai.AzureOpenAI (Python)`. */
  readonly client: string;
  readonly shape: CredentialShape;
  /** What to do instead, for the message (Markdown code spans). */
  readonly advice: string;
  /** Options that carry a key (`api_key`, `openai_api_key`, `apiKey`). */
  readonly keyOptions?: readonly string[];
  /** Options whose presence (with a value other than null/None/false) makes the construct keyless. */
  readonly keylessOptions?: readonly string[];
  /** A flag that must be true for keyless auth (LlamaIndex `use_azure_ad`); without it, any key or env key counts. */
  readonly keylessFlag?: string;
  /** Env vars the SDK reads a key from when no credential is given: then "no credential" is key auth. */
  readonly envFallback?: readonly string[];
  /** Position of the credential argument (`shape: "credential"`), and the option naming it. */
  readonly credentialArgument?: number;
  readonly credentialOption?: string;
  /** Classes whose instances are key credentials (`AzureKeyCredential`), with the modules they come from. */
  readonly keyCredentials?: readonly { readonly modules: readonly string[]; readonly construct: string }[];
  /** Options (or the argument position) that name the endpoint, read for the finding's `endpoint`. */
  readonly endpointOptions?: readonly string[];
  readonly endpointArgument?: number;
  /** Env var the SDK reads the endpoint from when none is given. */
  readonly endpointEnv?: string;
  /**
   * Only an Azure client when the endpoint is one: a plain `OpenAI(base_url=...)` is an Azure client
   * only with an Azure AI host (GitHub Models and api.openai.com are not).
   */
  readonly requiresAzureEndpoint?: boolean;
  /** Whether `--fix` may rewrite it, and how (language-specific; absent: report only). */
  readonly fix?: "sync-token-provider" | "async-token-provider";
  /**
   * A key left in the environment after the fix still reaches the SDK, and the SDK version named here
   * rejects a key together with a token provider: the finding says to remove it.
   */
  readonly envTrap?: string;
}

/** One language's table: the grammar, the queries its detector runs (data, compiled lazily) and the rows. */
export interface LanguageSurfaces<QueryName extends string = string> {
  /** As users name it, for findings: "Python", "C#". */
  readonly language: string;
  readonly grammar: GrammarName;
  /** Tree-sitter query sources by purpose (imports, calls, assignments, ...). */
  readonly queries: Readonly<Record<QueryName, string>>;
  readonly surfaces: readonly ClientSurface[];
}
