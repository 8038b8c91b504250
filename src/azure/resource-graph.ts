/**
 * Azure Resource Graph: one query across every subscription the caller can read (or the given
 * subscriptions / management groups), page by page with `$skipToken`, pausing when the per-user
 * quota says so. 429s are retried by the HTTP pipeline.
 */
import type { ArmClient } from "./arm.js";
import { AzureRequestError, requestIdOf } from "./arm.js";

export const RESOURCE_GRAPH_API_VERSION = "2024-04-01";
const PAGE_SIZE = 1000;
/** Resource Graph asks for fewer than 300 subscriptions per request. */
const SUBSCRIPTION_BATCH = 250;
/** Never sleep longer than this on a quota reset; the retry policy takes over after that. */
const MAX_QUOTA_WAIT_MS = 60_000;

export interface GraphScope {
  readonly subscriptions: readonly string[];
  readonly managementGroups: readonly string[];
}

export async function* queryResourceGraph(arm: ArmClient, query: string, scope: GraphScope): AsyncIterable<Record<string, unknown>> {
  const batches: { subscriptions?: string[]; managementGroups?: string[] }[] = [];
  for (let start = 0; start < scope.subscriptions.length; start += SUBSCRIPTION_BATCH) {
    batches.push({ subscriptions: scope.subscriptions.slice(start, start + SUBSCRIPTION_BATCH) });
  }
  if (scope.managementGroups.length > 0) batches.push({ managementGroups: [...scope.managementGroups] });
  // Neither: the whole tenant, as far as the caller can see.
  if (batches.length === 0) batches.push({});

  for (const batch of batches) {
    let skipToken: string | undefined;
    do {
      const response = await arm.request("POST", `/providers/Microsoft.ResourceGraph/resources?api-version=${RESOURCE_GRAPH_API_VERSION}`, {
        body: { ...batch, query, options: { $top: PAGE_SIZE, resultFormat: "objectArray", ...(skipToken === undefined ? {} : { $skipToken: skipToken }) } },
      });
      const page = (response.body ?? {}) as { data?: unknown; $skipToken?: unknown; resultTruncated?: unknown };
      if (!Array.isArray(page.data)) throw new AzureRequestError(response.status, "UnexpectedResponse", "Resource Graph returned no data array", requestIdOf(response));
      for (const row of page.data) if (typeof row === "object" && row !== null) yield row as Record<string, unknown>;
      skipToken = typeof page.$skipToken === "string" && page.$skipToken !== "" ? page.$skipToken : undefined;
      // A truncated result without a token cannot be continued: better no answer than a partial one.
      if (skipToken === undefined && String(page.resultTruncated) === "true") {
        throw new AzureRequestError(response.status, "ResultTruncated", "Resource Graph truncated the result and gave no token to continue", requestIdOf(response));
      }
      if (skipToken !== undefined && response.headers.get("x-ms-user-quota-remaining") === "0") {
        await sleep(Math.min(MAX_QUOTA_WAIT_MS, parseDuration(response.headers.get("x-ms-user-quota-resets-after"))));
      }
    } while (skipToken !== undefined);
  }
}

/** `hh:mm:ss` → milliseconds (0 when absent or malformed). */
export function parseDuration(value: string | undefined): number {
  const match = /^(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value ?? "");
  if (match === null) return 0;
  return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
