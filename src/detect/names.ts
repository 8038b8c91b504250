/**
 * What a name says about the value bound to it. Names are compared as lists of lower-case words, so
 * `azureOpenAIApiKey`, `AZURE_OPENAI_API_KEY`, `azure-openai-api-key`, `openai.api_key` and
 * `["api-key"]` all read the same.
 */

/**
 * Splits a name into lower-case words: at separators (anything not a letter or digit) and at camelCase
 * boundaries (`apiKey`, `openAIKey` -> open, ai, key). Digits stay with the letters before them
 * (`sha256`, `key1`), so digest names and numbered keys keep their shape.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * Words that, before `key`, make it an Azure AI key name: the API Management subscription words and
 * the service names. Multi-word services are listed joined (`openai` also matches `open` + `ai`).
 * `api` is not one of them: `apiKey` is every vendor's name (see `isGenericKeyName`).
 */
const KEY_QUALIFIERS = new Set([
  "apim",
  "subscription",
  "azure",
  "ai",
  "aoai",
  "openai",
  "cognitive",
  "cognitiveservices",
  "aiservices",
  "foundry",
  "aifoundry",
  "speech",
  "stt",
  "tts",
  "translator",
  "translation",
  "translate",
  "language",
  "textanalytics",
  "vision",
  "computervision",
  "customvision",
  // Custom Vision's `Prediction-Key` and `Training-Key` headers.
  "prediction",
  "training",
  "face",
  "formrecognizer",
  "documentintelligence",
  "docintelligence",
  "contentsafety",
  "contentmoderator",
  "luis",
  "personalizer",
  "anomalydetector",
  "immersivereader",
  "metricsadvisor",
  "qnamaker",
]);

/** Whether any word, alone or joined with the next one (`open` + `ai`), is a key qualifier. */
function hasQualifier(words: readonly string[]): boolean {
  for (let index = 0; index < words.length; index++) {
    if (KEY_QUALIFIERS.has(words[index]!)) return true;
    if (index + 1 < words.length && KEY_QUALIFIERS.has(words[index]! + words[index + 1]!)) return true;
  }
  return false;
}

/**
 * Vendors whose API keys are also 32 hex digits (or whose names are common in env files next to Azure
 * ones). `DATADOG_API_KEY`, `ALGOLIA_API_KEY`, `TMDB_API_KEY` hold those vendors' keys, not Azure's, so
 * a name with one of these words is not an Azure key name unless it also says `azure`.
 */
const OTHER_VENDOR_WORDS = new Set([
  "algolia",
  "amplitude",
  "anthropic",
  "apilayer",
  "aviationstack",
  "aws",
  "bugsnag",
  "cloudflare",
  "cloudinary",
  "cohere",
  "coinlayer",
  "currencylayer",
  "datadog",
  "dd",
  "docsearch",
  "edamam",
  "elevenlabs",
  "etherscan",
  "firebase",
  "fixer",
  "flickr",
  "gcp",
  "giphy",
  "github",
  "gitlab",
  "google",
  "groq",
  "honeybadger",
  "hubspot",
  "huggingface",
  "infura",
  "ipstack",
  "lastfm",
  "loggly",
  "mailchimp",
  "mailgun",
  "mandrill",
  "mediastack",
  "mistral",
  "mixpanel",
  "newrelic",
  "newsapi",
  "numverify",
  "openweather",
  "openweathermap",
  "owm",
  "pagerduty",
  "pinecone",
  "pipedrive",
  "positionstack",
  "postmark",
  "pusher",
  "rapidapi",
  "rawg",
  "rollbar",
  "segment",
  "sendgrid",
  "sentry",
  "serpapi",
  "shopify",
  "slack",
  "spoonacular",
  "steam",
  "stripe",
  "supabase",
  "tavily",
  "tmdb",
  "tomtom",
  "trello",
  "twilio",
  "weatherstack",
  "zomato",
]);

/** Whether the words name another vendor (alone or joined with the next word: `new` + `relic`) and not Azure. */
function namesOtherVendor(words: readonly string[]): boolean {
  if (words.includes("azure")) return false;
  return words.some(
    (word, index) => OTHER_VENDOR_WORDS.has(word) || OTHER_VENDOR_WORDS.has(word + (words[index + 1] ?? "")),
  );
}

/** The words of a `...key`, `...key1`, `...key_2` name before the key word, or undefined when the name is not a key name. */
function wordsBeforeKey(words: readonly string[]): readonly string[] | undefined {
  const last = words.at(-1);
  if (last === undefined) return undefined;
  if (/^key[12]?$/.test(last)) return words.slice(0, -1);
  // Numbered keys spelled apart: `SPEECH_KEY_1`, `key-2`.
  if ((last === "1" || last === "2") && words.at(-2) === "key") return words.slice(0, -2);
  return undefined;
}

/**
 * Calls and constructors whose first argument is an Azure AI key: the Speech SDK's `SpeechConfig(...)`
 * and `SpeechTranslationConfig(...)` (Python), `SpeechConfig.FromSubscription(...)` (C#),
 * `SpeechConfig.fromSubscription(...)` (Java, JavaScript), `SpeechFactory.FromSubscription(...)`.
 */
function isKeyTakingCall(words: readonly string[]): boolean {
  if (words.at(-1) === "subscription" && words.at(-2) === "from") return true;
  const last = words.at(-1);
  const beforeLast = words.at(-2);
  return last === "config" && (beforeLast === "speech" || (beforeLast === "translation" && words.at(-3) === "speech"));
}

/**
 * True for names that hold an Azure AI key: `AZURE_OPENAI_API_KEY`, `Ocp-Apim-Subscription-Key`,
 * `subscriptionKey`, `SPEECH_KEY`, `openai.api_key`, `AOAI_KEY`, and the Azure key headers
 * (`api-key`, `Ocp-Apim-Subscription-Key`) as written... The name must end in `key`
 * (optionally numbered 1/2) with an Azure AI service or API Management word before it, and must not
 * name another vendor whose keys are also 32 hex digits (`DATADOG_API_KEY`, `TMDB_API_KEY`).
 * `apiKey`, `API_KEY`, `x-api-key`, `accessKey`, a bare `key`, `key1` or `key2` are every vendor's names: they
 * count only with Azure evidence (see `isGenericKeyName`).
 * Key-credential types (`AzureKeyCredential`, `CognitiveServicesCredentials`) and the Speech SDK's
 * key-taking calls (`SpeechConfig`, `FromSubscription`) count too: their argument is a key.
 */
export function isKeyLikeName(name: string): boolean {
  const words = nameWords(name);
  return !isIdOrDigestWords(words) && (isKeyLikeWords(words) || isKeyHeaderName(unwrapName(name)));
}

/** A name without the quotes and brackets it was written in (`["api-key"]` -> `api-key`). */
const unwrapName = (name: string): string => name.replace(/^[\s"'`[]+|[\s"'`\]]+$/g, "");

function isKeyLikeWords(words: readonly string[]): boolean {
  const before = wordsBeforeKey(words);
  if (before !== undefined) return hasQualifier(before) && !namesOtherVendor(before);
  const last = words.at(-1);
  if (last === "credential" || last === "credentials") return words.includes("key") || hasQualifier(words.slice(0, -1));
  return isKeyTakingCall(words);
}

/** Words that name a digest or content hash anywhere in a name (`fileHash`, `ETag`, `commitSha`). */
const DIGEST_WORDS = new Set([
  "hash",
  "hashes",
  "digest",
  "checksum",
  "etag",
  "integrity",
  "commit",
  "fingerprint",
  "hmac",
  "nonce",
  "salt",
]);
/** Digest algorithm names, with or without a `sum` suffix: `md5`, `sha`, `sha1`, `sha256sum`, `sha3`. */
const DIGEST_ALGORITHM_WORD = /^(?:md5|sha\d*)(?:sum)?$/;

const isDigestWord = (word: string): boolean => DIGEST_WORDS.has(word) || DIGEST_ALGORITHM_WORD.test(word);

/** Words that name an identifier when they end a name (`requestId`, `user_id`, `traceID`). */
const ID_WORDS = new Set(["id", "ids", "uuid", "guid"]);

function isIdOrDigestWords(words: readonly string[]): boolean {
  const last = words.at(-1);
  if (last !== undefined && ID_WORDS.has(last)) return true;
  // Joined pairs too: `ETag` splits into e + tag, `sha-256` into sha + 256.
  return words.some(
    (word, index) => isDigestWord(word) || isDigestWord(word + (words[index + 1] ?? "")),
  );
}

/** Words that may stand before `key` in a generic key name: `apiKey`, `accessKey`, `primaryKey`. */
const GENERIC_KEY_WORDS = new Set(["api", "access", "primary", "secondary"]);

/**
 * True for names that could hold any vendor's key: `apiKey`, `API_KEY`, `x-api-key`, `accessKey`,
 * `key`, `key1`, `KEY_1`, `primaryKey`, `secondaryKey`, also as the last segment of a path
 * (`config.key`, `client.api_key`, `["key1"]`), and the Speech SDK's `subscription` keyword. Azure
 * shows its keys as KEY 1 / KEY 2 (`az cognitiveservices account keys list` prints `key1`/`key2`; API
 * Management prints `primaryKey`/`secondaryKey`), but Algolia, TMDB or Mailchimp keys sit under the
 * same names, so such a name counts only with Azure evidence close by.
 */
export function isGenericKeyName(name: string): boolean {
  const lastSegment = name.split(/[.:[\]]/).findLast((segment) => /[A-Za-z0-9]/.test(segment)) ?? "";
  const words = nameWords(lastSegment);
  if (words.length === 1 && words[0] === "subscription") return true;
  const before = wordsBeforeKey(words);
  if (before === undefined) return false;
  if (before.every((word) => GENERIC_KEY_WORDS.has(word))) return true;
  // `myApiKey`, `defaultAccessKey`: an API or access key word with no service word.
  return (before.includes("api") || before.includes("access")) && !hasQualifier(before) && !namesOtherVendor(before);
}

/**
 * Scanning a file asks about the same few names again and again (every `apiKey=` line); splitting a
 * name into words is the costliest step, so answers are remembered, in a map cleared when it gets big.
 */
const MAX_REMEMBERED_NAMES = 4096;
const classifications = new Map<string, NameKind | undefined>();
const servicesByName = new Map<string, string | undefined>();

function remember<Value>(cache: Map<string, Value>, name: string, compute: (name: string) => Value): Value {
  if (cache.has(name)) return cache.get(name) as Value;
  if (cache.size >= MAX_REMEMBERED_NAMES) cache.clear();
  const value = compute(name);
  cache.set(name, value);
  return value;
}

/** What a name says about its value; see `classifyName`. */
export type NameKind = "key" | "generic-key" | "id-or-digest" | "other-vendor-key";

/**
 * What a name says about its value, judged once: "key" (`isKeyLikeName`), "id-or-digest"
 * (`isIdOrDigestName`, which wins when both could apply: `apiKeyId`), "other-vendor-key" (a name that
 * names another vendor: `DATADOG_API_KEY`, an `algolia` object), "generic-key" (`isGenericKeyName`: a
 * key only with Azure evidence close by), or undefined (says nothing).
 */
export function classifyName(name: string): NameKind | undefined {
  return remember(classifications, name, classifyUncached);
}

function classifyUncached(name: string): NameKind | undefined {
  const words = nameWords(name);
  if (isIdOrDigestWords(words)) return "id-or-digest";
  if (isKeyLikeWords(words) || isKeyHeaderName(unwrapName(name))) return "key";
  // `DATADOG_API_KEY`, and an enclosing `algolia` or `docsearch` object.
  if (namesOtherVendor(words)) return "other-vendor-key";
  return isGenericKeyName(name) ? "generic-key" : undefined;
}

/** True for names that hold an id or a digest, never a key: `requestId`, `user_id`, `sha256`, `etag`, `integrity`... */
export function isIdOrDigestName(name: string): boolean {
  return isIdOrDigestWords(nameWords(name));
}

/** The HTTP headers that carry an Azure AI key. */
export const AZURE_KEY_HEADER_NAMES = ["api-key", "Ocp-Apim-Subscription-Key"] as const;

/** True for the headers that carry an Azure AI key (`api-key`, `Ocp-Apim-Subscription-Key`), in any letter case. */
export function isKeyHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return AZURE_KEY_HEADER_NAMES.some((header) => header.toLowerCase() === lower);
}

/** Service words in names, checked in order (the first match labels the key). */
const SERVICE_BY_NAME_WORD: readonly { readonly words: readonly string[]; readonly service: string }[] = [
  { words: ["openai", "aoai"], service: "Azure OpenAI" },
  { words: ["speech", "stt", "tts"], service: "Speech" },
  { words: ["translator", "translation", "translate"], service: "Translator" },
  { words: ["language", "textanalytics"], service: "Language" },
  { words: ["documentintelligence", "docintelligence", "formrecognizer"], service: "Document Intelligence" },
  { words: ["customvision", "prediction", "training"], service: "Custom Vision" },
  { words: ["vision", "computervision"], service: "Vision" },
  { words: ["face"], service: "Face" },
  { words: ["contentsafety"], service: "Content Safety" },
  { words: ["contentmoderator"], service: "Content Moderator" },
  { words: ["luis"], service: "LUIS" },
  { words: ["personalizer"], service: "Personalizer" },
  { words: ["anomalydetector"], service: "Anomaly Detector" },
  { words: ["immersivereader"], service: "Immersive Reader" },
  { words: ["metricsadvisor"], service: "Metrics Advisor" },
  { words: ["qnamaker"], service: "QnA Maker" },
  { words: ["aiservices", "cognitive", "cognitiveservices", "foundry", "aifoundry"], service: "Azure AI services" },
];

/**
 * The Azure AI service a name points to (`AZURE_OPENAI_KEY` -> "Azure OpenAI", `SPEECH_KEY` ->
 * "Speech"), or undefined when the name names no service (`apiKey`).
 */
export function serviceForName(name: string): string | undefined {
  return remember(servicesByName, name, serviceForNameUncached);
}

/** The words of a name, alone and joined with the next one or two (`document` + `intelligence`). */
function wordCandidates(words: readonly string[]): Set<string> {
  const candidates = new Set(words);
  for (let index = 0; index + 1 < words.length; index++) {
    candidates.add(words[index]! + words[index + 1]!);
    if (index + 2 < words.length) candidates.add(words[index]! + words[index + 1]! + words[index + 2]!);
  }
  return candidates;
}

function serviceForNameUncached(name: string): string | undefined {
  const candidates = wordCandidates(nameWords(name));
  return SERVICE_BY_NAME_WORD.find(({ words: serviceWords }) => serviceWords.some((word) => candidates.has(word)))
    ?.service;
}

/** Words that make a key name an Azure one by themselves: `AZURE_API_KEY`, `AOAI_KEY`. */
const AZURE_NAME_WORDS = ["azure", "aoai"];
/** The service `OPENAI_API_KEY` names: the OpenAI platform's key as often as Azure's. */
const AMBIGUOUS_SERVICE = "Azure OpenAI";

/**
 * A name that holds an Azure AI key, not just any key: key-like and naming Azure (`AZURE_OPENAI_API_KEY`,
 * `AOAI_KEY`, `AZURE_API_KEY`) or an Azure AI service other than OpenAI (`SPEECH_KEY`). `OPENAI_API_KEY`
 * is the OpenAI platform's key, although `serviceForName` labels the word `openai` as Azure OpenAI.
 */
export function isAzureKeyName(name: string): boolean {
  if (!isKeyLikeName(name)) return false;
  const words = nameWords(name);
  if (AZURE_NAME_WORDS.some((word) => words.includes(word))) return true;
  const service = serviceForName(name);
  return service !== undefined && service !== AMBIGUOUS_SERVICE;
}

/**
 * Every name `isAzureKeyName` accepts has one of these among its words (alone or joined with the next
 * one or two): an Azure word, or a word of a service other than the ambiguous one.
 */
const AZURE_KEY_NAME_WORDS: readonly string[] = [
  ...AZURE_NAME_WORDS,
  ...SERVICE_BY_NAME_WORD.filter(({ service }) => service !== AMBIGUOUS_SERVICE).flatMap(({ words }) => words),
];

/** A name's words, alone or joined, are substrings of its letters and digits: a necessary test for AZURE_KEY_NAME_WORDS. */
const AZURE_KEY_NAME_WORD_IN = new RegExp(AZURE_KEY_NAME_WORDS.join("|"));

/**
 * How every key-like name ends (see `isKeyLikeName`): `key` (also `key1`, `KEY_2`), `credential(s)`,
 * or a key-taking call's `subscription` / `config`; no letter follows where a name ends.
 */
const KEY_NAME_ENDING = /(?:key|credentials?|subscription|config)(?![a-z])/gi;
/** Longest name `mayNameAzureKey` reads, back from its ending. */
const MAX_NAME_LENGTH = 256;

/**
 * What a name is written with in code: identifier characters, and the `.`, `:` and `-` of names quoted
 * as strings (`"azure.openai.key"`, `"AzureOpenAI:ApiKey"`, `"x-azure-key"`). Other characters end it.
 */
const isNameChar = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
  code === 95 || code === 36 || code === 46 || code === 58 || code === 45 || code > 127;
const NON_ASCII = /[^\0-\x7f]/;
/** Where one name may start inside a run of name characters: after a `.`, `:` or `-` (`process.env.AZURE_KEY`, `a-azureKey`). */
const isNameBoundary = (code: number): boolean => code === 46 || code === 58 || code === 45;

/**
 * A quick look at a whole text before parsing it: false when no name written in it is one that
 * `isAzureKeyName` accepts. Each place where a key-like name could end is read back over name
 * characters, and the names that run could hold are asked. Names written with escapes, with other
 * punctuation or spaces, or assembled from pieces are not read. `latin1`: the text is UTF-8 bytes read
 * as latin1, one char per byte; a run holding a non-ASCII char is then taken as a name it may be (its
 * chars, their lower case and the window are only known once decoded).
 */
export function mayNameAzureKey(text: string, latin1 = false): boolean {
  KEY_NAME_ENDING.lastIndex = 0;
  for (let match = KEY_NAME_ENDING.exec(text); match !== null; match = KEY_NAME_ENDING.exec(text)) {
    const end = match.index + match[0].length;
    let start = match.index;
    while (start > 0 && end - start < MAX_NAME_LENGTH && isNameChar(text.charCodeAt(start - 1))) start -= 1;
    const run = text.slice(start, end);
    if (latin1 && NON_ASCII.test(run)) return true;
    // Most runs hold no Azure word at all (`cacheKey`): one search over the run's letters and digits says so.
    if (!AZURE_KEY_NAME_WORD_IN.test(run.toLowerCase().replace(/[^a-z0-9]+/g, ""))) continue;
    for (let index = 0; index < run.length; index += 1) {
      if ((index === 0 || isNameBoundary(run.charCodeAt(index - 1))) && isAzureKeyName(run.slice(index))) return true;
    }
  }
  return false;
}
