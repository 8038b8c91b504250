/** Base62 with the digits-first alphabet `0-9A-Za-z`, as the identifiable-key checksum uses it. */

export const BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Encodes `bytes` read as one big-endian unsigned integer, with one leading `0` per leading zero byte
 * (at most `bytes.length - 1` of them, so an all-zero input still encodes to `bytes.length` chars).
 * Works on a byte array by repeated division, so any length is fine.
 */
export function encodeBase62(bytes: Uint8Array): string {
  let leadingZeroBytes = 0;
  while (leadingZeroBytes < bytes.length - 1 && bytes[leadingZeroBytes] === 0) leadingZeroBytes++;

  let dividend = Array.from(bytes);
  const digits: string[] = [];
  do {
    const quotient: number[] = [];
    let remainder = 0;
    for (const byte of dividend) {
      const accumulator = remainder * 256 + byte;
      const digit = Math.floor(accumulator / 62);
      remainder = accumulator % 62;
      if (quotient.length > 0 || digit > 0) quotient.push(digit);
    }
    digits.push(BASE62_ALPHABET[remainder]!);
    dividend = quotient;
  } while (dividend.length > 0);

  return "0".repeat(leadingZeroBytes) + digits.reverse().join("");
}
