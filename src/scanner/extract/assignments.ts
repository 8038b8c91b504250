/**
 * Line-oriented `NAME=value` formats: env files, INI, TOML, Java `.properties`, Terraform `.tfvars`
 * and `.tf` attributes. A section header (`[azure_openai]`) is the outer name of the lines under it.
 */
import type { BoundValue } from "./types.js";

/** `export NAME=value`, `name = "value"`, `name: value` (properties); the name is whatever the format allows. */
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*[=:][ \t]*(.*?)[ \t\r]*$/d;
const SECTION = /^[ \t]*\[+[ \t]*([^\]\r]+?)[ \t]*\]+[ \t\r]*$/;

/** Strips matching quotes, or an unquoted value's trailing ` # comment`; returns the value's offset within `raw`. */
export function unquote(raw: string): { readonly value: string; readonly offset: number } {
  const first = raw[0];
  if ((first === '"' || first === "'" || first === "`") && raw.length >= 2) {
    const close = raw.indexOf(first, 1);
    if (close > 0) return { value: raw.slice(1, close), offset: 1 };
  }
  const comment = raw.search(/[ \t][#;]/);
  return { value: comment >= 0 ? raw.slice(0, comment).trimEnd() : raw, offset: 0 };
}

export function* extractAssignments(text: string): Iterable<BoundValue> {
  let section: string | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const sectionMatch = SECTION.exec(line);
    if (sectionMatch?.[1] !== undefined) {
      section = sectionMatch[1];
    } else {
      const match = ASSIGNMENT.exec(line);
      const name = match?.[1];
      const raw = match?.[2];
      const rawIndex = match?.indices?.[2]?.[0];
      if (name !== undefined && raw !== undefined && rawIndex !== undefined && raw.length > 0) {
        const rawStart = lineStart + rawIndex;
        const { value, offset } = unquote(raw);
        yield { text: value, names: section === undefined ? [name] : [name, section], start: rawStart + offset };
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
}
