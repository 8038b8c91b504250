/**
 * Legacy Azure AI keys: 32 hex digits (a hex-encoded 128-bit random value) with no checksum and no
 * marker, the same shape as MD5 digests, dashless UUIDs and trace ids. Only context makes one a key:
 * a key-like name bound to it, or an Azure AI host a few lines away.
 */
import type { HostOccurrence } from "./hosts.js";
import type { KeyContext } from "./types.js";

import { namesBeforeValue } from "./binding-names.js";
import { findAzureAiHosts, serviceForHost } from "./hosts.js";
import { classifyName, serviceForName } from "./names.js";
import { isRepetitive } from "./placeholder.js";

/** The value shape of a legacy key. */
export const LEGACY_KEY_PATTERN_SOURCE = "[0-9A-Fa-f]{32}";

// A hex run may only start where no word char precedes it, so a 64-hex digest is rejected once at its
// start instead of being retried at every offset: one linear pass over the text.
const LEGACY_KEY_CANDIDATE = new RegExp(`(?<![0-9A-Za-z_])${LEGACY_KEY_PATTERN_SOURCE}(?![0-9A-Za-z_])`, "g");

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
  // Template and word placeholders cannot be hex; what is left is the repetition check.
  return isRepetitive(hex);
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
 * Every 32-hex run in `text` that stands alone, is not a placeholder or another vendor's token, and
 * has context: the first decisive name (in the text before the value, then `options.names`) is
 * key-like (an id or digest name rejects it outright), or else an Azure AI host lies within
 * `hostWindowLines` lines (or `options.hostNearby` is set).
 */
export function findLegacyKeys(text: string, options: LegacyKeyOptions = {}): LegacyKeyOccurrence[] {
  const found: LegacyKeyOccurrence[] = [];
  const hostWindowLines = options.hostWindowLines ?? DEFAULT_HOST_WINDOW_LINES;
  let hostsInText: HostOccurrence[] | undefined;

  /** The Azure AI host closest to the run within the window, or undefined. */
  const hostNear = (start: number, end: number): string | undefined => {
    hostsInText ??= findAzureAiHosts(text);
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

  LEGACY_KEY_CANDIDATE.lastIndex = 0;
  for (let match = LEGACY_KEY_CANDIDATE.exec(text); match !== null; match = LEGACY_KEY_CANDIDATE.exec(text)) {
    const secret = match[0];
    const start = match.index;
    const end = start + secret.length;
    if (hasNonKeyShape(text, start, end, secret)) continue;

    // The innermost name that says anything decides: key-like accepts, id or digest rejects.
    let keyName: string | undefined;
    let rejected = false;
    for (const name of [...namesBeforeValue(text, start), ...(options.names ?? [])]) {
      const kind = classifyName(name);
      if (kind === undefined) continue;
      if (kind === "key") keyName = name;
      else rejected = true;
      break;
    }
    if (rejected) continue;

    const host = hostNear(start, end) ?? options.hostNearby;
    let context: KeyContext;
    if (keyName !== undefined) context = { type: "name", name: keyName };
    else if (host !== undefined) context = { type: "host", host };
    else continue;

    const service =
      (keyName === undefined ? undefined : serviceForName(keyName)) ??
      (host === undefined ? undefined : serviceForHost(host)) ??
      DEFAULT_LEGACY_KEY_SERVICE;
    found.push({ start, end, secret, context, service });
  }
  return found;
}
