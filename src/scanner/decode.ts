/** Deciding whether bytes are text, and decoding them: UTF-8 (BOM or not), UTF-16 and UTF-32 LE/BE with a BOM that holds up. */
import { extname } from "node:path";

/** How much of the start of a file is checked for NUL bytes, as git and ripgrep do. */
export const BINARY_PROBE_BYTES = 8192;

/** Formats that can run long before their first NUL byte (or never have one), by lower-case extension. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".icns", ".webp", ".avif", ".tif", ".tiff", ".psd",
  ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".jar", ".war", ".whl",
  ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".flac", ".mov",
  ".avi", ".webm", ".mkv", ".exe", ".dll", ".so", ".dylib", ".o", ".a", ".lib", ".class", ".pyc",
  ".wasm", ".node", ".bin", ".dat", ".db", ".sqlite", ".parquet", ".onnx", ".pt", ".pkl", ".npy",
  ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt",
]);

/** Leading bytes of binary formats whose first NUL may come late. */
const MAGIC_NUMBERS: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x50, 0x4b, 0x03, 0x04], // ZIP (also jar, docx, xlsx)
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x77, 0x4f, 0x46, 0x46], // wOFF
  [0x77, 0x4f, 0x46, 0x32], // wOF2
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x00, 0x61, 0x73, 0x6d], // wasm
];

export function hasBinaryExtension(path: string): boolean {
  return BINARY_EXTENSIONS.has(extname(path).toLowerCase());
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let index = 0; index < prefix.length; index += 1) if (bytes[index] !== prefix[index]) return false;
  return true;
}

export type ByteKind = "binary" | "undecodable" | "utf8" | "utf16le" | "utf16be" | "utf32le" | "utf32be";

/** What the bytes are, going by the BOM and the first bytes, without decoding them. */
export function classifyBytes(bytes: Uint8Array): ByteKind {
  // A BOM comes first: UTF-16 and UTF-32 text is full of NUL bytes. UTF-32 LE's BOM starts like UTF-16 LE's.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes[2] === 0 && bytes[3] === 0 ? "utf32le" : "utf16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf16be";
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return "utf32be";
  for (const magic of MAGIC_NUMBERS) if (startsWith(bytes, magic)) return "binary";
  return (bytes.length > BINARY_PROBE_BYTES ? bytes.subarray(0, BINARY_PROBE_BYTES) : bytes).includes(0) ? "binary" : "utf8";
}

/** Not text: `reason` says whether it looked binary or was text that cannot be decoded. */
export type DecodeResult =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "binary"; readonly reason: "binary" | "undecodable" };

const utf8 = new TextDecoder("utf-8", { ignoreBOM: false });
const utf16le = new TextDecoder("utf-16le", { ignoreBOM: false });
const utf16be = new TextDecoder("utf-16be", { ignoreBOM: false });

/** Code units checked for plausibility: enough to see a line break or a space in any real text. */
const PLAUSIBILITY_PROBE_UNITS = 4096;
/** Shorter texts need not show an ASCII character: no key fits in 15 UTF-16 units of ASCII pairs. */
const MIN_UNITS_WITHOUT_ASCII = 16;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether decoded text looks like text: no NUL or other control besides tab, line feed, form feed and
 * carriage return, no unpaired surrogate, and (beyond a few characters) at least one ASCII character
 * in the probe. ASCII bytes behind a stray UTF-16 BOM decode to CJK-like units with no ASCII at all,
 * which is how a two-byte prefix would otherwise turn a `.env` into noise.
 */
function isPlausibleText(text: string): boolean {
  // Cut before a high surrogate whose low half lies beyond the probe.
  let probe = text.length > PLAUSIBILITY_PROBE_UNITS ? text.slice(0, PLAUSIBILITY_PROBE_UNITS) : text;
  if (probe.length < text.length && /[\uD800-\uDBFF]$/.test(probe)) probe = probe.slice(0, -1);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f]/.test(probe)) return false;
  if (LONE_SURROGATE.test(probe)) return false;
  // eslint-disable-next-line no-control-regex -- any ASCII character, NUL included
  return probe.length < MIN_UNITS_WITHOUT_ASCII || /[\u0000-\u007f]/.test(probe);
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let offset = 4; offset < bytes.length; offset += 4) {
    const codePoint = view.getUint32(offset, littleEndian);
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
    chunk.push(codePoint);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join("");
}

/** The bytes after a BOM read as UTF-8 (the test any file without a BOM gets), when the BOM turned out to lie. */
function fallbackUtf8(bytes: Uint8Array, bomLength: number): string | undefined {
  const rest = bytes.subarray(bomLength);
  if (rest.subarray(0, BINARY_PROBE_BYTES).includes(0)) return undefined;
  return utf8.decode(rest);
}

function decodeWide(bytes: Uint8Array, kind: "utf16le" | "utf16be" | "utf32le" | "utf32be"): DecodeResult {
  const wide =
    kind === "utf32le" || kind === "utf32be"
      ? decodeUtf32(bytes, kind === "utf32le")
      : bytes.length % 2 === 0
        ? (kind === "utf16le" ? utf16le : utf16be).decode(bytes)
        : undefined;
  if (wide !== undefined && isPlausibleText(wide)) return { kind: "text", text: wide };
  // A UTF-32 LE BOM may be a UTF-16 LE BOM followed by a NUL; then the UTF-16 reading decides.
  if (kind === "utf32le") return decodeWide(bytes, "utf16le");
  const text = fallbackUtf8(bytes, kind === "utf32be" ? 4 : 2);
  return text === undefined ? { kind: "binary", reason: "undecodable" } : { kind: "text", text };
}

/**
 * Text when the bytes look like text in a supported encoding; `binary` or `undecodable` otherwise.
 * A BOM is trusted only when the text it announces is plausible; otherwise the rest is read as
 * UTF-8, and when that is no text either the file is `undecodable` (listed, never a clean scan).
 * Never throws.
 */
export function decodeBytes(bytes: Uint8Array, kind: ByteKind = classifyBytes(bytes)): DecodeResult {
  switch (kind) {
    case "binary":
    case "undecodable":
      return { kind: "binary", reason: kind };
    case "utf16le":
    case "utf16be":
    case "utf32le":
    case "utf32be":
      return decodeWide(bytes, kind);
    case "utf8":
      // The UTF-8 decoder drops a leading BOM, so offsets count from the first real character.
      return { kind: "text", text: utf8.decode(bytes) };
  }
}
