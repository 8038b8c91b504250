/** `aoai-keyless verify` reports: each check with its status, error code, request id and meaning; then the verdict. */
import type { CheckResult, VerifyResult } from "../../azure/data-plane.js";
import { clean, json, markdownTable, markdownText } from "./format.js";

export const VERIFY_FORMATS = ["text", "json", "markdown"] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

/** Keyless: the token works, keys are refused, and a made-up key is not accepted either. */
export function isKeyless(result: VerifyResult): boolean {
  return result.tokenAccepted && result.keyRefused === true && result.checks.every((check) => check.outcome !== "fail");
}

export function verdictLine(result: VerifyResult, keySource: string | undefined): string {
  if (isKeyless(result)) {
    return result.keyAccessDisabled
      ? "keyless: the token works and key access is disabled (403 AuthenticationTypeDisabled)"
      : "keyless: the token works and the key is refused, though with 401 rather than the 403 AuthenticationTypeDisabled that proves disableLocalAuth";
  }
  const problems: string[] = [];
  if (!result.tokenAccepted) problems.push("the token does not work");
  if (result.keyRefused === false) problems.push(`the key${keySource === undefined ? "" : ` in ${keySource}`} is still accepted`);
  if (result.keyRefused === null) problems.push("key refusal is not proven: pass --key-env NAME with a real key of the account");
  if (result.checks.some((check) => check.check === "wrong-key" && check.outcome === "fail")) problems.push("a made-up key was not refused as expected");
  return `not keyless: ${problems.join("; ")}`;
}

const LABELS: Record<CheckResult["check"], string> = { token: "Entra ID token", key: "key", "wrong-key": "made-up key" };

function label(check: CheckResult, keySource: string | undefined): string {
  return check.check === "key" && keySource !== undefined ? `key from ${keySource}` : LABELS[check.check];
}

function facts(check: CheckResult): string {
  return [
    `HTTP ${check.status}`,
    ...(check.code === null ? [] : [check.code]),
    ...(check.requestId === null ? [] : [`apim-request-id ${check.requestId}`]),
    ...(check.region === null ? [] : [`region ${check.region}`]),
  ].join(", ");
}

export function formatVerifyText(result: VerifyResult, keySource: string | undefined): string {
  const lines = [`${clean(result.url)}`, ""];
  for (const check of result.checks) {
    lines.push(`${label(check, keySource)}: ${check.outcome} (${clean(facts(check))})`, `  ${clean(check.meaning)}`);
  }
  lines.push("", verdictLine(result, keySource));
  return `${lines.join("\n")}\n`;
}

export function formatVerifyJson(result: VerifyResult, keySource: string | undefined): string {
  return json({
    version: 1,
    endpoint: result.endpoint,
    url: result.url,
    scope: result.scope,
    ...(keySource === undefined ? {} : { keyEnv: keySource }),
    checks: result.checks,
    verdict: { keyless: isKeyless(result), tokenAccepted: result.tokenAccepted, keyRefused: result.keyRefused, keyAccessDisabled: result.keyAccessDisabled },
  });
}

export function formatVerifyMarkdown(result: VerifyResult, keySource: string | undefined): string {
  return [
    `## Keyless check of ${markdownText(result.endpoint)}`,
    "",
    `**${markdownText(verdictLine(result, keySource))}**`,
    "",
    ...markdownTable(
      ["Check", "Result", "Status", "Code", "apim-request-id", "Meaning"],
      result.checks.map((check) => [
        markdownText(label(check, keySource)),
        check.outcome,
        String(check.status),
        markdownText(check.code ?? ""),
        markdownText(check.requestId ?? ""),
        markdownText(check.meaning),
      ]),
    ),
    "",
  ].join("\n");
}

export const VERIFY_REPORTERS: Record<VerifyFormat, (result: VerifyResult, keySource: string | undefined) => string> = {
  text: formatVerifyText,
  json: formatVerifyJson,
  markdown: formatVerifyMarkdown,
};
