/**
 * Shell surfaces: the HTTP clients whose header options carry a key, and the Azure CLI command that
 * prints a resource's keys. Data for detector.ts; adding a client is one row.
 */
import { KEY_HEADER_TRIGGERS } from "../requests.js";

export interface ShellHttpClient {
  readonly command: string;
  /** Options followed by a `Name: value` header (`-H x`, also attached: `-Hx`). */
  readonly headerOptions: readonly string[];
  /** Options followed by the URL. */
  readonly urlOptions: readonly string[];
  /** Other options that take a value (so the value is not mistaken for the URL). */
  readonly valueOptions: readonly string[];
}

export const SHELL_HTTP_CLIENTS: readonly ShellHttpClient[] = [
  {
    command: "curl",
    headerOptions: ["-H", "--header"],
    urlOptions: ["--url"],
    valueOptions: ["-d", "--data", "--data-raw", "--data-binary", "--json", "-X", "--request", "-o", "--output", "-u", "--user", "-F", "--form", "-A", "--user-agent", "-m", "--max-time", "-w", "--write-out", "--retry", "-T", "--upload-file"],
  },
];

/** `az cognitiveservices account keys list`: prints key1 and key2 of an Azure AI resource. */
export const KEY_LISTING = { command: "az", words: ["cognitiveservices", "account", "keys", "list"] } as const;

/** The key headers' spellings, and the Azure CLI's key listing: the trigger words. */
export const SHELL_TRIGGERS: readonly string[] = [...KEY_HEADER_TRIGGERS, "keys list"];

/** Tree-sitter queries (tree-sitter-bash). */
export const SHELL_QUERIES = {
  commands: "(command) @command",
  bindings: "(variable_assignment name: (variable_name) @name value: (_) @value)",
} as const;

export const SHELL_SCOPES: ReadonlySet<string> = new Set(["function_definition"]);
