/**
 * TypeScript IaC constructs that create an Azure AI account, as a `ReferenceTracker` trace map for the
 * rule `require-disable-local-auth`: Pulumi (`@pulumi/azure-native` mirrors the ARM resource,
 * `@pulumi/azure` the azurerm one) and CDK for Terraform (`@cdktf/provider-azurerm`). The keyless value
 * and the default come from the template rows (`LOCAL_AUTH_ROWS`): one truth per resource.
 */
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import { LOCAL_AUTH_ROWS } from "./rows.js";

const { CONSTRUCT } = ASTUtils.ReferenceTracker;

export interface AccountConstruct {
  /** How users name it, for messages: `azure-native.cognitiveservices.Account`. */
  readonly label: string;
  /** Index of the arguments object in the constructor call. */
  readonly argumentIndex: number;
  /** Property path in that object, e.g. `["properties", "disableLocalAuth"]`. */
  readonly path: readonly string[];
  readonly keyless: boolean;
  /** The value when the property is absent. */
  readonly default: boolean;
}

/** The template row a construct mirrors, with its property spelled as the SDK spells it. */
function mirror(label: string, type: string, argumentIndex: number, path: readonly string[]): AccountConstruct {
  const row = LOCAL_AUTH_ROWS.find((candidate) => candidate.construct === "resource" && candidate.type === type);
  if (row?.default === undefined) throw new Error(`no local-auth row with a default for ${type}`);
  return { label, argumentIndex, path, keyless: row.keyless, default: row.default };
}

const NATIVE_ACCOUNT = mirror("azure-native.cognitiveservices.Account", "Microsoft.CognitiveServices/accounts", 1, ["properties", "disableLocalAuth"]);
const CLASSIC_ACCOUNT = mirror("azure.cognitive.Account", "azurerm_cognitive_account", 1, ["localAuthEnabled"]);
const CLASSIC_AI_SERVICES = mirror("azure.cognitive.AIServices", "azurerm_ai_services", 1, ["localAuthenticationEnabled"]);
const CDKTF_ACCOUNT = mirror("CognitiveAccount (CDK for Terraform)", "azurerm_cognitive_account", 2, ["localAuthEnabled"]);
const CDKTF_AI_SERVICES = mirror("AiServices (CDK for Terraform)", "azurerm_ai_services", 2, ["localAuthenticationEnabled"]);

const construct = (info: AccountConstruct) => ({ [CONSTRUCT]: info });

const nativeModule = { Account: construct(NATIVE_ACCOUNT) };
const classicModule = { Account: construct(CLASSIC_ACCOUNT), AIServices: construct(CLASSIC_AI_SERVICES) };
const cdktfAccountModule = { CognitiveAccount: construct(CDKTF_ACCOUNT) };
const cdktfAiServicesModule = { AiServices: construct(CDKTF_AI_SERVICES) };

/** Trace map: package entry points and the sub-module paths users import from. */
export const ACCOUNT_TRACE_MAP = {
  "@pulumi/azure-native": { cognitiveservices: nativeModule },
  "@pulumi/azure-native/cognitiveservices": nativeModule,
  "@pulumi/azure": { cognitive: classicModule },
  "@pulumi/azure/cognitive": classicModule,
  "@cdktf/provider-azurerm": { cognitiveAccount: cdktfAccountModule, aiServices: cdktfAiServicesModule },
  "@cdktf/provider-azurerm/lib/cognitive-account": cdktfAccountModule,
  "@cdktf/provider-azurerm/lib/ai-services": cdktfAiServicesModule,
};

/** A cheap test before any scope work: the file mentions one of the packages. */
export const ACCOUNT_PACKAGE_MENTION = /@pulumi\/azure|@cdktf\/provider-azurerm/;
