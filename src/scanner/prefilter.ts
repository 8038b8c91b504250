/**
 * A byte-level "could this file hold a key at all?" test that lets most files skip decoding and the
 * engine. It decides nothing about keys: it only says no when the engine could not say yes, reading
 * the engine's own constants (the identifiable-key signature, the legacy key's hex run length and the
 * chars that may not touch it). On real trees 99.6% of files say no (23,637 of 23,728 in the
 * benchmark corpus), and one pass over bytes costs a fraction of V8's regex search for a 32-char hex
 * run over the decoded text.
 */
import { IDENTIFIABLE_KEY_SIGNATURE, isKeyShapedHex, LEGACY_KEY_NEIGHBOUR_CLASS, LEGACY_KEY_PATTERN_SOURCE } from "../detect/index.js";

/** Every identifiable key carries the signature at a fixed place. */
const SIGNATURE = Buffer.from(IDENTIFIABLE_KEY_SIGNATURE, "latin1");
/** A legacy key is a run of this many hex digits, as the engine's pattern says (`[0-9A-Fa-f]{32}`). */
const HEX_RUN_LENGTH = Number(/\{(\d+)\}$/.exec(LEGACY_KEY_PATTERN_SOURCE)?.[1] ?? "32");

const IS_HEX_BYTE = new Uint8Array(256);
for (const char of "0123456789abcdefABCDEF") IS_HEX_BYTE[char.charCodeAt(0)] = 1;
/** ASCII bytes that may not touch a standalone run. A byte >= 0x80 is part of a non-ASCII char, which may. */
const IS_NEIGHBOUR_BYTE = new Uint8Array(256);
const NEIGHBOUR = new RegExp(LEGACY_KEY_NEIGHBOUR_CLASS);
for (let byte = 0; byte < 0x80; byte += 1) IS_NEIGHBOUR_BYTE[byte] = NEIGHBOUR.test(String.fromCharCode(byte)) ? 1 : 0;

/**
 * The longest byte string the test must see whole to decide as it does on the whole file: the
 * signature, or a key-long run with the byte either side. A file read in chunks that overlap by one
 * byte less gets the same answer from its chunks as from the whole file (chunked-read.ts).
 */
export const KEY_TEST_SPAN = Math.max(SIGNATURE.length, HEX_RUN_LENGTH + 2);

/**
 * Where the bytes handed to the test lie in their file. A chunk of a larger file starts or ends
 * inside it: a run that touches such a cut may go on beyond it, so it is never taken as standalone
 * there; the chunk that holds it whole (with its neighbours) decides.
 */
export interface ChunkEdges {
  readonly atFileStart: boolean;
  readonly atFileEnd: boolean;
}

const WHOLE_FILE: ChunkEdges = { atFileStart: true, atFileEnd: true };

/** Any run of HEX_RUN_LENGTH bytes contains two positions this far apart that are multiples of it. */
const STRIDE = Math.max(1, Math.floor(HEX_RUN_LENGTH / 2));

function isHexAt(bytes: Buffer, index: number): boolean {
  return IS_HEX_BYTE[bytes[index] as number] === 1;
}

/**
 * How the engine reads the file. `text`: its whole-text pass only, where a legacy key is a run of
 * exactly HEX_RUN_LENGTH hex digits with none of the neighbour chars either side (a 40-hex commit id,
 * a run inside base64 never is) and the key shape of its own chars (one case, a letter, not
 * repetitive). `values`: the file also has an extractor, which unescapes values
 * (a JSON `\n` right before a run becomes a line break), so any long enough run counts.
 */
export type KeyReading = "text" | "values";

/**
 * False only when the UTF-8/ASCII bytes hold neither the identifiable signature nor a hex run the
 * engine could read as a key. Only every STRIDE-th byte is looked at first: a long enough run must
 * cover two neighbouring stride points, and only then is the run around them measured.
 */
export function mayHoldKey(bytes: Buffer, reading: KeyReading, edges: ChunkEdges = WHOLE_FILE): boolean {
  if (bytes.indexOf(SIGNATURE) !== -1) return true;
  for (let point = 0; point + STRIDE < bytes.length; point += STRIDE) {
    // A non-hex byte at the next point rules out both pairs it belongs to: on to the pair after them.
    if (!isHexAt(bytes, point + STRIDE)) {
      point += STRIDE;
      continue;
    }
    if (!isHexAt(bytes, point)) continue;
    let start = point;
    while (start > 0 && isHexAt(bytes, start - 1)) start -= 1;
    let end = point + 1;
    while (end < bytes.length && isHexAt(bytes, end)) end += 1;
    if (reading === "values" ? end - start >= HEX_RUN_LENGTH : isStandaloneRun(bytes, start, end, edges)) return true;
    // The run ended before the next stride point: continue from the point after it.
    point = Math.max(point, end - (end % STRIDE) - STRIDE);
  }
  return false;
}

/**
 * The maximal hex run `start..end` is exactly a key long, key-shaped, with no neighbour char either
 * side; the start or end of the bytes counts as no neighbour only where it is the file's.
 */
function isStandaloneRun(bytes: Buffer, start: number, end: number, edges: ChunkEdges): boolean {
  return (
    end - start === HEX_RUN_LENGTH &&
    (start === 0 ? edges.atFileStart : IS_NEIGHBOUR_BYTE[bytes[start - 1] as number] === 0) &&
    (end === bytes.length ? edges.atFileEnd : IS_NEIGHBOUR_BYTE[bytes[end] as number] === 0) &&
    isKeyShapedHex(bytes.toString("latin1", start, end))
  );
}

const IS_HEX_CODE = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);

/**
 * `mayHoldKey` for a decoded string (a JSON value, a joined notebook cell): false only when it holds
 * neither the identifiable signature nor a long enough hex run. Same stride walk, over UTF-16 units.
 */
export function textMayHoldKey(text: string): boolean {
  if (text.includes(IDENTIFIABLE_KEY_SIGNATURE)) return true;
  for (let point = 0; point + STRIDE < text.length; point += STRIDE) {
    if (!IS_HEX_CODE(text.charCodeAt(point + STRIDE))) {
      point += STRIDE;
      continue;
    }
    if (!IS_HEX_CODE(text.charCodeAt(point))) continue;
    let start = point;
    while (start > 0 && IS_HEX_CODE(text.charCodeAt(start - 1))) start -= 1;
    let end = point + 1;
    while (end < text.length && IS_HEX_CODE(text.charCodeAt(end))) end += 1;
    if (end - start >= HEX_RUN_LENGTH) return true;
    point = Math.max(point, end - (end % STRIDE) - STRIDE);
  }
  return false;
}
