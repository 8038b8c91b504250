/**
 * Identifiable Azure AI keys: 84 base62 chars (88 in the long form ending `==`) with the `JQQJ99`
 * signature at offset 52, a creation date at 58-59, a provider-reserved service field at 72-75, the
 * Azure AI provider signature `ACOG` at 76 and a Marvin32-based checksum at 80.
 */
import type { IdentifiableKeyInfo } from "./types.js";

import { encodeBase62 } from "./base62.js";
import { IDENTIFIABLE_KEY_CHECKSUM_SEED, marvin32 } from "./marvin.js";

/** The signature every identifiable key carries at offset 52; a text without it holds no such key. */
export const IDENTIFIABLE_KEY_SIGNATURE = "JQQJ";
export const IDENTIFIABLE_KEY_SIGNATURE_OFFSET = 52;
/** The provider signature of every Azure AI (Cognitive Services) key, at offset 76. */
export const AZURE_AI_PROVIDER_SIGNATURE = "ACOG";
export const IDENTIFIABLE_KEY_LENGTH = 84;
export const IDENTIFIABLE_KEY_LONG_FORM_LENGTH = 88;

/**
 * The structure of an identifiable Azure AI key, without boundaries: 52 secret chars, `JQQJ99`
 * (signature, org bits, access-key kind), year, month `A`-`L`, 12 platform chars, 4 provider-reserved
 * chars, `ACOG`, 4 checksum chars, and the optional long-form tail.
 */
export const IDENTIFIABLE_KEY_PATTERN_SOURCE =
  "[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}[A-Za-z0-9]{4}ACOG[A-Za-z0-9]{4}(?:[A-Za-z0-9]{2}==)?";

/**
 * One identifiable key standing alone (not glued to other base62 chars). Not global, so `test` has no
 * `lastIndex` state; to scan a text use `findIdentifiableKeys` (or build a global regex from the source).
 */
export const IDENTIFIABLE_KEY_PATTERN = new RegExp(`(?<![A-Za-z0-9])${IDENTIFIABLE_KEY_PATTERN_SOURCE}(?![A-Za-z0-9])`);

// Anchored at a known start (signature offset minus 52): the scan jumps there with indexOf instead of
// letting the regex engine try 52-char classes at every position of a large file.
const IDENTIFIABLE_KEY_AT = new RegExp(`${IDENTIFIABLE_KEY_PATTERN_SOURCE}(?![A-Za-z0-9])`, "y");
const WHOLE_IDENTIFIABLE_KEY = new RegExp(`^${IDENTIFIABLE_KEY_PATTERN_SOURCE}$`);
const BASE62_CHAR = /[A-Za-z0-9]/;

/** Services by provider-reserved field (chars 72-75): `AAA` + the base64 digit of the service number. */
export const IDENTIFIABLE_KEY_SERVICES: Readonly<Record<string, string>> = {
  AAAA: "Azure AI services",
  AAAB: "Azure OpenAI",
  AAAC: "Anomaly Detector (EE)",
  AAAD: "Anomaly Detector",
  AAAE: "Cognitive Services",
  AAAF: "Computer Vision",
  AAAG: "Content Moderator",
  AAAH: "Content Safety",
  AAAI: "Custom Vision Prediction",
  AAAJ: "Custom Vision Training",
  AAAK: "Face",
  AAAL: "Form Recognizer",
  AAAM: "Health Decision Support",
  AAAN: "Health Insights",
  AAAO: "Immersive Reader",
  AAAP: "Internal All-in-One",
  AAAQ: "Knowledge",
  AAAR: "LUIS Authoring",
  AAAS: "LUIS",
  AAAT: "Metrics Advisor",
  AAAU: "Personalizer",
  AAAV: "QnA Maker",
  AAAW: "QnA Maker v2",
  AAAX: "Speaker Recognition",
  AAAY: "Speech",
  AAAZ: "Speech Translation",
  AAAa: "Text Analytics",
  AAAb: "Translator",
  AAAc: "Dummy",
  AAAd: "Transcription Intelligence",
  AAAe: "Video Intelligence",
  AAAf: "Bing Autosuggest",
  AAAg: "Bing Autosuggest v7",
  AAAh: "Bing Custom Search",
  AAAi: "Bing Custom Visual Search",
  AAAj: "Bing Entity Search",
  AAAk: "Bing Search",
  AAAl: "Bing Search v7",
  AAAm: "Bing Speech",
  AAAn: "Bing Spell Check",
  AAAo: "Bing Spell Check v7",
};

/** The label for a provider-reserved field; unknown fields still name the key family and the code. */
export function identifiableKeyServiceLabel(serviceCode: string): string {
  return IDENTIFIABLE_KEY_SERVICES[serviceCode] ?? `Azure AI services (service code ${serviceCode})`;
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Year (base64 digit = years since 2024) and month (`A`-`L`) of chars 58-59, as "YYYY-MM". */
export function decodeIdentifiableKeyDate(yearChar: string, monthChar: string): string {
  const year = 2024 + BASE64_ALPHABET.indexOf(yearChar);
  const month = monthChar.charCodeAt(0) - "A".charCodeAt(0) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

const FIRST_80 = /^[A-Za-z0-9+/]{80}$/;

/** The raw 32-bit checksum of the first 80 chars: Marvin32 over their 60 base64-decoded bytes. */
function checksumBytes(first80: string): Uint8Array {
  const hash = marvin32(Buffer.from(first80, "base64"), IDENTIFIABLE_KEY_CHECKSUM_SEED);
  // Serialised little-endian, as the key format defines it.
  return Uint8Array.of(hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff, hash >>> 24);
}

/**
 * The 8-char checksum text of the current encoding: the base62 text of the checksum bytes, right-padded
 * with `0` to 6 chars, then round-tripped through base64 (which clears the low bits of the 6th char).
 */
function base62ChecksumText(bytes: Uint8Array): string {
  const base62 = encodeBase62(bytes).padEnd(6, "0").slice(0, 6);
  return Buffer.from(`${base62}==`, "base64").toString("base64");
}

/** The 4-char checksum an identifiable key must end with, computed from its first 80 chars. */
export function computeIdentifiableChecksum(first80: string): string {
  if (!FIRST_80.test(first80)) {
    throw new RangeError(`computeIdentifiableChecksum expects 80 base64 characters, got ${first80.length}`);
  }
  return base62ChecksumText(checksumBytes(first80)).slice(0, 4);
}

/**
 * The full 8-char checksum tail of the long form (`XXXXXY==`) in the current (base62) encoding; the
 * standard form keeps its first 4 chars.
 */
export function computeIdentifiableLongFormChecksum(first80: string): string {
  if (!FIRST_80.test(first80)) {
    throw new RangeError(`computeIdentifiableLongFormChecksum expects 80 base64 characters, got ${first80.length}`);
  }
  return base62ChecksumText(checksumBytes(first80));
}

/**
 * The checksum tail in the older encoding (keys generated before the base62 switch): the first 3
 * (standard form) or 4 (long form) checksum bytes, base64-encoded.
 */
export function computeIdentifiableLegacyChecksum(first80: string, longForm = false): string {
  if (!FIRST_80.test(first80)) {
    throw new RangeError(`computeIdentifiableLegacyChecksum expects 80 base64 characters, got ${first80.length}`);
  }
  return Buffer.from(checksumBytes(first80).subarray(0, longForm ? 4 : 3)).toString("base64");
}

/** Which encoding the key's checksum matches, or undefined when it matches neither. */
function matchingChecksumEncoding(key: string): "base62" | "base64" | undefined {
  const first80 = key.slice(0, 80);
  const tail = key.slice(80);
  const bytes = checksumBytes(first80);
  if (base62ChecksumText(bytes).startsWith(tail.replace(/=+$/, ""))) return "base62";
  const longForm = key.length === IDENTIFIABLE_KEY_LONG_FORM_LENGTH;
  if (Buffer.from(bytes.subarray(0, longForm ? 4 : 3)).toString("base64") === tail) return "base64";
  return undefined;
}

/** Reads the fields of a string already known to have the identifiable-key structure. */
function readIdentifiableKey(key: string): IdentifiableKeyInfo {
  const serviceCode = key.slice(72, 76);
  const checksumEncoding = matchingChecksumEncoding(key);
  return {
    service: identifiableKeyServiceLabel(serviceCode),
    serviceCode,
    checksumValid: checksumEncoding !== undefined,
    createdAt: decodeIdentifiableKeyDate(key[58]!, key[59]!),
    longForm: key.length === IDENTIFIABLE_KEY_LONG_FORM_LENGTH,
    ...(checksumEncoding === undefined ? {} : { checksumEncoding }),
  };
}

/** Parses one whole string as an identifiable key; undefined when the structure does not match. */
export function parseIdentifiableKey(value: string): IdentifiableKeyInfo | undefined {
  if (!WHOLE_IDENTIFIABLE_KEY.test(value)) return undefined;
  return readIdentifiableKey(value);
}

/** One identifiable key found in a text. */
export interface IdentifiableKeyOccurrence {
  readonly start: number;
  readonly end: number;
  readonly secret: string;
  readonly info: IdentifiableKeyInfo;
}

/**
 * Every identifiable key standing alone in `text`, in order. Looks for the signature with `indexOf`
 * and only then checks the structure around it, so texts without `JQQJ` cost one substring search.
 */
export function findIdentifiableKeys(text: string): IdentifiableKeyOccurrence[] {
  const found: IdentifiableKeyOccurrence[] = [];
  let signatureAt = text.indexOf(IDENTIFIABLE_KEY_SIGNATURE, IDENTIFIABLE_KEY_SIGNATURE_OFFSET);
  while (signatureAt !== -1) {
    const start = signatureAt - IDENTIFIABLE_KEY_SIGNATURE_OFFSET;
    let next = signatureAt + 1;
    if (start === 0 || !BASE62_CHAR.test(text[start - 1]!)) {
      IDENTIFIABLE_KEY_AT.lastIndex = start;
      const match = IDENTIFIABLE_KEY_AT.exec(text);
      if (match !== null) {
        const secret = match[0];
        found.push({ start, end: start + secret.length, secret, info: readIdentifiableKey(secret) });
        next = start + secret.length;
      }
    }
    signatureAt = text.indexOf(IDENTIFIABLE_KEY_SIGNATURE, next);
  }
  return found;
}
