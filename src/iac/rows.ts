/**
 * The IaC detectors as data. A resource type or module that can keep key access on is one
 * `LocalAuthRow`; a connection that stores a key is one `KeyConnectionRow`; a reference that yields
 * an account key is one `KeyReferenceRow`. Adding a resource type is one row and its fixtures.
 */
import { posix } from "node:path";

import type { IacLanguage } from "./model.js";

export interface LocalAuthRow {
  /** Which templates declare it: Bicep and ARM share the resource model, Terraform has its own. */
  readonly languages: readonly IacLanguage[];
  readonly construct: "resource" | "module";
  /** Resource type (ARM types compare without letter case), or a module source prefix. */
  readonly type: string;
  /** Path in the resource body or the module inputs. */
  readonly property: string;
  /** The value that turns key access off; any other literal keeps it on. */
  readonly keyless: boolean;
  /** The value in force when the property is absent; undefined when unknown (then absence says nothing). */
  readonly default: boolean | undefined;
  /** Where the default comes from, for messages. */
  readonly defaultSource: string;
}

const ARM_FAMILY: readonly IacLanguage[] = ["Bicep", "ARM"];

export const LOCAL_AUTH_ROWS: readonly LocalAuthRow[] = [
  {
    languages: ARM_FAMILY,
    construct: "resource",
    type: "Microsoft.CognitiveServices/accounts",
    property: "properties.disableLocalAuth",
    keyless: true,
    default: false,
    defaultSource: "an absent `disableLocalAuth` leaves key access on",
  },
  {
    languages: ["Terraform"],
    construct: "resource",
    type: "azurerm_cognitive_account",
    property: "local_auth_enabled",
    keyless: false,
    default: true,
    defaultSource: "`local_auth_enabled` defaults to true in the azurerm provider",
  },
  {
    languages: ["Terraform"],
    construct: "resource",
    type: "azurerm_ai_services",
    property: "local_authentication_enabled",
    keyless: false,
    default: true,
    defaultSource: "`local_authentication_enabled` defaults to true in the azurerm provider",
  },
  {
    languages: ["Bicep"],
    construct: "module",
    type: "br/public:avm/res/cognitive-services/account",
    property: "disableLocalAuth",
    keyless: true,
    default: true,
    defaultSource: "the Azure Verified Module defaults `disableLocalAuth` to true",
  },
  {
    languages: ["Bicep"],
    construct: "module",
    type: "br:mcr.microsoft.com/bicep/avm/res/cognitive-services/account",
    property: "disableLocalAuth",
    keyless: true,
    default: true,
    defaultSource: "the Azure Verified Module defaults `disableLocalAuth` to true",
  },
  {
    languages: ["Terraform"],
    construct: "module",
    type: "Azure/openai/azurerm",
    property: "local_auth_enabled",
    keyless: false,
    default: true,
    defaultSource: "the module `Azure/openai/azurerm` defaults `local_auth_enabled` to true",
  },
  // The Terraform Azure Verified Module sends `disableLocalAuth = try(!var.local_auth_enabled, false)`, its variable defaulting to null: keys on.
  ...["Azure/avm-res-cognitiveservices-account/azurerm", "git::https://github.com/Azure/terraform-azurerm-avm-res-cognitiveservices-account"].map(
    (type): LocalAuthRow => ({
      languages: ["Terraform"],
      construct: "module",
      type,
      property: "local_auth_enabled",
      keyless: false,
      default: true,
      defaultSource: "the Terraform Azure Verified Module for Cognitive Services accounts leaves key access on unless `local_auth_enabled = false` is passed",
    }),
  ),
  // Local modules (`core/ai/cognitiveservices.bicep`): only an explicit value passed says anything.
  {
    languages: ["Bicep"],
    construct: "module",
    type: ".",
    property: "disableLocalAuth",
    keyless: true,
    default: undefined,
    defaultSource: "",
  },
  {
    languages: ["Terraform"],
    construct: "module",
    type: ".",
    property: "local_auth_enabled",
    keyless: false,
    default: undefined,
    defaultSource: "",
  },
];

export interface KeyConnectionRow {
  readonly languages: readonly IacLanguage[];
  readonly type: string;
  /** The property naming the authentication, and the values that store a key; absent: every such resource stores one. */
  readonly property?: string;
  readonly keyValues?: readonly string[];
  /** The property naming what the connection reaches, and the values that are Azure AI services (others hold other vendors' keys). */
  readonly categoryProperty?: string;
  readonly categories?: readonly string[];
}

const KEY_AUTH_TYPES = ["ApiKey"];
/** Connection categories whose key is an Azure AI services key (App Insights, Search, Bing... are not). */
const AI_CATEGORIES = ["AzureOpenAI", "AIServices", "CognitiveService", "AzureAIServices"];

const armConnection = (type: string): KeyConnectionRow => ({
  languages: ARM_FAMILY,
  type,
  property: "properties.authType",
  keyValues: KEY_AUTH_TYPES,
  categoryProperty: "properties.category",
  categories: AI_CATEGORIES,
});

export const KEY_CONNECTION_ROWS: readonly KeyConnectionRow[] = [
  armConnection("Microsoft.CognitiveServices/accounts/connections"),
  armConnection("Microsoft.CognitiveServices/accounts/projects/connections"),
  armConnection("Microsoft.MachineLearningServices/workspaces/connections"),
  { languages: ["Terraform"], type: "azurerm_cognitive_account_connection_api_key", categoryProperty: "category", categories: AI_CATEGORIES },
];

/** Resource types whose key a reference can read (`listKeys()`, `primary_access_key`). */
export const KEYED_ACCOUNT_TYPES: readonly string[] = ["Microsoft.CognitiveServices/accounts", "azurerm_cognitive_account", "azurerm_ai_services"];

/** Terraform attributes of a keyed account that hold a key. */
export const TERRAFORM_KEY_ATTRIBUTES: readonly string[] = ["primary_access_key", "secondary_access_key"];

/** Whether `type` (as written) is the row's type: ARM types without letter case, Terraform types exactly. */
export function sameType(written: string, type: string): boolean {
  return written === type || (type.includes("/") && written.toLowerCase() === type.toLowerCase());
}

/**
 * Words in a local module's path or name that say it deploys an Azure AI account. Other modules take
 * a `disableLocalAuth` too (Search, App Configuration, Log Analytics, Service Bus...), and the module's
 * own file is not read, so only these are judged by what they are passed.
 */
const AI_MODULE = /cognitive|open-?ai|ai-?services|(?:^|[/_.-])ai(?:[/_.-]|$)|foundry|speech|translator|content-?safety|document-?intelligence|form-?recognizer/i;

/**
 * The local-auth row of a module call: its registry prefix (any version), or the local-module row
 * for relative paths whose path (resolved from `path`, the calling file, when given) or symbol names
 * an Azure AI service.
 */
export function moduleRow(language: IacLanguage, source: string, symbol = "", path?: string): LocalAuthRow | undefined {
  const rows = LOCAL_AUTH_ROWS.filter((row) => row.construct === "module" && row.languages.includes(language));
  // Bicep: any path that is not a registry or template-spec reference; Terraform: `./` and `../` paths.
  const local = language === "Terraform" ? source.startsWith("./") || source.startsWith("../") : !/^(?:br|ts)[:/]/.test(source);
  if (local) {
    const resolved = path === undefined ? source : posix.join(posix.dirname(path), source);
    return AI_MODULE.test(resolved) || AI_MODULE.test(symbol) ? rows.find((row) => row.type === ".") : undefined;
  }
  // Any version: `:0.7.0` (Bicep), `.git?ref=...` or `?ref=...` (Terraform git sources).
  return rows.find((row) => row.type !== "." && source.startsWith(row.type) && /^(?:$|[:?/]|\.git\b)/.test(source.slice(row.type.length)));
}
