/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and Azure DevOps. One rule per detector,
 * tagged CWE-798; `partialFingerprints` carry the secret's fingerprint so alerts survive code moves.
 * Messages and snippets only ever hold the masked secret.
 */
import type { DetectorId } from "../../detect/index.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../../utils/package-info.js";
import type { Reporter } from "./types.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs/scanner.md";
/** Versioned so a change of recipe shows as new alerts rather than silent mismatches. */
export const PARTIAL_FINGERPRINT_KEY = "aoaiKeyFingerprint/v1";

const HELP = "Keys in source, config or notebooks are readable by everyone with the repository. Revoke the key in the Azure portal, remove it from history, and authenticate with Microsoft Entra ID: `getBearerTokenProvider(new DefaultAzureCredential(), \"https://cognitiveservices.azure.com/.default\")` passed as `azureADTokenProvider` (or a managed identity).";

const RULES: Record<DetectorId, { readonly name: string; readonly shortDescription: string; readonly fullDescription: string }> = {
  "azure-ai-identifiable-key": {
    name: "AzureAiIdentifiableKey",
    shortDescription: "Azure OpenAI / Azure AI identifiable API key",
    fullDescription: "An 84-character Azure AI services key with the provider signature and a checksum: a key issued for Azure OpenAI, Speech, Language, Vision or another Azure AI service.",
  },
  "azure-ai-legacy-key": {
    name: "AzureAiLegacyKey",
    shortDescription: "Azure OpenAI / Azure AI 32-hex API key",
    fullDescription: "A 32-hex-character Azure AI services key, reported when it is bound to a key-like name or an Azure AI endpoint is close by.",
  },
};

export const formatSarif: Reporter = (result) => {
  const ruleIds = Object.keys(RULES) as DetectorId[];
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "aoai-key-scan",
            semanticVersion: PACKAGE_VERSION,
            version: PACKAGE_VERSION,
            organization: PACKAGE_NAME,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => ({
              id,
              name: RULES[id].name,
              shortDescription: { text: RULES[id].shortDescription },
              fullDescription: { text: RULES[id].fullDescription },
              help: { text: HELP, markdown: HELP },
              helpUri: INFORMATION_URI,
              defaultConfiguration: { level: "error" },
              properties: { tags: ["security", "secret", "external/cwe/cwe-798"], precision: "high", "security-severity": "8.0" },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.skipped.map((skip) => ({
              level: skip.reason === "binary" || skip.reason === "symlink" ? "note" : "warning",
              message: { text: `Skipped (${skip.reason}${skip.detail === undefined ? "" : `: ${skip.detail}`}).` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(skip.path) } } }],
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: ruleIds.indexOf(finding.ruleId),
          level: finding.severity,
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.path) },
                region: {
                  startLine: finding.line,
                  startColumn: finding.column,
                  endLine: finding.endLine,
                  endColumn: finding.endColumn,
                  snippet: { text: finding.secret },
                },
              },
            },
          ],
          partialFingerprints: { [PARTIAL_FINGERPRINT_KEY]: finding.fingerprint },
          properties: {
            confidence: finding.confidence,
            service: finding.service,
            createdAt: finding.createdAt,
            ...(finding.commit === undefined ? {} : { commit: finding.commit, authorDate: finding.authorDate }),
          },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};
