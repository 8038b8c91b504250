/**
 * The source-agnostic core: one fragment of text in, findings out. The whole text goes through
 * `detectKeys` (its in-text context covers code in any language, shell, Markdown); the file's
 * format extractor adds the values it can bind to names (env, JSON, YAML, notebooks...).
 */
import type { KeyMatch } from "../detect/index.js";
import { detectKeys, fingerprintFinding, fingerprintSecret, maskSecret } from "../detect/index.js";
import type { KeyConfirmation, KeyCopyEvidence, KeyShapeOccurrence } from "./confirmed-keys.js";
import { confirmsKey, digestOf, MAX_SHAPES_PER_FRAGMENT } from "./confirmed-keys.js";
import type { DetectedFinding, FindingDetector } from "./detectors/index.js";
import { FINDING_DETECTORS, triggeredDetectors } from "./detectors/index.js";
import { lineIndexOf, lineStartsOf } from "../utils/line-index.js";
import { displayName } from "../utils/safe-text.js";
import { extractorFor, isExampleFile } from "./extract/index.js";
import { compileAllowedFingerprints, compileAllowedValues, isAllowedInline } from "./suppress.js";
import type { Finding, ScanSettings, SourceFragment } from "./types.js";

/** Shortest value worth handing to the engine: no key it knows is shorter than a 32-hex key. */
const MIN_KEY_LENGTH = 32;

interface RangedMatch {
  readonly match: KeyMatch;
  readonly start: number;
  readonly end: number;
}

function describe(match: KeyMatch, masked: string): string {
  const advice = "Revoke it, and authenticate with Microsoft Entra ID (`DefaultAzureCredential` or a managed identity) instead of a key.";
  if (match.identifiable !== undefined) {
    const checksum = match.identifiable.checksumValid ? "checksum valid" : "checksum does not match";
    return `${match.service} key \`${masked}\` (identifiable key created ${match.identifiable.createdAt}, ${checksum}). ${advice}`;
  }
  // Names and hosts come from the file: a key hidden in one is masked, controls are escaped.
  const evidence =
    match.context?.type === "name" ? `bound to \`${displayName(match.context.name)}\`` : `near \`${displayName(match.context?.host ?? "an Azure AI host")}\``;
  return `${match.service} key \`${masked}\` (32-hex key ${evidence}). ${advice}`;
}

export interface FragmentResult {
  readonly findings: Finding[];
  readonly suppressed: number;
  /** Values confirmed as keys here, and key-shaped values not reported here (see confirmed-keys.ts). */
  readonly keyCopies?: KeyCopyEvidence;
}

/**
 * What the byte prefilter already decided for a whole file (scan-file.ts), so the fragment scanner
 * neither searches the text again nor runs what cannot find anything.
 */
export interface Prefiltered {
  /** The ids of the detectors whose trigger words the file holds. */
  readonly detectorIds: readonly string[];
  /** False when the bytes cannot hold a key the engine would report (prefilter.ts): the engine and the extractor are skipped. */
  readonly mayHoldLeak: boolean;
}

export type FragmentScanner = (fragment: SourceFragment, prefiltered?: Prefiltered) => Promise<FragmentResult>;

/** Whether any line of `first..last` (1-based, within the fragment) is one the fragment asks to scan. */
function touchesScannedLines(fragment: SourceFragment, first: number, last: number): boolean {
  if (fragment.lines === undefined) return true;
  for (let line = first; line <= last; line += 1) if (fragment.lines.has(line)) return true;
  return false;
}

/**
 * Compiled once per settings object, so a worker pays for regex compilation once. `findingDetectors`
 * is the registry of src/scanner/detectors (a parameter so the plumbing is testable on its own).
 */
export function createFragmentScanner(settings: ScanSettings, findingDetectors: readonly FindingDetector[] = FINDING_DETECTORS): FragmentScanner {
  const isAllowedValue = compileAllowedValues(settings.allowValues);
  const isAllowedFingerprint = compileAllowedFingerprints(settings.allowFingerprints);
  const { detectors, categories } = settings;
  const scanLeaks = categories.includes("leak");

  return async function scanFragment(fragment: SourceFragment, prefiltered?: Prefiltered): Promise<FragmentResult> {
    const { text, path } = fragment;
    const detected: DetectedFinding[] = [];
    const triggered =
      prefiltered === undefined
        ? triggeredDetectors(path, text, categories, findingDetectors)
        : findingDetectors.filter((detector) => prefiltered.detectorIds.includes(detector.id));
    for (const detector of triggered) detected.push(...(await detector.detect(fragment)));
    // Key-shaped values with no context of their own: findings after all if confirmed elsewhere.
    const shapeCandidates: { start: number; end: number; secret: string }[] = [];
    const onUnreported = (start: number, end: number, secret: string): void => {
      if (shapeCandidates.length < MAX_SHAPES_PER_FRAGMENT) shapeCandidates.push({ start, end, secret });
    };
    const readLeaks = scanLeaks && prefiltered?.mayHoldLeak !== false;
    const matches: RangedMatch[] = readLeaks
      ? detectKeys(text, { detectors, onUnreported }).map((match) => ({ match, start: match.start, end: match.end }))
      : [];

    const extractor = readLeaks ? extractorFor(path) : undefined;
    if (extractor !== undefined) {
      for (const value of extractor(text)) {
        if (value.text.length < MIN_KEY_LENGTH) continue;
        for (const match of detectKeys(value.text, { names: value.names, detectors })) {
          const start = value.encodedRange?.start ?? value.offsetOf?.(match.start) ?? value.start + match.start;
          const end = value.encodedRange?.end ?? value.offsetOf?.(match.end) ?? value.start + match.end;
          matches.push({ match, start, end });
        }
      }
    }
    if (matches.length === 0 && detected.length === 0 && shapeCandidates.length === 0) return { findings: [], suppressed: 0 };

    // The whole-text matches come first, so an extractor's match of the same key is dropped as an overlap.
    const disjoint: RangedMatch[] = [];
    for (const candidate of matches) {
      if (disjoint.some((kept) => candidate.start < kept.end && kept.start < candidate.end)) continue;
      disjoint.push(candidate);
    }
    disjoint.sort((left, right) => left.start - right.start);

    const lineStarts = lineStartsOf(text);
    // A line's text without its break (which may be two characters, CRLF).
    const lineText = (index: number): string | undefined =>
      index < 0 || index >= lineStarts.length ? undefined : text.slice(lineStarts[index], lineStarts[index + 1] ?? text.length).replace(/\r?\n?$/, "");
    const example = isExampleFile(path);
    const firstLine = fragment.firstLine ?? 1;
    const findings: Finding[] = [];
    let suppressed = 0;
    const isSuppressed = (line: number, secret: string, fingerprint: string): boolean =>
      isAllowedInline(lineText(line) ?? "", lineText(line - 1)) || isAllowedValue(secret) || isAllowedFingerprint(secret, fingerprint);
    const confirmations: KeyConfirmation[] = [];
    for (const { match, start, end } of disjoint) {
      const line = lineIndexOf(lineStarts, start);
      if (fragment.lines !== undefined && !fragment.lines.has(line + 1)) continue;
      if (example && match.confidence === "low") continue;
      const fingerprint = fingerprintSecret(match.secret, path);
      if (isSuppressed(line, match.secret, fingerprint)) {
        suppressed += 1;
        continue;
      }
      const endLine = lineIndexOf(lineStarts, end);
      const masked = maskSecret(match.secret);
      if (confirmsKey(match)) {
        confirmations.push({ digest: digestOf(match.secret), confidence: match.confidence, service: match.service, path, line: firstLine + line });
      }
      findings.push({
        category: "leak",
        ruleId: match.detector,
        // A leak is an incident whatever the evidence; `confidence` says how sure the engine is.
        severity: "error",
        confidence: match.confidence,
        path,
        line: firstLine + line,
        column: start - (lineStarts[line] ?? 0) + 1,
        endLine: firstLine + endLine,
        endColumn: end - (lineStarts[endLine] ?? 0) + 1,
        message: describe(match, masked),
        secret: masked,
        fingerprint,
        service: match.service,
        createdAt: match.identifiable?.createdAt ?? null,
      });
    }

    const shapes: KeyShapeOccurrence[] = [];
    for (const shape of shapeCandidates) {
      if (disjoint.some((kept) => shape.start < kept.end && kept.start < shape.end)) continue;
      const line = lineIndexOf(lineStarts, shape.start);
      if (fragment.lines !== undefined && !fragment.lines.has(line + 1)) continue;
      const fingerprint = fingerprintSecret(shape.secret, path);
      if (isSuppressed(line, shape.secret, fingerprint)) continue;
      shapes.push({
        digest: digestOf(shape.secret),
        finding: {
          category: "leak",
          ruleId: "azure-ai-legacy-key",
          severity: "error",
          path,
          line: firstLine + line,
          column: shape.start - (lineStarts[line] ?? 0) + 1,
          endLine: firstLine + line,
          endColumn: shape.end - (lineStarts[line] ?? 0) + 1,
          secret: maskSecret(shape.secret),
          fingerprint,
          createdAt: null,
        },
      });
    }
    const keyCopies = confirmations.length > 0 || shapes.length > 0 ? { keyCopies: { confirmations, shapes } } : {};
    for (const { start, end, identity, ...finding } of detected) {
      const line = lineIndexOf(lineStarts, start);
      const endLine = lineIndexOf(lineStarts, end);
      // In git modes a construct counts when any of its lines is an added one.
      if (!touchesScannedLines(fragment, line + 1, lineIndexOf(lineStarts, Math.max(start, end - 1)) + 1)) continue;
      const fingerprint = fingerprintFinding(finding.ruleId, identity, path);
      if (isAllowedInline(lineText(line) ?? "", lineText(line - 1)) || isAllowedFingerprint(undefined, fingerprint)) {
        suppressed += 1;
        continue;
      }
      findings.push({
        ...finding,
        path,
        line: firstLine + line,
        column: start - (lineStarts[line] ?? 0) + 1,
        endLine: firstLine + endLine,
        endColumn: end - (lineStarts[endLine] ?? 0) + 1,
        fingerprint,
      });
    }
    findings.sort((left, right) => left.line - right.line || left.column - right.column);
    return { findings, suppressed, ...keyCopies };
  };
}
