/** What per-format extractors hand the detection engine: a value and the names it is bound to. */

export interface BoundValue {
  /** The value as the program reading the file would see it (unquoted, unescaped, base64-decoded). */
  readonly text: string;
  /** Names the value is bound to, innermost first (`Key`, `AzureOpenAI` for `{"AzureOpenAI": {"Key": ...}}`). */
  readonly names: readonly string[];
  /** Offset in the file text of the value's first character. */
  readonly start: number;
  /**
   * File offset of char `index` of `text` (`text.length` included, for a range's end), when unescaping
   * made the value shorter than its source; absent when it maps one to one from `start`.
   */
  readonly offsetOf?: OffsetMap;
  /** For decoded values (base64): any match inside reports this whole range of the file. */
  readonly encodedRange?: { readonly start: number; readonly end: number };
}

/** From an index in a decoded value to the file offset it came from. */
export type OffsetMap = (index: number) => number;

export type Extractor = (text: string) => Iterable<BoundValue>;
