/**
 * Marvin, the seeded 32-bit-word hash of the .NET runtime, as used by the identifiable Azure AI key
 * checksum. Written from the algorithm description (two 32-bit lanes, one mixing "block" per
 * little-endian word, a 0x80 padding word, two final blocks).
 */

/** The fixed seed of identifiable-key checksums: the ASCII bytes of "Default0" read big-endian. */
export const IDENTIFIABLE_KEY_CHECKSUM_SEED = 0x44656661756c7430n;

const rotateLeft = (value: number, bits: number): number => ((value << bits) | (value >>> (32 - bits))) >>> 0;

/** Runs Marvin over `data` and returns both 32-bit lanes. */
function marvinLanes(data: Uint8Array, seed: bigint): { low: number; high: number } {
  let p0 = Number(seed & 0xffffffffn) >>> 0;
  let p1 = Number((seed >> 32n) & 0xffffffffn) >>> 0;

  const block = (): void => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotateLeft(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotateLeft(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotateLeft(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotateLeft(p1, 19);
  };

  const wholeWordsEnd = data.length - (data.length % 4);
  for (let index = 0; index < wholeWordsEnd; index += 4) {
    // Read little-endian explicitly so the result never depends on the platform's byte order.
    const word =
      (data[index]! | (data[index + 1]! << 8) | (data[index + 2]! << 16) | (data[index + 3]! << 24)) >>> 0;
    p0 = (p0 + word) >>> 0;
    block();
  }

  // The 0-3 trailing bytes are packed below a 0x80 end marker.
  let tail = 0x80;
  for (let index = data.length - 1; index >= wholeWordsEnd; index--) {
    tail = ((tail << 8) | data[index]!) >>> 0;
  }
  p0 = (p0 + tail) >>> 0;
  block();
  block();
  return { low: p0, high: p1 };
}

/** The 64-bit Marvin hash (`high << 32 | low`), for cross-checking against published vectors. */
export function marvin64(data: Uint8Array, seed: bigint): bigint {
  const { low, high } = marvinLanes(data, seed);
  return (BigInt(high) << 32n) | BigInt(low);
}

/** The 32-bit Marvin hash (`high ^ low`), as an unsigned integer. */
export function marvin32(data: Uint8Array, seed: bigint): number {
  const { low, high } = marvinLanes(data, seed);
  return (low ^ high) >>> 0;
}
