/**
 * Which files `no-api-key-client` and `no-api-key-header` could report on, decided from the text before
 * any parser loads, and read from the rules' own data: the client rule's trace map, the Azure AI host
 * suffixes, the Azure OpenAI REST shapes, the key engine's signature and hex run, and the Azure key
 * name words. Each way a rule reports needs some strings in the file; a file holding none of them is
 * not parsed. It only says no where the rules could not say yes (a test runs both over every rule and
 * scanner fixture), with one limit: evidence written with escapes (`\u0061zure`) or computed
 * (`"Azure".concat(...)`, reversed, from character codes) is not read, and a name is read within its
 * line (see `mayNameAzureKey`).
 */
import {
  AZURE_AI_HOST_SUFFIXES,
  AZURE_KEY_HEADER_NAMES,
  AZURE_OPENAI_REST_SHAPES,
  holdsLegacyKeyCandidate,
  IDENTIFIABLE_KEY_SIGNATURE,
  mayNameAzureKey,
} from "../../detect/index.js";
import { textMayHoldKey } from "../../scanner/prefilter.js";
import type { TrackedConstruct } from "../../utils/azure-client-trace-map.js";
import {
  AZURE_CLIENT_TRACE_MAP,
  AZURE_NAME_WORD,
  LEGACY_AZURE_MARKERS,
  tracedConstructs,
} from "../../utils/azure-client-trace-map.js";

/** Strings a file must all hold, in any letter case, for one way of reporting. */
export type Evidence = readonly string[];

/**
 * An Azure AI host in a visible text: all labels of one suffix, since a host may be assembled
 * (`` `https://${resource}.openai.${domain}` ``).
 */
const AZURE_HOST: readonly Evidence[] = AZURE_AI_HOST_SUFFIXES.map((suffix) => suffix.split("."));

/** An Azure OpenAI REST shape in a URL, whose slashes may come from the parts joined around it (`base + "openai/deployments/"`). */
const REST_SHAPE: readonly Evidence[] = AZURE_OPENAI_REST_SHAPES.map((shape) => [shape.replace(/^\/|\/$/g, "")]);

/** No further evidence: the construction alone is reported. */
const ALWAYS: readonly Evidence[] = [[]];

/** What the client rule needs besides the construction itself, by the kind of construction. */
function constructEvidence(info: TrackedConstruct): readonly Evidence[] {
  switch (info.kind) {
    case "options":
      return info.requiresAzureBaseUrl === true ? AZURE_HOST : ALWAYS;
    case "credential":
      return info.requiresAzureEndpoint ? [...AZURE_HOST, [AZURE_NAME_WORD]] : ALWAYS;
    case "legacy":
      return [[LEGACY_AZURE_MARKERS[info.azureWhen].toLowerCase()]];
    case "key-argument":
    case "default-provider":
      return ALWAYS;
    case "key-credential":
      // Never reported alone: the client it is passed to brings its own evidence.
      return [];
  }
}

/** The alternatives without repeats: an alternative that asks for all of another's strings and more is left out. */
function simplest(alternatives: readonly Evidence[]): Evidence[] {
  const sets = alternatives.map((evidence) => [...new Set(evidence)]);
  const asksMore = (wider: readonly string[], narrower: readonly string[]): boolean =>
    narrower.every((piece) => wider.includes(piece)) && wider.length > narrower.length;
  const kept = sets.filter((evidence) => !sets.some((other) => asksMore(evidence, other)));
  return [...new Map(kept.map((evidence) => [evidence.join("\0"), evidence])).values()];
}

/**
 * For each package of the trace map, as quoted in an import or `require`: the alternatives of which
 * one must hold. A construction needs the export names on its way (`AzureOpenAI`, `SpeechConfig` and
 * `fromSubscription`), read in any form the tracker follows (named, namespace, destructured), and
 * what its kind needs: `OpenAI` reaches Azure only with an Azure AI host as `baseURL`.
 */
export const CLIENT_EVIDENCE: ReadonlyMap<string, readonly Evidence[]> = new Map(
  Object.entries(AZURE_CLIENT_TRACE_MAP).map(([module, entry]) => [
    module,
    simplest(
      [...tracedConstructs(entry)].flatMap(({ names, info }) =>
        constructEvidence(info).map((evidence) => [...names.map((name) => name.toLowerCase()), ...evidence]),
      ),
    ),
  ]),
);

/** The packages of `no-api-key-client`'s trace map. */
export const CLIENT_MODULES: readonly string[] = Object.keys(AZURE_CLIENT_TRACE_MAP);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** Any package of the trace map in quotes, found in one pass over a text. */
const QUOTED_MODULE = new RegExp(`(["'\`])(${[...CLIENT_EVIDENCE.keys()].map(escapeRegExp).join("|")})\\1`, "g");

/**
 * What makes an `api-key` (or `Ocp-Apim-Subscription-Key`, or Foundry `x-api-key`) header or query
 * parameter an Azure one besides a key or an Azure key name: an Azure AI host, an Azure OpenAI REST
 * shape in the URL, or an `AzureOpenAI` client sending it (the header rule's `openai` client table).
 */
const KEY_HEADER_EVIDENCE: readonly Evidence[] = simplest([...AZURE_HOST, ...REST_SHAPE, ["azureopenai"]]);

/**
 * A key the engine finds in a header's value (an identifiable key's signature, a 32-hex candidate), or
 * a value read from an Azure key name: evidence for every header report, also `Authorization: Bearer`.
 */
const keyOrKeyName = (text: string, fromBytes: boolean): boolean =>
  (textMayHoldKey(text) && (text.includes(IDENTIFIABLE_KEY_SIGNATURE) || holdsLegacyKeyCandidate(text))) || mayNameAzureKey(text, fromBytes);

/**
 * Header names as the header rule reads them (any letter case), and its own first look for a bearer
 * header: `Authorization` and `bearer` both named.
 */
const KEY_HEADER_MENTION = new RegExp(AZURE_KEY_HEADER_NAMES.join("|"), "i");
const AUTHORIZATION_MENTION = /authorization/i;
const BEARER_MENTION = /bearer/i;

/**
 * The only code points whose lower case holds an ASCII char, `İ` (U+0130, to `i̇`) and the Kelvin sign
 * (U+212A, to `k`): their UTF-8 bytes read as latin1 and lower-cased, and what they lower to, read so.
 */
const LOWERED_TO_ASCII: readonly (readonly [string, string])[] = ["\u0130", "\u212A"].map((char) => [
  Buffer.from(char, "utf8").toString("latin1").toLowerCase(),
  Buffer.from(char.toLowerCase(), "utf8").toString("latin1").toLowerCase(),
]);

/**
 * A file's UTF-8 bytes read as latin1 and lower-cased, with the ASCII chars its text has once decoded
 * and lower-cased: those two code points' bytes are replaced by what they lower to. (A longer sequence
 * ending in the same bytes gains an ASCII char too: the bytes then say "maybe" where the text says no.)
 */
function lowerLatin1(text: string): string {
  let lower = text.toLowerCase();
  for (const [bytes, lowered] of LOWERED_TO_ASCII) if (lower.includes(bytes)) lower = lower.replaceAll(bytes, lowered);
  return lower;
}

/**
 * The steps of `mayReport` over the windows of a text (one window: the whole text), or of a file's
 * UTF-8 bytes read as latin1 (`fromBytes`, see `mayReportBytes`). First the quoted packages and header
 * mentions, then, only if one asks for it, the lower-cased evidence strings and a key or key name.
 * Each string and expression matches within `WINDOW_OVERLAP` chars, so across overlapping windows it
 * finds what it finds in the whole text, or more (a name or a hex run cut at a window's edge): never less.
 */
function reportEvidence(windows: () => Iterable<string>, fromBytes: boolean): boolean {
  const modules = new Set<string>();
  let keyHeader = false;
  let authorization = false;
  let bearer = false;
  for (const text of windows()) {
    for (const [, , module] of text.matchAll(QUOTED_MODULE)) modules.add(module!);
    keyHeader ||= KEY_HEADER_MENTION.test(text);
    authorization ||= AUTHORIZATION_MENTION.test(text);
    bearer ||= BEARER_MENTION.test(text);
  }
  const alternatives = [...[...modules].flatMap((module) => CLIENT_EVIDENCE.get(module) ?? []), ...(keyHeader ? KEY_HEADER_EVIDENCE : [])];
  const asksKey = keyHeader || (authorization && bearer);
  if (alternatives.length === 0 && !asksKey) return false;
  const wanted = [...new Set(alternatives.flat())];
  const found = new Set<string>();
  const holds = (evidence: Evidence): boolean => evidence.every((piece) => found.has(piece));
  if (alternatives.some(holds)) return true;
  for (const text of windows()) {
    if (found.size < wanted.length) {
      // Lower-cased only for a file that imports a tracked package or names a key header.
      const lower = fromBytes ? lowerLatin1(text) : text.toLowerCase();
      for (const piece of wanted) if (!found.has(piece) && lower.includes(piece)) found.add(piece);
      if (alternatives.some(holds)) return true;
    }
    if (asksKey && keyOrKeyName(text, fromBytes)) return true;
  }
  return false;
}

/**
 * False when neither rule can report on `text`: no tracked package is imported with its evidence,
 * and no key header or bearer header has its evidence.
 */
export const mayReport = (text: string): boolean => reportEvidence(() => [text], false);

/**
 * Bytes are read in windows of this many chars: below V8's large-object size, so the strings they
 * make reuse young-generation memory instead of fresh pages (a 1 MB bundle read whole cost as much in
 * page faults as in reading).
 */
export const BYTE_WINDOW = 1 << 16;
/**
 * How far windows overlap: more than the longest stretch any step reads at one place, a key name read
 * back from its ending (256 chars, see `mayNameAzureKey`) with the ending and the char after it.
 */
export const WINDOW_OVERLAP = 512;

/** The bytes read as latin1 in overlapping windows. */
function* latin1Windows(bytes: Buffer): Generator<string> {
  for (let start = 0; ; start += BYTE_WINDOW - WINDOW_OVERLAP) {
    const end = Math.min(bytes.length, start + BYTE_WINDOW);
    yield bytes.toString("latin1", start, end);
    if (end === bytes.length) return;
  }
}

/**
 * `mayReport` asked of a file's UTF-8 bytes before they are decoded: false only where the bytes prove
 * that `mayReport` of their text is false; true where the text must be decoded and asked. Read as
 * latin1, the bytes hold the text's ASCII chars in their order, with non-ASCII chars in between where
 * the text has multi-byte sequences. Every string `mayReport` looks for is ASCII, and its expressions
 * match ASCII only (a non-unicode `/i` never matches a non-ASCII char to an ASCII one), so they find
 * the same in both. Two things differ: lower-casing, which `lowerLatin1` makes agree, and names read
 * with non-ASCII chars, which `mayNameAzureKey` leaves to the decoded text.
 */
export const mayReportBytes = (bytes: Buffer): boolean => reportEvidence(() => latin1Windows(bytes), true);
