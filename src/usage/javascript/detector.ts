/**
 * JavaScript and TypeScript usage findings: what `no-api-key-client` and `no-api-key-header` report,
 * run through ESLint's `Linter` (lint.ts), with the rules' own messages and autofixes. The trigger
 * words decide which files are worth parsing at all; the rules decide everything else.
 */
import { AZURE_KEY_HEADER_NAMES } from "../../detect/index.js";
import type { DetectedFinding, FindingDetector, RuleDescription } from "../../scanner/detectors/types.js";
import type { SourceFragment } from "../../scanner/types.js";
import { UsageFindings } from "../findings.js";
import type { UsageReport, UsageRuleName } from "./lint.js";
import { isTypeScriptPath, lintUsage } from "./lint.js";

/**
 * The packages of `no-api-key-client`'s trace map (src/utils/azure-client-trace-map.ts; a test keeps
 * the two lists equal). The rule only reports a construction imported or required from one of them by
 * that exact name, so the quoted name is a trigger: files that merely mention `openai` (the SDK's own
 * relative imports) are not parsed.
 */
export const CLIENT_MODULES = [
  "openai",
  "@azure/openai",
  "@azure/openai-assistants",
  "@azure/core-auth",
  "@azure-rest/ai-inference",
  "@azure-rest/ai-document-intelligence",
  "@azure/ai-form-recognizer",
  "@azure/ai-language-text",
  "@azure/ai-text-analytics",
  "@azure/ai-language-conversations",
  "@azure-rest/ai-content-safety",
  "@azure-rest/ai-translation-text",
  "rt-client",
  "microsoft-cognitiveservices-speech-sdk",
  "@anthropic-ai/foundry-sdk",
  "@anthropic-ai/sdk",
  "@ai-sdk/anthropic",
  "@langchain/openai",
  "langchain/chat_models/openai",
  "langchain/embeddings/openai",
  "langchain/llms/openai",
  "langchain/chat_models/universal",
  "langchain",
  "@ai-sdk/azure",
  "@llamaindex/azure",
  "llamaindex",
  "@llamaindex/openai",
] as const;

const quoted = (name: string): string[] => [`"${name}"`, `'${name}'`, `\`${name}\``];

/** `api-key`, `Api-Key`, `API-KEY`, `Api-key`...: the spellings of a header name seen in code. */
const spellings = (name: string): string[] => {
  const lower = name.toLowerCase();
  const words = lower.split("-");
  const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return [...new Set([name, lower, name.toUpperCase(), words.map(capitalise).join("-"), capitalise(lower)])];
};

/**
 * `no-api-key-header` reads header names from string literals (a name with a dash is always quoted in
 * code, and ends at the closing quote: `"api-key"`, `'x-api-key'`) and `api-key=` from URLs, so a
 * file that only names `admin-api-keys` in a path is not parsed.
 */
const closingQuotes = (name: string): string[] => [`${name}"`, `${name}'`, `${name}\``];
const HEADER_TRIGGERS = [
  ...AZURE_KEY_HEADER_NAMES.flatMap(spellings).flatMap(closingQuotes),
  ...spellings(AZURE_KEY_HEADER_NAMES[0]).map((name) => `${name}=`),
];

/**
 * It reports `Authorization: Bearer` only when the value is an Azure key or comes from an Azure key
 * name (`AZURE_OPENAI_API_KEY`, `aoaiKey`): a bearer header is parsed for only with such a name in
 * the file. (A key literal as the value is a leak finding anyway.)
 */
const BEARER_TRIGGERS = ["Bearer", "bearer", "BEARER"];
const AZURE_KEY_NAME_IN_TEXT = /(?:azure|aoai)[\w-]*key/i;

export const JAVASCRIPT_TRIGGERS: readonly string[] = [...CLIENT_MODULES.flatMap(quoted), ...HEADER_TRIGGERS, ...BEARER_TRIGGERS];
const NON_BEARER_TRIGGERS = JAVASCRIPT_TRIGGERS.filter((word) => !BEARER_TRIGGERS.includes(word));

const JAVASCRIPT_PATH = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
/** Declaration files hold no constructions or requests. */
const DECLARATION_PATH = /\.d\.[cm]?ts$/i;

const HELP_CLIENT =
  'Give the client a Microsoft Entra ID credential instead of a key: `azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")` for `openai` `AzureOpenAI` and LangChain, `tokenProvider` for `@ai-sdk/azure`, a `TokenCredential` for `@azure/*` clients. `eslint --fix` with the rule (or `aoai-key-scan --fix`) rewrites the simple cases. See docs/rules/no-api-key-client.md.';
const HELP_HEADER =
  "Send `Authorization: Bearer <token>` with a Microsoft Entra ID token from `getBearerTokenProvider` (`@azure/identity`) instead of the key. See docs/rules/no-api-key-header.md.";

/** The ESLint rules' own descriptions (a test keeps them equal to the rules' `meta.docs.description`). */
export const JAVASCRIPT_USAGE_RULES: readonly (RuleDescription & { readonly id: UsageRuleName })[] = [
  {
    id: "no-api-key-client",
    name: "NoApiKeyClient",
    shortDescription: "Azure OpenAI / Azure AI client authenticated with an API key (JavaScript, TypeScript)",
    fullDescription:
      "Disallow Azure OpenAI and Azure AI clients that authenticate with an API key instead of Microsoft Entra ID",
    help: HELP_CLIENT,
    defaultSeverity: "warning",
    tags: ["usage"],
  },
  {
    id: "no-api-key-header",
    name: "NoApiKeyHeader",
    shortDescription: "HTTP request sending an Azure AI API key (JavaScript, TypeScript)",
    fullDescription:
      "Disallow HTTP requests that send an Azure OpenAI or Azure AI services API key in a header or URL instead of a Microsoft Entra ID token",
    help: HELP_HEADER,
    defaultSeverity: "warning",
    tags: ["usage"],
  },
];

/** The spans a message quotes in backticks, in order. */
const quotedSpans = (message: string): string[] => [...message.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);

/** The client or header a report is about, as its message names it. */
function subjectOf(report: UsageReport): string {
  const spans = quotedSpans(report.message);
  switch (report.messageId) {
    case "defaultProvider":
      return "@ai-sdk/azure azure";
    case "clientKeyHeader":
      return `${spans[2] ?? "api-key"} header of ${spans[1] ?? "a client"}`;
    case "keyQueryParameter":
      return `${spans[0] ?? "api-key"} query parameter`;
    case "keyHeader":
    case "defaultsKeyHeader":
      return `${spans[0] ?? "api-key"} header`;
    case "keyAsBearer":
      return "Authorization: Bearer header";
    default:
      return spans[0] ?? report.rule;
  }
}

/** `env:NAME` when the rule says the SDK reads the key from an environment variable. */
function keySourceOf(report: UsageReport): string | undefined {
  if (report.messageId !== "envKey") return undefined;
  const name = quotedSpans(report.message)[1];
  return name === undefined ? undefined : `env:${name}`;
}

export function toFindings(reports: readonly UsageReport[], fragment: SourceFragment): DetectedFinding[] {
  const language = isTypeScriptPath(fragment.path) ? "TypeScript" : "JavaScript";
  // Fix edits are whole-file offsets: only a whole file's fragment can carry them.
  const wholeFile = (fragment.firstLine ?? 1) === 1 && fragment.lines === undefined;
  const findings = new UsageFindings(language);
  for (const report of reports) {
    findings.add({
      ruleId: report.rule,
      message: report.message,
      client: `${subjectOf(report)} (${language})`,
      keySource: keySourceOf(report),
      fix:
        report.fix === undefined || !wholeFile
          ? undefined
          : {
              edits: [{ start: report.fix.range[0], end: report.fix.range[1], text: report.fix.text }],
              description: `Authenticate with Microsoft Entra ID, as \`eslint --fix\` with ${report.rule} does.`,
            },
      start: report.start,
      end: report.end,
      // The message names the client and where its key comes from.
      identity: `${report.messageId}|${report.message}`,
    });
  }
  return findings.list();
}

export const javascriptUsageDetector: FindingDetector = {
  id: "usage-javascript",
  category: "usage",
  rules: JAVASCRIPT_USAGE_RULES,
  appliesTo: (path) => JAVASCRIPT_PATH.test(path) && !DECLARATION_PATH.test(path),
  triggers: JAVASCRIPT_TRIGGERS,
  async detect(fragment) {
    const { text } = fragment;
    // A bearer header alone is everywhere in HTTP code; it is worth parsing only with an Azure key name in sight.
    if (!NON_BEARER_TRIGGERS.some((word) => text.includes(word)) && !AZURE_KEY_NAME_IN_TEXT.test(text)) return [];
    return toFindings(await lintUsage(fragment.path, text), fragment);
  },
};
