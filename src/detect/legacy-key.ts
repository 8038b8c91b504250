/**
 * Legacy Azure AI keys: 32 hex digits (a hex-encoded 128-bit random value) with no checksum and no
 * marker, the same shape as MD5 digests, dashless UUIDs and trace ids. Only context makes one a key:
 * a key-like name bound to it, or an Azure AI host a few lines away.
 */
import type { HostOccurrence } from "./hosts.js";
import type { NameKind } from "./names.js";
import type { Confidence, KeyContext } from "./types.js";

import { namesBeforeValue } from "./binding-names.js";
import { findAzureAiHosts, serviceForHost } from "./hosts.js";
import { classifyName, serviceForName } from "./names.js";
import { isRepetitive } from "./placeholder.js";

/** The value shape of a legacy key. */
export const LEGACY_KEY_PATTERN_SOURCE = "[0-9A-Fa-f]{32}";

/** A key stands alone: none of these chars right before or after the run (the scanner's byte prefilter reads it too). */
export const LEGACY_KEY_NEIGHBOUR_CLASS = "[0-9A-Za-z_]";

// A hex run may only start where no word char precedes it, so a 64-hex digest is rejected once at its
// start instead of being retried at every offset: one linear pass over the text.
const LEGACY_KEY_CANDIDATE = new RegExp(`(?<!${LEGACY_KEY_NEIGHBOUR_CLASS})${LEGACY_KEY_PATTERN_SOURCE}(?!${LEGACY_KEY_NEIGHBOUR_CLASS})`, "g");

/** Whether `text` holds a 32-hex run the engine reads as a candidate (none: no legacy key in it). */
export function holdsLegacyKeyCandidate(text: string): boolean {
  LEGACY_KEY_CANDIDATE.lastIndex = 0;
  const found = LEGACY_KEY_CANDIDATE.test(text);
  LEGACY_KEY_CANDIDATE.lastIndex = 0;
  return found;
}

/** Default number of lines either side of a 32-hex run searched for an Azure AI host. */
export const DEFAULT_HOST_WINDOW_LINES = 5;
/** The host window never reaches further than this many chars either side (minified one-line files). */
export const HOST_WINDOW_MAX_CHARS = 2000;

/** Service of a legacy key whose name and host say nothing more specific. */
export const DEFAULT_LEGACY_KEY_SERVICE = "Azure AI services";

/**
 * Other vendors' token shapes built around 32 hex digits, checked on the chars around the run:
 * Mailchimp `<hex>-us18`, Mailgun `key-<hex>`, URL user info or e-mail local part `<hex>@host`
 * (Sentry DSNs), Asana `1/123...:<hex>`.
 */
const VENDOR_SUFFIX = /^(?:-us\d{1,2}(?![\w-])|@[A-Za-z0-9])/;
const VENDOR_PREFIX = /(?:\bkey-|\b\d\/\d{6,}:)$/;
/** A dash joining hex on either side: the run is a piece of a dashed id (UUID-like). */
const DASHED_HEX_BEFORE = /[0-9A-Fa-f]-$/;
const DASHED_HEX_AFTER = /^-[0-9A-Fa-f]/;

/**
 * Whether a 32-hex run could be a key by its own chars, whatever surrounds it (the scanner's byte
 * prefilter asks too). Hex encoders write one case: a mixed-case run is a piece of something else
 * (base62/base64 text). 32 decimal digits are a number, not hex: a random key has no letter with a
 * chance of 3e-7. Template and word placeholders cannot be hex; what is left is the repetition check.
 */
export function isKeyShapedHex(hex: string): boolean {
  if (/[a-f]/.test(hex) && /[A-F]/.test(hex)) return false;
  if (!/[a-fA-F]/.test(hex)) return false;
  return !isRepetitive(hex);
}

/** Why a hex run is not even a candidate, judging by its own chars and its direct neighbours. */
function hasNonKeyShape(text: string, start: number, end: number, hex: string): boolean {
  if (!isKeyShapedHex(hex)) return true;
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 4);
  if (DASHED_HEX_BEFORE.test(before) || DASHED_HEX_AFTER.test(after)) return true;
  if (VENDOR_SUFFIX.test(after) || VENDOR_PREFIX.test(before)) return true;
  // `<0123...>`: a hex value written as a template slot.
  return before.endsWith("<") && after.startsWith(">");
}

/** Options of `findLegacyKeys`, as in `DetectOptions`. */
export interface LegacyKeyOptions {
  readonly names?: readonly string[];
  readonly hostNearby?: string;
  readonly azureSdkInFile?: boolean;
  readonly hostWindowLines?: number;
  /** Called for each key-shaped 32-hex run that is not a finding; see `DetectOptions.onUnreported`. */
  readonly onUnreported?: (start: number, end: number, secret: string) => void;
}

/** One legacy key found in a text, with the evidence. */
export interface LegacyKeyOccurrence {
  readonly start: number;
  readonly end: number;
  readonly secret: string;
  readonly context: KeyContext;
  /** "medium" for a key-like name, or a generic key name with Azure evidence; "low" for a host alone. */
  readonly confidence: Confidence;
  readonly service: string;
}

/**
 * Start of the line `lines` lines above the one holding `offset`, at most `maxChars` back. Searches a
 * slice (V8 shares the parent's chars) so a long line without newlines costs `maxChars`, not its length.
 */
function windowStart(text: string, offset: number, lines: number, maxChars: number): number {
  const floor = Math.max(0, offset - maxChars);
  const before = text.slice(floor, offset);
  let position = before.length;
  for (let line = 0; line <= lines; line++) {
    const newline = position === 0 ? -1 : before.lastIndexOf("\n", position - 1);
    if (newline === -1) return floor;
    position = newline;
  }
  return floor + position + 1;
}

/** End of the line `lines` lines below the one holding `offset`, at most `maxChars` ahead. */
function windowEnd(text: string, offset: number, lines: number, maxChars: number): number {
  const after = text.slice(offset, offset + maxChars);
  let position = -1;
  for (let line = 0; line <= lines; line++) {
    const newline = after.indexOf("\n", position + 1);
    if (newline === -1) return offset + after.length;
    position = newline;
  }
  return offset + position;
}

/** Index of the first host in `hosts` (text order, disjoint) that ends after `offset`. */
function firstHostEndingAfter(hosts: readonly HostOccurrence[], offset: number): number {
  let low = 0;
  let high = hosts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (hosts[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Words that tie a generic key name (`apiKey`, `key1`, `primaryKey`) to Azure: the `[azure_openai]`
 * section of an INI file, an `az cognitiveservices` or `az apim` command, an `AZURE_*` variable, an
 * `azureConfig` object, `AzureKeyCredential`.
 */
const AZURE_EVIDENCE_WORD = /azure|openai|cognitiveservices|cognitive services|\bapim\b/i;

/**
 * An Azure AI SDK named anywhere in a file (an import, a `using`, a package reference, an Azure client
 * or credential class, the Speech SDK's config classes).
 */
const AZURE_SDK_IN_FILE =
  /azure[.-]cognitiveservices|azure\.ai\.|@azure\/|Azure\.AI\.|Microsoft\.CognitiveServices|com\.microsoft\.cognitiveservices|com\.azure\.ai|microsoft-cognitiveservices|\bAzure(?:OpenAI|ChatOpenAI|KeyCredential)\b|\bSpeech(?:Translation)?Config\b/;

/**
 * Whether `text` (a whole file) names an Azure AI SDK: an import, a `using`, a package reference, an
 * Azure client or credential class. A generic key name (`apiKey`) in such a file is very likely the
 * SDK's key; callers that see a file only value by value pass the answer as `azureSdkInFile`.
 */
export function namesAzureAiSdk(text: string): boolean {
  return AZURE_SDK_IN_FILE.test(text);
}

/**
 * Other vendors' configuration around a generic key name: an Algolia DocSearch block (`appId`,
 * `apiKey`, `indexName`) holds a public 32-hex search key. An `appId` sibling only vetoes when no
 * Azure AI host is close by (LUIS apps have an app id and a key too).
 */
const OTHER_VENDOR_NEARBY = /algolia|docsearch/i;
const APP_ID_SIBLING = /\bapp(?:lication)?[_-]?id\b/i;

/** What the names around a value decide, innermost first; see `findLegacyKeys`. */
function decisiveName(
  textNames: readonly string[],
  optionNames: readonly string[],
): { readonly name: string; readonly kind: NameKind } | undefined {
  const names = [...textNames, ...optionNames];
  let decisive: { name: string; kind: NameKind; index: number } | undefined;
  for (const [index, name] of names.entries()) {
    const kind = classifyName(name);
    if (kind === undefined || (kind === "generic-key" && decisive !== undefined)) continue;
    decisive = { name, kind, index };
    if (kind !== "generic-key") break;
  }
  // `CognitiveServicesApiKey { get { return Preferences.Get("apiId", "<hex>"); } }`: the stored
  // setting's id-like name does not veto a member whose own name is key-like.
  if (decisive?.kind === "id-or-digest" && decisive.index < textNames.length) {
    const member = textNames.slice(decisive.index + 1).find((name) => classifyName(name) === "key");
    if (member !== undefined) return { name: member, kind: "key" };
  }
  return decisive;
}

/**
 * Every 32-hex run in `text` that stands alone, is not a placeholder or another vendor's token, and
 * has context. The innermost key-like, id/digest or other-vendor name decides (names before the value
 * in the text first, then `options.names`); a generic key name counts only when none of those is present:
 * - a key-like name (`isKeyLikeName`: `AZURE_OPENAI_API_KEY`, `subscription_key`, `SpeechConfig(`)
 *   makes it a finding, confidence "medium";
 * - an id or digest name (`isIdOrDigestName`), or a name of another vendor (`DATADOG_API_KEY`, an
 *   `algolia` object), rejects it, whatever is close by;
 * - a generic key name (`apiKey`, `key1`, `accessKey`: `isGenericKeyName`) makes it a finding,
 *   confidence "medium", only with Azure evidence: an Azure AI host or an Azure word (`azure`, `openai`,
 *   `cognitiveservices`, `apim`) within the window or in an enclosing name, or an Azure AI SDK named in
 *   the text; an Algolia/DocSearch block nearby, or an `appId` sibling with no Azure word or host,
 *   rejects it;
 * - with no such name, an Azure AI host within `hostWindowLines` lines (or `options.hostNearby`) makes
 *   it a finding with the host as context, confidence "low".
 * The window is `hostWindowLines` lines either side, capped at `HOST_WINDOW_MAX_CHARS` chars either side.
 */
export function findLegacyKeys(text: string, options: LegacyKeyOptions = {}): LegacyKeyOccurrence[] {
  const found: LegacyKeyOccurrence[] = [];
  const requestedLines = options.hostWindowLines ?? DEFAULT_HOST_WINDOW_LINES;
  // Whole lines, never negative: a bad option narrows the window to the value's own line.
  const hostWindowLines = Number.isFinite(requestedLines) ? Math.max(0, Math.floor(requestedLines)) : 0;
  let hostsInText: HostOccurrence[] | undefined;
  let sdkInText: boolean | undefined;

  /** The Azure AI host closest to the run within the window, or undefined. */
  const hostNear = (start: number, end: number): string | undefined => {
    hostsInText ??= findAzureAiHosts(text, { templatedResource: true });
    // Binary search: a generated file with thousands of hosts and values stays n log n. The line window
    // is only worked out when a host lies within the char cap at all.
    let first = firstHostEndingAfter(hostsInText, start - HOST_WINDOW_MAX_CHARS);
    if (first === hostsInText.length || hostsInText[first]!.start >= end + HOST_WINDOW_MAX_CHARS) return undefined;
    const from = windowStart(text, start, hostWindowLines, HOST_WINDOW_MAX_CHARS);
    const to = windowEnd(text, end, hostWindowLines, HOST_WINDOW_MAX_CHARS);
    first = firstHostEndingAfter(hostsInText, from);
    let closest: { host: string; distance: number } | undefined;
    for (let index = first; index < hostsInText.length && hostsInText[index]!.start < to; index++) {
      const occurrence = hostsInText[index]!;
      const distance = occurrence.start >= end ? occurrence.start - end : start - occurrence.end;
      if (closest === undefined || distance < closest.distance) closest = { host: occurrence.host, distance };
    }
    return closest?.host;
  };

  /** Whether Azure evidence outweighs other vendors' marks around a generic key name. */
  const genericNameHolds = (start: number, end: number, names: readonly string[], host: string | undefined): boolean => {
    // The run itself is hex, so none of the word tests can match inside it.
    const around = text.slice(
      windowStart(text, start, hostWindowLines, HOST_WINDOW_MAX_CHARS),
      windowEnd(text, end, hostWindowLines, HOST_WINDOW_MAX_CHARS),
    );
    if (OTHER_VENDOR_NEARBY.test(around)) return false;
    const azureWord = AZURE_EVIDENCE_WORD.test(around) || names.some((name) => AZURE_EVIDENCE_WORD.test(name));
    if (host !== undefined || azureWord) return true;
    if (APP_ID_SIBLING.test(around)) return false;
    sdkInText ??= options.azureSdkInFile === true || namesAzureAiSdk(text);
    return sdkInText;
  };

  LEGACY_KEY_CANDIDATE.lastIndex = 0;
  for (let match = LEGACY_KEY_CANDIDATE.exec(text); match !== null; match = LEGACY_KEY_CANDIDATE.exec(text)) {
    const secret = match[0];
    const start = match.index;
    const end = start + secret.length;
    if (hasNonKeyShape(text, start, end, secret)) continue;

    const textNames = namesBeforeValue(text, start);
    const decisive = decisiveName(textNames, options.names ?? []);
    if (decisive?.kind === "id-or-digest" || decisive?.kind === "other-vendor-key") {
      options.onUnreported?.(start, end, secret);
      continue;
    }

    const host = hostNear(start, end) ?? options.hostNearby;
    let context: KeyContext;
    let confidence: Confidence;
    if (decisive?.kind === "key") {
      context = { type: "name", name: decisive.name };
      confidence = "medium";
    } else if (decisive?.kind === "generic-key") {
      if (!genericNameHolds(start, end, [...textNames, ...(options.names ?? [])], host)) {
        options.onUnreported?.(start, end, secret);
        continue;
      }
      context = { type: "name", name: decisive.name };
      confidence = "medium";
    } else if (host !== undefined) {
      context = { type: "host", host };
      confidence = "low";
    } else {
      options.onUnreported?.(start, end, secret);
      continue;
    }

    const service =
      (decisive === undefined ? undefined : serviceForName(decisive.name)) ??
      (host === undefined ? undefined : serviceForHost(host)) ??
      DEFAULT_LEGACY_KEY_SERVICE;
    found.push({ start, end, secret, context, confidence, service });
  }
  return found;
}
