/**
 * Synthetic Azure AI keys for tests, generated at run time so no key-shaped literal sits in the
 * repository (the project scans itself). Every generator is deterministic for a given seed.
 */
import {
  AZURE_AI_PROVIDER_SIGNATURE,
  computeIdentifiableChecksum,
  computeIdentifiableLegacyChecksum,
  computeIdentifiableLongFormChecksum,
  IDENTIFIABLE_KEY_SIGNATURE,
} from "../../src/detect/index.js";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX = "0123456789abcdef";

/** A small seeded PRNG (mulberry32): uniform floats in [0, 1), the same sequence for the same seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (alphabet: string, random: () => number): string =>
  alphabet[Math.floor(random() * alphabet.length)]!;

const randomText = (alphabet: string, length: number, random: () => number): string =>
  Array.from({ length }, () => pick(alphabet, random)).join("");

export interface IdentifiableKeyRecipe {
  /** Provider-reserved field (chars 72-75), e.g. "AAAB" (Azure OpenAI, the default) or "AAAA". */
  readonly service?: string;
  /** Creation year, 2024-2087 (default 2025). */
  readonly year?: number;
  /** Creation month, 1-12 (default 1). */
  readonly month?: number;
  /** Source of the random secret chars: a PRNG or a seed for `createRandom` (default seed 1). */
  readonly random?: (() => number) | number;
  /** The 52 secret chars, or one char repeated 52 times (e.g. "x"), instead of random ones. */
  readonly filler?: string;
  /** Platform-reserved chars 60-71 (12 base62 chars; default 12 `A`, i.e. zero bytes). */
  readonly platform?: string;
  /** The 88-char form ending `==` (default false). */
  readonly longForm?: boolean;
  /**
   * Checksum encoding: "base62" (current, default) or "base64" (older generators). A base64 checksum can
   * contain `+` or `/`, which no key may; then new random secret chars are drawn, as those generators did.
   */
  readonly checksumEncoding?: "base62" | "base64";
}

/** A checksum-valid identifiable Azure AI key built from `recipe`. */
export function generateIdentifiableKey(recipe: IdentifiableKeyRecipe = {}): string {
  const { service = "AAAB", year = 2025, month = 1, platform = "A".repeat(12), longForm = false } = recipe;
  const random = typeof recipe.random === "function" ? recipe.random : createRandom(recipe.random ?? 1);
  if (!/^[A-Za-z0-9]{4}$/.test(service)) throw new RangeError(`service code must be 4 base62 chars: ${service}`);
  if (!/^[A-Za-z0-9]{12}$/.test(platform)) throw new RangeError("platform must be 12 base62 chars");
  if (month < 1 || month > 12) throw new RangeError(`month out of range: ${month}`);
  const yearChar = BASE64_DIGITS[year - 2024];
  if (yearChar === undefined || !/[A-Za-z0-9]/.test(yearChar)) throw new RangeError(`year out of range: ${year}`);
  const monthChar = String.fromCharCode("A".charCodeAt(0) + month - 1);

  for (;;) {
    const secret =
      recipe.filler === undefined
        ? randomText(BASE62, 52, random)
        : recipe.filler.length === 1
          ? recipe.filler.repeat(52)
          : recipe.filler;
    if (!/^[A-Za-z0-9]{52}$/.test(secret)) throw new RangeError("filler must be 1 or 52 base62 chars");
    // Signature, org bits (`9`), access-key kind (`9`), date, platform, service, provider signature.
    const first80 = `${secret}${IDENTIFIABLE_KEY_SIGNATURE}99${yearChar}${monthChar}${platform}${service}${AZURE_AI_PROVIDER_SIGNATURE}`;
    const checksum =
      recipe.checksumEncoding === "base64"
        ? computeIdentifiableLegacyChecksum(first80, longForm)
        : longForm
          ? computeIdentifiableLongFormChecksum(first80)
          : computeIdentifiableChecksum(first80);
    if (/^[A-Za-z0-9]+=*$/.test(checksum)) return first80 + checksum;
    if (recipe.filler !== undefined) throw new RangeError("this filler gives a base64 checksum with + or /");
  }
}

/** `key` with the char at `index` replaced by a different base62 char (the next one in the alphabet). */
export function corruptKey(key: string, index: number): string {
  const current = key[index];
  if (current === undefined) throw new RangeError(`index ${index} is outside the key`);
  const position = BASE62.indexOf(current);
  const replacement = BASE62[(position + 1) % BASE62.length]!;
  return key.slice(0, index) + replacement + key.slice(index + 1);
}

/** A realistic legacy key: 32 random hex digits, lower-case unless `uppercase`, deterministic by seed. */
export function generateHexKey(seed: number, options: { readonly uppercase?: boolean } = {}): string {
  const hex = randomText(HEX, 32, createRandom(seed));
  return options.uppercase === true ? hex.toUpperCase() : hex;
}
