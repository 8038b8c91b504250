/**
 * The files the scanner itself reads and writes besides the scanned ones. Reading (config,
 * package.json, baseline, ignore files) from a tree it does not trust: a symlink is never followed
 * (it could point outside the tree or at /dev/zero), a FIFO or device is never opened for reading (it
 * could block forever or never end), and no more than a fixed size is read. Writing (`--output`,
 * `--write-baseline`): through a temp file and a rename, so a reader never sees half a report and a
 * failed run leaves the previous file as it was.
 */
import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Config, package.json and baseline files larger than this are refused. */
export const MAX_SMALL_FILE_BYTES = 16 * 1024 * 1024;

export type SmallFileResult =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "absent" }
  /** `reason` is a skip reason of the walk: `symlink`, `not-a-file`, `too-large` or `unreadable`. */
  | { readonly kind: "refused"; readonly reason: "symlink" | "not-a-file" | "too-large" | "unreadable"; readonly detail: string };

export type SmallBytesResult = Exclude<SmallFileResult, { readonly kind: "text" }> | { readonly kind: "bytes"; readonly bytes: Buffer };

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : String(error);
}

/**
 * The bytes of `path`, `absent` when nothing is there, or why it was refused. Never blocks and never
 * reads more than `maxBytes` (+1 to notice a file still growing).
 */
export function readSmallBytes(path: string, maxBytes: number = MAX_SMALL_FILE_BYTES): SmallBytesResult {
  let descriptor: number | undefined;
  try {
    try {
      descriptor = openSync(path, OPEN_FLAGS);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") return { kind: "absent" };
      if (code === "ELOOP") return { kind: "refused", reason: "symlink", detail: "a symbolic link, not followed" };
      return { kind: "refused", reason: "unreadable", detail: code };
    }
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { kind: "refused", reason: "not-a-file", detail: "not a regular file" };
    if (stats.size > maxBytes) return { kind: "refused", reason: "too-large", detail: `${stats.size} bytes, over the ${maxBytes}-byte limit` };
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, stats.size) + 1);
    let length = 0;
    for (let count = -1; count !== 0 && length < buffer.length; length += count) {
      count = readSync(descriptor, buffer, length, buffer.length - length, null);
    }
    if (length > maxBytes) return { kind: "refused", reason: "too-large", detail: `over the ${maxBytes}-byte limit` };
    return { kind: "bytes", bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { kind: "refused", reason: "unreadable", detail: errorCode(error) };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The UTF-8 text of `path` (a UTF-8 BOM dropped); otherwise as `readSmallBytes`. */
export function readSmallFile(path: string, maxBytes: number = MAX_SMALL_FILE_BYTES): SmallFileResult {
  const read = readSmallBytes(path, maxBytes);
  if (read.kind !== "bytes") return read;
  const text = read.bytes.toString("utf8");
  return { kind: "text", text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * A JSON.parse error without the excerpt of the input V8 puts in it (it may hold a key), with the
 * line and column when V8 gives a position.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  // `Unexpected token 'x', "...excerpt..." is not valid JSON`: keep the token, drop the excerpt.
  const reason = message.replace(/, .* is not valid JSON$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
  if (position?.[1] === undefined) return reason;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${reason.replace(/\s*in JSON at position \d+|\s*at position \d+/, "")} at line ${line}, column ${column}`;
}

/**
 * Writes `text` to `target` atomically: a new temp file beside it (created exclusively, so never
 * through a planted symlink), then a rename over the target (which replaces a symlink there rather
 * than writing through it). Throws the file system's error.
 */
export function writeFileAtomically(target: string, text: string): void {
  // `-o /dev/null`, `-o /dev/stdout`, a FIFO: a rename would replace the device itself (as root, /dev/null
  // became a regular file), so what is not a regular file or a folder is written through instead.
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    writeFileSync(target, text);
    return;
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, text, { flag: "wx", mode: 0o644 });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
