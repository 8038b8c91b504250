/**
 * App settings and container environment variables named like an Azure AI key
 * (`AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_KEY`, `AZURE_AI_SERVICES_KEY`, `SPEECH_KEY`...) whose value
 * is not a Key Vault reference: the app still authenticates with a key (a warning for the readiness
 * report). A literal value is left to the key engine (a `leak`), a key read from the account to
 * `iac-key-flow`, and a Key Vault reference (`@Microsoft.KeyVault(...)`, a container secret with
 * `keyVaultUrl` / `key_vault_secret_id`) passes.
 */
import { classifyName, nameWords, serviceForName } from "../../detect/index.js";
import type { ObjectValue, Template, TemplateValue } from "../model.js";
import { entryAt, literalString, resourceNameOf } from "../model.js";
import type { IacDetected } from "./common.js";
import { shown } from "./common.js";
import { KEY_SETTING_RULE } from "../rules.js";

/** Whether a setting or variable name reads as an Azure AI key: a key name that names an Azure AI service, or says `azure` and `ai`. */
export function isAiKeySettingName(name: string): boolean {
  if (classifyName(name) !== "key") return false;
  const words = nameWords(name);
  if (words.includes("search")) return false;
  return serviceForName(name) !== undefined || (words.includes("azure") && (words.includes("ai") || words.includes("openai")));
}

/** Why a value is a key handed to the app, or undefined when it is not this check's to report. */
export function keyValueSource(value: TemplateValue | undefined, template: Template): string | undefined {
  if (value === undefined) return undefined;
  if (value.kind === "literal") return undefined;
  const text = value.kind === "expression" ? value.text : "";
  if (/@Microsoft\.KeyVault\(/i.test(text)) return undefined;
  if (/\blistKeys\s*\(|_access_key\b/i.test(text)) return undefined;
  if (value.kind === "expression" && value.reference !== undefined) {
    const kind = value.referenceKind ?? (template.parameters.has(value.reference) ? "parameter" : template.variables.has(value.reference) ? "variable" : undefined);
    if (kind !== undefined) return `${kind} \`${shown(value.reference)}\``;
  }
  return "an expression";
}

const SETTING_CONTAINERS = new Set(["appsettings", "app_settings", "env", "environment_variables", "environmentvariables", "settings"]);
const SECRET_REFERENCES = ["secretRef", "secret_name"];
const KEY_VAULT_SECRET_FIELDS = ["keyVaultUrl", "key_vault_secret_id"];

/** The container secrets of a resource body (Container Apps `configuration.secrets`, Terraform `secret` blocks). */
function secretsOf(body: ObjectValue): ObjectValue[] {
  const found: ObjectValue[] = [];
  const visit = (value: TemplateValue, key: string | undefined): void => {
    if (value.kind === "object") {
      if (key === "secret" || key === "secrets") found.push(value);
      for (const entry of value.entries) visit(entry.value, entry.key);
    } else if (value.kind === "array") for (const item of value.items) visit(item, key);
  };
  visit(body, undefined);
  return found;
}

export function checkKeySettings(template: Template): IacDetected[] {
  const found: IacDetected[] = [];
  for (const resource of template.resources) {
    if (resource.existing) continue;
    const resourceName = resourceNameOf(resource);
    const secrets = secretsOf(resource.body);
    const report = (setting: string, start: number, end: number, source: string): void => {
      found.push({
        category: "iac",
        ruleId: KEY_SETTING_RULE,
        severity: "warning",
        confidence: "medium",
        message: `Setting \`${shown(setting)}\` of \`${shown(resource.type)}\` \`${shown(resourceName ?? "?")}\` hands the app an Azure AI key from ${source}, not from Key Vault: the app still authenticates with a key. Give it a managed identity and drop the setting (until then, reference the key from Key Vault).`,
        language: template.language,
        resourceType: resource.type,
        ...(resourceName === undefined ? {} : { resourceName }),
        property: setting,
        start,
        end,
        identity: `${resource.type}|${resourceName ?? ""}|${setting}`,
      });
    };
    const visit = (value: TemplateValue, inSettings: boolean): void => {
      if (value.kind === "array") for (const item of value.items) visit(item, inSettings);
      if (value.kind !== "object") return;
      const name = literalString(value, "name");
      if (name !== undefined && isAiKeySettingName(name) && !secrets.includes(value)) {
        const reference = SECRET_REFERENCES.map((field) => literalString(value, field)).find((field) => field !== undefined);
        const valueEntry = entryAt(value, "value");
        if (reference !== undefined) {
          const secret = secrets.find((candidate) => literalString(candidate, "name") === reference);
          const fromVault = secret !== undefined && KEY_VAULT_SECRET_FIELDS.some((field) => entryAt(secret, field) !== undefined);
          if (!fromVault) report(name, value.start, value.end, `the container secret \`${shown(reference)}\``);
        } else if (valueEntry !== undefined) {
          const source = keyValueSource(valueEntry.value, template);
          if (source !== undefined) report(name, value.start, value.end, source);
        }
      }
      for (const entry of value.entries) {
        const inside = inSettings || SETTING_CONTAINERS.has(entry.key.toLowerCase());
        if (inside && isAiKeySettingName(entry.key) && entry.value.kind !== "object" && entry.value.kind !== "array") {
          const source = keyValueSource(entry.value, template);
          if (source !== undefined) report(entry.key, entry.start, entry.value.end, source);
        } else visit(entry.value, inside);
      }
    };
    visit(resource.body, /\/config$/i.test(resource.type));
  }
  return found;
}
