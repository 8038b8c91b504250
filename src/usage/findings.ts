/**
 * The findings of one file as every usage detector reports them: what all usage findings share
 * (category, a warning, optional fields left out when unknown), and identities that stay distinct when
 * a file builds the same client the same way twice (the second is `identity#2`), so a baseline or an
 * allowed fingerprint accepts one construction, not every repeat of it.
 */
import type { Confidence } from "../detect/index.js";
import { findAzureAiHosts } from "../detect/index.js";
import type { DetectedFinding } from "../scanner/detectors/types.js";
import type { FindingFix } from "../scanner/types.js";

/** One construction, as a detector describes it: offsets into the fragment, and its identity before numbering. */
export interface UsageConstruct {
  readonly ruleId: string;
  readonly message: string;
  readonly client: string;
  readonly keySource?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly fix?: FindingFix | undefined;
  /** `high` unless said (an SDK's env fallback is a guess about the environment: `medium`). */
  readonly confidence?: Confidence;
  readonly start: number;
  readonly end: number;
  /** What identifies the construction in its file, apart from its line (client and key source). */
  readonly identity: string;
}

export class UsageFindings {
  private readonly findings: DetectedFinding[] = [];
  private readonly seen = new Map<string, number>();

  /** `language` as users name it ("C#", "Go"). */
  constructor(private readonly language: string) {}

  add(construct: UsageConstruct): void {
    const { keySource, endpoint, fix, confidence, identity, ...rest } = construct;
    const count = this.seen.get(identity) ?? 0;
    this.seen.set(identity, count + 1);
    this.findings.push({
      category: "usage",
      severity: "warning",
      confidence: confidence ?? "high",
      language: this.language,
      ...rest,
      ...(keySource === undefined ? {} : { keySource }),
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(fix === undefined ? {} : { fix }),
      identity: count === 0 ? identity : `${identity}#${count + 1}`,
    });
  }

  /** The findings in file order. */
  list(): DetectedFinding[] {
    return [...this.findings].sort((left, right) => left.start - right.start);
  }
}

/**
 * A finding's endpoint from what the file shows: the Azure AI host of a literal URL (a URL as written
 * could carry anything else), or where the endpoint is read from (`env:NAME`, `config:Section:Key`).
 */
export function endpointFrom(literal: string | undefined, source: string | undefined): string | undefined {
  if (literal !== undefined) return findAzureAiHosts(literal, { templatedResource: true })[0]?.host;
  return source === "literal" ? undefined : source;
}
