/** SARIF metadata and help of the `iac` rules; docs/iac.md says the same at length. */
import type { RuleDescription } from "../scanner/detectors/types.js";

export const LOCAL_AUTH_RULE = "iac-local-auth-enabled";
export const KEY_FLOW_RULE = "iac-key-flow";
export const KEY_CONNECTION_RULE = "iac-key-connection";
export const KEY_SETTING_RULE = "iac-key-setting";

const DOC = "See docs/iac.md.";

export const IAC_RULES: readonly RuleDescription[] = [
  {
    id: LOCAL_AUTH_RULE,
    name: "LocalAuthEnabled",
    shortDescription: "An Azure AI account keeps key access on",
    fullDescription:
      "A Microsoft.CognitiveServices/accounts resource (Bicep, ARM), azurerm_cognitive_account or azurerm_ai_services (Terraform), or an account module call leaves local (key) authentication on, written so or by default.",
    help: `Set \`disableLocalAuth: true\` (Bicep/ARM) or \`local_auth_enabled = false\` / \`local_authentication_enabled = false\` (Terraform), and give apps a managed identity with the role "Cognitive Services OpenAI User". \`aoai-key-scan --fix\` writes it. Peers: PSRule Azure.AI.DisableLocalAuth, Checkov CKV_AZURE_236, Azure Policy 71ef260a-8f18-47b7-abcb-62d0673d94dc. ${DOC}`,
    defaultSeverity: "warning",
    tags: ["iac"],
  },
  {
    id: KEY_FLOW_RULE,
    name: "AccountKeyFlow",
    shortDescription: "An account key flows out of a template",
    fullDescription:
      "listKeys() of an Azure AI account (Bicep, ARM) or its primary_access_key / secondary_access_key (Terraform) flows into an output, an app setting, a container secret, a Key Vault secret, a module parameter or a variable.",
    help: `Remove the key from the template: hand the consumer a managed identity and the role "Cognitive Services OpenAI User", then turn key access off. Not fixed automatically (a design change). Peers: PSRule Azure.Deployment.OutputSecretValue (outputs only). ${DOC}`,
    defaultSeverity: "error",
    tags: ["iac"],
  },
  {
    id: KEY_CONNECTION_RULE,
    name: "KeyConnection",
    shortDescription: "A connection stores an API key",
    fullDescription:
      "A Foundry or hub connection (Microsoft.CognitiveServices/accounts/connections, .../projects/connections, Microsoft.MachineLearningServices/workspaces/connections) with authType ApiKey, or azurerm_cognitive_account_connection_api_key.",
    help: `Use \`authType: 'AAD'\` (Terraform: azurerm_cognitive_account_connection_entra_id) and grant the project's managed identity access to the target. ${DOC}`,
    defaultSeverity: "warning",
    tags: ["iac"],
  },
  {
    id: KEY_SETTING_RULE,
    name: "KeySetting",
    shortDescription: "An app setting or container variable hands the app an Azure AI key",
    fullDescription:
      "An app setting, container environment variable, Kubernetes env entry or docker-compose environment entry named like an Azure AI key (AZURE_OPENAI_API_KEY, SPEECH_KEY...) whose value is not a Key Vault reference.",
    help: `Give the app a managed identity and drop the setting; until then, reference the key from Key Vault. A literal key in the value is reported as a leak. ${DOC}`,
    defaultSeverity: "warning",
    tags: ["iac"],
  },
];
