import { fingerprintSecret, maskSecret } from "../../src/detect/index.js";
import { createRandom, generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

describe("maskSecret", () => {
  it("shows the first and last 4 chars of keys", () => {
    const key = generateIdentifiableKey({ random: 3 });
    const hex = generateHexKey(3);
    expect(maskSecret(key)).toBe(`${key.slice(0, 4)}…${key.slice(-4)}`);
    expect(maskSecret(hex)).toBe(`${hex.slice(0, 4)}…${hex.slice(-4)}`);
  });

  it.each([
    { secret: "abcdefghijklmnopqrst", masked: "ab…st" },
    { secret: "abcdefghijkl", masked: "a…l" },
    { secret: "abcdefgh", masked: "a…h" },
    { secret: "abcdefg", masked: "…" },
    { secret: "", masked: "…" },
  ])("shows less of a $secret.length-char secret: $masked", ({ secret, masked }) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it("never shows more than 8 chars, a quarter of the secret, or anything from its middle", () => {
    const random = createRandom(99);
    for (let length = 0; length <= 120; length++) {
      const secret = Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 94))).join("");
      const masked = maskSecret(secret);
      const [head = "", tail = ""] = masked.split("…");
      expect(head.length + tail.length).toBeLessThanOrEqual(Math.min(8, length / 4));
      expect(head.length).toBe(tail.length);
      expect(secret.startsWith(head)).toBe(true);
      expect(secret.endsWith(tail)).toBe(true);
    }
  });

  it("does not split a surrogate pair", () => {
    expect(maskSecret("😀".repeat(8))).toBe("😀…😀");
  });
});

describe("fingerprintSecret", () => {
  it("is the SHA-256 of the documented recipe", () => {
    expect(fingerprintSecret("not-a-real-secret", "config/app.env")).toBe(
      "a15e2a83fe4f08240d1116554b75c9ac63664025a94f476628c8b59304adb4f9",
    );
  });

  it("is stable, scoped, and distinct per secret", () => {
    const secret = generateHexKey(11);
    expect(fingerprintSecret(secret)).toBe(fingerprintSecret(secret));
    expect(fingerprintSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintSecret(secret)).toBe(fingerprintSecret(secret, ""));
    expect(fingerprintSecret(secret, "a.env")).not.toBe(fingerprintSecret(secret, "b.env"));
    expect(fingerprintSecret(secret, "a.env")).not.toBe(fingerprintSecret(secret));
    expect(fingerprintSecret(generateHexKey(12))).not.toBe(fingerprintSecret(secret));
    // The separator keeps scope and secret apart: moving a char across the boundary changes the hash.
    expect(fingerprintSecret("bc", "a")).not.toBe(fingerprintSecret("c", "ab"));
  });
});
