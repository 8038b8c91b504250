/**
 * Boolean values that parameters files set: ARM/azd `*.parameters.json` (`"x": { "value": false }`,
 * azd's `"${AZURE_X=false}"` read as its default), `.bicepparam` (`param x = false`) and Terraform
 * `.tfvars` (`x = false`). Only what a template's keyless check may need: booleans, by name.
 */
import { readJsonValue } from "../arm/read.js";
import { entryAt } from "../model.js";
import { isParameterFile } from "../template-files.js";

export interface ParameterFileValue {
  /** The parameters file's name, for the message. */
  readonly file: string;
  readonly value: boolean;
  /** Terraform loads it on every run (`terraform.tfvars`, `*.auto.tfvars`, and their `.json`): its value overrides the default. */
  readonly applied: boolean;
}

/** Terraform's automatically loaded variable files, in the order it loads them (a later one wins). */
function autoLoadRank(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower === "terraform.tfvars") return 0;
  if (lower === "terraform.tfvars.json") return 1;
  return lower.endsWith(".auto.tfvars") || lower.endsWith(".auto.tfvars.json") ? 2 : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  // azd substitutes `${NAME}` from the environment, `${NAME=default}` falling back to the default.
  const text = /^\$\{[A-Za-z_][\w]*=(.*)\}$/.exec(value.trim())?.[1] ?? value.trim();
  return text === "true" ? true : text === "false" ? false : undefined;
}

/** The booleans a parameters file sets, by parameter name. */
export function readParameterFile(name: string, text: string): Map<string, boolean> {
  const values = new Map<string, boolean>();
  if (name.endsWith(".json")) {
    const root = readJsonValue(text);
    if (root?.kind !== "object") return values;
    const parameters = entryAt(root, "parameters")?.value ?? root;
    if (parameters.kind !== "object") return values;
    for (const entry of parameters.entries) {
      const holder = entry.value.kind === "object" ? entryAt(entry.value, "value")?.value : entry.value;
      const value = holder?.kind === "literal" ? asBoolean(holder.value) : undefined;
      if (value !== undefined) values.set(entry.key, value);
    }
    return values;
  }
  const pattern = name.endsWith(".bicepparam") ? /^[ \t]*param[ \t]+(\w+)[ \t]*=[ \t]*(true|false)\b/gm : /^[ \t]*(\w+)[ \t]*=[ \t]*(true|false)\b/gm;
  for (const match of text.matchAll(pattern)) values.set(match[1] as string, match[2] === "true");
  return values;
}

/** A lookup over the parameters files among `files`: every file that sets the name, Terraform's auto-loaded ones first in load order, then the others by name. */
export function parameterFileLookup(files: ReadonlyMap<string, string>): (name: string) => ParameterFileValue[] {
  const order = ([name]: readonly [string, string]): string => `${autoLoadRank(name) ?? 3}${name}`;
  const read = [...files]
    .filter(([name]) => isParameterFile(name))
    .sort((left, right) => (order(left) < order(right) ? -1 : 1))
    .map(([file, text]) => ({ file, applied: autoLoadRank(file) !== undefined, values: readParameterFile(file, text) }));
  return (name) => read.flatMap(({ file, applied, values }) => (values.has(name) ? [{ file, value: values.get(name) as boolean, applied }] : []));
}
