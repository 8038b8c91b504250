/** Deciding whether bytes are text, and decoding them: UTF-8 (BOM or not), UTF-16 LE/BE with BOM. */
import { extname } from "node:path";

/** How much of the start of a file is checked for NUL bytes, as git and ripgrep do. */
const BINARY_PROBE_BYTES = 8192;

/** Formats that can run long before their first NUL byte (or never have one), by extension. */
const BINARY_EXTENSIONS = new Set([
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
  return prefix.every((byte, index) => bytes[index] === byte);
}

export type ByteKind = "binary" | "undecodable" | "utf8" | "utf16le" | "utf16be";

/** What the bytes are, without decoding them. */
export function classifyBytes(bytes: Uint8Array): ByteKind {
  // A UTF-16 BOM comes first: UTF-16 text is full of NUL bytes. An odd length is a truncated file.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.length % 2 === 0 ? "utf16le" : "undecodable";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.length % 2 === 0 ? "utf16be" : "undecodable";
  if (MAGIC_NUMBERS.some((magic) => startsWith(bytes, magic))) return "binary";
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0) ? "binary" : "utf8";
}

/** Not text: `reason` says whether it looked binary or was text that cannot be decoded (truncated UTF-16). */
export type DecodeResult =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "binary"; readonly reason: "binary" | "undecodable" };

const utf8 = new TextDecoder("utf-8", { ignoreBOM: false });
const utf16le = new TextDecoder("utf-16le", { ignoreBOM: false });
const utf16be = new TextDecoder("utf-16be", { ignoreBOM: false });

/** Text when the bytes look like text in a supported encoding; `binary` otherwise. Never throws. */
export function decodeBytes(bytes: Uint8Array, kind: ByteKind = classifyBytes(bytes)): DecodeResult {
  switch (kind) {
    case "binary":
    case "undecodable":
      return { kind: "binary", reason: kind };
    case "utf16le":
      return { kind: "text", text: utf16le.decode(bytes) };
    case "utf16be":
      return { kind: "text", text: utf16be.decode(bytes) };
    case "utf8":
      // The UTF-8 decoder drops a leading BOM, so offsets count from the first real character.
      return { kind: "text", text: utf8.decode(bytes) };
  }
}
