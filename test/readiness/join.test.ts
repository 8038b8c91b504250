import { describe, expect, it } from "vitest";

import { buildEstate } from "../../src/readiness/estate.js";
import type { EstateSources } from "../../src/readiness/estate.js";
import { decideReadiness } from "../../src/readiness/join.js";
import type { Finding } from "../../src/scanner/types.js";

const usage = (path: string, line: number, client: string, language: string, endpoint?: string): Finding => ({
  category: "usage",
  ruleId: "usage-rule",
  severity: "warning",
  confidence: "high",
  path,
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  message: `${client} authenticates with a key.`,
  fingerprint: "f",
  language,
  client,
  ...(endpoint === undefined ? {} : { endpoint }),
});

/** The estate of the issue: a TS API, a Python worker, a curl script, three Bicep accounts (one keyless). */
const estate: EstateSources = {
  findings: [
    usage("api/src/chat.ts", 12, "openai.AzureOpenAI (TypeScript)", "TypeScript", "env:AZURE_OPENAI_ENDPOINT"),
    usage("worker/main.py", 5, "openai.AzureOpenAI (Python)", "Python"),
    usage("scripts/speech.sh", 3, "curl with api-key", "Shell"),
  ],
  inventory: [
    { kind: "setting", name: "AZURE_OPENAI_ENDPOINT", value: "https://contoso-chat.openai.azure.com/", path: ".env", line: 1 },
    { kind: "endpoint", subdomain: "contoso-chat", path: ".env", line: 1 },
    { kind: "endpoint", subdomain: "contoso-batch", path: "worker/main.py", line: 9 },
    { kind: "keyless", construct: "getBearerTokenProvider", path: "api/src/summary.ts", line: 4 },
    { kind: "endpoint-setting-read", name: "AZURE_OPENAI_SUMMARY_ENDPOINT", path: "api/src/summary.ts", line: 8 },
    { kind: "setting", name: "AZURE_OPENAI_SUMMARY_ENDPOINT", value: "https://contoso-summary.openai.azure.com", path: "api/.env", line: 2 },
  ],
  templateAccounts: [
    { symbol: "chat", name: "contoso-chat", kind: "OpenAI", keyAccess: "enabled", place: { path: "infra/main.bicep", line: 10 } },
    { symbol: "batch", name: "contoso-batch", kind: "OpenAI", keyAccess: "enabled", place: { path: "infra/main.bicep", line: 30 } },
    { symbol: "summary", name: "contoso-summary", kind: "OpenAI", keyAccess: "disabled", place: { path: "infra/main.bicep", line: 50 } },
  ],
  templateBindings: [{ name: "AZURE_OPENAI_ENDPOINT", accountSymbol: "chat", path: "infra/main.bicep", line: 80 }],
};

describe("readiness verdicts", () => {
  it("joins code, templates and settings into one row per account", () => {
    const report = decideReadiness(buildEstate(estate));
    expect(report.resources.map(({ name, verdict, keyAccess, sources }) => ({ name, verdict, keyAccess, sources }))).toEqual([
      { name: "contoso-batch", verdict: "blocked", keyAccess: "enabled", sources: ["code", "iac"] },
      { name: "contoso-chat", verdict: "blocked", keyAccess: "enabled", sources: ["code", "iac"] },
      { name: "contoso-summary", verdict: "already-keyless", keyAccess: "disabled", sources: ["code", "iac"] },
    ]);
    const chat = report.resources[1]!;
    expect(chat.keyClients).toEqual([
      {
        path: "api/src/chat.ts",
        line: 12,
        language: "TypeScript",
        category: "usage",
        ruleId: "usage-rule",
        description: "openai.AzureOpenAI (TypeScript)",
        fix: "eslint --fix with eslint-plugin-aoai-keyless (no-api-key-client)",
        via: "AZURE_OPENAI_ENDPOINT set in .env:1, AZURE_OPENAI_ENDPOINT set in infra/main.bicep:80",
      },
    ]);
    expect(report.resources[0]!.keyClients.map((client) => client.via)).toEqual(["the only account endpoint in worker/main.py"]);
    expect(report.resources[2]!.keylessClients.map((client) => `${client.path}:${client.line}`)).toEqual(["api/src/summary.ts:4"]);
    expect(report.unresolvedKeyClients).toEqual([
      { path: "scripts/speech.sh", line: 3, language: "Shell", category: "usage", description: "curl with api-key", tried: "its endpoint is not visible in the file" },
    ]);
    expect(report.summary).toEqual({ resources: 3, ready: 0, blocked: 2, alreadyKeyless: 1, unknown: 0, keyClients: 2, unresolvedKeyClients: 1, drift: 0 });
  });

  it("says unknown when an unresolved key client could reach an otherwise ready account, but not across services", () => {
    const report = decideReadiness(
      buildEstate({
        findings: [usage("tools/ask.py", 3, "openai.AzureOpenAI (Python)", "Python"), usage("tools/say.py", 3, "speechsdk.SpeechConfig (Python)", "Python")],
        inventory: [],
        templateAccounts: [
          { symbol: "gpt", name: "gpt-prod", kind: "OpenAI", keyAccess: "enabled", place: { path: "main.bicep", line: 1 } },
          { symbol: "voice", name: "voice-prod", kind: "SpeechServices", keyAccess: "enabled", place: { path: "main.bicep", line: 9 } },
        ],
      }),
    );
    expect(report.resources.map(({ name, verdict, couldBe }) => ({ name, verdict, couldBe }))).toEqual([
      { name: "gpt-prod", verdict: "unknown", couldBe: [{ path: "tools/ask.py", line: 3 }] },
      { name: "voice-prod", verdict: "unknown", couldBe: [{ path: "tools/say.py", line: 3 }] },
    ]);
  });

  it("lets the live state decide key access and reports drift from the template", () => {
    const report = decideReadiness(
      buildEstate({
        findings: [],
        inventory: [],
        templateAccounts: [{ symbol: "chat", name: "contoso-chat", subdomain: "contoso-chat", kind: "OpenAI", keyAccess: "enabled", place: { path: "infra/main.bicep", line: 10 } }],
        liveAccounts: [
          {
            id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/contoso-chat",
            name: "contoso-chat",
            kind: "OpenAI",
            endpoint: "https://contoso-chat.openai.azure.com/",
            customSubDomainName: "contoso-chat",
            keyAccess: "disabled",
          },
          {
            id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/lonely",
            name: "lonely",
            kind: "AIServices",
            endpoint: "https://lonely.cognitiveservices.azure.com/",
            customSubDomainName: "lonely",
            keyAccess: "enabled",
          },
        ],
      }),
    );
    expect(report.resources.map(({ name, verdict, keyAccess, drift, sources }) => ({ name, verdict, keyAccess, drift, sources }))).toEqual([
      {
        name: "contoso-chat",
        verdict: "already-keyless",
        keyAccess: "disabled",
        drift: "key access is disabled on Azure but infra/main.bicep:10 leaves it enabled: the next deployment turns keys back on",
        sources: ["iac", "azure"],
      },
      { name: "lonely", verdict: "ready", keyAccess: "enabled", drift: null, sources: ["azure"] },
    ]);
    expect(report.resources[1]!.next).toBe(
      "Turn keys off: az resource update --ids /subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/lonely --set properties.disableLocalAuth=true (or aoai-keyless enforce), and set disableLocalAuth: true in its template",
    );
  });

  it("follows a setting that names another setting, and says what it tried when nothing sets it", () => {
    const report = decideReadiness(
      buildEstate({
        findings: [usage("app.py", 2, "openai.AzureOpenAI (Python)", "Python", "env:OPENAI_URL"), usage("job.py", 2, "openai.AzureOpenAI (Python)", "Python", "env:NOWHERE")],
        inventory: [
          { kind: "setting", name: "OPENAI_URL", value: "${AZURE_OPENAI_ENDPOINT}", path: "docker-compose.yml", line: 7 },
          { kind: "setting", name: "AZURE_OPENAI_ENDPOINT", value: "https://team-a.openai.azure.com", path: ".env", line: 1 },
        ],
      }),
    );
    expect(report.resources.map(({ name, verdict }) => ({ name, verdict }))).toEqual([{ name: "team-a", verdict: "blocked" }]);
    expect(report.resources[0]!.keyClients[0]!.via).toBe("OPENAI_URL set in docker-compose.yml:7");
    expect(report.unresolvedKeyClients.map((client) => client.tried)).toEqual(["NOWHERE is set nowhere in the repository (set at deploy time?)"]);
  });
});
