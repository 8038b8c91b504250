/**
 * Azure Resource Manager over REST: requests relative to the cloud's management endpoint, ARM error
 * bodies turned into `AzureRequestError`, and `nextLink` paging. Links the service returns (paging,
 * long-running operations) are followed only on the same origin, so a token never leaves the cloud.
 */
import type { TokenCredential } from "@azure/identity";

import type { AzureCloud } from "./cloud.js";
import type { AzureResponse, HttpSender, SenderFactory } from "./http.js";
import { errorOf } from "./http.js";

/** Resource Manager answered with an error status. `code` is ARM's error code (`AuthorizationFailed`, ...). */
export class AzureRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

export interface ArmRequestOptions {
  readonly body?: unknown;
  /** Error statuses the caller handles itself (404 for "does not exist yet"). */
  readonly allow?: readonly number[];
}

export interface ArmClient {
  readonly cloud: AzureCloud;
  /** `pathOrUrl`: a path with query (`/subscriptions/...?api-version=...`) or a link ARM returned. */
  request(method: "GET" | "PUT" | "PATCH" | "POST" | "DELETE", pathOrUrl: string, options?: ArmRequestOptions): Promise<AzureResponse>;
  /** Every item of a `{ value, nextLink }` collection. */
  list(path: string): AsyncIterable<Record<string, unknown>>;
}

export function createArmClient(cloud: AzureCloud, credential: TokenCredential, senders: SenderFactory): ArmClient {
  return createArmClientWith(cloud, senders({ credential, scope: cloud.managementScope }));
}

export function createArmClientWith(cloud: AzureCloud, sender: HttpSender): ArmClient {
  const resolve = (pathOrUrl: string): string => {
    if (pathOrUrl.startsWith("/")) return `${cloud.managementEndpoint}${pathOrUrl}`;
    const url = new URL(pathOrUrl);
    if (url.origin !== cloud.managementEndpoint) {
      throw new AzureRequestError(0, "UnexpectedLink", `Resource Manager returned a link to another host (${url.origin}); not following it`, undefined);
    }
    return url.href;
  };
  const client: ArmClient = {
    cloud,
    async request(method, pathOrUrl, options = {}) {
      const response = await sender.send(method, resolve(pathOrUrl), options.body === undefined ? {} : { body: options.body });
      if (response.status >= 400 && !(options.allow ?? []).includes(response.status)) throw toRequestError(response);
      return response;
    },
    async *list(path) {
      let next: string | undefined = path;
      while (next !== undefined) {
        const response = await client.request("GET", next);
        const page = (response.body ?? {}) as { value?: unknown; nextLink?: unknown };
        if (!Array.isArray(page.value)) throw new AzureRequestError(response.status, "UnexpectedResponse", `GET ${path.split("?")[0]} returned no "value" array`, requestIdOf(response));
        for (const item of page.value) if (typeof item === "object" && item !== null) yield item as Record<string, unknown>;
        next = typeof page.nextLink === "string" && page.nextLink !== "" ? page.nextLink : undefined;
      }
    },
  };
  return client;
}

export function requestIdOf(response: AzureResponse): string | undefined {
  return response.headers.get("x-ms-request-id") ?? response.headers.get("x-ms-correlation-request-id") ?? undefined;
}

export function toRequestError(response: AzureResponse): AzureRequestError {
  const error = errorOf(response.body);
  const code = error?.code === undefined || error.code === "" ? `HTTP${response.status}` : error.code;
  const message = error?.message === undefined || error.message === "" ? `status ${response.status}` : error.message;
  return new AzureRequestError(response.status, code, message, requestIdOf(response));
}
