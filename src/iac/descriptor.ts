/**
 * The `iac` detector as the registry holds it: rules, the files it claims (by name), trigger words,
 * the companion files it reads. Its readers and checks (detector.ts) are imported only when a file
 * triggers it.
 */
import { lazyDetector } from "../scanner/detectors/lazy.js";
import type { FindingDetector } from "../scanner/detectors/types.js";
import { IAC_RULES } from "./rules.js";
import { isParameterFile, isTerraformFile, templateFormat } from "./template-files.js";

/** YAML files are read for container environments (Kubernetes, docker-compose), line by line. */
export const YAML_PATH = /\.ya?ml$/i;

export const iacDetector: FindingDetector = lazyDetector(
  {
    id: "iac",
    category: "iac",
    rules: IAC_RULES,
    appliesTo: (path) => templateFormat(path) !== undefined || YAML_PATH.test(path),
    // `disableLocalAuth` / `local_auth`: a local module call may name no resource type at all.
    triggers: ["disableLocalAuth", "local_auth", "CognitiveServices", "MachineLearningServices", "cognitive-services", "listKeys", "azurerm_cognitive_account", "azurerm_ai_services", "Azure/openai/azurerm", "avm-res-cognitiveservices-account", "KEY", "Key"],
    // Parameters files beside a template; a Terraform module's other `.tf` files (its variables and locals).
    companions: (name) => isParameterFile(name) || isTerraformFile(name),
  },
  async () => (await import("./detector.js")).detectIac,
);
