/**
 * What every `aoai-keyless` report shares: values from Azure made safe for a terminal and for
 * Markdown, aligned text tables, Markdown tables, counted nouns. Names, tags and error messages come
 * from Azure and are shown as data, never as terminal escapes or Markdown/HTML.
 */

/** Control characters and bidirectional overrides: shown as `\u{...}` so they cannot steer a terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function clean(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

/** Left-aligned columns, two spaces apart, no trailing spaces. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = [headers, ...rows].map((row) => row.map(clean));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? "")].length)));
  return cells.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell + " ".repeat(widths[column]! - [...cell].length)))
      .join("  ")
      .trimEnd(),
  );
}

/** A value as literal Markdown text: no emphasis, links, HTML or table breaks. */
export function markdownText(text: string): string {
  return clean(text)
    .replace(/[\\`*_[\]~|#]/g, (char) => `\\${char}`)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)];
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
