/**
 * The Java usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (detector.ts, with the parser it loads) is imported only when a file triggers it.
 */
import { lazyDetector } from "../../scanner/detectors/lazy.js";
import type { FindingDetector, RuleDescription } from "../../scanner/detectors/types.js";
import { JAVA_SURFACES } from "./surfaces.js";

export const JAVA_RULE: RuleDescription = {
  id: "java-api-key-client",
  name: "JavaApiKeyClient",
  shortDescription: "Azure OpenAI client authenticated with an API key (Java)",
  fullDescription:
    "An azure-ai-openai or openai-java client for Azure OpenAI built with an API key (`AzureKeyCredential`, `AzureApiKeyCredential`, or `apiKey` with an Azure base URL) instead of Microsoft Entra ID.",
  help: "Use `.credential(new DefaultAzureCredentialBuilder().build())` (azure-ai-openai) or a `BearerTokenCredential` from `AuthenticationUtil.getBearerTokenSupplier` (openai-java).",
  defaultSeverity: "warning",
  tags: ["usage"],
};

export const javaUsageDetector: FindingDetector = lazyDetector(
  {
    id: "usage-java",
    category: "usage",
    rules: [JAVA_RULE],
    appliesTo: (path) => /\.java$/i.test(path),
    triggers: [...new Set(JAVA_SURFACES.map((surface) => surface.origin.type))],
  },
  async () => {
    const { detectJava } = await import("./detector.js");
    return ({ text }) => detectJava(text);
  },
);
