/**
 * The contract of the detection engine shared by the lint rules and the scanner.
 * Everything that knows what an Azure AI key looks like lives under src/detect/.
 */

/** Stable detector ids: used as SARIF rule ids, JSON `ruleId`, and config `detectors` names. */
export type DetectorId = "azure-ai-identifiable-key" | "azure-ai-legacy-key";

/** Every detector, in the order their findings win an overlap. Here, not beside `detectKeys`, so the config can list them without loading the engine. */
export const DETECTOR_IDS: readonly DetectorId[] = ["azure-ai-identifiable-key", "azure-ai-legacy-key"];

export type Confidence = "high" | "medium" | "low";

/** Why a 32-hex value was accepted: the key-like name it is bound to, or an Azure AI host close by. */
export type KeyContext =
  | { readonly type: "name"; readonly name: string }
  | { readonly type: "host"; readonly host: string };

export interface IdentifiableKeyInfo {
  /** Human-readable service, e.g. "Azure OpenAI", "Azure AI services", "Speech". */
  readonly service: string;
  /** The provider-reserved field (chars 72-75), e.g. "AAAB". */
  readonly serviceCode: string;
  /** Whether the Marvin32-based checksum in chars 80-83 matches. */
  readonly checksumValid: boolean;
  /** Creation year and month encoded in the key, as "YYYY-MM". */
  readonly createdAt: string;
  /** Whether this is the 88-char long form (ending `==`). */
  readonly longForm?: boolean;
  /**
   * Which checksum encoding matched: "base62" (current generators) or "base64" (older generators).
   * Absent when the checksum does not match.
   */
  readonly checksumEncoding?: "base62" | "base64";
}

export interface KeyMatch {
  readonly detector: DetectorId;
  /** Offsets into the text that was searched: `text.slice(start, end) === secret`. */
  readonly start: number;
  readonly end: number;
  /** The raw secret. Never print it: use `maskSecret`. */
  readonly secret: string;
  readonly confidence: Confidence;
  /** Best guess of the service: from the key itself (identifiable) or from the name/host (legacy). */
  readonly service: string;
  /** Present for identifiable keys only. */
  readonly identifiable?: IdentifiableKeyInfo;
  /** Present for legacy 32-hex keys only: the evidence that made it a finding. */
  readonly context?: KeyContext;
}

/** Context a caller knows from outside the text (an AST binding, a parsed env/JSON/YAML key). */
export interface DetectOptions {
  /**
   * Names the text is bound to, innermost first: the variable, property, parameter, header,
   * env var or JSON/YAML key that holds it. Key-like names accept a 32-hex value; id- or
   * digest-like names (`requestId`, `sha256`, `etag`) reject it even when a host is near.
   */
  readonly names?: readonly string[];
  /** An Azure AI host was seen close by outside `text` (same object literal, or a few lines away). */
  readonly hostNearby?: string;
  /**
   * The file `text` comes from names an Azure AI SDK (`namesAzureAiSdk`): Azure evidence for a generic
   * key name such as `apiKey`. Searched in `text` itself when absent.
   */
  readonly azureSdkInFile?: boolean;
  /** Lines either side of a 32-hex run searched for an Azure AI host inside `text` itself. Default 5. */
  readonly hostWindowLines?: number;
  /**
   * Called for each 32-hex run with the shape of a key (standing alone, one letter case, not too
   * regular, not another vendor's token) that is not a finding for lack of context or by a veto: the
   * scanner reports it after all when the same value is confirmed as a key elsewhere.
   */
  readonly onUnreported?: (start: number, end: number, secret: string) => void;
  /** Which detectors run; default both. */
  readonly detectors?: readonly DetectorId[];
}
