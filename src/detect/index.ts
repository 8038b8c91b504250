/**
 * Public surface of the detection engine. Rules and scanner import only from here; every key, name,
 * host and placeholder pattern of the project is defined once under src/detect/.
 */
export type * from "./types.js";

export { detectKeys, DETECTOR_IDS } from "./detect-text.js";
export {
  AZURE_AI_PROVIDER_SIGNATURE,
  computeIdentifiableChecksum,
  computeIdentifiableLegacyChecksum,
  computeIdentifiableLongFormChecksum,
  decodeIdentifiableKeyDate,
  findIdentifiableKeys,
  IDENTIFIABLE_KEY_LENGTH,
  IDENTIFIABLE_KEY_LONG_FORM_LENGTH,
  IDENTIFIABLE_KEY_PATTERN,
  IDENTIFIABLE_KEY_PATTERN_SOURCE,
  IDENTIFIABLE_KEY_SERVICES,
  IDENTIFIABLE_KEY_SIGNATURE,
  identifiableKeyServiceLabel,
  parseIdentifiableKey,
} from "./identifiable-key.js";
export type { IdentifiableKeyOccurrence } from "./identifiable-key.js";
export {
  DEFAULT_HOST_WINDOW_LINES,
  DEFAULT_LEGACY_KEY_SERVICE,
  findLegacyKeys,
  holdsLegacyKeyCandidate,
  HOST_WINDOW_MAX_CHARS,
  isKeyShapedHex,
  LEGACY_KEY_NEIGHBOUR_CLASS,
  LEGACY_KEY_PATTERN_SOURCE,
  namesAzureAiSdk,
} from "./legacy-key.js";
export type { NameKind } from "./names.js";
export { namesBeforeValue } from "./binding-names.js";
export type { LegacyKeyOccurrence, LegacyKeyOptions } from "./legacy-key.js";
export {
  AZURE_KEY_HEADER_NAMES,
  classifyName,
  isAzureKeyName,
  isGenericKeyName,
  isIdOrDigestName,
  isKeyHeaderName,
  isKeyLikeName,
  mayNameAzureKey,
  nameWords,
  serviceForName,
} from "./names.js";
export {
  AZURE_AI_HOST_PATTERN,
  AZURE_AI_HOST_SUFFIXES,
  AZURE_OPENAI_REST_SHAPES,
  AZURE_AI_HOST_PATTERN_SOURCE,
  findAzureAiHost,
  findAzureAiHosts,
  isAzureAiHost,
  serviceForHost,
} from "./hosts.js";
export type { FindHostsOptions, HostOccurrence } from "./hosts.js";
export { isPlaceholder, isRepetitive } from "./placeholder.js";
export { fingerprintFinding, fingerprintSecret, maskSecret } from "./mask.js";
export { encodeBase62 } from "./base62.js";
export { IDENTIFIABLE_KEY_CHECKSUM_SEED, marvin32, marvin64 } from "./marvin.js";
