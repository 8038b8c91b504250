/**
 * YAML mappings line by line (Helm values, Kubernetes manifests, pipelines): `key: value` with the
 * keys of enclosing mappings as outer names. In a Kubernetes `kind: Secret`, the values under `data:`
 * are base64: they are decoded, and a key found inside is reported at the encoded value.
 * Block scalars and flow collections are left to the whole-text pass.
 */
import { unquote } from "./assignments.js";
import type { BoundValue } from "./types.js";

/** `  - key: value` → indent, key, value (the value part may be empty for a nested mapping). */
const MAPPING_LINE = /^([ \t]*)(?:-[ \t]+)?("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)[ \t]*:(?:[ \t]+(.*?))?[ \t\r]*$/d;
const DOCUMENT_SEPARATOR = /^(?:---|\.\.\.)[ \t\r]*(?:#.*)?$/;
const SECRET_KIND = /^kind:[ \t]*["']?Secret["']?[ \t\r]*(?:#.*)?$/m;
const BASE64_VALUE = /^[A-Za-z0-9+/]+={0,2}$/;

interface Line {
  readonly start: number;
  readonly text: string;
}

function splitDocuments(text: string): Line[][] {
  const documents: Line[][] = [[]];
  let start = 0;
  for (const lineText of text.split("\n")) {
    if (DOCUMENT_SEPARATOR.test(lineText)) documents.push([]);
    else documents.at(-1)?.push({ start, text: lineText });
    start += lineText.length + 1;
  }
  return documents;
}

/** Base64 that decodes to printable UTF-8 text, or undefined. */
function decodeBase64Text(value: string): string | undefined {
  if (!BASE64_VALUE.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  // Control characters other than whitespace (or invalid UTF-8) mean the data was not text.
  for (const char of decoded) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffd) return undefined;
  }
  return decoded;
}

export function* extractYaml(text: string): Iterable<BoundValue> {
  for (const lines of splitDocuments(text)) {
    const isSecret = SECRET_KIND.test(lines.map((line) => line.text).join("\n"));
    const parents: { indent: number; key: string }[] = [];
    for (const line of lines) {
      const match = MAPPING_LINE.exec(line.text);
      const indices = match?.indices;
      if (match === null || indices === undefined) continue;
      const indent = (match[1] ?? "").length + (line.text.slice((match[1] ?? "").length).startsWith("-") ? 2 : 0);
      const key = unquote(match[2] ?? "").value;
      while (parents.length > 0 && (parents.at(-1)?.indent ?? 0) >= indent) parents.pop();
      const raw = match[3];
      const rawIndex = indices[3]?.[0];
      if (raw === undefined || raw.length === 0 || rawIndex === undefined) {
        parents.push({ indent, key });
        continue;
      }
      if (raw.startsWith("|") || raw.startsWith(">") || raw.startsWith("{") || raw.startsWith("[")) continue;
      const { value, offset } = unquote(raw);
      const names = [key, ...parents.map((parent) => parent.key).reverse()];
      const start = line.start + rawIndex + offset;
      if (isSecret && parents.length === 1 && parents[0]?.key === "data" && parents[0].indent === 0) {
        const decoded = decodeBase64Text(value);
        if (decoded !== undefined) {
          yield { text: decoded, names, start, encodedRange: { start, end: start + value.length } };
        }
        continue;
      }
      yield { text: value, names, start };
    }
  }
}
