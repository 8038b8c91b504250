/**
 * Local auth left on: every resource or module of a `LocalAuthRow` whose key-access property is
 * absent (when the row's default keeps keys on), written as the keys-on value, or set from a
 * parameter default or variable that holds it (one step). A parameter without default is judged by
 * the parameters files beside the template (low confidence) when the scanner hands them over.
 * `existing` resources and `data` sources are never findings.
 */
import type { FindingFix, TextEdit } from "../../scanner/types.js";
import { insertEntry } from "../fix/insert.js";
import type { Declaration, ObjectValue, Template, TemplateEntry, TemplateValue } from "../model.js";
import { entryAt, resourceNameOf } from "../model.js";
import type { LocalAuthRow } from "../rows.js";
import { LOCAL_AUTH_ROWS, moduleRow, sameType } from "../rows.js";
import type { IacDetected } from "./common.js";
import { KEYLESS_ADVICE, literalBoolean, resolveOneStep, shown } from "./common.js";
import type { ParameterFileValue } from "./parameter-files.js";

export const LOCAL_AUTH_RULE = "iac-local-auth-enabled";

export interface CheckContext {
  readonly text: string;
  /** Whole-file scans only: fixes carry whole-file offsets. */
  readonly fixable: boolean;
  /** What the parameters files beside the template set, by parameter name (absent in git modes). */
  readonly parameterFiles?: (name: string) => readonly ParameterFileValue[];
}

/** A construct of a row: a resource body, or a module's inputs (absent inputs: an empty object at the head). */
export interface Subject extends Declaration {
  readonly row: LocalAuthRow;
  readonly type: string;
  readonly name: string | undefined;
  readonly body: ObjectValue | undefined;
}

export function subjects(template: Template): Subject[] {
  const found: Subject[] = [];
  for (const resource of template.resources) {
    if (resource.existing) continue;
    const row = LOCAL_AUTH_ROWS.find((candidate) => candidate.construct === "resource" && candidate.languages.includes(template.language) && sameType(resource.type, candidate.type));
    if (row === undefined) continue;
    const name = resourceNameOf(resource);
    found.push({ row, type: row.type, name, body: resource.body, headStart: resource.headStart, headEnd: resource.headEnd });
  }
  for (const module of template.modules) {
    const row = moduleRow(template.language, module.source);
    if (row === undefined) continue;
    found.push({ row, type: module.source, name: module.symbol, body: module.inputs, headStart: module.headStart, headEnd: module.headEnd });
  }
  return found;
}

/** How often a parameter or variable is referenced in the file (its declaration not counted). */
function useCount(template: Template, text: string, name: string, kind: "parameter" | "variable"): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (template.language === "ARM") {
    const fn = kind === "parameter" ? "parameters" : "variables";
    return text.match(new RegExp(`${fn}\\(\\s*'${escaped}'\\s*\\)`, "gi"))?.length ?? 0;
  }
  if (template.language === "Terraform") return text.match(new RegExp(`\\b${kind === "parameter" ? "var" : "local"}\\.${escaped}\\b`, "g"))?.length ?? 0;
  // Bicep: the bare name, not a property key (`name:`), not a member (`.name`), minus the declaration.
  return (text.match(new RegExp(`(?<![\\w.$])${escaped}\\b(?!\\s*:(?!:))`, "g"))?.length ?? 1) - 1;
}

function keyWord(row: LocalAuthRow): string {
  return row.property.split(".").at(-1) ?? row.property;
}

function replaceLiteral(value: TemplateValue, keyless: boolean): TextEdit {
  return { start: value.start, end: value.end, text: String(keyless) };
}

function what(subject: Subject): string {
  const kind = subject.row.construct === "module" ? `module \`${shown(subject.name ?? "")}\` (${shown(subject.type)})` : `\`${subject.type}\` \`${shown(subject.name ?? "?")}\``;
  return kind;
}

function build(subject: Subject, template: Template, start: number, end: number, confidence: IacDetected["confidence"], message: string, fix: FindingFix | undefined): IacDetected {
  return {
    category: "iac",
    ruleId: LOCAL_AUTH_RULE,
    // A posture to migrate off, not a disclosure: a warning, which `--fail-on warning` enforces.
    severity: "warning",
    confidence,
    message,
    language: template.language,
    resourceType: subject.type,
    ...(subject.name === undefined ? {} : { resourceName: subject.name }),
    property: subject.row.property,
    start,
    end,
    identity: `${subject.type}|${subject.name ?? ""}|${subject.row.property}`,
    ...(fix === undefined ? {} : { fix }),
  };
}

function checkSubject(subject: Subject, template: Template, context: CheckContext): IacDetected | undefined {
  const { row } = subject;
  const keyless = row.keyless;
  const setting = template.language === "Terraform" ? `\`${keyWord(row)} = ${String(keyless)}\`` : `\`${row.property}: ${String(keyless)}\``;
  const entry: TemplateEntry | undefined = subject.body === undefined ? undefined : entryAt(subject.body, row.property);
  if (entry === undefined) {
    if (row.default === undefined || row.default === keyless) return undefined;
    let fix: FindingFix | undefined;
    if (context.fixable && subject.body !== undefined) {
      const keys = row.property.split(".");
      // Insert into the deepest object of the path that exists (`properties`), creating the rest.
      let object = subject.body;
      let depth = 0;
      for (; depth < keys.length - 1; depth += 1) {
        const next = entryAt(object, keys[depth] as string)?.value;
        if (next?.kind !== "object") break;
        object = next;
      }
      const edit = entryAt(object, keys[depth] as string) === undefined ? insertEntry(context.text, template.language, object, keys.slice(depth), String(keyless)) : undefined;
      if (edit !== undefined) fix = { edits: [edit], description: `Set ${setting}.` };
    }
    const message = `${what(subject)} keeps key access on: ${row.defaultSource}. Set ${setting}. ${KEYLESS_ADVICE}`;
    return build(subject, template, subject.headStart, subject.headEnd, "high", message, fix);
  }
  const written = literalBoolean(entry.value);
  if (written !== undefined) {
    if (written === keyless) return undefined;
    const fix = context.fixable ? { edits: [replaceLiteral(entry.value, keyless)], description: `Set ${setting}.` } : undefined;
    return build(subject, template, entry.start, entry.value.end, "high", `${what(subject)} sets \`${keyWord(row)}\` to ${String(written)}: key access stays on. Set ${setting}. ${KEYLESS_ADVICE}`, fix);
  }
  const resolved = resolveOneStep(template, entry.value);
  const holder = resolved.parameter ?? resolved.variable;
  if (holder === undefined) return undefined;
  const holderKind = resolved.parameter !== undefined ? "parameter" : "variable";
  const holderName = `${holderKind} \`${shown(holder.name)}\``;
  const { value } = resolved;
  const held = literalBoolean(value);
  if (held === undefined) {
    if (resolved.parameter === undefined || value !== undefined) return undefined;
    const fromFile = context.parameterFiles?.(holder.name).find((candidate) => candidate.value !== keyless);
    if (fromFile === undefined) return undefined;
    return build(
      subject,
      template,
      entry.start,
      entry.value.end,
      "low",
      `${what(subject)} takes \`${keyWord(row)}\` from ${holderName}, which has no default; ${shown(fromFile.file)} sets it to ${String(fromFile.value)}: key access stays on for that deployment. Set it to ${String(keyless)} there. ${KEYLESS_ADVICE}`,
      undefined,
    );
  }
  if (held === keyless) return undefined;
  const uses = useCount(template, context.text, holder.name, holderKind);
  let fix: FindingFix | undefined;
  let why = "";
  if (uses > 1) why = ` No fix: ${holderName} is used ${uses} times in this file; set the value where it is passed, or give this resource a value of its own.`;
  else if (context.fixable && value !== undefined) fix = { edits: [replaceLiteral(value, keyless)], description: `Set the ${holderKind === "parameter" ? "default of" : "value of"} ${holderName} to ${String(keyless)}.` };
  const confidence = resolved.parameter !== undefined ? "medium" : "high";
  const source =
    resolved.parameter !== undefined
      ? `${holderName}, whose default is ${String(held)}: key access stays on unless every deployment passes ${String(keyless)}`
      : `${holderName}, which is ${String(held)}: key access stays on`;
  return build(subject, template, entry.start, entry.value.end, confidence, `${what(subject)} takes \`${keyWord(row)}\` from ${source}. ${KEYLESS_ADVICE}${why}`, fix);
}

export function checkLocalAuth(template: Template, context: CheckContext): IacDetected[] {
  return subjects(template).flatMap((subject) => checkSubject(subject, template, context) ?? []);
}

/** Whether a subject keeps key access: "enabled" when this check reports it, "disabled" when the keyless value is in force, else "unknown". */
export function keyAccessOf(subject: Subject, template: Template, context: CheckContext): "enabled" | "disabled" | "unknown" {
  if (checkSubject(subject, template, { ...context, fixable: false }) !== undefined) return "enabled";
  const entry = subject.body === undefined ? undefined : entryAt(subject.body, subject.row.property);
  if (entry === undefined) return subject.row.default === subject.row.keyless ? "disabled" : "unknown";
  return literalBoolean(resolveOneStep(template, entry.value).value) === subject.row.keyless ? "disabled" : "unknown";
}
