/**
 * HTTP to Azure through @azure/core-rest-pipeline: the same pipeline the Azure SDKs use, with their
 * retry policy (429 and 503 honour `Retry-After`; other 5xx, 408 and connection resets back off
 * exponentially), proxy support from HTTPS_PROXY/NO_PROXY, and bearer tokens from the credential.
 */
import type { TokenCredential } from "@azure/identity";
import type { HttpHeaders, Pipeline } from "@azure/core-rest-pipeline";

import { PACKAGE_VERSION } from "../utils/package-info.js";
import { CredentialError, isCredentialFailure, oneLine } from "./credential.js";
import type { AzureSdk } from "./sdk.js";

/** Per-request limit: a stuck connection must not hang the CLI. */
const REQUEST_TIMEOUT_MS = 100_000;
const MAX_RETRIES = 4;

export interface AzureResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  /** Parsed JSON, the raw text when the body is not JSON, undefined when empty. */
  readonly body: unknown;
}

export interface SendOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends requests and returns every response, whatever its status; only transport and credential failures throw. */
export interface HttpSender {
  send(method: "GET" | "PUT" | "PATCH" | "POST" | "DELETE", url: string, options?: SendOptions): Promise<AzureResponse>;
}

export interface SenderOptions {
  /** With a credential and scope, every request carries `Authorization: Bearer` for that scope. */
  readonly credential?: TokenCredential;
  readonly scope?: string;
}

/** Makes senders; the one HTTP client (connection pool) of a run is shared by all of them. */
export type SenderFactory = (options: SenderOptions) => HttpSender;

export function createSenderFactory(restPipeline: AzureSdk["pipeline"]): SenderFactory {
  const { bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest } = restPipeline;
  const httpClient = createDefaultHttpClient();
  return (options) => {
    const pipeline: Pipeline = createPipelineFromOptions({
      retryOptions: { maxRetries: MAX_RETRIES },
      userAgentOptions: { userAgentPrefix: `aoai-keyless/${PACKAGE_VERSION}` },
    });
    if (options.credential !== undefined && options.scope !== undefined) {
      pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: options.scope }));
    }
    return {
      async send(method, url, sendOptions = {}) {
        const headers = createHttpHeaders({ accept: "application/json", ...sendOptions.headers });
        if (sendOptions.body !== undefined) headers.set("content-type", "application/json");
        const request = createPipelineRequest({
          url,
          method,
          headers,
          timeout: REQUEST_TIMEOUT_MS,
          ...(sendOptions.body === undefined ? {} : { body: JSON.stringify(sendOptions.body) }),
        });
        let response;
        try {
          response = await pipeline.sendRequest(httpClient, request);
        } catch (error) {
          if (isCredentialFailure(error)) throw new CredentialError(`cannot get a token for ${options.scope ?? "the request"}: ${oneLine(error)}`);
          throw new TransportError(`${method} ${new URL(url).origin}: ${oneLine(error)}`);
        }
        return { status: response.status, headers: response.headers, body: parseBody(response.bodyAsText) };
      },
    };
  };
}

/** No HTTP response at all (DNS, TLS, refused connection, timeout) after the retries. */
export class TransportError extends Error {}

function parseBody(text: string | null | undefined): unknown {
  if (text === undefined || text === null || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `{ error: { code, message } }` (ARM, Azure OpenAI) or `{ code, message }`; undefined when neither. */
export function errorOf(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const inner = typeof record.error === "object" && record.error !== null ? (record.error as Record<string, unknown>) : record;
  const code = inner.code;
  const message = inner.message;
  if (typeof code !== "string" && typeof code !== "number" && typeof message !== "string") return undefined;
  return { code: code === undefined ? "" : String(code), message: typeof message === "string" ? message : "" };
}
