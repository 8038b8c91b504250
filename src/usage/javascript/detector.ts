/**
 * JavaScript and TypeScript usage findings: what `no-api-key-client` and `no-api-key-header` report,
 * run as ESLint runs them (lint.ts, rule-host.ts), with the rules' own messages and autofixes. The trigger
 * words and then the rules' evidence (evidence.ts) decide which files are worth parsing at all; the
 * rules decide everything else.
 */
import type { DetectedFinding, FindingDetector, RuleDescription } from "../../scanner/detectors/types.js";
import type { SourceFragment } from "../../scanner/types.js";
import { usageRule } from "../descriptor.js";
import { UsageFindings } from "../findings.js";
import type * as EvidenceModule from "./evidence.js";
import type { lintUsage, UsageReport, UsageRuleName } from "./lint.js";
import { isLintedPath, isTypeScriptPath } from "./paths.js";

/**
 * The scanner searches the bytes of every JavaScript and TypeScript file for each trigger word, so
 * there are as few as can be; the rules' evidence (evidence.ts) then decides which files are parsed.
 * The client rule only reports a construction imported or required from a package of its trace map,
 * by the package's exact name: each name that can lead to a report holds one of these (a test keeps
 * them so; `@azure/core-auth` only brings `AzureKeyCredential`).
 */
export const CLIENT_MODULE_WORDS = ["openai", "/ai-", "/azure", "anthropic", "langchain", "llamaindex", "rt-client", "speech-sdk"];

/** The header rule reads `api-key` and `Ocp-Apim-Subscription-Key` in any letter case: both end in `-key`, spelled as code does. */
const KEY_HEADER_WORDS = ["-key", "-Key", "-KEY"];

/** An `Authorization` header with a `Bearer`, `bearer` or `BEARER` scheme. */
const BEARER_WORDS = ["earer", "EARER"];

export const JAVASCRIPT_TRIGGERS: readonly string[] = [...CLIENT_MODULE_WORDS, ...KEY_HEADER_WORDS, ...BEARER_WORDS];

const HELP_CLIENT =
  'Give the client a Microsoft Entra ID credential instead of a key: `azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")` for `openai` `AzureOpenAI` and LangChain, `tokenProvider` for `@ai-sdk/azure`, a `TokenCredential` for `@azure/*` clients. `eslint --fix` with the rule (or `aoai-key-scan --fix`) rewrites the simple cases. See docs/rules/no-api-key-client.md.';
const HELP_HEADER =
  "Send `Authorization: Bearer <token>` with a Microsoft Entra ID token from `getBearerTokenProvider` (`@azure/identity`) instead of the key. See docs/rules/no-api-key-header.md.";

/** The ESLint rules' own descriptions (a test keeps them equal to the rules' `meta.docs.description`). */
export const JAVASCRIPT_USAGE_RULES: readonly (RuleDescription & { readonly id: UsageRuleName })[] = [
  usageRule({
    id: "no-api-key-client",
    name: "NoApiKeyClient",
    shortDescription: "Azure OpenAI / Azure AI client authenticated with an API key (JavaScript, TypeScript)",
    fullDescription:
      "Disallow Azure OpenAI and Azure AI clients that authenticate with an API key instead of Microsoft Entra ID",
    help: HELP_CLIENT,
  }),
  usageRule({
    id: "no-api-key-header",
    name: "NoApiKeyHeader",
    shortDescription: "HTTP request sending an Azure AI API key (JavaScript, TypeScript)",
    fullDescription:
      "Disallow HTTP requests that send an Azure OpenAI or Azure AI services API key in a header or URL instead of a Microsoft Entra ID token",
    help: HELP_HEADER,
  }),
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

/** The rules' evidence (evidence.ts), loaded with the first file a trigger word sends here. */
let evidence: typeof EvidenceModule | undefined;

/** The findings of one fragment, linted by `lint` when the rules' evidence is there. */
async function detectUsage(fragment: SourceFragment, lint: typeof lintUsage): Promise<DetectedFinding[]> {
  // Most files that name `openai` or send a bearer header hold nothing the rules could report.
  evidence ??= await import("./evidence.js");
  if (!evidence.mayReport(fragment.text)) return [];
  return toFindings(await lint(fragment.path, fragment.text), fragment);
}

/** Most files without the evidence are ruled out on their bytes, undecoded; before evidence.ts has loaded, none is. */
const mayDetectUsage = (bytes: Buffer): boolean => evidence?.mayReportBytes(bytes) ?? true;

export const javascriptUsageDetector: FindingDetector = {
  id: "usage-javascript",
  category: "usage",
  rules: JAVASCRIPT_USAGE_RULES,
  appliesTo: isLintedPath,
  triggers: JAVASCRIPT_TRIGGERS,
  mayDetect: mayDetectUsage,
  // The rule host and the rules load with the first file that has the evidence, not with the scanner.
  detect: (fragment) => detectUsage(fragment, async (path, text) => (await import("./lint.js")).lintUsage(path, text)),
};

/** Thrown where a file needs linting and another thread of the pool lints: the pool hands that thread the whole file. */
export class LintElsewhere extends Error {
  constructor(readonly path: string) {
    super(`${path} is linted by another thread`);
  }
}

/**
 * The detector of the threads of a pool that leave linting to its first worker: the rules, their
 * scope analysis and oxc take a few hundred milliseconds of CPU to load, so a pool loads them once.
 * A file with the rules' evidence throws `LintElsewhere`.
 */
export const javascriptUsageDetectorLintingElsewhere: FindingDetector = {
  ...javascriptUsageDetector,
  detect: (fragment) =>
    detectUsage(fragment, (path) => {
      throw new LintElsewhere(path);
    }),
};
