/**
 * A key confirmed in one place is a key everywhere: once a value is confirmed (a checksum-valid
 * identifiable key, or a 32-hex value bound to an Azure key name such as `AZURE_OPENAI_API_KEY`),
 * its other occurrences in the scan (a copy in a prose table, a commented-out line, a settings file
 * under a plain name) are reported too, at the confidence of the confirmation.
 *
 * Each fragment hands over its confirmations and the key-shaped values it did not report, both keyed
 * by an unscoped digest of the value (never the value); `KeyCopies` joins them once every fragment
 * is in. Plain data, so it crosses from worker threads unchanged.
 */
import type { Confidence, KeyMatch } from "../detect/index.js";
import { fingerprintSecret, isKeyLikeName } from "../detect/index.js";
import type { LeakFinding } from "./types.js";

/** A value confirmed as a key in one fragment. */
export interface KeyConfirmation {
  /** `fingerprintSecret(value)` with no scope: the same value has the same digest in every file. */
  readonly digest: string;
  readonly confidence: Confidence;
  readonly service: string;
  readonly path: string;
  readonly line: number;
}

/** A key-shaped value a fragment did not report: reported after all if the value is confirmed elsewhere. */
export interface KeyShapeOccurrence {
  readonly digest: string;
  /** Everything of the finding but what the confirmation decides. */
  readonly finding: Omit<LeakFinding, "confidence" | "service" | "message">;
}

export interface KeyCopyEvidence {
  readonly confirmations: readonly KeyConfirmation[];
  readonly shapes: readonly KeyShapeOccurrence[];
}

/** Key-shaped values kept per fragment: a file of thousands of digests must not cost memory per digest. */
export const MAX_SHAPES_PER_FRAGMENT = 200;
/** And per scan. */
const MAX_SHAPES_PER_SCAN = 100_000;

/** Whether a match confirms its value as a key wherever else it appears. */
export function confirmsKey(match: KeyMatch): boolean {
  if (match.identifiable !== undefined) return match.identifiable.checksumValid;
  return match.context?.type === "name" && isKeyLikeName(match.context.name);
}

export const digestOf = (secret: string): string => fingerprintSecret(secret);

const ADVICE = "Revoke it, and authenticate with Microsoft Entra ID (`DefaultAzureCredential` or a managed identity) instead of a key.";

/** Collects every fragment's evidence; `copies()` gives the findings for the unreported copies. */
export class KeyCopies {
  private readonly confirmed = new Map<string, KeyConfirmation>();
  private readonly shapes = new Map<string, KeyShapeOccurrence[]>();
  private shapeCount = 0;

  /** `commit` (history mode): the commit the fragment comes from, stamped on its copies. */
  add(evidence: KeyCopyEvidence | undefined, commit?: { readonly commit: string; readonly authorDate: string }): void {
    if (evidence === undefined) return;
    for (const confirmation of evidence.confirmations) {
      const known = this.confirmed.get(confirmation.digest);
      // The strongest confirmation wins; among equals the first in path order, so output is stable.
      if (known === undefined || rank(confirmation) > rank(known) || (rank(confirmation) === rank(known) && before(confirmation, known))) {
        this.confirmed.set(confirmation.digest, confirmation);
      }
    }
    for (const shape of evidence.shapes) {
      if (this.shapeCount >= MAX_SHAPES_PER_SCAN) break;
      const list = this.shapes.get(shape.digest) ?? [];
      list.push(commit === undefined ? shape : { ...shape, finding: { ...shape.finding, ...commit } });
      this.shapes.set(shape.digest, list);
      this.shapeCount += 1;
    }
  }

  /** Findings for every unreported occurrence of a confirmed value. */
  copies(): LeakFinding[] {
    const found: LeakFinding[] = [];
    for (const [digest, occurrences] of this.shapes) {
      const confirmation = this.confirmed.get(digest);
      if (confirmation === undefined) continue;
      for (const { finding } of occurrences) {
        found.push({
          ...finding,
          confidence: confirmation.confidence,
          service: confirmation.service,
          message:
            `${confirmation.service} key \`${finding.secret}\` (the same value is confirmed as a key at ` +
            `${confirmation.path}:${confirmation.line}). ${ADVICE}`,
        });
      }
    }
    return found;
  }
}

const rank = (confirmation: KeyConfirmation): number => (confirmation.confidence === "high" ? 2 : confirmation.confidence === "medium" ? 1 : 0);
const before = (left: KeyConfirmation, right: KeyConfirmation): boolean =>
  left.path < right.path || (left.path === right.path && left.line < right.line);
