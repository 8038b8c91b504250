/**
 * The inline comments ESLint reads in a linted file, for the rule host (rule-host.ts): `eslint-disable`
 * / `eslint-enable` (block comments), `eslint-disable-line` and `eslint-disable-next-line` (either
 * kind), `/* global name *\/` declarations, and `/* eslint rule: severity *\/` configurations, with
 * ESLint's meaning. Problems ESLint reports about the comments themselves (an unknown rule, a comment
 * it cannot parse) are no usage findings and are left out.
 */

/** A comment as the parsers give it. */
export interface CommentToken {
  readonly type: string;
  readonly value: string;
  readonly loc: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
}

/** A place where rules are switched off or on again; `ruleId` undefined: every rule. 1-based column, as problems have. */
interface Switch {
  readonly kind: "disable" | "enable";
  readonly line: number;
  readonly column: number;
  readonly ruleId: string | undefined;
}

/** What a `/* eslint *\/` comment says of one rule: off, or on with the options it gives (none: the rule's defaults). */
export interface InlineRuleConfig {
  readonly enabled: boolean;
  readonly options?: readonly unknown[];
}

export interface InlineComments {
  /** `eslint-disable` / `eslint-enable` block comments, in source order. */
  readonly blocks: readonly Switch[];
  /** `eslint-disable-line` / `-next-line` comments as a switch off and on, in source order. */
  readonly lines: readonly Switch[];
  /** Globals declared (true) or turned off (false) by `global` comments, in order. */
  readonly globals: ReadonlyMap<string, boolean>;
  /** The first configuration comment for each rule. */
  readonly rules: ReadonlyMap<string, InlineRuleConfig>;
}

/** ESLint's directive words; `-- text` after a directive is a justification. */
const DIRECTIVE = /^(eslint(?:-env|-enable|-disable(?:(?:-next)?-line)?)?|exported|globals?)(?:\s|$)/u;
const LABEL = /^([a-z]+(?:-[a-z]+)*)(?:\s|$)/u;
const JUSTIFICATION = /\s-{2,}\s/u;

function parseDirective(text: string): { label: string; value: string } | undefined {
  const justification = JUSTIFICATION.exec(text);
  const directive = (justification === null ? text : text.slice(0, justification.index)).trim();
  const label = LABEL.exec(directive)?.[1];
  if (label === undefined || !DIRECTIVE.test(label)) return undefined;
  return { label, value: directive.slice(label.length).trim() };
}

/** `a, "b"` → `["a", "b"]`: the rule list of a disable comment. */
function ruleList(value: string): string[] {
  const names = new Set<string>();
  for (const part of value.split(",")) {
    const name = part.trim().replace(/^(['"]?)(.*)\1$/su, "$2");
    if (name !== "") names.add(name);
  }
  return [...names];
}

/** `a: readonly, b` → name and setting pairs: the list of a `global` comment. */
function globalList(value: string): [string, string | null][] {
  const collapsed = value.trim().replace(/(?<!\s)\s*([:,])\s*/gu, "$1");
  return collapsed
    .split(/\s|,+/u)
    .filter((item) => item !== "")
    .map((item) => {
      const [name = "", setting = null] = item.split(":");
      return [name, setting];
    });
}

/** A global's setting: whether it declares the name; undefined for a setting ESLint rejects. */
function declaresGlobal(setting: string | null): boolean | undefined {
  switch (setting) {
    case "off":
      return false;
    case null:
    case "true":
    case "false":
    case "readonly":
    case "readable":
    case "writable":
    case "writeable":
      return true;
    default:
      return undefined;
  }
}

const SEVERITIES: Readonly<Record<string, boolean>> = { off: false, 0: false, warn: true, 1: true, error: true, 2: true };

/**
 * The rule settings of a `/* eslint *\/` comment: JSON with unquoted rule names (`rule: "off"`,
 * `rule: ["error", { "option": true }]`), or bare severities (`rule: off, other: 2`).
 */
function ruleSettings(value: string): Record<string, unknown> | undefined {
  const quoted = value.replace(/(?<![-a-zA-Z0-9/])([-a-zA-Z0-9/]+):/gu, '"$1":').replace(/([\]0-9])\s+(?=")/u, "$1,");
  try {
    const parsed: unknown = JSON.parse(`{${quoted}}`);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: bare words.
  }
  const settings: Record<string, unknown> = {};
  for (const pair of value.split(",")) {
    const match = /^\s*([^\s:]+)\s*:\s*([a-z0-9]+)\s*$/u.exec(pair);
    if (match === null) return undefined;
    settings[match[1]!] = match[2];
  }
  return settings;
}

function ruleConfig(setting: unknown): InlineRuleConfig | undefined {
  const [severity, ...options] = Array.isArray(setting) ? setting : [setting];
  const enabled = SEVERITIES[String(severity)];
  if (enabled === undefined) return undefined;
  return options.length === 0 ? { enabled } : { enabled, options };
}

/**
 * The inline comments of a file, for the rules in `ruleIds` (configuration comments for others are
 * ignored). `comments` excludes a shebang, which is never a directive.
 */
export function readInlineComments(comments: readonly CommentToken[], ruleIds: ReadonlySet<string>): InlineComments {
  const blocks: Switch[] = [];
  const lines: Switch[] = [];
  const globals = new Map<string, boolean>();
  const rules = new Map<string, InlineRuleConfig>();
  for (const comment of comments) {
    if (comment.type !== "Line" && comment.type !== "Block") continue;
    const directive = parseDirective(comment.value);
    if (directive === undefined) continue;
    const { label, value } = directive;
    const lineKind = label === "eslint-disable-line" || label === "eslint-disable-next-line";
    if (comment.type === "Line" && !lineKind) continue;
    const names = ruleList(value);
    const targets = names.length === 0 ? [undefined] : names;
    switch (label) {
      case "eslint-disable":
      case "eslint-enable":
        for (const ruleId of targets) {
          blocks.push({ kind: label === "eslint-disable" ? "disable" : "enable", line: comment.loc.start.line, column: comment.loc.start.column + 1, ruleId });
        }
        break;
      case "eslint-disable-line":
      case "eslint-disable-next-line": {
        // A line directive spanning lines is rejected by ESLint; `-next-line` counts from the comment's end.
        if (label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) break;
        const line = label === "eslint-disable-line" ? comment.loc.start.line : comment.loc.end.line + 1;
        for (const ruleId of targets) {
          lines.push({ kind: "disable", line, column: 1, ruleId }, { kind: "enable", line: line + 1, column: 0, ruleId });
        }
        break;
      }
      case "global":
      case "globals":
        for (const [name, setting] of globalList(value)) {
          const declared = declaresGlobal(setting);
          if (declared !== undefined) globals.set(name, declared);
        }
        break;
      case "eslint": {
        const settings = ruleSettings(value) ?? {};
        for (const [ruleId, setting] of Object.entries(settings)) {
          if (!ruleIds.has(ruleId) || rules.has(ruleId)) continue;
          const config = ruleConfig(setting);
          if (config !== undefined) rules.set(ruleId, config);
        }
        break;
      }
      default:
        break;
    }
  }
  const byPlace = (a: Switch, b: Switch): number => a.line - b.line || a.column - b.column;
  return { blocks: blocks.sort(byPlace), lines: lines.sort(byPlace), globals, rules };
}

/** Whether the switches before a problem of `ruleId` at `line`:`column` leave its rule off there. */
function switchedOff(switches: readonly Switch[], ruleId: string, line: number, column: number): boolean {
  let off = false;
  for (const entry of switches) {
    if (entry.line > line || (entry.line === line && entry.column > column)) break;
    if (entry.ruleId !== undefined && entry.ruleId !== ruleId) continue;
    off = entry.kind === "disable";
  }
  return off;
}

/** Whether a problem is suppressed by the file's disable comments, as ESLint decides. */
export function isSuppressed(comments: InlineComments, ruleId: string, line: number, column: number): boolean {
  return switchedOff(comments.blocks, ruleId, line, column) || switchedOff(comments.lines, ruleId, line, column);
}
