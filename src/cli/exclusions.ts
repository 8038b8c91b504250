/**
 * Accounts `enforce` must leave alone (legacy apps that still need keys): by resource id, by name, or
 * by tag (`tag:KEY` or `tag:KEY=VALUE`), from `--exclude` and from `aoai-keyless.config.json`.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

import type { AccountRecord } from "../azure/accounts.js";
import { UsageError } from "./common.js";

export const CONFIG_FILE_NAME = "aoai-keyless.config.json";

export type Exclusion = (
  | { readonly kind: "id"; readonly id: string }
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "tag"; readonly key: string; readonly value: string | undefined }
) & {
  /** As written, and where: shown as the reason an account was excluded. */
  readonly text: string;
  readonly source: string;
};

export function parseExclusion(text: string, source: string): Exclusion {
  const trimmed = text.trim();
  if (trimmed === "") throw new UsageError(`${source}: an exclusion is empty.`);
  if (/^tag:/i.test(trimmed)) {
    const body = trimmed.slice(4);
    const equals = body.indexOf("=");
    const key = (equals === -1 ? body : body.slice(0, equals)).trim();
    if (key === "") throw new UsageError(`${source}: ${JSON.stringify(text)} names no tag (use tag:KEY or tag:KEY=VALUE).`);
    return { kind: "tag", key, value: equals === -1 ? undefined : body.slice(equals + 1), text: trimmed, source };
  }
  if (trimmed.startsWith("/")) {
    if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i.test(trimmed)) {
      throw new UsageError(`${source}: ${JSON.stringify(text)} is not an Azure AI account id (/subscriptions/.../resourceGroups/.../providers/Microsoft.CognitiveServices/accounts/NAME).`);
    }
    return { kind: "id", id: trimmed, text: trimmed, source };
  }
  return { kind: "name", name: trimmed, text: trimmed, source };
}

/** The first exclusion that matches the account. Ids, names and tag names compare case-insensitively, as Azure does; tag values exactly. */
export function findExclusion(exclusions: readonly Exclusion[], account: AccountRecord): Exclusion | undefined {
  return exclusions.find((exclusion) => {
    switch (exclusion.kind) {
      case "id":
        return exclusion.id.toLowerCase() === account.id.toLowerCase();
      case "name":
        return exclusion.name.toLowerCase() === account.name.toLowerCase();
      case "tag": {
        const entry = Object.entries(account.tags).find(([key]) => key.toLowerCase() === exclusion.key.toLowerCase());
        return entry !== undefined && (exclusion.value === undefined || entry[1] === exclusion.value);
      }
    }
  });
}

export function describeExclusion(exclusion: Exclusion): string {
  return `excluded by ${exclusion.text} (${exclusion.source})`;
}

/** `--config FILE`, else `aoai-keyless.config.json` in the working directory when present: `{ "exclude": [...] }`. */
export function loadExclusions(cwd: string, configPath: string | undefined, fromArguments: readonly string[]): Exclusion[] {
  const exclusions = fromArguments.map((text) => parseExclusion(text, "--exclude"));
  const path = resolve(cwd, configPath ?? CONFIG_FILE_NAME);
  if (configPath === undefined && !existsSync(path)) return exclusions;
  const source = configPath ?? CONFIG_FILE_NAME;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${source}: ${code === undefined ? `not valid JSON (${(error as Error).message.split("\n")[0]})` : `cannot read (${code})`}.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`${source}: the config must be a JSON object.`);
  for (const property of Object.keys(value)) {
    if (property !== "$schema" && property !== "exclude") throw new UsageError(`${source}: unknown property "${property}" (allowed: exclude).`);
  }
  const list = (value as { exclude?: unknown }).exclude ?? [];
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) throw new UsageError(`${source}: "exclude" must be an array of strings.`);
  return [...exclusions, ...(list as string[]).map((text) => parseExclusion(text, source))];
}
