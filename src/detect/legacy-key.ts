/**
 * Legacy Azure AI keys: 32 hex digits (a hex-encoded 128-bit random value) with no checksum and no
 * marker, the same shape as MD5 digests, dashless UUIDs and trace ids. Only context makes one a key:
 * a key-like name bound to it, or an Azure AI host a few lines away.
 */
import type { KeyContext } from "./types.js";

import { findAzureAiHosts, serviceForHost } from "./hosts.js";
import { isIdOrDigestName, isKeyLikeName, serviceForName } from "./names.js";
import { isPlaceholder } from "./placeholder.js";

/** The value shape of a legacy key. */
export const LEGACY_KEY_PATTERN_SOURCE = "[0-9A-Fa-f]{32}";

// A hex run may only start where no word char precedes it, so a 64-hex digest is rejected once at its
// start instead of being retried at every offset: one linear pass over the text.
const LEGACY_KEY_CANDIDATE = new RegExp(`(?<![0-9A-Za-z_])${LEGACY_KEY_PATTERN_SOURCE}(?![0-9A-Za-z_])`, "g");

/** Default number of lines either side of a 32-hex run searched for an Azure AI host. */
export const DEFAULT_HOST_WINDOW_LINES = 5;
/** The host window never reaches further than this many chars either side (minified one-line files). */
export const HOST_WINDOW_MAX_CHARS = 2000;
/** How far back on its line the name a value is bound to is looked for. */
const NAME_LOOKBEHIND_CHARS = 256;

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

const NAME = String.raw`-{0,2}[A-Za-z_$][\w$.\-]{0,100}`;
const NAME_CLOSE = String.raw`(?:\\?["'\x60])?(?:[ \t]*[\])])?`;
const VALUE_OPEN = String.raw`(?:[rRbBuUfF@$]?(?:\\?["'\x60]){1,3})?`;
const ASSIGNMENT = String.raw`(?::=|=>|<-|\+?=|:|\|\||\?\?|\bor\b)`;

/**
 * The name a value is bound to, read backwards from the value on the same line. One alternative per
 * form; the regex engine takes the leftmost start, so the widest construct wins (`f(api_key="` reads
 * `api_key`, not `f`):
 * - assigned: `NAME=`, `export NAME=`, `NAME: "`, `"api-key": "`, `headers["X"] = `, `$env:NAME = "`,
 *   `-H "api-key: `, `?subscription-key=`, `NAME || "`;
 * - called: `AzureKeyCredential("`, `AzureKeyCredential(key="` (keyword argument first);
 * - paired: `set("api-key", "`, `headers.Add("Ocp-Apim-Subscription-Key", "`, `getenv("NAME", "`;
 * - setting: `<add key="NAME" value="` (.NET appSettings);
 * - element: `<ApiKey>`;
 * - spaced: `--api-key `, `setx NAME "`, `ENV NAME `.
 */
const NAME_BEFORE_VALUE = new RegExp(
  [
    String.raw`\bkey[ \t]*=[ \t]*["'](?<setting>[^"'<>]{1,100})["'][ \t]+value[ \t]*=[ \t]*["']$`,
    String.raw`(?<called>${NAME})[ \t]*\([ \t]*(?:(?<keyword>[A-Za-z_]\w{0,40})[ \t]*[=:][ \t]*)?${VALUE_OPEN}$`,
    String.raw`(?<assigned>${NAME})${NAME_CLOSE}[ \t]*${ASSIGNMENT}[ \t]*${VALUE_OPEN}$`,
    String.raw`["'\x60](?<paired>[\w.\-]{1,100})["'\x60][ \t]*,[ \t]*${VALUE_OPEN}$`,
    String.raw`<(?<element>[\w.\-:]{1,100})(?:[ \t][^<>]{0,200})?>[ \t]*$`,
    String.raw`(?<spaced>${NAME})[ \t]+${VALUE_OPEN}$`,
  ].join("|"),
);

/** The names the value starting at `valueStart` is bound to on its own line, innermost first. */
export function namesBeforeValue(text: string, valueStart: number): string[] {
  const lineStart = text.lastIndexOf("\n", valueStart - 1) + 1;
  const prefix = text.slice(Math.max(lineStart, valueStart - NAME_LOOKBEHIND_CHARS), valueStart);
  const groups = NAME_BEFORE_VALUE.exec(prefix)?.groups;
  if (groups === undefined) return [];
  return [groups.keyword, groups.called, groups.assigned, groups.paired, groups.setting, groups.element, groups.spaced]
    .filter((name): name is string => name !== undefined)
    .map((name) => name.trim());
}

/** Why a hex run is not even a candidate, judging by its own chars and its direct neighbours. */
function hasNonKeyShape(text: string, start: number, end: number, hex: string): boolean {
  // Hex encoders write one case; a mixed-case run is a piece of something else (base62/base64 text).
  if (/[a-f]/.test(hex) && /[A-F]/.test(hex)) return true;
  // 32 decimal digits are a number, not hex; a random key has no letter with a chance of 3e-7.
  if (!/[a-fA-F]/.test(hex)) return true;
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 4);
  if (DASHED_HEX_BEFORE.test(before) || DASHED_HEX_AFTER.test(after)) return true;
  if (VENDOR_SUFFIX.test(after) || VENDOR_PREFIX.test(before)) return true;
  // `<0123...>`: a hex value written as a template slot.
  if (before.endsWith("<") && after.startsWith(">")) return true;
  return isPlaceholder(hex);
}

/** Options of `findLegacyKeys`, as in `DetectOptions`. */
export interface LegacyKeyOptions {
  readonly names?: readonly string[];
  readonly hostNearby?: string;
  readonly hostWindowLines?: number;
}

/** One legacy key found in a text, with the evidence. */
export interface LegacyKeyOccurrence {
  readonly start: number;
  readonly end: number;
  readonly secret: string;
  readonly context: KeyContext;
  readonly service: string;
}

/** Start of the line `lines` lines above the one holding `offset`, capped to `maxChars` back. */
function windowStart(text: string, offset: number, lines: number, maxChars: number): number {
  const floor = Math.max(0, offset - maxChars);
  let position = offset;
  for (let line = 0; line <= lines; line++) {
    const newline = text.lastIndexOf("\n", position - 1);
    if (newline < floor) return floor;
    position = newline;
  }
  return position + 1;
}

/** End of the line `lines` lines below the one holding `offset`, capped to `maxChars` ahead. */
function windowEnd(text: string, offset: number, lines: number, maxChars: number): number {
  const ceiling = Math.min(text.length, offset + maxChars);
  let position = offset - 1;
  for (let line = 0; line <= lines; line++) {
    const newline = text.indexOf("\n", position + 1);
    if (newline === -1 || newline > ceiling) return ceiling;
    position = newline;
  }
  return position;
}

/**
 * Every 32-hex run in `text` that stands alone, is not a placeholder or another vendor's token, and
 * has context: the first decisive name (in the text before the value, then `options.names`) is
 * key-like (an id or digest name rejects it outright), or else an Azure AI host lies within
 * `hostWindowLines` lines (or `options.hostNearby` is set).
 */
export function findLegacyKeys(text: string, options: LegacyKeyOptions = {}): LegacyKeyOccurrence[] {
  const found: LegacyKeyOccurrence[] = [];
  const hostWindowLines = options.hostWindowLines ?? DEFAULT_HOST_WINDOW_LINES;
  let hostsInText: ReturnType<typeof findAzureAiHosts> | undefined;

  /** The Azure AI host closest to the run within the window, or undefined. */
  const hostNear = (start: number, end: number): string | undefined => {
    hostsInText ??= findAzureAiHosts(text);
    if (hostsInText.length === 0) return undefined;
    const from = windowStart(text, start, hostWindowLines, HOST_WINDOW_MAX_CHARS);
    const to = windowEnd(text, end, hostWindowLines, HOST_WINDOW_MAX_CHARS);
    let closest: { host: string; distance: number } | undefined;
    for (const occurrence of hostsInText) {
      if (occurrence.end <= from || occurrence.start >= to) continue;
      const distance = occurrence.start >= end ? occurrence.start - end : start - occurrence.end;
      if (closest === undefined || distance < closest.distance) closest = { host: occurrence.host, distance };
    }
    return closest?.host;
  };

  LEGACY_KEY_CANDIDATE.lastIndex = 0;
  for (let match = LEGACY_KEY_CANDIDATE.exec(text); match !== null; match = LEGACY_KEY_CANDIDATE.exec(text)) {
    const secret = match[0];
    const start = match.index;
    const end = start + secret.length;
    if (hasNonKeyShape(text, start, end, secret)) continue;

    const names = [...namesBeforeValue(text, start), ...(options.names ?? [])];
    const decisive = names.find((name) => isIdOrDigestName(name) || isKeyLikeName(name));
    if (decisive !== undefined && isIdOrDigestName(decisive)) continue;

    const host = hostNear(start, end) ?? options.hostNearby;
    let context: KeyContext;
    if (decisive !== undefined) context = { type: "name", name: decisive };
    else if (host !== undefined) context = { type: "host", host };
    else continue;

    const service =
      (decisive === undefined ? undefined : serviceForName(decisive)) ??
      (host === undefined ? undefined : serviceForHost(host)) ??
      DEFAULT_LEGACY_KEY_SERVICE;
    found.push({ start, end, secret, context, service });
  }
  return found;
}
