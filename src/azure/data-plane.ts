/**
 * The data-plane checks of `verify`: the same cheap request (list models: no deployment name, no
 * tokens spent) sent with an Entra ID token, with a real key when one is given, and with a made-up
 * key; each answer is read for what it says about key access and the caller's roles.
 */
import { randomBytes } from "node:crypto";

import type { TokenCredential } from "@azure/identity";

import type { AzureCloud } from "./cloud.js";
import { cognitiveScopeFor } from "./cloud.js";
import type { AzureResponse, SenderFactory } from "./http.js";
import { errorOf } from "./http.js";

/** Azure OpenAI's model list: read access is in Cognitive Services OpenAI User; the newest dated GA inference version. */
export const PROBE_PATH = "openai/models?api-version=2024-10-21";

export type CheckName = "token" | "key" | "wrong-key";
/** `ok`: as hoped; `unproven`: refused, but not in a way that proves key access is off; `fail`: not as hoped. */
export type CheckOutcome = "ok" | "unproven" | "fail";

export interface CheckResult {
  readonly check: CheckName;
  readonly status: number;
  /** The service's error code (`AuthenticationTypeDisabled`, `PermissionDenied`, `401`, ...), null on success. */
  readonly code: string | null;
  readonly requestId: string | null;
  readonly region: string | null;
  readonly outcome: CheckOutcome;
  readonly meaning: string;
}

export interface VerifyResult {
  readonly endpoint: string;
  readonly url: string;
  readonly scope: string;
  readonly checks: CheckResult[];
  readonly tokenAccepted: boolean;
  /** null: no real key was tried and the made-up one does not tell. */
  readonly keyRefused: boolean | null;
  /** 403 `AuthenticationTypeDisabled`: the only answer that proves `disableLocalAuth` is in effect. */
  readonly keyAccessDisabled: boolean;
}

export interface VerifyOptions {
  readonly endpoint: URL;
  readonly cloud: AzureCloud;
  readonly credential: TokenCredential;
  readonly senders: SenderFactory;
  /** A real key of the account, and where it came from (for messages). Never printed. */
  readonly key?: { readonly value: string; readonly source: string };
}

/** The probe URL under any endpoint: custom domains, private endpoints and gateways may add a path. */
export function probeUrl(endpoint: URL): string {
  const base = new URL(endpoint.href);
  base.search = "";
  base.hash = "";
  // An endpoint copied with its API path (`.../openai/` or `.../openai/v1/`) names the same account.
  base.pathname = base.pathname.replace(/\/openai(?:\/v1)?\/?$/i, "/");
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  return new URL(PROBE_PATH, base).href;
}

export async function verifyEndpoint(options: VerifyOptions): Promise<VerifyResult> {
  const url = probeUrl(options.endpoint);
  const scope = cognitiveScopeFor(options.endpoint, options.cloud);
  const checks: CheckResult[] = [];

  const withToken = await options.senders({ credential: options.credential, scope }).send("GET", url);
  checks.push(readTokenCheck(withToken));

  const anonymous = options.senders({});
  if (options.key !== undefined) {
    checks.push(readKeyCheck(await anonymous.send("GET", url, { headers: { "api-key": options.key.value } }), options.key.source));
  }
  // Random on every run, so it is never a key of anything.
  const wrongKey = randomBytes(16).toString("hex");
  checks.push(readWrongKeyCheck(await anonymous.send("GET", url, { headers: { "api-key": wrongKey } })));

  const keyCheck = checks.find((check) => check.check === "key");
  const wrongKeyCheck = checks.find((check) => check.check === "wrong-key")!;
  const disabledByWrongKey = wrongKeyCheck.code === "AuthenticationTypeDisabled";
  return {
    endpoint: options.endpoint.href,
    url,
    scope,
    checks,
    tokenAccepted: checks[0]!.outcome === "ok",
    keyRefused: keyCheck !== undefined ? keyCheck.outcome !== "fail" : disabledByWrongKey ? true : null,
    keyAccessDisabled: keyCheck?.code === "AuthenticationTypeDisabled" || disabledByWrongKey,
  };
}

function base(check: CheckName, response: AzureResponse): Omit<CheckResult, "outcome" | "meaning"> {
  const error = response.status >= 400 ? errorOf(response.body) : undefined;
  return {
    check,
    status: response.status,
    code: response.status >= 400 ? (error?.code === undefined || error.code === "" ? null : error.code) : null,
    requestId: response.headers.get("apim-request-id") ?? response.headers.get("x-request-id") ?? null,
    region: response.headers.get("x-ms-region") ?? null,
  };
}

function readTokenCheck(response: AzureResponse): CheckResult {
  const facts = base("token", response);
  const message = errorOf(response.body)?.message ?? "";
  if (response.status >= 200 && response.status < 300) return { ...facts, outcome: "ok", meaning: "the token works: Microsoft Entra ID authentication is accepted" };
  if ((response.status === 401 || response.status === 403) && (facts.code === "PermissionDenied" || /lacks the required data action|does not have access/i.test(message))) {
    return {
      ...facts,
      outcome: "fail",
      meaning: "the token was refused: the caller lacks Cognitive Services OpenAI User on this resource (a new role assignment can take up to 5 minutes)",
    };
  }
  if (response.status === 400 && /subdomain/i.test(message)) {
    return {
      ...facts,
      outcome: "fail",
      meaning: "this endpoint does not take tokens: the account has no custom subdomain, or this is a regional endpoint; use https://<custom-subdomain>.openai.azure.com/",
    };
  }
  if (response.status === 401) {
    return { ...facts, outcome: "fail", meaning: "the token was refused: is it for the account's tenant and for the Cognitive Services audience?" };
  }
  if (response.status === 404) return { ...facts, outcome: "fail", meaning: "no Azure OpenAI API here (404): is ENDPOINT the account's endpoint?" };
  return { ...facts, outcome: "fail", meaning: `unexpected answer to the token (HTTP ${response.status})` };
}

function readKeyCheck(response: AzureResponse, source: string): CheckResult {
  const facts = base("key", response);
  if (response.status === 403 && facts.code === "AuthenticationTypeDisabled") {
    return { ...facts, outcome: "ok", meaning: "key access is disabled: disableLocalAuth is in effect" };
  }
  if (response.status === 401) {
    return {
      ...facts,
      outcome: "unproven",
      meaning: `the key was refused as invalid, not as disabled: check that ${source} holds a current key of this account; only 403 AuthenticationTypeDisabled proves disableLocalAuth is in effect`,
    };
  }
  if (response.status >= 200 && response.status < 300) {
    return {
      ...facts,
      outcome: "fail",
      meaning: "keys are still accepted: disableLocalAuth is not in effect yet, it can take a few minutes (at worst hours) after the change",
    };
  }
  return { ...facts, outcome: "fail", meaning: `unexpected answer to the key (HTTP ${response.status})` };
}

function readWrongKeyCheck(response: AzureResponse): CheckResult {
  const facts = base("wrong-key", response);
  if (response.status === 403 && facts.code === "AuthenticationTypeDisabled") {
    return { ...facts, outcome: "ok", meaning: "key access is disabled: even a made-up key gets AuthenticationTypeDisabled" };
  }
  if (response.status === 401) return { ...facts, outcome: "ok", meaning: "a made-up key is refused: the endpoint checks keys" };
  if (response.status >= 200 && response.status < 300) {
    return { ...facts, outcome: "fail", meaning: "a made-up key was accepted: ENDPOINT does not check keys (a gateway that adds its own credentials?)" };
  }
  return { ...facts, outcome: "fail", meaning: `unexpected answer to a made-up key (HTTP ${response.status})` };
}
