/**
 * The Java usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (detector.ts, with the parser it loads) is imported only when a file triggers it.
 */
import type { FindingDetector } from "../../scanner/detectors/types.js";
import { usageRule, usageTextDetector } from "../descriptor.js";
import { KEY_HEADER_TRIGGERS } from "../requests.js";
import { JAVA_SURFACES } from "./surfaces.js";

export const JAVA_RULE = usageRule({
  id: "java-api-key-client",
  name: "JavaApiKeyClient",
  shortDescription: "Azure OpenAI client authenticated with an API key (Java)",
  fullDescription:
    "An azure-ai-openai or openai-java client for Azure OpenAI built with an API key (`AzureKeyCredential`, `AzureApiKeyCredential`, or `apiKey` with an Azure base URL) instead of Microsoft Entra ID.",
  help: "Use `.credential(new DefaultAzureCredentialBuilder().build())` (azure-ai-openai) or a `BearerTokenCredential` from `AuthenticationUtil.getBearerTokenSupplier` (openai-java).",
});

export const JAVA_HEADER_RULE = usageRule({
  id: "java-api-key-header",
  name: "JavaApiKeyHeader",
  shortDescription: "HTTP request sending an Azure AI API key (Java)",
  fullDescription:
    "A Java HTTP request (java.net.http, OkHttp, Apache HttpClient, HttpURLConnection, Spring) that sends an Azure OpenAI or Azure AI services API key in a header instead of a Microsoft Entra ID token.",
  help: 'Send `Authorization: Bearer <token>` with a token from `new DefaultAzureCredentialBuilder().build().getTokenSync(new TokenRequestContext().addScopes("https://cognitiveservices.azure.com/.default"))` (azure-identity), or use the service\'s SDK client with a token credential.',
});

export const javaUsageDetector: FindingDetector = usageTextDetector(
  {
    id: "usage-java",
    rules: [JAVA_RULE, JAVA_HEADER_RULE],
    extensions: ["java"],
    triggers: [...new Set(JAVA_SURFACES.map((surface) => surface.origin.type)), ...KEY_HEADER_TRIGGERS],
  },
  async () => (await import("./detector.js")).detectJava,
);
