/**
 * What a key-access property holds when it is written as an expression rather than a literal or one
 * parameter. The readers keep expressions as text, so the few shapes templates use for a switch are
 * read here, in each language's syntax:
 * - a condition: Bicep and Terraform `c ? a : b`, ARM `if(c, a, b)`: both branches count (the
 *   condition is not evaluated);
 * - a fallback: Bicep `x.?y ?? true`, ARM and Terraform `coalesce(x, true)`, Terraform `try(x, true)`:
 *   the fallback counts as a default, like a parameter's;
 * - a negation: Bicep and Terraform `!x`, ARM `not(x)`;
 * - operands: literals, a parameter or variable followed one step; a member of a parameter (`cfg.x`),
 *   a parameter without default, or a name declared in no file read are values passed in, judged as
 *   a parameter without default is (by parameters files only).
 * Anything else is opaque: the check says so instead of passing it silently.
 */
import type { IacLanguage, Template, TemplateValue } from "../model.js";

export type BooleanOutcome =
  /** The values it may take; `certain` when no condition or default is involved. */
  | { readonly kind: "values"; readonly values: ReadonlySet<boolean>; readonly how: "certain" | "condition" | "fallback" }
  /** A value the deployment passes in (a parameter without default, a member of an object parameter). */
  | { readonly kind: "input" }
  | { readonly kind: "opaque" };

const OPAQUE: BooleanOutcome = { kind: "opaque" };
const INPUT: BooleanOutcome = { kind: "input" };
const OPENERS = "([{";
const CLOSERS = ")]}";

/** Walks `text` outside strings, calling `visit` with each character's bracket depth; `visit` returns how many characters to skip (0: one). */
function scan(text: string, visit: (index: number, depth: number) => number | void): void {
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quote !== undefined) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (OPENERS.includes(char)) depth += 1;
    else if (CLOSERS.includes(char)) depth -= 1;
    const skip = visit(index, depth);
    if (typeof skip === "number" && skip > 1) index += skip - 1;
  }
}

/** Offsets in `text` where `needle` (returning the match's length, 0 for none) matches outside strings and brackets. */
function topLevel(text: string, needle: (index: number) => number): number[] {
  const found: number[] = [];
  scan(text, (index, depth) => {
    if (depth !== 0 || OPENERS.includes(text[index] as string) || CLOSERS.includes(text[index] as string)) return 0;
    const length = needle(index);
    if (length > 0) found.push(index);
    return length;
  });
  return found;
}

/** The arguments of `name(...)` when the whole text is that one call (name without letter case), else undefined. */
function callArguments(text: string, name: string): string[] | undefined {
  const match = new RegExp(`^${name}\\s*\\(`, "i").exec(text);
  if (match === null || !text.endsWith(")")) return undefined;
  // The call's `(` must close at the very end (not `f(a) || g(b)`).
  let closes = -1;
  scan(text, (index, depth) => {
    if (closes === -1 && index >= match[0].length && depth === 0 && text[index] === ")") closes = index;
  });
  if (closes !== text.length - 1) return undefined;
  const inner = text.slice(match[0].length, -1);
  const parts: string[] = [];
  let from = 0;
  for (const comma of topLevel(inner, (index) => (inner[index] === "," ? 1 : 0))) {
    parts.push(inner.slice(from, comma).trim());
    from = comma + 1;
  }
  parts.push(inner.slice(from).trim());
  return parts;
}

/** Without parentheses around the whole text. */
function unwrap(text: string): string {
  let current = text.trim();
  while (current.startsWith("(") && current.endsWith(")") && callArguments(`x${current}`, "x")?.length === 1) current = current.slice(1, -1).trim();
  return current;
}

function negate(outcome: BooleanOutcome): BooleanOutcome {
  return outcome.kind === "values" ? { ...outcome, values: new Set([...outcome.values].map((value) => !value)) } : outcome;
}

/** A literal boolean, or a parameter, variable or parameter member as the language names it. */
function operand(language: IacLanguage, text: string): { literal: boolean } | { name: string; kind: "parameter" | "variable" | undefined; member: boolean } | undefined {
  const bare = language === "ARM" ? text.replace(/^(true|false)\(\s*\)$/i, "$1") : text;
  if (bare === "true" || bare === "false") return { literal: bare === "true" };
  if (language === "Terraform") {
    const match = /^(var|local)\.([\w-]+)((?:\.[\w-]+|\[[^\]]*\])*)$/.exec(text);
    return match === null ? undefined : { name: match[2] as string, kind: match[1] === "var" ? "parameter" : "variable", member: match[3] !== "" };
  }
  if (language === "ARM") {
    const match = /^(parameters|variables)\(\s*'([^']*)'\s*\)((?:\.\w+|\[[^\]]*\])*)$/i.exec(text);
    return match === null ? undefined : { name: match[2] as string, kind: match[1]?.toLowerCase() === "parameters" ? "parameter" : "variable", member: match[3] !== "" };
  }
  const match = /^([A-Za-z_]\w*)((?:\.\??\w+|\[[^\]]*\])*)$/.exec(text);
  return match === null ? undefined : { name: match[1] as string, kind: undefined, member: match[2] !== "" };
}

function evaluateText(template: Template, raw: string, depth: number): BooleanOutcome {
  if (depth > 8) return OPAQUE;
  const { language } = template;
  const text = unwrap(raw);
  const ternary = language === "ARM" ? undefined : topLevel(text, (index) => (text[index] === "?" && !"?.".includes(text[index + 1] ?? "") && !"?.".includes(text[index - 1] ?? "") ? 1 : 0))[0];
  if (ternary !== undefined) {
    const rest = text.slice(ternary + 1);
    const colon = topLevel(rest, (index) => (rest[index] === ":" ? 1 : 0))[0];
    if (colon === undefined) return OPAQUE;
    return branches([evaluateText(template, rest.slice(0, colon), depth + 1), evaluateText(template, rest.slice(colon + 1), depth + 1)]);
  }
  const armIf = language === "ARM" ? callArguments(text, "if") : undefined;
  if (armIf?.length === 3) return branches([evaluateText(template, armIf[1] as string, depth + 1), evaluateText(template, armIf[2] as string, depth + 1)]);
  const coalesce = language === "Bicep" ? undefined : (callArguments(text, "coalesce") ?? (language === "Terraform" ? callArguments(text, "try") : undefined));
  const fallbacks = language === "Bicep" ? topLevel(text, (index) => (text.startsWith("??", index) ? 2 : 0)) : [];
  if (coalesce !== undefined || fallbacks.length > 0) {
    const parts = coalesce ?? [...fallbacks.map((at, index) => text.slice(index === 0 ? 0 : (fallbacks[index - 1] as number) + 2, at)), text.slice((fallbacks.at(-1) as number) + 2)];
    const first = evaluateText(template, parts[0] ?? "", depth + 1);
    if (first.kind === "values" && first.how === "certain") return first;
    const last = evaluateText(template, parts.at(-1) ?? "", depth + 1);
    return last.kind === "values" ? { ...last, how: last.how === "certain" ? "fallback" : last.how } : last;
  }
  const not = language === "ARM" ? callArguments(text, "not") : text.startsWith("!") ? [text.slice(1)] : undefined;
  if (not?.length === 1) return negate(evaluateText(template, not[0] as string, depth + 1));
  const found = operand(language, text);
  if (found === undefined) return OPAQUE;
  if ("literal" in found) return { kind: "values", values: new Set([found.literal]), how: "certain" };
  const parameter = found.kind === "variable" ? undefined : template.parameters.get(found.name);
  const variable = found.kind === "parameter" || parameter !== undefined ? undefined : template.variables.get(found.name);
  if (found.member) return parameter !== undefined || found.kind === "parameter" ? INPUT : OPAQUE;
  if (parameter !== undefined) {
    if (parameter.defaultValue === undefined) return INPUT;
    const held = evaluateValue(template, parameter.defaultValue, depth + 1);
    return held.kind === "values" ? { ...held, how: held.how === "certain" ? "fallback" : held.how } : held;
  }
  // Declared nowhere the reader looked (git modes see one file of a Terraform module): a value from elsewhere.
  return variable === undefined ? INPUT : evaluateValue(template, variable.value, depth + 1);
}

/** The outcome of a condition's branches: both count; an opaque branch makes the whole opaque. */
function branches(outcomes: readonly BooleanOutcome[]): BooleanOutcome {
  if (outcomes.some((outcome) => outcome.kind === "opaque")) return OPAQUE;
  const values = new Set(outcomes.flatMap((outcome) => (outcome.kind === "values" ? [...outcome.values] : [])));
  if (values.size === 0) return INPUT;
  return { kind: "values", values, how: "condition" };
}

function evaluateValue(template: Template, value: TemplateValue, depth: number): BooleanOutcome {
  if (value.kind === "literal") return typeof value.value === "boolean" ? { kind: "values", values: new Set([value.value]), how: "certain" } : OPAQUE;
  if (value.kind !== "expression") return OPAQUE;
  const text = template.language === "ARM" ? value.text.replace(/^\[([^]*)\]$/, "$1") : value.text;
  return evaluateText(template, text, depth);
}

/** What an expression written at a key-access property may hold. */
export function booleanOutcome(template: Template, value: TemplateValue): BooleanOutcome {
  return evaluateValue(template, value, 0);
}
