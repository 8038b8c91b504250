/**
 * Reading a file larger than the scratch buffer through it, chunk by chunk: a big file with nothing
 * to scan (a bundled library, generated code) then costs no memory beyond that buffer. Consecutive
 * chunks share `overlap` bytes, so any byte string up to `overlap + 1` bytes long lies whole in one
 * chunk, and a byte test that looks for such strings answers for the chunks as for the whole file.
 */
import { readSync } from "node:fs";

import type { ChunkEdges } from "./prefilter.js";

/** Whether a chunk may hold anything to scan; `edges` says which of its ends are the file's. */
export type ChunkTest = (chunk: Buffer, edges: ChunkEdges) => boolean;

/** Reads up to `size` bytes from the start of the file into `into`; the count read (less when the file shrank). */
export function readFully(descriptor: number, into: Buffer, size: number): number {
  let read = 0;
  while (read < size) {
    const count = readSync(descriptor, into, read, size - read, read);
    if (count === 0) break;
    read += count;
  }
  return read;
}

/**
 * Reads the `size` bytes of `descriptor` through `buffer`, whose first `filled` bytes already hold the
 * file's start, and asks `test` of each chunk. The first chunk that says maybe: the whole file, read
 * into `wholeBuffer(size)` (by default a buffer of its own, freed with the scan). None: the number of
 * bytes read. A file that shrank since `size` was taken ends at its last byte, as a whole read does.
 */
export function readThroughChunks(
  descriptor: number,
  size: number,
  buffer: Buffer,
  filled: number,
  overlap: number,
  test: ChunkTest,
  wholeBuffer: (size: number) => Buffer = Buffer.allocUnsafe,
): number | Buffer {
  if (overlap < 0 || overlap >= buffer.length) throw new RangeError(`a chunk overlap of ${overlap} bytes does not fit a ${buffer.length}-byte buffer`);
  let chunkStart = 0;
  let length = filled;
  for (;;) {
    let ended = false;
    while (length < buffer.length && chunkStart + length < size) {
      const count = readSync(descriptor, buffer, length, Math.min(buffer.length - length, size - chunkStart - length), chunkStart + length);
      if (count === 0) {
        ended = true;
        break;
      }
      length += count;
    }
    const end = chunkStart + length;
    const atFileEnd = ended || end >= size;
    if (test(buffer.subarray(0, length), { atFileStart: chunkStart === 0, atFileEnd })) {
      const whole = wholeBuffer(size);
      return whole.subarray(0, readFully(descriptor, whole, size));
    }
    if (atFileEnd) return end;
    buffer.copyWithin(0, length - overlap, length);
    chunkStart = end - overlap;
    length = overlap;
  }
}
