/**
 * Azure AI service hosts: the endpoints a key is sent to. A 32-hex value with one of these close by is
 * very likely a key. GitHub Models (`models.inference.ai.azure.com`, `models.github.ai`) takes GitHub
 * tokens, not Azure keys, and is deliberately not an Azure AI host.
 */

/** Host suffixes that follow one or more resource/region labels, with the service they point to. */
const WILDCARD_HOST_SUFFIXES = [
  { suffix: "openai.azure.com", service: "Azure OpenAI" },
  { suffix: "cognitiveservices.azure.com", service: "Azure AI services" },
  { suffix: "services.ai.azure.com", service: "Azure AI services" },
  { suffix: "api.cognitive.microsoft.com", service: "Azure AI services" },
  { suffix: "stt.speech.microsoft.com", service: "Speech" },
  { suffix: "tts.speech.microsoft.com", service: "Speech" },
] as const;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The Translator global endpoint's suffix; its only valid first label is `api` or `api-<geography>`. */
const TRANSLATOR_HOST_SUFFIX = "cognitive.microsofttranslator.com";

/** Every Azure AI host ends in one of these: what a quick look at a text can ask for before parsing it. */
export const AZURE_AI_HOST_SUFFIXES: readonly string[] = [...WILDCARD_HOST_SUFFIXES.map(({ suffix }) => suffix), TRANSLATOR_HOST_SUFFIX];

/**
 * A whole Azure AI hostname: resource or region labels before one of the suffixes above, or the
 * Translator global endpoint `api.cognitive.microsofttranslator.com` (and its `api-xxx` geographies).
 * Matched case-insensitively, as DNS names are.
 */
export const AZURE_AI_HOST_PATTERN_SOURCE =
  `(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${WILDCARD_HOST_SUFFIXES.map(({ suffix }) => escapeRegExp(suffix)).join("|")})` +
  `|api(?:-[a-z]{2,4})?\\.${escapeRegExp(TRANSLATOR_HOST_SUFFIX)})`;

/** Tests one hostname (no scheme, port or path). */
export const AZURE_AI_HOST_PATTERN = new RegExp(`^${AZURE_AI_HOST_PATTERN_SOURCE}$`, "i");

// Finding hosts in free text: search for the fixed tail first (a literal the regex engine finds fast),
// then walk back over hostname characters; matching the labels first would try every word of a file.
// The tail must not continue into a longer name (`x.openai.azure.com.evil.example`).
const HOST_TAIL_IN_TEXT = new RegExp(
  `\\.(?:${AZURE_AI_HOST_SUFFIXES.map(escapeRegExp).join("|")})(?![a-z0-9-]|\\.[a-z0-9])`,
  "gi",
);
const HOSTNAME_CHAR = /[A-Za-z0-9.-]/;
const MAX_HOSTNAME_LENGTH = 253;

/**
 * True for Azure AI hosts (`x.openai.azure.com`, `x.cognitiveservices.azure.com`, ...), also with a
 * `*` resource label (`*.openai.azure.com`); false for GitHub Models hosts.
 */
export function isAzureAiHost(hostname: string): boolean {
  // Tolerate the forms people paste: trailing root dot, scheme, port or path, a wildcard label.
  let host = hostname.trim();
  const schemeEnd = host.indexOf("://");
  if (schemeEnd !== -1) host = host.slice(schemeEnd + 3);
  host = host.replace(/[/:?#].*$/s, "").replace(/\.$/, "").replace(/^\*\./, "x.");
  return host.length <= MAX_HOSTNAME_LENGTH && AZURE_AI_HOST_PATTERN.test(host);
}

/** One Azure AI host named in a text. */
export interface HostOccurrence {
  readonly start: number;
  readonly end: number;
  /** The hostname, lower-cased. */
  readonly host: string;
}

/** Options of `findAzureAiHosts`. */
export interface FindHostsOptions {
  /**
   * Also count hosts whose resource label is a template or a placeholder (`${name}.openai.azure.com`,
   * `{resource}.openai.azure.com`, `<resource>.openai.azure.com`, `*.openai.azure.com`), reported
   * with a `*` label (`*.openai.azure.com`). Such a host still says "Azure AI is called here".
   */
  readonly templatedResource?: boolean;
}

/** Chars that end a template or placeholder resource label right before the host suffix. */
const TEMPLATE_LABEL_END = new Set(["}", ">", "*", "%", ")", "]"]);

/** Every Azure AI host named in `text` (in a URL or bare), in order. */
export function findAzureAiHosts(text: string, options: FindHostsOptions = {}): HostOccurrence[] {
  const found: HostOccurrence[] = [];
  HOST_TAIL_IN_TEXT.lastIndex = 0;
  for (let match = HOST_TAIL_IN_TEXT.exec(text); match !== null; match = HOST_TAIL_IN_TEXT.exec(text)) {
    const end = match.index + match[0].length;
    let start = match.index;
    while (start > 0 && end - start < MAX_HOSTNAME_LENGTH && HOSTNAME_CHAR.test(text[start - 1]!)) start--;
    // Leading dots or dashes belong to the surrounding text (`..`, `--x`), not to the hostname.
    while (start < match.index && (text[start] === "." || text[start] === "-")) start++;
    const host = text.slice(start, end).toLowerCase();
    if (AZURE_AI_HOST_PATTERN.test(host)) {
      found.push({ start, end, host });
    } else if (options.templatedResource === true && TEMPLATE_LABEL_END.has(text[match.index - 1] ?? "")) {
      const wildcardHost = `*${match[0].toLowerCase()}`;
      if (isAzureAiHost(wildcardHost)) found.push({ start: match.index - 1, end, host: wildcardHost });
    }
  }
  return found;
}

/** The first Azure AI host named anywhere in `text` (a URL or a bare host), or undefined. */
export function findAzureAiHost(text: string): string | undefined {
  return findAzureAiHosts(text)[0]?.host;
}

/** The service an Azure AI host belongs to, e.g. "Azure OpenAI" for `x.openai.azure.com`; undefined for other hosts. */
export function serviceForHost(hostname: string): string | undefined {
  if (!isAzureAiHost(hostname)) return undefined;
  const host = hostname.toLowerCase();
  if (host.includes(`.${TRANSLATOR_HOST_SUFFIX}`)) return "Translator";
  return WILDCARD_HOST_SUFFIXES.find(({ suffix }) => host.includes(`.${suffix}`))?.service;
}

/** Paths and query parameters only the Azure OpenAI REST API has: evidence in a URL whose host is hidden. */
export const AZURE_OPENAI_REST_SHAPES = ["/openai/deployments/", "api-version="] as const;
