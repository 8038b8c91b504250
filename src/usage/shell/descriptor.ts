/**
 * The shell usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (detector.ts, with the parser it loads) is imported only when a file triggers it.
 */
import type { FindingDetector } from "../../scanner/detectors/types.js";
import { usageRule, usageTextDetector } from "../descriptor.js";
import { SHELL_TRIGGERS } from "./surfaces.js";

export const SHELL_HEADER_RULE = usageRule({
  id: "shell-api-key-header",
  name: "ShellApiKeyHeader",
  shortDescription: "curl request sending an Azure AI API key (shell)",
  fullDescription:
    "A `curl` request in a shell script that sends an Azure OpenAI or Azure AI services API key in a header instead of a Microsoft Entra ID token.",
  help: 'Send `-H "Authorization: Bearer $(az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)"` instead of the key.',
});

export const SHELL_LISTING_RULE = usageRule({
  id: "shell-api-key-listing",
  name: "ShellApiKeyListing",
  shortDescription: "Azure AI key fetched into a variable or file (shell)",
  fullDescription:
    "`az cognitiveservices account keys list` whose output a script keeps (a variable, an env file): the script or what reads the file then authenticates with the resource's key.",
  help: "Get a Microsoft Entra ID token instead: `az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv`, or give the app a managed identity.",
});

export const shellUsageDetector: FindingDetector = usageTextDetector(
  {
    id: "usage-shell",
    rules: [SHELL_HEADER_RULE, SHELL_LISTING_RULE],
    extensions: ["sh", "bash", "zsh", "ksh"],
    triggers: SHELL_TRIGGERS,
  },
  async () => (await import("./detector.js")).detectShell,
);
