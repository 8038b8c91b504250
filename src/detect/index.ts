/**
 * Public surface of the detection engine. Rules and scanner import only from here.
 * CONTRACT STUB: the engine work replaces these bodies with the real modules
 * (identifiable-key.ts, marvin.ts, base62.ts, legacy-key.ts, names.ts, hosts.ts, placeholder.ts,
 * mask.ts, detect-text.ts) and re-exports them; the signatures below are the agreed contract.
 */
import type { DetectOptions, IdentifiableKeyInfo, KeyMatch } from "./types.js";

export type * from "./types.js";

const notYet = (what: string): never => {
  throw new Error(`detect: ${what} is not implemented yet`);
};

/**
 * Finds every key in `text`: identifiable 84-char keys anywhere (cheap `JQQJ` prefilter first),
 * 32-hex keys only with context (a key-like name in `options.names`, a key-like name on the same
 * assignment/header/flag inside `text`, or an Azure AI host within `hostWindowLines` lines or in
 * `options.hostNearby`). Results sorted by `start`, no overlaps.
 */
export function detectKeys(text: string, options?: DetectOptions): KeyMatch[] {
  return notYet(`detectKeys(${text.length}, ${JSON.stringify(options ?? {})})`);
}

/** Parses one whole string as an identifiable key; undefined when the structure does not match. */
export function parseIdentifiableKey(value: string): IdentifiableKeyInfo | undefined {
  return notYet(`parseIdentifiableKey(${value.length})`);
}

/** The 4-char checksum an identifiable key must end with, computed from its first 80 chars. */
export function computeIdentifiableChecksum(first80: string): string {
  return notYet(`computeIdentifiableChecksum(${first80.length})`);
}

/** True for names that hold an Azure AI key: `apiKey`, `AZURE_OPENAI_API_KEY`, `api-key`, `Ocp-Apim-Subscription-Key`, `SPEECH_KEY`... */
export function isKeyLikeName(name: string): boolean {
  return notYet(`isKeyLikeName(${name})`);
}

/** True for names that hold an id or a digest, never a key: `requestId`, `user_id`, `sha256`, `etag`, `integrity`... */
export function isIdOrDigestName(name: string): boolean {
  return notYet(`isIdOrDigestName(${name})`);
}

/** True for Azure AI hosts (`x.openai.azure.com`, `x.cognitiveservices.azure.com`, ...); false for GitHub Models hosts. */
export function isAzureAiHost(hostname: string): boolean {
  return notYet(`isAzureAiHost(${hostname})`);
}

/** The first Azure AI host named anywhere in `text` (a URL or a bare host), or undefined. */
export function findAzureAiHost(text: string): string | undefined {
  return notYet(`findAzureAiHost(${text.length})`);
}

/** True for obvious placeholders: `<your-key>`, `xxxx`, `${VAR}`, `YOUR_API_KEY`, all-same or sequential runs. */
export function isPlaceholder(value: string): boolean {
  return notYet(`isPlaceholder(${value.length})`);
}

/** At most the first 4 and last 4 characters, e.g. `abcd…wxyz`; shorter secrets show less. */
export function maskSecret(secret: string): string {
  return notYet(`maskSecret(${secret.length})`);
}

/** A stable hash of the secret (and an optional scope such as a path) for baselines and SARIF. */
export function fingerprintSecret(secret: string, scope?: string): string {
  return notYet(`fingerprintSecret(${secret.length}, ${scope ?? ""})`);
}
