/** Which extractor reads a file, by its name. Files with none go through the whole-text pass alone. */
import { basename, extname } from "node:path";

import { extractAssignments } from "./assignments.js";
import { extractJson, extractNotebook } from "./json.js";
import type { Extractor } from "./types.js";
import { extractYaml } from "./yaml.js";

export type { BoundValue, Extractor } from "./types.js";

const BY_EXTENSION: Record<string, Extractor> = {
  ".env": extractAssignments,
  ".ini": extractAssignments,
  ".cfg": extractAssignments,
  ".conf": extractAssignments,
  ".toml": extractAssignments,
  ".properties": extractAssignments,
  ".tfvars": extractAssignments,
  ".tf": extractAssignments,
  ".hcl": extractAssignments,
  ".json": extractJson,
  ".jsonc": extractJson,
  ".json5": extractJson,
  ".ipynb": extractNotebook,
  ".yaml": extractYaml,
  ".yml": extractYaml,
};

/** `.env`, `.env.local`, `.env.production.example`, `prod.env`. */
function isEnvFile(name: string): boolean {
  return name === ".env" || name.startsWith(".env.") || name.endsWith(".env");
}

export function extractorFor(path: string): Extractor | undefined {
  const name = basename(path).toLowerCase();
  if (isEnvFile(name)) return extractAssignments;
  return BY_EXTENSION[extname(name)];
}

/**
 * Example and template files (`.env.example`, `settings.sample.json`, `values.template.yaml`): their
 * purpose is to show placeholders, so low-confidence matches in them are dropped (an identifiable key
 * whose checksum fails, a 32-hex value with only a host or a generic name as evidence). A real key
 * pasted there (valid checksum, or bound to a key-like name) is still a finding.
 */
export function isExampleFile(path: string): boolean {
  return /(?:^|[.\-_])(?:example|sample|template|tmpl|dist)(?:[.\-_]|$)/i.test(basename(path));
}
