/**
 * The C# usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (detector.ts, with the parser it loads) is imported only when a file triggers it.
 */
import type { FindingDetector } from "../../scanner/detectors/types.js";
import { usageRule, usageTextDetector } from "../descriptor.js";
import { KEY_HEADER_TRIGGERS } from "../requests.js";
import { CSHARP_SURFACES } from "./surfaces.js";

export const CSHARP_RULE = usageRule({
  id: "csharp-api-key-client",
  name: "CSharpApiKeyClient",
  shortDescription: "Azure OpenAI client authenticated with an API key (C#)",
  fullDescription:
    "An Azure.AI.OpenAI, OpenAI .NET (on Azure) or Semantic Kernel Azure OpenAI client that authenticates with an API key (a key credential, an `apiKey` argument, or the `AZURE_OPENAI_API_KEY` environment fallback) instead of Microsoft Entra ID.",
  help: "Pass a `TokenCredential` such as `new DefaultAzureCredential()` (Azure.Identity): `new AzureOpenAIClient(new Uri(endpoint), new DefaultAzureCredential())`, Semantic Kernel's `credentials:` overloads, or a `BearerTokenPolicy` for the OpenAI library on the v1 API.",
});

export const CSHARP_HEADER_RULE = usageRule({
  id: "csharp-api-key-header",
  name: "CSharpApiKeyHeader",
  shortDescription: "HTTP request sending an Azure AI API key (C#)",
  fullDescription:
    "A C# HTTP request (`HttpClient.DefaultRequestHeaders`, `HttpRequestMessage.Headers`, `WebClient.Headers`, RestSharp, Flurl) that sends an Azure OpenAI or Azure AI services API key in a header instead of a Microsoft Entra ID token.",
  help: 'Send `Authorization: Bearer <token>` with a token from `new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext(new[] { "https://cognitiveservices.azure.com/.default" }))` (Azure.Identity), or use the service\'s SDK client with a `TokenCredential`.',
});

export const csharpUsageDetector: FindingDetector = usageTextDetector(
  {
    id: "usage-csharp",
    rules: [CSHARP_RULE, CSHARP_HEADER_RULE],
    extensions: ["cs", "csx"],
    triggers: [...new Set(CSHARP_SURFACES.map((surface) => surface.construct)), ...KEY_HEADER_TRIGGERS],
  },
  async () => (await import("./detector.js")).detectCSharp,
);
