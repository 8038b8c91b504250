/**
 * The one credential of the CLI: `DefaultAzureCredential`, so `az login`, managed identity, workload
 * identity and service principals all work, and `AZURE_TOKEN_CREDENTIALS` can pin one of them.
 * It reads its settings from the process environment (that is how @azure/identity works).
 */
import type { TokenCredential } from "@azure/identity";

import type { AzureCloud } from "./cloud.js";
import type { AzureSdk } from "./sdk.js";

/** A token could not be had: no credential in the chain worked, or one failed. One line. */
export class CredentialError extends Error {}

const CREDENTIAL_ERROR_NAMES = new Set(["CredentialUnavailableError", "AuthenticationError", "AggregateAuthenticationError", "AuthenticationRequiredError"]);

export function createCredential(identity: AzureSdk["identity"], cloud: AzureCloud, env: Readonly<Record<string, string | undefined>>): TokenCredential {
  const { DefaultAzureCredential } = identity;
  // A sovereign cloud's authority goes with its endpoint, unless the user set one explicitly.
  const authorityHost = (env.AZURE_AUTHORITY_HOST ?? "") === "" ? cloud.authorityHost : undefined;
  try {
    return new DefaultAzureCredential(authorityHost === undefined ? {} : { authorityHost });
  } catch (error) {
    // e.g. an AZURE_TOKEN_CREDENTIALS value the library does not know.
    throw new CredentialError(`cannot set up Azure credentials: ${oneLine(error)}`);
  }
}

export function isCredentialFailure(error: unknown): boolean {
  return error instanceof Error && CREDENTIAL_ERROR_NAMES.has(error.name);
}

/** The chain's multi-line explanation folded into one line, bounded. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const folded = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
  return folded.length > 600 ? `${folded.slice(0, 597)}...` : folded;
}
