// The reports and suggestions no-api-key-client is expected to make, shared by its RuleTester files:
// each message is built here once, with the data the rule fills in, so a case states only what varies.

export const COGNITIVE = "https://cognitiveservices.azure.com/.default";
export const AI = "https://ai.azure.com/.default";

/** The import a fix adds when the file has none from `@azure/identity`. */
export const IDENTITY_IMPORT = 'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";';

/** The token provider a fix writes with the default options at module scope. */
export const provider = (scope: string): string => `getBearerTokenProvider(new DefaultAzureCredential(), "${scope}")`;

/** The warning about a key env var left set, which makes `openai`-based clients throw once fixed. */
export const trapFor = (envVar: string): string =>
  ` Also remove \`${envVar}\` from env files and app settings: while it is set, the fixed client throws "mutually exclusive".`;
export const TRAP = trapFor("AZURE_OPENAI_API_KEY");

/** Why a report has no autofix: the installed SDK is too old for the option the fix writes, or unknown. */
export const versionNote = (option: string, packageName: string, minimum: string, state: string): string =>
  ` No autofix: \`${option}\` needs \`${packageName}\` ${minimum} or later, and ${state}.`;
export const TEST_NOTE =
  " No autofix in test code, which may exercise the key on purpose: apply the suggestion, or turn the rule off for tests.";
export const DOTENV_NOTE =
  " No autofix: the file loads its environment (dotenv) after the place a shared credential would be created.";

export const keyOption = (client: string, option: string, tokenOption = "azureADTokenProvider", trap = TRAP, note = "") => ({
  messageId: "keyOption" as const,
  data: { client, option, tokenOption, trap, note },
});
export const envKey = (client: string, envVar: string, tokenOption = "azureADTokenProvider", trap = TRAP, note = "") => ({
  messageId: "envKey" as const,
  data: { client, envVar, tokenOption, trap, note },
});
export const keyCredential = (client: string, note = "") => ({ messageId: "keyCredential" as const, data: { client, note } });
export const keyObject = (client: string, note = "") => ({ messageId: "keyObject" as const, data: { client, note } });
export const keyOnly = (client: string, how: string, keyless: string) => ({
  messageId: "keyOnly" as const,
  data: { client, how, keyless },
});
export const browserKey = (client: string, evidence: string) => ({ messageId: "browserKey" as const, data: { client, evidence } });
export const keyGuarded = (client: string, guard: string) => ({ messageId: "keyGuarded" as const, data: { client, guard } });

/** The one suggestion of a report: the fixed file, and the credential it creates. */
export const suggestion = (output: string, credential = "new DefaultAzureCredential()") => ({
  messageId: "useEntraId" as const,
  data: { credential },
  output,
});
