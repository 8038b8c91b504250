/**
 * ARM JSON templates: a JSON (with comments, as ARM accepts) reader that keeps offsets, then the
 * template's `parameters`, `variables`, `resources` (an array, or an object of symbolic names in
 * languageVersion 2.0; nested `resources` with their types spelled out), `outputs`, and nested
 * deployments with an inline `template`, read as templates of their own. String values opening with
 * `[` (not `[[`) are ARM expressions; `[parameters('x')]` and `[variables('x')]` are the one step the
 * checks follow.
 */
import { readJsonString } from "../../scanner/extract/json.js";
import type { ObjectValue, Template, TemplateValue } from "../model.js";
import { emptyParts, entryAt, literalString } from "../model.js";

class JsonReader {
  index = 0;
  constructor(private readonly text: string) {}

  private skipSpace(): void {
    const { text } = this;
    while (this.index < text.length) {
      const char = text[this.index];
      if (char === " " || char === "\t" || char === "\n" || char === "\r" || char === "\uFEFF") this.index += 1;
      else if (char === "/" && text[this.index + 1] === "/") {
        const newline = text.indexOf("\n", this.index);
        this.index = newline === -1 ? text.length : newline;
      } else if (char === "/" && text[this.index + 1] === "*") {
        const close = text.indexOf("*/", this.index + 2);
        this.index = close === -1 ? text.length : close + 2;
      } else break;
    }
  }

  /** A value, or undefined where the text is not JSON (the caller then gives up on the file). */
  value(depth = 0): TemplateValue | undefined {
    if (depth > 256) return undefined;
    this.skipSpace();
    const start = this.index;
    const char = this.text[start];
    if (char === "{") {
      this.index += 1;
      const entries = [];
      for (;;) {
        this.skipSpace();
        if (this.text[this.index] === "}") {
          this.index += 1;
          return { kind: "object", entries, start, end: this.index };
        }
        if (this.text[this.index] !== '"') return undefined;
        const keyStart = this.index;
        const key = readJsonString(this.text, keyStart);
        this.index = key.end;
        this.skipSpace();
        if (this.text[this.index] !== ":") return undefined;
        this.index += 1;
        const value = this.value(depth + 1);
        if (value === undefined) return undefined;
        entries.push({ key: key.value, start: keyStart, value });
        this.skipSpace();
        if (this.text[this.index] === ",") this.index += 1;
      }
    }
    if (char === "[") {
      this.index += 1;
      const items = [];
      for (;;) {
        this.skipSpace();
        if (this.text[this.index] === "]") {
          this.index += 1;
          return { kind: "array", items, start, end: this.index };
        }
        const item = this.value(depth + 1);
        if (item === undefined) return undefined;
        items.push(item);
        this.skipSpace();
        if (this.text[this.index] === ",") this.index += 1;
      }
    }
    if (char === '"') {
      const { value, end } = readJsonString(this.text, start);
      this.index = end;
      if (this.text[end - 1] !== '"' || end - 1 === start) return undefined;
      return armString(value, start, end);
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(start, start + 64));
    if (literal === null) return undefined;
    this.index = start + literal[0].length;
    const word = literal[0];
    return { kind: "literal", value: word === "null" ? null : word === "true" ? true : word === "false" ? false : Number(word), start, end: this.index };
  }
}

const PARAMETER_OR_VARIABLE = /^\[\s*(parameters|variables)\(\s*'([^']*)'\s*\)\s*\]$/i;

function armString(value: string, start: number, end: number): TemplateValue {
  if (!value.startsWith("[") || value.startsWith("[[")) return { kind: "literal", value, start, end };
  const reference = PARAMETER_OR_VARIABLE.exec(value);
  if (reference === null) return { kind: "expression", text: value, start, end };
  const referenceKind = reference[1]?.toLowerCase() === "parameters" ? "parameter" : "variable";
  return { kind: "expression", text: value, reference: reference[2] ?? "", referenceKind, start, end };
}

/** Parses JSON with offsets; undefined when the text is not JSON. */
export function readJsonValue(text: string): TemplateValue | undefined {
  const reader = new JsonReader(text);
  const value = reader.value();
  return value;
}

/** Whether a JSON object looks like an ARM deployment template (its `$schema`, or `resources` beside `contentVersion`). */
function isTemplate(root: ObjectValue): boolean {
  const schema = literalString(root, "$schema") ?? "";
  return /deploymentTemplate\.json/i.test(schema) || (entryAt(root, "resources") !== undefined && entryAt(root, "contentVersion") !== undefined);
}

function objectEntries(value: TemplateValue | undefined): readonly { key: string; start: number; value: TemplateValue }[] {
  return value?.kind === "object" ? value.entries : [];
}

/** A nested deployment's `parameters` as the values passed: `{ "x": { "value": v } }` reads as `x: v` (a Key Vault `reference` stays as written). */
function passedValues(parameters: TemplateValue | undefined): ObjectValue | undefined {
  if (parameters?.kind !== "object") return undefined;
  const entries = parameters.entries.map((entry) => {
    const passed = entry.value.kind === "object" ? entryAt(entry.value, "value") : undefined;
    return passed === undefined ? entry : { ...entry, value: passed.value };
  });
  return { ...parameters, entries };
}

function readTemplate(root: ObjectValue, nested: Template[]): Template {
  const parts = emptyParts();
  const { resources, modules, parameters, variables, outputs } = parts;
  for (const { key, start, value } of objectEntries(entryAt(root, "parameters")?.value)) {
    if (value.kind !== "object") continue;
    const defaultValue = entryAt(value, "defaultValue")?.value;
    const type = (literalString(value, "type") ?? "").toLowerCase();
    parameters.set(key, { name: key, headStart: start, headEnd: start + key.length + 2, secure: type.startsWith("secure"), ...(defaultValue ? { defaultValue } : {}) });
  }
  for (const { key, start, value } of objectEntries(entryAt(root, "variables")?.value)) {
    variables.set(key, { name: key, headStart: start, headEnd: start + key.length + 2, value });
  }
  for (const { key, start, value } of objectEntries(entryAt(root, "outputs")?.value)) {
    if (value.kind !== "object") continue;
    const outputValue = entryAt(value, "value")?.value;
    if (outputValue === undefined) continue;
    const type = (literalString(value, "type") ?? "").toLowerCase();
    outputs.push({ name: key, headStart: start, headEnd: start + key.length + 2, value: outputValue, secure: type.startsWith("secure") });
  }
  const visit = (value: TemplateValue, symbol: string | undefined, parentType: string | undefined): void => {
    if (value.kind !== "object") return;
    const typeEntry = entryAt(value, "type");
    const rawType = literalString(value, "type");
    if (typeEntry === undefined || rawType === undefined) return;
    const type = parentType !== undefined && !rawType.includes(".") ? `${parentType}/${rawType}` : rawType;
    const existing = entryAt(value, "existing")?.value;
    const apiVersion = literalString(value, "apiVersion");
    if (type.toLowerCase() === "microsoft.resources/deployments") {
      // A nested deployment is a module call, like Bicep's: its inputs are checked once, as module
      // parameters, and its inline template is read as a template of its own.
      const template = entryAt(value, "properties.template")?.value;
      if (template?.kind === "object") nested.push(readTemplate(template, nested));
      const link = literalString(value, "properties.templateLink.id") ?? literalString(value, "properties.templateLink.uri") ?? literalString(value, "properties.templateLink.relativePath");
      modules.push({
        symbol: symbol ?? literalString(value, "name") ?? "",
        source: link ?? type,
        headStart: typeEntry.start,
        headEnd: typeEntry.value.end,
        inputs: passedValues(entryAt(value, "properties.parameters")?.value),
      });
    } else {
      resources.push({
        type,
        existing: existing?.kind === "literal" && existing.value === true,
        body: value,
        headStart: typeEntry.start,
        headEnd: typeEntry.value.end,
        ...(symbol === undefined ? {} : { symbol }),
        ...(apiVersion === undefined ? {} : { apiVersion }),
      });
    }
    const children = entryAt(value, "resources")?.value;
    if (children?.kind === "array") for (const child of children.items) visit(child, undefined, type);
  };
  const resourceList = entryAt(root, "resources")?.value;
  if (resourceList?.kind === "array") for (const item of resourceList.items) visit(item, undefined, undefined);
  else for (const { key, value } of objectEntries(resourceList)) visit(value, key, undefined);
  return { language: "ARM", ...parts };
}

/**
 * Reads an ARM template and the inline templates of its nested deployments (each its own scope), or
 * nothing when the JSON is not a deployment template or does not parse.
 */
export function readArm(text: string): Template[] {
  const root = readJsonValue(text);
  if (root?.kind !== "object" || !isTemplate(root)) return [];
  const nested: Template[] = [];
  const top = readTemplate(root, nested);
  return [top, ...nested];
}
