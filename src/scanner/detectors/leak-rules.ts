/** SARIF rule metadata of the key engine's detectors (category `leak`). */
import type { DetectorId } from "../../detect/index.js";
import type { RuleDescription } from "./types.js";

const HELP =
  'Keys in source, config or notebooks are readable by everyone with the repository. Revoke the key in the Azure portal, remove it from history, and authenticate with Microsoft Entra ID: `getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")` passed as `azureADTokenProvider` (or a managed identity).';

export const LEAK_RULES: readonly (RuleDescription & { readonly id: DetectorId })[] = [
  {
    id: "azure-ai-identifiable-key",
    name: "AzureAiIdentifiableKey",
    shortDescription: "Azure OpenAI / Azure AI identifiable API key",
    fullDescription:
      "An 84-character Azure AI services key with the provider signature and a checksum: a key issued for Azure OpenAI, Speech, Language, Vision or another Azure AI service.",
    help: HELP,
    defaultSeverity: "error",
    tags: ["secret", "external/cwe/cwe-798"],
  },
  {
    id: "azure-ai-legacy-key",
    name: "AzureAiLegacyKey",
    shortDescription: "Azure OpenAI / Azure AI 32-hex API key",
    fullDescription: "A 32-hex-character Azure AI services key, reported when it is bound to a key-like name or an Azure AI endpoint is close by.",
    help: HELP,
    defaultSeverity: "error",
    tags: ["secret", "external/cwe/cwe-798"],
  },
];
