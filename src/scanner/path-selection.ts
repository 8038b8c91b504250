/**
 * Which files a directory scan covers besides its roots: path arguments that are globs (quoted so the
 * shell passed them through, as Windows shells always do: `aoai-key-scan "services/**\/*.py"`), and
 * `--include` / `--exclude` globs. Globs use gitignore syntax through the `ignore` package the walk
 * already uses for ignore files; `**` crosses folders. Braces (`{a,b}`) are not glob syntax here.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";

import { ignoreRules } from "./ignore-rules.js";
import { UsageError } from "./config.js";

const GLOB_CHARACTER = /[*?[]/;

interface Matcher {
  /** Absolute folder the pattern is anchored at. */
  readonly base: string;
  readonly test: (fromBase: string) => boolean;
}

export interface PathSelection {
  /** Folders and files to walk: plain path arguments, and the fixed leading folder of each glob. */
  readonly roots: string[];
  /** Whether a walked file (absolute path) is part of the scan; undefined when every walked file is. */
  readonly selects?: (absolutePath: string) => boolean;
}

function toSlashes(path: string): string {
  return path.split(sep).join("/");
}

/**
 * A pattern at `base` (an absolute folder): true for paths below it that it matches. Path arguments
 * are anchored as a shell reads them; `--include` / `--exclude` read as gitignore lines (and ripgrep's
 * `-g`) do, where a pattern without a slash matches a name at any depth.
 */
function matcher(base: string, pattern: string, anchored: boolean): Matcher {
  const rules = ignoreRules().add(anchored ? `/${pattern.replace(/^\/+/, "")}` : pattern);
  return { base, test: (fromBase) => rules.ignores(fromBase) };
}

function matches(candidates: readonly Matcher[], absolutePath: string): boolean {
  return candidates.some(({ base, test }) => {
    const fromBase = toSlashes(relative(base, absolutePath));
    return fromBase !== "" && !fromBase.startsWith("../") && !isAbsolute(fromBase) && test(fromBase);
  });
}

/** Splits a glob argument at its first segment with a glob character: the folder before it, the pattern from it. */
function splitGlob(cwd: string, argument: string): { readonly base: string; readonly pattern: string } {
  const segments = toSlashes(argument).split("/");
  const first = segments.findIndex((segment) => GLOB_CHARACTER.test(segment));
  const fixed = segments.slice(0, first).join("/");
  return { base: resolve(cwd, fixed === "" && argument.startsWith("/") ? "/" : fixed === "" ? "." : fixed), pattern: segments.slice(first).join("/") };
}

/**
 * Plans a directory scan's roots and file filter. `exists` says whether a path argument names
 * something on disk (a file literally named `a*b` is scanned as that file, never as a glob).
 */
export function selectPaths(
  cwd: string,
  paths: readonly string[],
  globs: { readonly include: readonly string[]; readonly exclude: readonly string[] },
  exists: (absolutePath: string) => boolean,
): PathSelection {
  const roots: string[] = [];
  const plainRoots: string[] = [];
  const globMatchers: Matcher[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (exists(absolute)) {
      roots.push(path);
      plainRoots.push(absolute);
      continue;
    }
    if (!GLOB_CHARACTER.test(path)) throw new UsageError(`path not found: ${path}`);
    const { base, pattern } = splitGlob(cwd, path);
    if (!exists(base)) throw new UsageError(`path not found: ${path} (its folder ${toSlashes(relative(cwd, base)) || "."} does not exist)`);
    roots.push(base);
    globMatchers.push(matcher(base, pattern, true));
  }
  const filter = globFilter(cwd, globs);
  if (globMatchers.length === 0 && filter === undefined) return { roots };
  const underPlainRoot = (absolutePath: string): boolean => plainRoots.some((root) => absolutePath === root || absolutePath.startsWith(root + sep));
  return {
    roots,
    selects: (absolutePath) => (underPlainRoot(absolutePath) || matches(globMatchers, absolutePath)) && (filter?.(absolutePath) ?? true),
  };
}

/** `--include` / `--exclude` as one test of an absolute path; undefined when neither is given. */
function globFilter(cwd: string, globs: { readonly include: readonly string[]; readonly exclude: readonly string[] }): ((absolutePath: string) => boolean) | undefined {
  for (const [option, patterns] of [
    ["--include", globs.include],
    ["--exclude", globs.exclude],
  ] as const) {
    if (patterns.some((pattern) => pattern.trim() === "")) throw new UsageError(`${option} needs a glob, got an empty string.`);
  }
  if (globs.include.length === 0 && globs.exclude.length === 0) return undefined;
  const includes = globs.include.map((pattern) => matcher(cwd, pattern, false));
  const excludes = globs.exclude.map((pattern) => matcher(cwd, pattern, false));
  return (absolutePath) => (includes.length === 0 || matches(includes, absolutePath)) && !matches(excludes, absolutePath);
}

/** `--include` / `--exclude` for git modes, where path arguments are git pathspecs (git reads their globs). */
export function gitPathTest(cwd: string, globs: { readonly include: readonly string[]; readonly exclude: readonly string[] }): ((path: string) => boolean) | undefined {
  const filter = globFilter(cwd, globs);
  return filter === undefined ? undefined : (path) => filter(resolve(cwd, path));
}
