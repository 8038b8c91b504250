/**
 * The readiness model: accounts as each source sees them, clients with the endpoint they name, and
 * the verdict per account. Plain data, so the join and the verdicts are pure and tested on their own.
 */
import type { FindingCategory } from "../scanner/types.js";

export type Source = "code" | "iac" | "azure";
export type KeyAccessState = "enabled" | "disabled" | "unknown";
export type Verdict = "ready" | "blocked" | "already-keyless" | "unknown";

export interface Place {
  readonly path: string;
  readonly line: number;
}

/** One account as one source sees it. Sightings of the same account merge into one resource. */
export interface AccountSighting {
  readonly source: Source;
  /** The account's subdomain (the first label of its host), lower-case, when known. */
  readonly subdomain?: string;
  /** The account's resource name, when known (templates, Azure). */
  readonly name?: string;
  /** Template symbol (`resource openai '...'` in Bicep, `azurerm_cognitive_account.openai` in Terraform). */
  readonly symbol?: string;
  readonly kind?: string;
  /** What this source says of key access; absent when it cannot tell. */
  readonly keyAccess?: "enabled" | "disabled";
  /** An endpoint URL or host when the source gives one. */
  readonly endpoint?: string;
  /** Azure resource id (live accounts). */
  readonly id?: string;
  readonly place?: Place;
}

/** A client, request, key flow or leaked key, and the endpoint it names. */
export interface ClientSighting extends Place {
  readonly category: FindingCategory;
  readonly ruleId: string;
  readonly language: string;
  /** Uses an Entra ID token (evidence only: a keyless client never blocks). */
  readonly keyless: boolean;
  /** "openai.AzureOpenAI (Python)", "curl", "Key Vault secret"... */
  readonly description: string;
  /** A URL or host, `env:NAME`, or `account:SYMBOL` (a template reference); absent when the file shows none. */
  readonly endpoint?: string;
  /** How to fix it, one line: the autofix or the design change. */
  readonly fix?: string;
}

/** Where `NAME` is set: an env file, app settings, a manifest, or a template output / app setting. */
export interface SettingValue extends Place {
  readonly name: string;
  /** A URL or host, or `account:SYMBOL` when a template binds the setting to an account it declares. */
  readonly value: string;
}

/** Everything readiness reads from a repository (and Azure), before the join. */
export interface Estate {
  readonly accounts: readonly AccountSighting[];
  readonly clients: readonly ClientSighting[];
  readonly settings: readonly SettingValue[];
  /** Account subdomains named anywhere in a file: the first fallback for a client whose own endpoint is not visible. */
  readonly hostsByPath: ReadonlyMap<string, readonly string[]>;
  /** Endpoint-like env var names a code file reads (`AZURE_OPENAI_ENDPOINT`): the second fallback. */
  readonly endpointNamesByPath: ReadonlyMap<string, readonly string[]>;
}

export interface ClientRef extends Place {
  readonly language: string;
  readonly category: FindingCategory;
  readonly ruleId: string;
  readonly description: string;
  readonly fix?: string;
  /** How the endpoint was resolved, e.g. "env:AZURE_OPENAI_ENDPOINT set in .env:2". */
  readonly via: string;
}

export interface ResourceVerdict {
  readonly name: string;
  readonly endpoint: string | null;
  readonly kind: string | null;
  readonly id: string | null;
  readonly sources: Source[];
  readonly keyAccess: KeyAccessState;
  readonly verdict: Verdict;
  readonly keyClients: ClientRef[];
  readonly keylessClients: ClientRef[];
  /** Template and live state disagree: the next deployment of the template changes key access. */
  readonly drift: string | null;
  /** Unresolved key clients that could point at this account (verdict `unknown`). */
  readonly couldBe: Place[];
  /** The next step, one line. */
  readonly next: string;
  readonly places: Place[];
}

export interface UnresolvedClient extends Place {
  readonly language: string;
  readonly category: FindingCategory;
  readonly description: string;
  /** What resolution tried, e.g. "env:OPENAI_HOST is set nowhere in the repository". */
  readonly tried: string;
}

export interface ReadinessReport {
  readonly version: 1;
  readonly resources: ResourceVerdict[];
  readonly unresolvedKeyClients: UnresolvedClient[];
  readonly summary: {
    readonly resources: number;
    readonly ready: number;
    readonly blocked: number;
    readonly alreadyKeyless: number;
    readonly unknown: number;
    readonly keyClients: number;
    readonly unresolvedKeyClients: number;
    readonly drift: number;
  };
}
