/**
 * The CLI's side of the git modes: which one the options ask for (at most one), and running it. Kept
 * out of cli.ts so the option table there only grows by a few entries.
 */
import path from "node:path";

import { ignoreRules } from "../ignore-rules.js";
import { UsageError } from "../config.js";
import type { ChangeSpec, PendingChanges } from "./changes.js";
import { startChanges } from "./changes.js";
import type { GitScanOptions, GitScanResult } from "./scan-git.js";

export type GitMode = ChangeSpec | { readonly kind: "history"; readonly range?: string };

export interface GitModeOptions {
  readonly staged: boolean;
  readonly diff: string | undefined;
  readonly history: boolean;
  /** The command line's positional arguments, if any were typed. */
  readonly positionals: readonly string[];
}

/**
 * The git mode the options select, or undefined for a directory scan. `--staged` and `--diff` take
 * positionals as paths that narrow them; `--history` takes at most one, its revision range.
 */
export function selectGitMode(options: GitModeOptions): GitMode | undefined {
  const chosen = [options.staged && "--staged", options.diff !== undefined && "--diff", options.history && "--history"].filter(
    (name): name is string => typeof name === "string",
  );
  if (chosen.length > 1) throw new UsageError(`${chosen.join(" and ")} cannot be combined: choose one git mode.`);
  const paths = options.positionals.length > 0 ? { paths: options.positionals } : {};
  if (options.staged) return { kind: "staged", ...paths };
  if (options.diff !== undefined) {
    if (options.diff.trim() === "" || options.diff.startsWith("-")) {
      throw new UsageError(`--diff needs a revision range such as main...HEAD, got ${JSON.stringify(options.diff)}.`);
    }
    return { kind: "diff", range: options.diff, ...paths };
  }
  if (options.history) {
    if (options.positionals.length > 1) {
      throw new UsageError(`--history takes one revision range (such as v1.0.0..HEAD), got ${options.positionals.length} arguments.`);
    }
    const [range] = options.positionals;
    if (range?.startsWith("-") === true) throw new UsageError(`--history needs a revision range, got ${JSON.stringify(range)}.`);
    return range === undefined ? { kind: "history" } : { kind: "history", range };
  }
  return undefined;
}

/**
 * The config's `ignore` globs (gitignore syntax, relative to `base`, the config file's directory) as
 * a test on report paths (relative to `cwd`); undefined when there are none.
 */
export function configIgnoreTest(cwd: string, patterns: readonly string[], base: string): ((file: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const rules = ignoreRules().add([...patterns]);
  return (file) => {
    const fromBase = path.relative(base, path.resolve(cwd, file)).split(path.sep).join("/");
    return fromBase !== "" && !fromBase.startsWith("../") && !path.isAbsolute(fromBase) && rules.ignores(fromBase);
  };
}

/**
 * Starts git for `--staged` / `--diff` before the scanner's modules load, so both run at once (a
 * pre-commit hook's wait); `runGitMode` takes it over. Nothing starts early for `--history`.
 */
export function startGitMode(mode: GitMode, options: Pick<GitScanOptions, "cwd" | "maxFileSize" | "isIgnored">): PendingChanges | undefined {
  return mode.kind === "history" ? undefined : startChanges(options.cwd, mode, options);
}

/** Runs the selected git mode; git failures reject with a `GitError` (the CLI's exit 2). */
export async function runGitMode(mode: GitMode, options: GitScanOptions, pending?: PendingChanges): Promise<GitScanResult> {
  const { scanChanges, scanHistory } = await import("./scan-git.js");
  if (mode.kind === "history") return scanHistory(mode.range, options);
  return scanChanges(mode, options, pending ?? startGitMode(mode, options));
}
