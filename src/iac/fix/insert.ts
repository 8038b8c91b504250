/**
 * Text edits that add an entry to an object of a template in the file's own layout: the entry goes
 * after the object's last entry at that entry's indentation (a new object's indentation is derived
 * from the file's), with each language's syntax: Bicep `key: value`, ARM `"key": value` with its
 * commas, Terraform `key = value` aligned with the attribute above it as `terraform fmt` does.
 */
import type { TextEdit } from "../../scanner/types.js";
import type { IacLanguage, ObjectValue } from "../model.js";

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline;
}

function indentationAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))?.[0] ?? "";
}

/** The file's line break: CRLF when its first line ends with one. */
function lineBreak(text: string): string {
  const newline = text.indexOf("\n");
  return newline > 0 && text[newline - 1] === "\r" ? "\r\n" : "\n";
}

/** One indentation step: the smallest indentation of the file's indented lines (tabs when it uses tabs), else two spaces. */
function indentUnit(text: string): string {
  let smallest: string | undefined;
  for (const match of text.matchAll(/\n([ \t]+)\S/g)) {
    const indent = match[1] as string;
    if (indent.startsWith("\t")) return "\t";
    if (smallest === undefined || indent.length < smallest.length) smallest = indent;
  }
  return smallest ?? "  ";
}

function entryText(language: IacLanguage, key: string, value: string, alignTo: number | undefined): string {
  if (language === "ARM") return `"${key}": ${value}`;
  if (language === "Bicep") return `${key}: ${value}`;
  return `${key}${" ".repeat(Math.max(1, (alignTo ?? 0) - key.length))}= ${value}`;
}

/** The column of `=` after the key on the line of `offset` (Terraform alignment), or undefined. */
function equalsColumn(text: string, offset: number): number | undefined {
  const line = text.slice(offset, lineEnd(text, offset));
  const match = /^([A-Za-z0-9_-]+)(\s*)=/.exec(line);
  return match === null ? undefined : (match[1] as string).length + (match[2] as string).length;
}

/**
 * Nested keys (`properties.disableLocalAuth` where `properties` is absent) become a new object whose
 * only entry is the last key. Returns the edit adding `keys` = `value` into `object`, or undefined
 * where the layout leaves no safe place (a one-line Terraform block).
 */
export function insertEntry(text: string, language: IacLanguage, object: ObjectValue, keys: readonly string[], value: string): TextEdit | undefined {
  const newline = lineBreak(text);
  const unit = indentUnit(text);
  const last = object.entries.at(-1);
  const objectIndent = indentationAt(text, object.start);
  const multiline = text.slice(object.start, object.end).includes("\n");
  const indent = last !== undefined && multiline ? indentationAt(text, last.start) : objectIndent + unit;
  const build = (depth: number, remaining: readonly string[], alignTo: number | undefined): string => {
    const [key = "", ...rest] = remaining;
    if (rest.length === 0) return entryText(language, key, value, alignTo);
    const inner = indent + unit.repeat(depth + 1);
    const open = language === "Terraform" ? `${key} {` : `${entryText(language, key, "{", undefined)}`;
    return `${open}${newline}${inner}${build(depth + 1, rest, undefined)}${newline}${indent}${unit.repeat(depth)}}`;
  };
  // Terraform: a new attribute joins the alignment of the attribute right above it.
  const alignTo = language === "Terraform" && keys.length === 1 && last !== undefined && last.value.kind !== "object" ? equalsColumn(text, last.start) : undefined;
  const entry = build(0, keys, alignTo);
  if (last === undefined) {
    const inner = text.slice(object.start + 1, object.end - 1);
    if (inner.trim() === "" && !inner.includes("\n")) {
      // `{}` becomes a block of its own lines.
      return { start: object.start + 1, end: object.end - 1, text: `${newline}${indent}${entry}${newline}${objectIndent}` };
    }
    return { start: lineEnd(text, object.start), end: lineEnd(text, object.start), text: `${newline}${indent}${entry}` };
  }
  if (!multiline) {
    // A one-line Terraform block holds one attribute only; Bicep and ARM take a comma.
    if (language === "Terraform") return undefined;
    return { start: last.value.end, end: last.value.end, text: `, ${entry}` };
  }
  // After the last entry's value (and, for Bicep and Terraform, the rest of its line: a trailing comment stays with it).
  const at = language === "ARM" ? last.value.end : lineEnd(text, last.value.end);
  const comma = language === "ARM" ? "," : "";
  const trimmed = language === "ARM" ? at : at - (text[at - 1] === "\r" ? 1 : 0);
  return { start: trimmed, end: trimmed, text: `${comma}${newline}${indent}${entry}` };
}
