/**
 * The `iac` detectors as the registry holds them: rules, the files they claim (by name), trigger words,
 * the companion files they read. The readers and checks (detector.ts) are imported only when a file
 * triggers one. ARM templates are JSON, and JSON files are everywhere (package metadata, locales,
 * fixtures): an ARM entry of its own lets them be claimed by what makes a template a template.
 */
import { lazyDetector } from "../scanner/detectors/lazy.js";
import type { DetectorDescriptor } from "../scanner/detectors/lazy.js";
import type { FindingDetector } from "../scanner/detectors/types.js";
import { IAC_RULES } from "./rules.js";
import { isParameterFile, isTerraformFile, templateFormat } from "./template-files.js";

/** YAML files are read for container environments (Kubernetes, docker-compose), line by line. */
export const YAML_PATH = /\.ya?ml$/i;

const loadIac = async (): Promise<FindingDetector["detect"]> => (await import("./detector.js")).detectIac;

const shared: Pick<DetectorDescriptor, "category" | "rules" | "companions"> = {
  category: "iac",
  rules: IAC_RULES,
  // Parameters files beside a template; a Terraform module's other `.tf` files (its variables and locals).
  companions: (name) => isParameterFile(name) || isTerraformFile(name),
};

/** Bicep and Terraform templates, YAML container environments. */
export const iacDetector: FindingDetector = lazyDetector(
  {
    ...shared,
    id: "iac",
    appliesTo: (path) => {
      const format = templateFormat(path);
      return format === "bicep" || format === "terraform" || YAML_PATH.test(path);
    },
    // `disableLocalAuth` / `local_auth`: a local module call may name no resource type at all. `KEY` /
    // `Key`: an app setting or environment variable named like a key.
    triggers: ["disableLocalAuth", "local_auth", "CognitiveServices", "MachineLearningServices", "cognitive-services", "listKeys", "azurerm_cognitive_account", "azurerm_ai_services", "Azure/openai/azurerm", "avm-res-cognitiveservices-account", "KEY", "Key"],
  },
  loadIac,
);

/**
 * ARM templates. The reader takes a JSON file for a template only by its `$schema` (a
 * `…deploymentTemplate.json` or `…DeploymentTemplate.json` URL) or by `resources` beside
 * `contentVersion` (arm/read.ts), and ARM requires both properties: a JSON file with neither word is
 * never read. Measured on the bench corpus: 18 JSON files (4.7 MB of TypeScript's localised messages)
 * held the `Key` trigger word, none is a template. The words are searched as spelled here; the reader
 * also takes other letter cases, which no template tool writes.
 */
export const armIacDetector: FindingDetector = lazyDetector(
  {
    ...shared,
    id: "iac-arm",
    appliesTo: (path) => templateFormat(path) === "arm",
    triggers: ["contentVersion", "ContentVersion", "eploymentTemplate"],
  },
  loadIac,
);

/** Both, as the registry lists them. */
export const IAC_DETECTORS: readonly FindingDetector[] = [iacDetector, armIacDetector];
