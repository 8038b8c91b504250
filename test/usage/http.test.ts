import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { httpUsageDetector } from "../../src/usage/http/descriptor.js";
import { detectHttpFile } from "../../src/usage/http/detector.js";

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/usage/http/${name}`, import.meta.url)), "utf8");

/** Each finding as `line-range client keySource endpoint: message`, lines counted from 1. */
function summarise(text: string): string[] {
  const lineOf = (offset: number): number => text.slice(0, offset).split("\n").length;
  return detectHttpFile(text).map(
    (finding) =>
      `${lineOf(finding.start)}-${lineOf(finding.end)} ${"client" in finding ? finding.client : ""} ${"keySource" in finding ? finding.keySource : ""} ${"endpoint" in finding ? (finding.endpoint ?? "-") : "-"}: ${finding.message}`,
  );
}

const INSTEAD =
  "Send `Authorization: Bearer` with a Microsoft Entra ID token instead (REST Client: `{{$aadV2Token scopes:https://cognitiveservices.azure.com/.default}}`; any client: `az account get-access-token --resource https://cognitiveservices.azure.com`).";

describe(".http and .rest files", () => {
  it("report key headers of requests to Azure AI, with the key's source and the endpoint, and nothing else", () => {
    expect(summarise(fixture("chat.http"))).toEqual([
      `7-10 api-key header (HTTP) env:AZURE_OPENAI_API_KEY contoso-aoai.openai.azure.com: The \`api-key\` header sends an Azure AI API key (the request goes to \`contoso-aoai.openai.azure.com\`). ${INSTEAD}`,
      `30-31 Ocp-Apim-Subscription-Key header (HTTP) env:SPEECH_KEY westeurope.tts.speech.microsoft.com: The \`Ocp-Apim-Subscription-Key\` header sends an Azure AI API key (the request goes to \`westeurope.tts.speech.microsoft.com\`). ${INSTEAD}`,
    ]);
  });

  it("report a bearer header only when its value comes from an Azure key name", () => {
    expect(summarise(fixture("foundry.rest"))).toEqual([
      `2-3 Authorization: Bearer header (HTTP) variable:azure_openai_key *.services.ai.azure.com: \`Authorization: Bearer\` sends an Azure AI API key (the value comes from \`azure_openai_key\`), not a Microsoft Entra ID token. ${INSTEAD}`,
    ]);
  });

  it("take evidence from the URL's REST shape, the value's name, or an Azure AI host elsewhere when the request's own host is hidden", () => {
    expect(summarise("POST {{base}}/openai/deployments/gpt/chat/completions\napi-key: {{k}}\n")).toEqual([
      `1-2 api-key header (HTTP) variable:k -: The \`api-key\` header sends an Azure AI API key (the request URL has the Azure OpenAI REST shape \`/openai/deployments/\`). ${INSTEAD}`,
    ]);
    expect(summarise("GET {{gateway}}/chat\nAPI-KEY: {{AZURE_OPENAI_KEY}}\n")).toEqual([
      `1-2 API-KEY header (HTTP) variable:AZURE_OPENAI_KEY -: The \`API-KEY\` header sends an Azure AI API key (the value comes from \`AZURE_OPENAI_KEY\`). ${INSTEAD}`,
    ]);
    expect(summarise("@host = https://r.cognitiveservices.azure.com\n###\nGET {{gateway}}/x\napi-key: {{k}}\n")).toEqual([
      `3-4 api-key header (HTTP) variable:k -: The \`api-key\` header sends an Azure AI API key (this file calls \`r.cognitiveservices.azure.com\`). ${INSTEAD}`,
    ]);
    // Azure AI Search takes `api-version=` and `api-key` too: a visible other host is not Azure AI.
    expect(summarise("GET https://s.search.windows.net/indexes?api-version=2024-07-01\napi-key: {{searchKey}}\n")).toEqual([]);
    // A subscription key needs the host: API Management, Bing and Maps take it too.
    expect(summarise("GET {{apim}}/openai/deployments/x/chat/completions\nOcp-Apim-Subscription-Key: {{AZURE_APIM_KEY}}\n")).toEqual([]);
  });

  it("stop headers at the first blank line, skip comments, and number repeats of one request", () => {
    const request = "GET https://r.openai.azure.com/openai/models?api-version=2024-10-21\n// api-key: {{k}}\n\napi-key: body text\n";
    expect(summarise(request)).toEqual([]);
    const twice = "GET https://r.openai.azure.com/openai/models\napi-key: {{k}}\n\n###\nGET https://r.openai.azure.com/openai/models\napi-key: {{k}}\n";
    const [first, second] = detectHttpFile(twice);
    expect([first?.identity, second?.identity]).toEqual(["api-key|https://r.openai.azure.com/openai/models", "api-key|https://r.openai.azure.com/openai/models#2"]);
  });

  it("claim .http and .rest files", () => {
    expect(["a.http", "b.REST", "c.txt"].map((path) => httpUsageDetector.appliesTo(path))).toEqual([true, true, false]);
  });
});
