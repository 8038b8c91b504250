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
import { booleanOutcome } from "./boolean-value.js";
import { KEYLESS_ADVICE, literalBoolean, resolveOneStep, shown } from "./common.js";
import type { ParameterFileValue } from "./parameter-files.js";
import { LOCAL_AUTH_RULE } from "../rules.js";

export interface CheckContext {
  readonly text: string;
  /** Whole-file scans only: fixes carry whole-file offsets. */
  readonly fixable: boolean;
  /** What the parameters files beside the template set, by parameter name (absent in git modes). */
  readonly parameterFiles?: (name: string) => readonly ParameterFileValue[];
  /** The template's path, for local module paths. */
  readonly path?: string;
  /** The other files of the template's scope by name (a Terraform module's other `.tf` files), where uses of a variable count too. */
  readonly siblings?: ReadonlyMap<string, string>;
}

/** A construct of a row: a resource body, or a module's inputs (absent inputs: an empty object at the head). */
export interface Subject extends Declaration {
  readonly row: LocalAuthRow;
  readonly type: string;
  readonly name: string | undefined;
  readonly body: ObjectValue | undefined;
}

/** The constructs of the template's rows; `path` (the template's, `/` separators) places relative module paths. */
export function subjects(template: Template, path?: string): Subject[] {
  const found: Subject[] = [];
  for (const resource of template.resources) {
    if (resource.existing) continue;
    const row = LOCAL_AUTH_ROWS.find((candidate) => candidate.construct === "resource" && candidate.languages.includes(template.language) && sameType(resource.type, candidate.type));
    if (row === undefined) continue;
    const name = resourceNameOf(resource);
    found.push({ row, type: row.type, name, body: resource.body, headStart: resource.headStart, headEnd: resource.headEnd });
  }
  for (const module of template.modules) {
    const row = moduleRow(template.language, module.source, module.symbol, path);
    if (row === undefined) continue;
    found.push({ row, type: module.source, name: module.symbol, body: module.inputs, headStart: module.headStart, headEnd: module.headEnd });
  }
  return found;
}

/** How often a parameter or variable is referenced in `text` (its declaration not counted). */
function useCount(language: Template["language"], text: string, name: string, kind: "parameter" | "variable"): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (language === "ARM") {
    const fn = kind === "parameter" ? "parameters" : "variables";
    return text.match(new RegExp(`${fn}\\(\\s*'${escaped}'\\s*\\)`, "gi"))?.length ?? 0;
  }
  if (language === "Terraform") return text.match(new RegExp(`\\b${kind === "parameter" ? "var" : "local"}\\.${escaped}\\b`, "g"))?.length ?? 0;
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

/** Where an absent property may hide: an object on its path filled by a spread, or built by an expression (`union(...)`). */
function hiddenIn(body: ObjectValue, keys: readonly string[]): { readonly where: string; readonly how: string } | undefined {
  let object = body;
  for (const [index, key] of keys.entries()) {
    const where = index === 0 ? "body" : `\`${keys.slice(0, index).join(".")}\``;
    if (object.spread === true) return { where, how: "a spread (`...`)" };
    const next = entryAt(object, key)?.value;
    if (next === undefined || index === keys.length - 1) return undefined;
    if (next.kind === "expression") return { where: `\`${keys.slice(0, index + 1).join(".")}\``, how: `\`${shown(next.text)}\`` };
    if (next.kind !== "object") return undefined;
    object = next;
  }
  return undefined;
}

/** A finding and what it says about key access ("unknown" when the value could not be evaluated), or a verdict without finding. */
interface Judged {
  readonly finding?: IacDetected;
  readonly keyAccess: "enabled" | "unknown" | "disabled";
}

function absent(subject: Subject, template: Template, context: CheckContext, setting: string): Judged | undefined {
  const { row } = subject;
  const keyless = row.keyless;
  if (row.default === undefined || row.default === keyless) return undefined;
  const keys = row.property.split(".");
  const hidden = subject.body === undefined ? undefined : hiddenIn(subject.body, keys);
  if (hidden !== undefined) {
    const message = `${what(subject)} may keep key access on: its ${hidden.where} is built by ${hidden.how}, which this reader does not evaluate, and ${row.defaultSource} unless that sets it. Set ${setting} where it is built. ${KEYLESS_ADVICE}`;
    return { finding: build(subject, template, subject.headStart, subject.headEnd, "low", message, undefined), keyAccess: "unknown" };
  }
  let fix: FindingFix | undefined;
  if (context.fixable && subject.body !== undefined) {
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
  return { finding: build(subject, template, subject.headStart, subject.headEnd, "high", message, fix), keyAccess: "enabled" };
}

/** A value written as an expression that is not one parameter or variable: judged by what it may hold, never fixed. */
function computed(subject: Subject, template: Template, entry: TemplateEntry): Judged | undefined {
  const { row } = subject;
  const keysOn = !row.keyless;
  const outcome = booleanOutcome(template, entry.value);
  if (outcome.kind === "input" || (outcome.kind === "values" && !outcome.values.has(keysOn))) return undefined;
  const text = `\`${shown(entry.value.kind === "expression" ? entry.value.text : "")}\``;
  const source = `${what(subject)} takes \`${keyWord(row)}\` from ${text}`;
  const at = (confidence: IacDetected["confidence"], message: string, keyAccess: Judged["keyAccess"]): Judged => ({
    finding: build(subject, template, entry.start, entry.value.end, confidence, `${message} ${KEYLESS_ADVICE}`, undefined),
    keyAccess,
  });
  if (outcome.kind === "opaque") return at("low", `${source}, which this reader does not evaluate: key access stays on unless it yields ${String(row.keyless)}.`, "unknown");
  if (outcome.how === "certain") return at("high", `${source}, which is ${String(keysOn)}: key access stays on.`, "enabled");
  if (outcome.how === "fallback") return at("medium", `${source}, which falls back to ${String(keysOn)}: key access stays on unless every deployment passes ${String(row.keyless)}.`, "enabled");
  return at("low", `${source}: a condition with a branch that is ${String(keysOn)} (conditions are not evaluated), so key access may stay on.`, "unknown");
}

function judge(subject: Subject, template: Template, context: CheckContext): Judged | undefined {
  const { row } = subject;
  const keyless = row.keyless;
  const setting = template.language === "Terraform" ? `\`${keyWord(row)} = ${String(keyless)}\`` : `\`${row.property}: ${String(keyless)}\``;
  const entry: TemplateEntry | undefined = subject.body === undefined ? undefined : entryAt(subject.body, row.property);
  if (entry === undefined) return absent(subject, template, context, setting);
  const written = literalBoolean(entry.value);
  if (written !== undefined) {
    if (written === keyless) return undefined;
    const fix = context.fixable ? { edits: [replaceLiteral(entry.value, keyless)], description: `Set ${setting}.` } : undefined;
    const message = `${what(subject)} sets \`${keyWord(row)}\` to ${String(written)}: key access stays on. Set ${setting}. ${KEYLESS_ADVICE}`;
    return { finding: build(subject, template, entry.start, entry.value.end, "high", message, fix), keyAccess: "enabled" };
  }
  const resolved = resolveOneStep(template, entry.value);
  const holder = resolved.parameter ?? resolved.variable;
  const { value } = resolved;
  if (holder === undefined || (value !== undefined && value.kind !== "literal")) return computed(subject, template, entry);
  const holderKind = resolved.parameter !== undefined ? "parameter" : "variable";
  // Terraform calls its inputs variables and its variables locals.
  const holderWord = template.language !== "Terraform" ? holderKind : holderKind === "parameter" ? "variable" : "local";
  const holderName = `${holderWord} \`${shown(holder.name)}\`${holder.file === undefined ? "" : ` (${shown(holder.file)})`}`;
  const report = (confidence: IacDetected["confidence"], message: string, fix?: FindingFix): Judged => ({
    finding: build(subject, template, entry.start, entry.value.end, confidence, `${what(subject)} takes \`${keyWord(row)}\` from ${message}`, fix),
    keyAccess: "enabled",
  });
  // Parameters files: Terraform's auto-loaded ones override the default on every run; others are one deployment's values.
  const files = resolved.parameter === undefined ? [] : (context.parameterFiles?.(holder.name) ?? []);
  const applied = files.filter((file) => file.applied).at(-1);
  if (applied !== undefined) {
    if (applied.value === keyless) return { keyAccess: "disabled" };
    return report("medium", `${holderName}, which ${shown(applied.file)} sets to ${String(applied.value)}: Terraform loads that file on every run, so key access stays on. Set it to ${String(keyless)} there. ${KEYLESS_ADVICE}`);
  }
  const fromFile = files.find((file) => file.value !== keyless);
  const held = literalBoolean(value);
  if (held === undefined || held === keyless) {
    if (fromFile === undefined) return undefined;
    const holds = held === undefined ? "which has no default" : `whose default is ${String(held)}`;
    return report("low", `${holderName}, ${holds}; ${shown(fromFile.file)} sets it to ${String(fromFile.value)}: key access stays on for that deployment. Set it to ${String(keyless)} there. ${KEYLESS_ADVICE}`);
  }
  const texts = [context.text, ...(context.siblings?.values() ?? [])];
  const uses = texts.reduce((sum, text) => sum + useCount(template.language, text, holder.name, holderKind), 0);
  let fix: FindingFix | undefined;
  let why = "";
  const scope = context.siblings !== undefined && context.siblings.size > 0 ? "in this module's files" : "in this file";
  if (uses > 1) why = ` No fix: ${holderName} is used ${uses} times ${scope}; set the value where it is passed, or give this resource a value of its own.`;
  else if (context.fixable && value !== undefined) {
    const description = `Set the ${holderKind === "parameter" ? "default of" : "value of"} ${holderName} to ${String(keyless)}.`;
    fix = { edits: [replaceLiteral(value, keyless)], description, ...(holder.file === undefined ? {} : { file: holder.file }) };
  }
  const source =
    resolved.parameter !== undefined
      ? `${holderName}, whose default is ${String(held)}: key access stays on unless every deployment passes ${String(keyless)}`
      : `${holderName}, which is ${String(held)}: key access stays on`;
  return report(resolved.parameter !== undefined ? "medium" : "high", `${source}. ${KEYLESS_ADVICE}${why}`, fix);
}

export function checkLocalAuth(template: Template, context: CheckContext): IacDetected[] {
  return subjects(template, context.path).flatMap((subject) => judge(subject, template, context)?.finding ?? []);
}

/** Whether a subject keeps key access: "enabled" when this check reports it, "disabled" when the keyless value is in force, else "unknown". */
export function keyAccessOf(subject: Subject, template: Template, context: CheckContext): "enabled" | "disabled" | "unknown" {
  const judged = judge(subject, template, { ...context, fixable: false });
  if (judged !== undefined) return judged.keyAccess;
  const entry = subject.body === undefined ? undefined : entryAt(subject.body, subject.row.property);
  if (entry === undefined) return subject.row.default === subject.row.keyless ? "disabled" : "unknown";
  const outcome = booleanOutcome(template, entry.value);
  return outcome.kind === "values" && outcome.values.size === 1 && outcome.values.has(subject.row.keyless) ? "disabled" : "unknown";
}
