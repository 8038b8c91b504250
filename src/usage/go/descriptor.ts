/**
 * The Go usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (detector.ts, with the parser it loads) is imported only when a file triggers it.
 */
import type { FindingDetector } from "../../scanner/detectors/types.js";
import { usageRule, usageTextDetector } from "../descriptor.js";
import { KEY_HEADER_TRIGGERS } from "../requests.js";
import { GO_SURFACES } from "./surfaces.js";

export const GO_RULE = usageRule({
  id: "go-api-key-client",
  name: "GoApiKeyClient",
  shortDescription: "Azure OpenAI client authenticated with an API key (Go)",
  fullDescription:
    "An openai-go or azopenai client for Azure OpenAI that authenticates with an API key (`azure.WithAPIKey`, `option.WithAPIKey` with an Azure base URL, `azopenai.NewClientWithKeyCredential`) instead of Microsoft Entra ID.",
  help: "Use `azure.WithTokenCredential(cred)` (openai-go) or `azopenai.NewClient(endpoint, cred, nil)` with `cred, err := azidentity.NewDefaultAzureCredential(nil)`.",
});

export const GO_HEADER_RULE = usageRule({
  id: "go-api-key-header",
  name: "GoApiKeyHeader",
  shortDescription: "HTTP request sending an Azure AI API key (Go)",
  fullDescription:
    "A Go net/http request that sends an Azure OpenAI or Azure AI services API key in a header (`req.Header.Set(\"api-key\", key)`) instead of a Microsoft Entra ID token.",
  help: 'Send `Authorization: Bearer <token>` with a token from `cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://cognitiveservices.azure.com/.default"}})` (azidentity), or use the service\'s SDK client with a token credential.',
});

export const goUsageDetector: FindingDetector = usageTextDetector(
  {
    id: "usage-go",
    rules: [GO_RULE, GO_HEADER_RULE],
    extensions: ["go"],
    triggers: [...new Set(GO_SURFACES.map((surface) => surface.func)), ...KEY_HEADER_TRIGGERS],
  },
  async () => (await import("./detector.js")).detectGo,
);
