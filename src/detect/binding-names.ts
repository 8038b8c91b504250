/**
 * The name a value is bound to, read backwards from the value on its own line. A hand-written backward
 * scan rather than an end-anchored regex: the regex engine would retry every start position of the
 * line for every candidate, which is quadratic on long minified lines; this scan touches only the
 * chars between the value and its name.
 */

/** How far back from the value the name may start. */
const LOOKBEHIND_CHARS = 256;
/** Longest name read. */
const MAX_NAME_LENGTH = 100;
/** Longest `<element attributes>` tag searched before a value. */
const MAX_TAG_LENGTH = 200;

const isNameChar = (char: string | undefined): boolean => char !== undefined && /[\w$.-]/.test(char);
const isQuote = (char: string | undefined): boolean => char === '"' || char === "'" || char === "`";
const isBlank = (char: string | undefined): boolean => char === " " || char === "\t";
const OPERATOR_CHARS = "=:+|?!<>~";
const STRING_PREFIXES = "rRbBuUfF@$";

function skipBlanks(text: string, position: number, floor: number): number {
  let at = position;
  while (at > floor && isBlank(text[at - 1])) at--;
  return at;
}

/** Skips the opening of a string value: up to 3 quotes (each maybe escaped) and a prefix such as `r` or `@`. */
function skipValueOpening(text: string, position: number, floor: number): number {
  let at = position;
  let quotes = 0;
  while (quotes < 3 && at > floor && isQuote(text[at - 1])) {
    at--;
    if (at > floor && text[at - 1] === "\\") at--;
    quotes++;
  }
  if (quotes > 0 && at > floor && STRING_PREFIXES.includes(text[at - 1]!) && !isNameChar(text[at - 2])) at--;
  return at;
}

/** The name ending at `end`: name chars only, not starting with a dot, with at least one letter. */
function readNameBackward(text: string, end: number, floor: number): string | undefined {
  let start = end;
  while (start > floor && end - start < MAX_NAME_LENGTH && isNameChar(text[start - 1])) start--;
  while (start < end && text[start] === ".") start++;
  const name = text.slice(start, end);
  return /[A-Za-z]/.test(name) ? name : undefined;
}

/**
 * Skips what closes a name before its operator: quotes, escapes, `]`, `)` and the `>` of a `<NAME>`
 * placeholder (`["<AZURE_OPENAI_API_KEY>"]=`), with blanks between.
 */
function skipNameClosing(text: string, position: number, floor: number): number {
  let at = skipBlanks(text, position, floor);
  for (let step = 0; step < 5 && at > floor && /["'`\\\])>]/.test(text[at - 1]!); step++) {
    at = skipBlanks(text, at - 1, floor);
  }
  return at;
}

/** `<add key="NAME" value="`: the .NET appSettings form, whose name is the `key` attribute. */
const SETTING_KEY_BEFORE_VALUE = /\bkey[ \t]*=[ \t]*["']([^"'<>]{1,100})["'][ \t]+$/i;
/**
 * A `name` (or `key`) member right before a `value` member: JSON `{"name": "NAME", "value": `, App
 * Service and ARM `appSettings`, Kubernetes `env: - name: NAME` / `value: `, Bicep `{ name: 'NAME'`.
 */
const NAME_MEMBER_BEFORE_VALUE =
  /\b(?:name|key)["']?[ \t]*[:=][ \t]*["']?([\w.$:<>-]{1,100}?)["']?[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?["']?$/i;

/** Names before an assignment operator ending at `operatorStart`: the target, and a call around a keyword argument. */
function assignedNames(text: string, operatorStart: number, floor: number): string[] {
  const nameEnd = skipNameClosing(text, operatorStart, floor);
  const name = readNameBackward(text, nameEnd, floor);
  if (name === undefined) return [];
  const nameStart = nameEnd - name.length;
  if (name.toLowerCase() === "value") {
    const before = text.slice(Math.max(floor, nameStart - 160), nameStart);
    const setting = SETTING_KEY_BEFORE_VALUE.exec(before) ?? NAME_MEMBER_BEFORE_VALUE.exec(before);
    if (setting !== null) return [setting[1]!];
  }
  // `AzureKeyCredential(key="`: the keyword first, then the callee.
  const beforeName = skipBlanks(text, nameStart, floor);
  if (text[beforeName - 1] === "(") {
    const callee = readNameBackward(text, skipBlanks(text, beforeName - 1, floor), floor);
    if (callee !== undefined) return [name, callee];
  }
  return [name];
}

/** `set("api-key", "`: the quoted first argument before a comma at `comma`. */
function pairedName(text: string, comma: number, floor: number): string[] {
  let at = skipBlanks(text, comma, floor);
  const quote = text[at - 1];
  if (!isQuote(quote)) return [];
  at--;
  if (text[at - 1] === "\\") at--;
  let start = at;
  while (start > floor && at - start < MAX_NAME_LENGTH && /[\w.-]/.test(text[start - 1]!)) start--;
  const opening = text[start - 1] === "\\" ? text[start - 2] : text[start - 1];
  if (opening !== quote || start === at) return [];
  return [text.slice(start, at)];
}

/**
 * The member a getter body belongs to, ending before `position`: C# `Name { get { return ...`,
 * `Name => ...`, JavaScript `get name() { return ...`, with no statement end in between.
 */
const MEMBER_BEFORE_CALL = /(?:\b([A-Za-z_]\w*)\s*\{\s*get\b|\b([A-Za-z_]\w*)\s*=>|\bget\s+([A-Za-z_$][\w$]*)\s*\(\s*\)\s*\{)[^;{}]*\{?[^;{}]*$/;

function enclosingMember(text: string, position: number, floor: number): string | undefined {
  const match = MEMBER_BEFORE_CALL.exec(text.slice(floor, position));
  return match?.[1] ?? match?.[2] ?? match?.[3];
}

/** Skips one element of a list backwards: a quoted string on one line, or a number or name. */
function skipElementBackward(text: string, position: number, floor: number): number | undefined {
  const at = skipBlanks(text, position, floor);
  const quote = text[at - 1];
  if (quote !== undefined && isQuote(quote)) {
    const open = text.lastIndexOf(quote, at - 2);
    if (open < floor || text.slice(open, at).includes("\n")) return undefined;
    return STRING_PREFIXES.includes(text[open - 1] ?? "") && !isNameChar(text[open - 2]) ? open - 1 : open;
  }
  let start = at;
  while (start > floor && isNameChar(text[start - 1])) start--;
  return start < at ? start : undefined;
}

/** Whether a `,` follows the value starting at `valueStart` (after its closing quote). */
function commaAfterValue(text: string, valueStart: number): boolean {
  let at = valueStart;
  const limit = Math.min(text.length, valueStart + 200);
  while (at < limit && /[\w+/=.-]/.test(text[at]!)) at++;
  while (at < limit && isQuote(text[at])) at++;
  while (at < limit && isBlank(text[at])) at++;
  return text[at] === ",";
}

/**
 * Multiple assignment: `speech_key, region = "<value>", "westus"` (Python), `key, region := ...` (Go),
 * `const [key, region] = ["<value>", ...]` (JavaScript): the n-th target gets the n-th value.
 * `opened` is the value's opening quote; undefined unless both sides are lists of two or more.
 */
function multipleAssignmentName(text: string, opened: number, valueStart: number, floor: number): string | undefined {
  let at = opened;
  let index = 0;
  // Back over the values before this one, to the `=` (or `[` / `(` right after it).
  for (;;) {
    at = skipBlanks(text, at, floor);
    const char = text[at - 1];
    if (char === ",") {
      index++;
      const element = skipElementBackward(text, at - 1, floor);
      if (element === undefined) return undefined;
      at = element;
      continue;
    }
    if (char === "[" || char === "(") {
      at = skipBlanks(text, at - 1, floor);
      if (text[at - 1] !== "=") return undefined;
      continue;
    }
    if (char !== "=") return undefined;
    const previous = text[at - 2] ?? "";
    if (previous === ":") {
      at -= 2; // Go's `:=`
      break;
    }
    if ("=!<>+-*/%&|^".includes(previous)) return undefined;
    at -= 1;
    break;
  }
  if (index === 0 && !commaAfterValue(text, valueStart)) return undefined;
  // The targets: names separated by commas, maybe inside `[...]`.
  at = skipBlanks(text, at, floor);
  if (text[at - 1] === "]") at--;
  const targets: string[] = [];
  for (;;) {
    at = skipBlanks(text, at, floor);
    const name = readNameBackward(text, at, floor);
    if (name === undefined) break;
    targets.unshift(name);
    at = skipBlanks(text, at - name.length, floor);
    if (text[at - 1] !== ",") break;
    at--;
  }
  return targets.length >= 2 && index < targets.length ? targets[index] : undefined;
}

/** `<ApiKey>` or `<ApiKey attr="x">` ending at `close` (the index of `>`): the element name. */
function elementName(text: string, close: number, floor: number): string[] {
  let open = close - 1;
  while (open >= floor && close - open < MAX_TAG_LENGTH && text[open] !== "<" && text[open] !== ">" && text[open] !== "\n") {
    open--;
  }
  if (text[open] !== "<") return [];
  const name = /^[\w.:-]+/.exec(text.slice(open + 1, close))?.[0];
  return name === undefined ? [] : [name];
}

/**
 * The names the value starting at `valueStart` is bound to on its own line, innermost first:
 * - assigned: `NAME=`, `export NAME=`, `NAME: "`, `"api-key": "`, `headers["X"] = `, `$env:NAME = "`,
 *   `-H "api-key: `, `?subscription-key=`, `NAME || "`, `getenv("NAME") or "`, `name <- "`;
 * - keyword argument: `AzureKeyCredential(key="` gives `key`, then `AzureKeyCredential`;
 * - called: `AzureKeyCredential("`;
 * - multiple assignment: `key, region = "`, `key, region := "`, `const [key, region] = ["`: the
 *   target at the value's position;
 * - paired: `set("api-key", "`, `headers.Add("Ocp-Apim-Subscription-Key", "`, `getenv("NAME", "`,
 *   then the getter the call sits in (`ApiKey { get { return Preferences.Get("apiId", "`);
 * - name/value members: `{"name": "NAME", "value": "`, Kubernetes `- name: NAME` / `value: "`;
 * - setting: `<add key="NAME" value="` (.NET appSettings);
 * - element: `<ApiKey>`;
 * - spaced: `--api-key `, `setx NAME "`, `ENV NAME `, `commit `.
 */
export function namesBeforeValue(text: string, valueStart: number): string[] {
  const floor = Math.max(0, valueStart - LOOKBEHIND_CHARS);
  const opened = skipValueOpening(text, valueStart, floor);
  const position = skipBlanks(text, opened, floor);
  if (position <= floor) return [];
  const before = text[position - 1]!;

  if (before === "," || before === "=" || before === "[" || before === "(") {
    const target = multipleAssignmentName(text, opened, valueStart, floor);
    if (target !== undefined) return [target];
  }
  if (before === "(") {
    const callee = readNameBackward(text, skipBlanks(text, position - 1, floor), floor);
    return callee === undefined ? [] : [callee];
  }
  if (before === ",") {
    const paired = pairedName(text, position - 1, floor);
    const member = paired.length === 0 ? undefined : enclosingMember(text, position, floor);
    return member === undefined ? paired : [...paired, member];
  }
  if (before === ">" && text[position - 2] !== "=" && text[position - 2] !== "-") {
    return elementName(text, position - 1, floor);
  }

  let operatorStart = position;
  while (operatorStart > floor && position - operatorStart < 3 && OPERATOR_CHARS.includes(text[operatorStart - 1]!)) {
    operatorStart--;
  }
  if (operatorStart === position) {
    const lastTwo = text.slice(Math.max(floor, position - 2), position);
    // R's `name <- value`, Python's `getenv("NAME") or "value"`.
    if (lastTwo === "<-" || (lastTwo === "or" && /[ \t)]/.test(text[position - 3] ?? ""))) operatorStart = position - 2;
  }
  if (operatorStart < position) return assignedNames(text, operatorStart, floor);

  // No operator: `--api-key <value>`, `setx NAME "<value>"` need at least one blank before the value.
  if (position < opened && isNameChar(before)) {
    const name = readNameBackward(text, position, floor);
    return name === undefined ? [] : [name];
  }
  return [];
}
