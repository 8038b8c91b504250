/** The parts of src/azure that need no network: clouds, resource ids, account records, header parsing, probe URLs. */
import { accountFromResource } from "../../src/azure/accounts.js";
import { cognitiveScopeFor, resolveCloud } from "../../src/azure/cloud.js";
import { probeUrl } from "../../src/azure/data-plane.js";
import { retryAfterMs } from "../../src/azure/disable-local-auth.js";
import { parseAccountId, parsePolicyScope } from "../../src/azure/resource-id.js";
import { parseDuration } from "../../src/azure/resource-graph.js";

describe("resolveCloud", () => {
  it.each([
    [undefined, "https://management.azure.com", "https://cognitiveservices.azure.com/.default", "https://login.microsoftonline.com"],
    ["https://management.usgovcloudapi.net/", "https://management.usgovcloudapi.net", "https://cognitiveservices.azure.us/.default", "https://login.microsoftonline.us"],
    ["https://MANAGEMENT.chinacloudapi.cn", "https://management.chinacloudapi.cn", "https://cognitiveservices.azure.cn/.default", "https://login.chinacloudapi.cn"],
    ["https://arm.contoso.test:8443", "https://arm.contoso.test:8443", "https://cognitiveservices.azure.com/.default", undefined],
  ])("%s: endpoint, audiences and authority go together", (input, endpoint, cognitiveScope, authority) => {
    expect(resolveCloud(input)).toEqual({ managementEndpoint: endpoint, managementScope: `${endpoint}/.default`, cognitiveScope, authorityHost: authority });
  });

  it("takes the data-plane audience from a sovereign endpoint's host", () => {
    const publicCloud = resolveCloud(undefined);
    expect(cognitiveScopeFor(new URL("https://contoso.openai.azure.us/"), publicCloud)).toBe("https://cognitiveservices.azure.us/.default");
    expect(cognitiveScopeFor(new URL("https://contoso.openai.azure.cn/"), publicCloud)).toBe("https://cognitiveservices.azure.cn/.default");
    expect(cognitiveScopeFor(new URL("https://ai-gateway.contoso.com/"), resolveCloud("https://management.usgovcloudapi.net"))).toBe(
      "https://cognitiveservices.azure.us/.default",
    );
  });
});

describe("resource ids", () => {
  it("parses account ids case-insensitively and rejects other resources", () => {
    expect(parseAccountId("/subscriptions/s/resourcegroups/rg (1)/providers/microsoft.cognitiveservices/accounts/a.b")).toEqual({
      subscriptionId: "s",
      resourceGroup: "rg (1)",
      name: "a.b",
    });
    expect(parseAccountId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Search/searchServices/a")).toBeUndefined();
    expect(parseAccountId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p")).toBeUndefined();
  });

  it("parses the three policy scopes", () => {
    expect(parsePolicyScope("/providers/Microsoft.Management/managementGroups/mg/")).toEqual({ kind: "managementGroup", id: "/providers/Microsoft.Management/managementGroups/mg", managementGroup: "mg" });
    expect(parsePolicyScope("/subscriptions/s")).toEqual({ kind: "subscription", id: "/subscriptions/s", subscriptionId: "s" });
    expect(parsePolicyScope("/subscriptions/s/resourceGroups/rg")).toEqual({ kind: "resourceGroup", id: "/subscriptions/s/resourceGroups/rg", subscriptionId: "s", resourceGroup: "rg" });
    expect(parsePolicyScope("/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a")).toBeUndefined();
  });
});

describe("accountFromResource", () => {
  it("treats an absent disableLocalAuth as keys enabled and an empty subdomain as none", () => {
    expect(
      accountFromResource({
        id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a",
        name: "a",
        kind: "SpeechServices",
        location: "westeurope",
        tags: { owner: "team", count: 3 },
        properties: { endpoint: "https://westeurope.api.cognitive.microsoft.com/", customSubDomainName: "" },
      }),
    ).toEqual({
      id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a",
      name: "a",
      subscriptionId: "s",
      resourceGroup: "rg",
      kind: "SpeechServices",
      location: "westeurope",
      endpoint: "https://westeurope.api.cognitive.microsoft.com/",
      endpoints: {},
      customSubDomainName: null,
      disableLocalAuth: false,
      keyAccess: "enabled",
      tags: { owner: "team" },
    });
  });

  it("only a boolean true disables keys", () => {
    expect(accountFromResource({ id: "x", properties: { disableLocalAuth: "true" } }).keyAccess).toBe("enabled");
    expect(accountFromResource({ id: "x", properties: { disableLocalAuth: true } }).keyAccess).toBe("disabled");
  });
});

describe("header values", () => {
  it("reads Retry-After as seconds or as a date", () => {
    expect(retryAfterMs("0")).toBe(0);
    expect(retryAfterMs(" 7 ")).toBe(7000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
  });

  it("reads Resource Graph's quota reset as hh:mm:ss", () => {
    expect(parseDuration("00:00:05")).toBe(5000);
    expect(parseDuration("01:02:03")).toBe(3_723_000);
    expect(parseDuration("5s")).toBe(0);
    expect(parseDuration(undefined)).toBe(0);
  });
});

describe("probeUrl", () => {
  it.each([
    ["https://contoso.openai.azure.com", "https://contoso.openai.azure.com/openai/models?api-version=2024-10-21"],
    ["https://contoso.openai.azure.com/openai/", "https://contoso.openai.azure.com/openai/models?api-version=2024-10-21"],
    ["https://contoso.services.ai.azure.com/openai/v1/", "https://contoso.services.ai.azure.com/openai/models?api-version=2024-10-21"],
    ["https://gateway.contoso.com/aoai/eastus?x=1", "https://gateway.contoso.com/aoai/eastus/openai/models?api-version=2024-10-21"],
  ])("%s", (endpoint, url) => {
    expect(probeUrl(new URL(endpoint))).toBe(url);
  });
});
