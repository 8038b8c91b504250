/**
 * The `.http` / `.rest` usage detector as the registry holds it: rules, files it claims, triggers.
 * Its reader (detector.ts) is imported only when a file triggers it.
 */
import type { FindingDetector } from "../../scanner/detectors/types.js";
import { usageRule, usageTextDetector } from "../descriptor.js";
import { KEY_HEADER_TRIGGERS } from "../requests.js";

export const HTTP_RULE = usageRule({
  id: "http-api-key-header",
  name: "HttpApiKeyHeader",
  shortDescription: "HTTP file request sending an Azure AI API key",
  fullDescription:
    "A request in a `.http` / `.rest` file (VS Code REST Client, JetBrains HTTP client) that sends an Azure OpenAI or Azure AI services API key in a header instead of a Microsoft Entra ID token.",
  help: "Send `Authorization: Bearer {{$aadV2Token scopes:https://cognitiveservices.azure.com/.default}}` (REST Client), or a token from `az account get-access-token --resource https://cognitiveservices.azure.com`, instead of the key.",
});

export const httpUsageDetector: FindingDetector = usageTextDetector(
  {
    id: "usage-http",
    rules: [HTTP_RULE],
    extensions: ["http", "rest"],
    triggers: KEY_HEADER_TRIGGERS,
  },
  async () => (await import("./detector.js")).detectHttpFile,
);
