import { encodeBase62, IDENTIFIABLE_KEY_CHECKSUM_SEED, marvin32, marvin64 } from "../../src/detect/index.js";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

// Published Marvin vectors: the .NET runtime's test seed 0x004FB61A001BDBCC with 0-7 byte inputs, and the
// "abc" / alphabet cases of the security-utilities Marvin tests.
describe("marvin64", () => {
  const seed0 = 0x004fb61a001bdbccn;

  it.each([
    { input: bytes(), expected: 0x30ed35c100cd3c7dn },
    { input: bytes(0xaf), expected: 0x48e73fc77d75ddc1n },
    { input: bytes(0xe7, 0x0f), expected: 0xb5f6e1fc485dbff8n },
    { input: bytes(0x37, 0xf4, 0x95), expected: 0xf0b07c789b8cf7e8n },
    { input: bytes(0x86, 0x42, 0xdc, 0x59), expected: 0x7008f2e87e9cf556n },
    { input: bytes(0x15, 0x3f, 0xb7, 0x98, 0x26), expected: 0xe6c08c6da2afa997n },
    { input: bytes(0x09, 0x32, 0xe6, 0x24, 0x6c, 0x47), expected: 0x6f04bf1a5ea24060n },
    { input: bytes(0xab, 0x42, 0x7e, 0xa8, 0xd1, 0x0f, 0xc7), expected: 0xe11847e4f0678c41n },
  ])("hashes $input.length bytes with seed 0x004FB61A001BDBCC", ({ input, expected }) => {
    expect(marvin64(input, seed0)).toBe(expected);
  });

  it("hashes ascii text with other seeds", () => {
    expect(marvin64(ascii("abc"), 0xd53cd9cecd0893b7n)).toBe(0x22c74339492769bfn);
    expect(marvin64(ascii("abcdefghijklmnopqrstuvwxyz"), 0xddddeeeeffff000n)).toBe(0xa128eb7e7260aca2n);
  });

  it("reads a subarray view from its own offset, not from the start of the buffer", () => {
    const backing = bytes(0xff, 0xff, 0x37, 0xf4, 0x95);
    expect(marvin64(backing.subarray(2), seed0)).toBe(0xf0b07c789b8cf7e8n);
  });
});

describe("marvin32", () => {
  it("folds the two lanes with xor", () => {
    expect(marvin32(ascii("abc"), 0xd53cd9cecd0893b7n)).toBe(0x6be02a86);
    expect(marvin32(ascii("abcdefghijklmnopqrstuvwxyz"), 0xddddeeeeffff000n)).toBe(0xd34847dc);
  });

  it("uses the ASCII bytes of Default0, read big-endian, as the key checksum seed", () => {
    const seed = ascii("Default0").reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
    expect(IDENTIFIABLE_KEY_CHECKSUM_SEED).toBe(seed);
    expect(marvin32(bytes(), IDENTIFIABLE_KEY_CHECKSUM_SEED)).toBe(0xcfd9b134);
  });
});

describe("encodeBase62", () => {
  it("encodes the bytes as one big-endian number with the digits-first alphabet", () => {
    expect(encodeBase62(bytes(0x17, 0xae, 0x88, 0x7d))).toBe("Qt5Z7");
    expect(encodeBase62(bytes(0xff, 0xff, 0xff, 0xff))).toBe("4gfFC3");
    expect(encodeBase62(bytes(0x01, 0x00))).toBe("48");
  });

  it("writes one 0 per leading zero byte, at most length - 1 of them", () => {
    expect(encodeBase62(bytes(0x00, 0x00, 0x00, 0x3e))).toBe("00010");
    expect(encodeBase62(bytes(0x00, 0x00, 0x00, 0x01))).toBe("0001");
    expect(encodeBase62(bytes(0x00, 0x00, 0x00, 0x00))).toBe("0000");
  });
});
