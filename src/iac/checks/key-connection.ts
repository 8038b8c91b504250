/**
 * Connections that store a key: Foundry and hub connections with `authType: 'ApiKey'` (the value
 * followed one step), and the Terraform resource `azurerm_cognitive_account_connection_api_key`.
 * The keyless forms are `authType: 'AAD'` and `azurerm_cognitive_account_connection_entra_id`.
 */
import type { Template } from "../model.js";
import { entryAt, resourceNameOf } from "../model.js";
import { KEY_CONNECTION_ROWS, sameType } from "../rows.js";
import type { IacDetected } from "./common.js";
import { KEYLESS_ADVICE, resolveOneStep, shown } from "./common.js";
import { KEY_CONNECTION_RULE } from "../rules.js";

export function checkKeyConnections(template: Template): IacDetected[] {
  const found: IacDetected[] = [];
  for (const resource of template.resources) {
    if (resource.existing) continue;
    const row = KEY_CONNECTION_ROWS.find((candidate) => candidate.languages.includes(template.language) && sameType(resource.type, candidate.type));
    if (row === undefined) continue;
    // A category written out that is not an Azure AI service: another vendor's or service's key.
    const categoryValue = row.categoryProperty === undefined ? undefined : entryAt(resource.body, row.categoryProperty)?.value;
    const category = categoryValue === undefined ? undefined : resolveOneStep(template, categoryValue).value;
    if (category?.kind === "literal" && typeof category.value === "string" && !(row.categories ?? []).some((known) => known.toLowerCase() === String(category.value).toLowerCase())) continue;
    const name = resourceNameOf(resource);
    const common = {
      category: "iac" as const,
      ruleId: KEY_CONNECTION_RULE,
      severity: "warning" as const,
      language: template.language,
      resourceType: row.type,
      ...(name === undefined ? {} : { resourceName: name }),
    };
    const label = `\`${row.type}\` \`${shown(name ?? "?")}\``;
    if (row.property === undefined) {
      found.push({
        ...common,
        confidence: "high",
        message: `${label} stores an API key in a connection. Use \`azurerm_cognitive_account_connection_entra_id\` (or a managed-identity connection) instead. ${KEYLESS_ADVICE}`,
        start: resource.headStart,
        end: resource.headEnd,
        identity: `${row.type}|${name ?? ""}`,
      });
      continue;
    }
    const entry = entryAt(resource.body, row.property);
    if (entry === undefined) continue;
    const value = resolveOneStep(template, entry.value).value;
    const authType = value?.kind === "literal" && typeof value.value === "string" ? value.value : undefined;
    if (authType === undefined || !(row.keyValues ?? []).some((keyValue) => keyValue.toLowerCase() === authType.toLowerCase())) continue;
    const categoryName = category?.kind === "literal" ? String(category.value) : undefined;
    found.push({
      ...common,
      confidence: "high",
      property: row.property,
      message: `${label}${categoryName === undefined ? "" : ` (category ${shown(categoryName)})`} authenticates with \`authType: '${shown(authType)}'\`: the connection stores a key. Use \`authType: 'AAD'\` and grant the project's managed identity access to the target. ${KEYLESS_ADVICE}`,
      start: entry.start,
      end: entry.value.end,
      identity: `${row.type}|${name ?? ""}|${row.property}`,
    });
  }
  return found;
}
