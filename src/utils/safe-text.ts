/**
 * Text that came from a scanned file (a path, a binding name, a host, a config value) on its way to a
 * terminal, a CI log or a lint message. File names and contents are chosen by whoever wrote the pull
 * request, and CI runners act on what a job prints: ESC sequences repaint the terminal, a line feed
 * followed by `::error` or `::add-mask::` is a GitHub Actions command, and the Azure Pipelines agent
 * acts on `##vso[` anywhere in a line. One module for every place that shows such text: report
 * formats, rule messages and error messages.
 */
import { maskSecret } from "../detect/index.js";

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
 * overrides and isolates that can make a line read differently from what it holds.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The Azure Pipelines logging-command prefix: the agent matches it anywhere in a line, in any case. */
const AZURE_PIPELINES_COMMAND = /##vso\[/gi;
/** A GitHub Actions workflow command is a line starting with `::` (leading blanks allowed). */
const LEADING_WORKFLOW_COMMAND = /^(\s*):/;
/** A run of letters and digits as long as the shortest key (32 hex): the only way a key hides in a name. */
const KEY_SHAPED_RUN = /[A-Za-z0-9]{32,}/g;
/** Names and hosts are shown whole up to this length. */
export const MAX_SHOWN_NAME_LENGTH = 120;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return SHORT_ESCAPES[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}

/**
 * `text` with every control written as a visible escape (`\x1b`, `\n`, `\u202e`), `##vso[` written
 * `##vso\x5b`, and a leading `::` written `\x3a:`: it cannot end a line, move the cursor, or start a
 * CI command wherever it is printed.
 */
export function escapeForTerminal(text: string): string {
  return text
    .replace(UNSAFE_CHARS, escapeChar)
    .replace(AZURE_PIPELINES_COMMAND, (prefix) => `${prefix.slice(0, 5)}\\x5b`)
    .replace(LEADING_WORKFLOW_COMMAND, "$1\\x3a");
}

/** `text` with every run of 32 or more letters and digits masked as a secret is. */
export function maskKeyShapedRuns(text: string): string {
  return text.replace(KEY_SHAPED_RUN, (run) => maskSecret(run));
}

/** Any text that may quote a file or a config (an error message): key-shaped runs masked, then escaped. */
export function displayText(text: string): string {
  return escapeForTerminal(maskKeyShapedRuns(text));
}

/**
 * A name or host read from a file, fit for a message: key-shaped runs replaced by `…` (a key may sit
 * in a variable name or a host label), at most `MAX_SHOWN_NAME_LENGTH` characters, then escaped.
 */
export function displayName(name: string): string {
  // Redacted whole, not masked: a name may start inside a key (the engine reads a bounded window
  // before a value), and the mask of that run would show characters the key's own mask hides.
  const masked = name.replace(KEY_SHAPED_RUN, "…");
  const capped = masked.length > MAX_SHOWN_NAME_LENGTH ? `${masked.slice(0, MAX_SHOWN_NAME_LENGTH - 1)}…` : masked;
  return escapeForTerminal(capped);
}

/** Characters JSON.stringify leaves raw that a terminal or a CI agent may act on. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|##vso\[/gi;

/**
 * Serialized JSON with the same value but no raw C1 control, separator or bidi character, and no
 * literal `##vso[` (its `[` written `\u005b`): a JSON or SARIF report printed in a CI log is inert.
 */
export function neutraliseJson(serialized: string): string {
  return serialized.replace(UNSAFE_IN_JSON, (match) =>
    match.length > 1 ? `${match.slice(0, 5)}\\u005b` : `\\u${match.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
