/**
 * Keys flowing out of a template: an expression that reads an account key (Bicep
 * `account.listKeys().key1`, `listKeys(account.id, ...)`, ARM `[listKeys(resourceId('Microsoft.
 * CognitiveServices/accounts', ...), ...).key1]`, Terraform `azurerm_cognitive_account.x.
 * primary_access_key`) anywhere it can land: an output, an app setting, a container secret, a Key
 * Vault secret, a module parameter, a variable. Never fixed: moving off a key is a design change.
 */
import type { ObjectValue, Template, TemplateValue } from "../model.js";
import { literalString, resourceNameOf } from "../model.js";
import { KEYED_ACCOUNT_TYPES, sameType, TERRAFORM_KEY_ATTRIBUTES } from "../rows.js";
import type { IacDetected } from "./common.js";
import { KEYLESS_ADVICE, shown } from "./common.js";
import { KEY_FLOW_RULE } from "../rules.js";

interface KeyReference {
  readonly start: number;
  readonly end: number;
  /** The account as the reference names it. */
  readonly account: string;
  readonly confidence: IacDetected["confidence"];
}

const ESCAPE = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The name argument of `resourceId(..., 'Microsoft.CognitiveServices/accounts', <name>)` at the start of `text`, brackets balanced. */
function resourceIdName(text: string): string {
  const type = /'Microsoft\.CognitiveServices\/accounts'\s*,\s*/i.exec(text);
  if (type === null) return "?";
  let depth = 0;
  for (let index = type.index + type[0].length; index < text.length; index += 1) {
    const char = text[index];
    if (char === "(") depth += 1;
    else if (char === ")" && depth-- === 0) return text.slice(type.index + type[0].length, index).trim();
  }
  return "?";
}

/** Key references inside one expression; `accounts` are the symbols of keyed accounts the file declares or references. */
function keyReferences(template: Template, expression: string, accounts: ReadonlySet<string>): KeyReference[] {
  const found: KeyReference[] = [];
  if (template.language === "Terraform") {
    const types = KEYED_ACCOUNT_TYPES.filter((type) => !type.includes("/")).map(ESCAPE).join("|");
    const attributes = TERRAFORM_KEY_ATTRIBUTES.map(ESCAPE).join("|");
    const pattern = new RegExp(`\\b(?:data\\.)?(?:${types})\\.([\\w-]+)(?:\\[[^\\]]*\\])?\\.(?:${attributes})\\b`, "g");
    for (const match of expression.matchAll(pattern)) found.push({ start: match.index, end: match.index + match[0].length, account: match[1] as string, confidence: "high" });
    return found;
  }
  // `symbol.listKeys(` (Bicep) and `listKeys(<target>, ...)` (both); the target decides the account.
  for (const match of expression.matchAll(/(?:\b([A-Za-z_]\w*)\s*\.\s*)?\blistKeys\s*\(/gi)) {
    const symbol = match[1];
    const after = expression.slice(match.index + match[0].length);
    let account: string | undefined;
    let confidence: IacDetected["confidence"] = "high";
    if (symbol !== undefined) account = accounts.has(symbol) ? symbol : undefined;
    else {
      const target = /^\s*([A-Za-z_]\w*)\.id\b/.exec(after)?.[1] ?? /^\s*'([A-Za-z_]\w*)'/.exec(after)?.[1];
      if (target !== undefined && accounts.has(target)) account = target;
      else if (/^\s*resourceId\(\s*(?:[^,()]+,\s*)*'Microsoft\.CognitiveServices\/accounts'/i.test(after)) account = resourceIdName(after);
      else if (/^[^]*?\)\s*\.\s*key[12]\b/.test(after) && target === undefined) {
        // An account key's shape (`.key1`) with a target the file does not declare.
        account = "?";
        confidence = "medium";
      }
    }
    if (account === undefined) continue;
    const close = /^[^]*?\)(?:\s*\.\s*key[12]\b)?/.exec(after);
    found.push({ start: match.index, end: match.index + match[0].length + (close?.[0].length ?? 0), account, confidence });
  }
  return found;
}

/** Where a value lands, said for a message; `enclosing` are the objects around it, innermost last. */
function sinkOf(path: readonly string[], enclosing: readonly ObjectValue[], resourceType: string | undefined): string {
  const keys = path.map((key) => key.toLowerCase());
  // `{ name: 'X', value: <key> }` names the setting or secret in its object; a map names it by its key.
  const innermost = enclosing.at(-1);
  const named = keys.at(-1) === "value" && innermost !== undefined ? literalString(innermost, "name") : undefined;
  const setting = named ?? path.at(-1) ?? "";
  const label = ` \`${shown(setting)}\``;
  if (resourceType !== undefined && (sameType(resourceType, "Microsoft.KeyVault/vaults/secrets") || resourceType === "azurerm_key_vault_secret")) return "a Key Vault secret";
  if (keys.some((key) => key === "appsettings" || key === "app_settings") || (resourceType !== undefined && /\/config$/i.test(resourceType))) return `the app setting${label}`;
  if (keys.some((key) => key === "secrets" || key === "secret")) return `the container secret${label}`;
  if (keys.includes("env")) return `the container environment variable${label}`;
  if (keys.includes("credentials")) return "a connection's credentials";
  return `\`${shown(resourceType ?? "")}\` property \`${shown(path.join("."))}\``;
}

function* expressionsWithin(value: TemplateValue, path: readonly string[] = [], enclosing: readonly ObjectValue[] = []): Generator<{ value: TemplateValue; path: readonly string[]; enclosing: readonly ObjectValue[] }> {
  if (value.kind === "expression") yield { value, path, enclosing };
  else if (value.kind === "object") for (const entry of value.entries) yield* expressionsWithin(entry.value, [...path, entry.key], [...enclosing, value]);
  else if (value.kind === "array") for (const item of value.items) yield* expressionsWithin(item, path, enclosing);
}

export function checkKeyFlow(template: Template): IacDetected[] {
  const accounts = new Set(
    template.resources.filter((resource) => KEYED_ACCOUNT_TYPES.some((type) => sameType(resource.type, type)) && resource.symbol !== undefined).map((resource) => resource.symbol as string),
  );
  const found: IacDetected[] = [];
  const report = (value: TemplateValue, sink: string, identity: string, resourceType: string, resourceName: string | undefined, property: string | undefined): void => {
    if (value.kind !== "expression") return;
    for (const reference of keyReferences(template, value.text, accounts)) {
      const account = reference.account === "?" ? "an account" : `account \`${shown(reference.account)}\``;
      found.push({
        category: "iac",
        ruleId: KEY_FLOW_RULE,
        severity: "error",
        confidence: reference.confidence,
        message: `A key of ${account} flows into ${sink}: whoever reads it holds the key, and the account has to keep key access on. Not fixed automatically: ${KEYLESS_ADVICE}`,
        language: template.language,
        resourceType,
        ...(resourceName === undefined ? {} : { resourceName }),
        ...(property === undefined ? {} : { property }),
        ...(reference.account === "?" ? {} : { account: reference.account }),
        start: value.start + reference.start,
        end: value.start + reference.end,
        identity: `${identity}|${reference.account}`,
      });
    }
  };
  for (const resource of template.resources) {
    const name = resourceNameOf(resource);
    for (const { value, path, enclosing } of expressionsWithin(resource.body)) {
      report(value, sinkOf(path, enclosing, resource.type), `${resource.type}|${name ?? ""}|${path.join(".")}`, resource.type, name, path.join("."));
    }
  }
  for (const module of template.modules) {
    if (module.inputs === undefined) continue;
    for (const { value, path } of expressionsWithin(module.inputs)) {
      report(value, `parameter \`${shown(path.join("."))}\` of module \`${shown(module.symbol)}\``, `module|${module.symbol}|${path.join(".")}`, module.source, module.symbol, path.join("."));
    }
  }
  for (const output of template.outputs) {
    const stored = template.language === "Terraform" ? "kept in the state" : "kept in the deployment history";
    const sink = output.secure ? `output \`${shown(output.name)}\` (marked secure, still handed to whoever reads the outputs)` : `output \`${shown(output.name)}\`, ${stored}`;
    for (const { value } of expressionsWithin(output.value)) report(value, sink, `output|${output.name}`, "output", output.name, undefined);
  }
  for (const variable of template.variables.values()) {
    for (const { value } of expressionsWithin(variable.value)) report(value, `variable \`${shown(variable.name)}\``, `variable|${variable.name}`, "variable", variable.name, undefined);
  }
  return found;
}
