/** Showing and identifying a secret without revealing it. */
import { createHash } from "node:crypto";

/** Never more than this many chars of a secret at either end. */
const MAX_VISIBLE_PER_END = 4;
/** Each end shows at most one char per this many chars of secret, so short secrets show less. */
const CHARS_PER_VISIBLE_CHAR = 8;

/**
 * At most the first 4 and last 4 characters, e.g. `abcd…wxyz`; shorter secrets show less: each end
 * shows one char per 8 chars of secret (a 32-char key shows 4 + 4, a 12-char one 1 + 1, anything under
 * 8 chars shows nothing but `…`). So at most a quarter of a secret is ever visible, never its middle.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret); // code points, so a mask never splits a surrogate pair
  const visible = Math.min(MAX_VISIBLE_PER_END, Math.floor(chars.length / CHARS_PER_VISIBLE_CHAR));
  if (visible === 0) return "…";
  return `${chars.slice(0, visible).join("")}…${chars.slice(-visible).join("")}`;
}

/** Bump when the recipe changes, so old baselines visibly stop matching instead of silently mismatching. */
const FINGERPRINT_VERSION = "aoai-keyless-fingerprint-v1";

/**
 * A stable hash of the secret (and an optional scope such as a path) for baselines and SARIF: the
 * lower-case hex SHA-256 of the UTF-8 bytes of `aoai-keyless-fingerprint-v1`, NUL, the scope (empty
 * when absent), NUL, the secret. It depends on nothing else (no line or column), so a baseline survives
 * code moving; without a scope the same secret has the same fingerprint in every file.
 */
export function fingerprintSecret(secret: string, scope?: string): string {
  return createHash("sha256")
    .update(`${FINGERPRINT_VERSION}\0${scope ?? ""}\0${secret}`, "utf8")
    .digest("hex");
}

/**
 * The fingerprint of a finding that holds no secret (a key-authenticated client, a template that
 * keeps keys on): the same recipe over the rule id and what identifies the construct in its file
 * (e.g. the client and its key source, the resource and property), never its line, so a baseline
 * survives code moving. The rule id is part of it, so it never equals a secret's fingerprint.
 */
export function fingerprintFinding(ruleId: string, identity: string, scope?: string): string {
  return fingerprintSecret(`${ruleId}\0${identity}`, scope);
}
