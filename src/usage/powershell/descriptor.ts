/**
 * The PowerShell usage detector as the registry holds it: rules, the files it claims, trigger words.
 * Its reader (detector.ts, with the parser it loads) is imported only when a file triggers it.
 */
import type { FindingDetector } from "../../scanner/detectors/types.js";
import { usageRule, usageTextDetector } from "../descriptor.js";
import { POWERSHELL_TRIGGERS } from "./surfaces.js";

export const TOKEN_COMMAND = "az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv";

export const POWERSHELL_HEADER_RULE = usageRule({
  id: "powershell-api-key-header",
  name: "PowerShellApiKeyHeader",
  shortDescription: "PowerShell request sending an Azure AI API key",
  fullDescription:
    "An `Invoke-RestMethod` / `Invoke-WebRequest` call, a .NET header collection or a `curl.exe` request in a PowerShell script that sends an Azure OpenAI or Azure AI services API key in a header instead of a Microsoft Entra ID token.",
  help: `Send \`Authorization = "Bearer $token"\` with a Microsoft Entra ID token instead: \`$token = ${TOKEN_COMMAND}\`, or \`Get-AzAccessToken -ResourceUrl https://cognitiveservices.azure.com\` (Az.Accounts).`,
});

export const POWERSHELL_LISTING_RULE = usageRule({
  id: "powershell-api-key-listing",
  name: "PowerShellApiKeyListing",
  shortDescription: "Azure AI key fetched into a variable or file (PowerShell)",
  fullDescription:
    "`az cognitiveservices account keys list` or `Get-AzCognitiveServicesAccountKey` whose output a script keeps (a variable, a file): the script or what reads the file then authenticates with the resource's key.",
  help: "Get a Microsoft Entra ID token instead (`Get-AzAccessToken -ResourceUrl https://cognitiveservices.azure.com`, or `az account get-access-token --resource https://cognitiveservices.azure.com`), or give the app a managed identity.",
});

export const powershellUsageDetector: FindingDetector = usageTextDetector(
  {
    id: "usage-powershell",
    rules: [POWERSHELL_HEADER_RULE, POWERSHELL_LISTING_RULE],
    extensions: ["ps1", "psm1"],
    triggers: POWERSHELL_TRIGGERS,
  },
  async () => (await import("./detector.js")).detectPowerShell,
);
