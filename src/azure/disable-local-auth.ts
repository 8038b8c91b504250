/**
 * PATCH `properties.disableLocalAuth: true` on one account and wait for Resource Manager to finish:
 * a 200 may still carry an `Azure-AsyncOperation` to poll, a 202 a `Location`; either way the account
 * is read back at the end, because only its own GET says whether keys are now off.
 */
import type { AccountRecord } from "./accounts.js";
import { accountFromResource, COGNITIVE_API_VERSION, encodeId } from "./accounts.js";
import type { ArmClient } from "./arm.js";
import { AzureRequestError, requestIdOf } from "./arm.js";
import type { AzureResponse } from "./http.js";
import { errorOf } from "./http.js";
import { sleep } from "./resource-graph.js";

/** How long one account may take; ARM's own operations rarely need more than a minute. */
const OPERATION_TIMEOUT_MS = 10 * 60_000;
/** Poll interval when the service does not say (`Retry-After`). */
const DEFAULT_POLL_MS = 2000;
const TERMINAL_STATES = new Set(["succeeded", "failed", "canceled", "cancelled"]);

export async function disableLocalAuth(arm: ArmClient, id: string): Promise<AccountRecord> {
  const deadline = Date.now() + OPERATION_TIMEOUT_MS;
  const accountPath = `${encodeId(id)}?api-version=${COGNITIVE_API_VERSION}`;
  const patched = await arm.request("PATCH", accountPath, { body: { properties: { disableLocalAuth: true } } });

  const operationUrl = patched.headers.get("azure-asyncoperation") ?? patched.headers.get("operation-location");
  const location = patched.headers.get("location");
  if (operationUrl !== undefined) {
    await pollOperation(arm, operationUrl, patched, deadline);
  } else if (patched.status === 202 && location !== undefined) {
    let response = patched;
    while (response.status === 202) {
      await waitBeforePoll(response, deadline, id);
      response = await arm.request("GET", location);
    }
  }
  // Resource Manager is the source of truth; wait out a provisioning state that is still moving.
  let response = await arm.request("GET", accountPath);
  while (!TERMINAL_STATES.has(provisioningStateOf(response).toLowerCase())) {
    await waitBeforePoll(response, deadline, id);
    response = await arm.request("GET", accountPath);
  }
  if (provisioningStateOf(response).toLowerCase() !== "succeeded") {
    throw new AzureRequestError(response.status, "ProvisioningFailed", `the account's provisioning state is ${provisioningStateOf(response)}`, requestIdOf(response));
  }
  return accountFromResource(response.body as Record<string, unknown>);
}

async function pollOperation(arm: ArmClient, url: string, first: AzureResponse, deadline: number): Promise<void> {
  let previous = first;
  for (;;) {
    await waitBeforePoll(previous, deadline, url);
    const response = await arm.request("GET", url);
    const body = (response.body ?? {}) as { status?: unknown };
    const status = typeof body.status === "string" ? body.status : "";
    if (TERMINAL_STATES.has(status.toLowerCase())) {
      if (status.toLowerCase() === "succeeded") return;
      const error = errorOf(body);
      throw new AzureRequestError(
        response.status,
        error?.code === undefined || error.code === "" ? `Operation${status}` : error.code,
        error?.message === undefined || error.message === "" ? `the operation ended ${status}` : error.message,
        requestIdOf(response),
      );
    }
    previous = response;
  }
}

async function waitBeforePoll(response: AzureResponse, deadline: number, what: string): Promise<void> {
  const wait = retryAfterMs(response.headers.get("retry-after")) ?? DEFAULT_POLL_MS;
  if (Date.now() + wait > deadline) {
    throw new AzureRequestError(0, "Timeout", `gave up waiting for the update of ${what} after ${OPERATION_TIMEOUT_MS / 60_000} minutes`, requestIdOf(response));
  }
  await sleep(wait);
}

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function provisioningStateOf(response: AzureResponse): string {
  const properties = (response.body as { properties?: { provisioningState?: unknown } } | undefined)?.properties;
  // No state at all: nothing to wait for.
  return typeof properties?.provisioningState === "string" ? properties.provisioningState : "Succeeded";
}
