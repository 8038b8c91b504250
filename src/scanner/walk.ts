/**
 * The file source: walks the given paths and yields files to scan and skipped entries, streaming.
 * The walk is depth-first with one synchronous `readdir` per directory: ignored directories are pruned
 * as the walk reaches them, and a directory's `.gitignore` is read on the way down when its listing
 * holds one; `ignore` evaluates the rules. (An asynchronous walker cost twice the CPU for the same
 * listings, and the scan has nothing else to do on this thread while it waits.) Git is asked once per repository (`git ls-files`, into
 * submodules) for the tracked files, which are scanned even when an ignore file names them; when git
 * cannot answer for a directory inside a work tree the scan stops rather than silently trusting the
 * ignore files. Ignore files are read without following symlinks and up to a size cap.
 */
import { spawnSync } from "node:child_process";
import type { Dirent } from "node:fs";
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

import type { Ignore } from "ignore";

import { ignoreRules } from "./ignore-rules.js";
import { GIT_SAFE_CONFIG, GitError, gitEnvironment } from "./git/run-git.js";
import type { FileToScan } from "./scan-file.js";
import { readSmallFile } from "./small-file.js";
import { escapeForTerminal } from "../utils/safe-text.js";
import type { ScanWarning, SkippedFile } from "./types.js";

/** The scanner's own ignore file, read in every directory like `.gitignore`. */
export const IGNORE_FILE_NAME = ".aoai-key-scan-ignore";
const IGNORE_FILES = [".gitignore", IGNORE_FILE_NAME];
/** Ignore files larger than this are not read (a real one is a few KiB). */
const MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;
/** Skipped by default at any depth (unless git tracks files in them). */
const DEFAULT_IGNORED_DIRECTORIES = new Set([".git", "node_modules"]);

export interface WalkOptions {
  /** Working directory: report paths are relative to it. */
  readonly cwd: string;
  /** False for `--no-ignore`: no ignore files, no default skips, tracked-or-not does not matter. */
  readonly useIgnoreFiles: boolean;
  /** Config `ignore` globs (gitignore syntax, relative to `ignoreBase`); they apply to tracked files too. */
  readonly ignorePatterns: readonly string[];
  readonly ignoreBase: string;
  /** Glob path arguments and `--include` / `--exclude` (path-selection.ts): files it rejects are not part of the scan at all. */
  readonly selects?: (absolutePath: string) => boolean;
}

export type WalkItem =
  | { readonly type: "file"; readonly file: FileToScan }
  | { readonly type: "skipped"; readonly skipped: SkippedFile }
  | { readonly type: "warning"; readonly warning: ScanWarning };

interface RuleSet {
  readonly base: string;
  readonly rules: Ignore;
  /**
   * False when every rule names folders only (`build/`, `!keep/`): such rules never match a file's own
   * path, so a file whose folders the walk let through needs no test (config `ignore` lists are like this).
   */
  readonly matchesFiles: boolean;
}

/** Whether a gitignore line may match a file: not blank, not a comment, not a folder-only pattern (escapes are taken as may). */
function mayMatchFiles(line: string): boolean {
  const pattern = line.replace(/ +$/, "");
  return pattern !== "" && !pattern.startsWith("#") && (pattern.includes("\\") || !pattern.endsWith("/"));
}

/** Rules from ignore files (texts, split into lines) or from the config (`patterns`, one rule each, as `ignore` reads an array). */
function ruleSet(base: string, source: { readonly texts: readonly string[] } | { readonly patterns: readonly string[] }): RuleSet {
  const rules = ignoreRules();
  if ("texts" in source) for (const text of source.texts) rules.add(text);
  else rules.add([...source.patterns]);
  const lines = "texts" in source ? source.texts.flatMap((text) => text.split(/\r?\n/)) : source.patterns;
  return { base, rules, matchesFiles: lines.some(mayMatchFiles) };
}

/** A directory the walk has yet to list, with the rules that apply to what it holds. */
interface DirectoryContext {
  readonly path: string;
  readonly rules: readonly RuleSet[];
  /** It or an ancestor directory is ignored: only tracked files inside it are scanned. */
  readonly insideIgnored: boolean;
}

interface Repository {
  /** Absolute path of each tracked file (submodules' included) -> whether it is outside a sparse checkout. */
  readonly trackedFiles: ReadonlyMap<string, boolean>;
  readonly trackedDirectories: ReadonlySet<string>;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export function displayPath(cwd: string, absolutePath: string): string {
  return toPosix(relative(cwd, absolutePath)) || ".";
}

/** Reads the named ignore files of `directory` into rules relative to `base`; one it cannot read safely is reported and left out. */
function readRules(directory: string, names: readonly string[], refused: (name: string, detail: string) => void, base = directory): RuleSet | undefined {
  const texts: string[] = [];
  for (const name of names) {
    const file = readSmallFile(join(directory, name), MAX_IGNORE_FILE_BYTES);
    if (file.kind === "absent") continue;
    if (file.kind === "refused") {
      refused(join(directory, name), file.detail);
      continue;
    }
    texts.push(file.text);
  }
  return texts.length === 0 ? undefined : ruleSet(base, { texts });
}

function findRepositoryTop(start: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, ".git"))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * The files git tracks in the work tree at `top`, submodules included. Throws a `GitError` when git
 * cannot say (not installed, a checkout owned by another user, a broken `.git`): without the list a
 * committed but ignored `.env` would go unscanned while the report says "no keys found".
 */
function listTracked(top: string): Repository {
  const trackedFiles = new Map<string, boolean>();
  const trackedDirectories = new Set<string>();
  // -t tags entries outside a sparse checkout with "S".
  const result = spawnSync("git", [...GIT_SAFE_CONFIG, "ls-files", "-z", "-t", "--recurse-submodules"], {
    cwd: top,
    env: gitEnvironment(),
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.error !== undefined || result.status !== 0) {
    const missingGit = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    const stderr = result.stderr?.toString("utf8") ?? "";
    const reason = missingGit
      ? "git is not installed or not on PATH"
      : (stderr.split("\n").map((line) => line.trim()).find((line) => /^(?:fatal|error):/.test(line)) ?? stderr.trim()) || `exit ${result.status}`;
    const hint = /dubious ownership/.test(stderr) ? ` (trust it with: git config --global --add safe.directory ${top})` : "";
    throw new GitError(
      `cannot list the files git tracks in ${top}: ${reason}${hint}. Tracked files that an ignore file names would go unscanned; fix git, or scan every file with --no-ignore.`,
    );
  }
  for (const entry of result.stdout.toString("utf8").split("\0")) {
    if (entry.length < 3) continue;
    const absolute = join(top, entry.slice(2));
    trackedFiles.set(absolute, entry[0] === "S");
    for (let directory = dirname(absolute); directory.length > top.length && !trackedDirectories.has(directory); directory = dirname(directory)) {
      trackedDirectories.add(directory);
    }
  }
  return { trackedFiles, trackedDirectories };
}

/** `foldersPassed`: every folder between each rule set's base and the path was tested and is not ignored. */
function isIgnoredBy(rules: readonly RuleSet[], absolutePath: string, isDirectory: boolean, foldersPassed = false): boolean {
  let ignored = false;
  for (const { base, rules: ruleSet, matchesFiles } of rules) {
    if (!isDirectory && foldersPassed && !matchesFiles) continue;
    const path = toPosix(relative(base, absolutePath)) + (isDirectory ? "/" : "");
    if (path.startsWith("../") || path === "/") continue;
    const { ignored: isIgnored, unignored } = ruleSet.test(path);
    if (isIgnored) ignored = true;
    else if (unignored) ignored = false;
  }
  return ignored;
}

/**
 * The roots to walk, each once: duplicates by real path dropped (`a ./a a/`), and for each directory
 * root the paths of the other roots inside it, which its walk leaves to them (`a a/b` scans `a/b` once,
 * under the rules of a named root).
 */
function planRoots(cwd: string, roots: readonly string[]): { readonly root: string; readonly nested: ReadonlySet<string> }[] {
  const unique: { root: string; real: string }[] = [];
  for (const root of roots.map((path) => resolve(cwd, path))) {
    let real: string;
    try {
      real = realpathSync(root);
    } catch {
      real = root; // a dangling symlink root: reported as a symlink by the walk
    }
    if (!unique.some((other) => other.real === real)) unique.push({ root, real });
  }
  return unique.map(({ root, real }) => ({
    root,
    nested: new Set(unique.filter((other) => other.real.startsWith(real + sep)).map((other) => join(root, relative(real, other.real)))),
  }));
}

/** Synchronous: the consumer hands files on as they come and waits only when its own queue is full. */
export function* walkFiles(roots: readonly string[], options: WalkOptions): Iterable<WalkItem> {
  const { selects } = options;
  if (selects === undefined) {
    yield* walkEverything(roots, options);
    return;
  }
  for (const item of walkEverything(roots, options)) {
    if (item.type === "file" && !selects(item.file.absolutePath)) continue;
    // A skipped file outside the selection was never asked for; an unreadable folder may hide selected files, so it stays.
    if (item.type === "skipped" && item.skipped.reason !== "unreadable" && !selects(resolve(options.cwd, item.skipped.path))) continue;
    yield item;
  }
}

function* walkEverything(roots: readonly string[], options: WalkOptions): Iterable<WalkItem> {
  const configRules = options.ignorePatterns.length > 0 ? [ruleSet(options.ignoreBase, { patterns: options.ignorePatterns })] : undefined;
  const isConfigIgnored = (absolutePath: string, isDirectory: boolean, foldersPassed = false): boolean =>
    configRules !== undefined && isIgnoredBy(configRules, absolutePath, isDirectory, foldersPassed);
  const repositories = new Map<string, Repository>();
  // Found while reading ignore files, yielded before the directory's entries.
  const pending: WalkItem[] = [];
  const refusedIgnoreFile = (file: string, detail: string): void => {
    const path = displayPath(options.cwd, file);
    pending.push({
      type: "warning",
      warning: { code: "ignore-file-not-read", path, message: `Ignore file ${escapeForTerminal(path)} was not read (${detail}): its rules did not apply.` },
    });
  };

  for (const { root, nested } of planRoots(options.cwd, roots)) {
    const rootDisplay = displayPath(options.cwd, root);
    const rootPrefix = rootDisplay === "." ? "" : `${rootDisplay}/`;
    const rootWithSeparator = root.endsWith(sep) ? root : root + sep;
    const rootStats = lstatSync(root);
    if (rootStats.isSymbolicLink()) {
      yield { type: "skipped", skipped: { path: rootDisplay, reason: "symlink" } };
      yield {
        type: "warning",
        warning: {
          code: "symlink-root",
          path: rootDisplay,
          message: `${escapeForTerminal(rootDisplay)} is a symbolic link: links are never followed, so nothing behind it was scanned. Name its target instead.`,
        },
      };
      continue;
    }
    if (rootStats.isFile()) {
      // A file named on the command line is scanned whatever the ignore files say.
      yield { type: "file", file: { absolutePath: root, path: rootDisplay } };
      continue;
    }
    if (!rootStats.isDirectory()) {
      // A FIFO, socket or device named on the command line: never opened, so never a hang.
      yield { type: "skipped", skipped: { path: rootDisplay, reason: "not-a-file" } };
      continue;
    }

    const top = options.useIgnoreFiles ? findRepositoryTop(root) : undefined;
    let repository: Repository | undefined;
    if (top !== undefined) {
      repository = repositories.get(top) ?? listTracked(top);
      repositories.set(top, repository);
    }
    // Rules of the directories from the repository top down to the root apply inside the root.
    const rootRules: RuleSet[] = [];
    if (options.useIgnoreFiles) {
      const chain: string[] = [];
      for (let directory = root; ; directory = dirname(directory)) {
        chain.unshift(directory);
        if (directory === top || dirname(directory) === directory || top === undefined) break;
      }
      if (top !== undefined) {
        const exclude = readRules(join(top, ".git", "info"), ["exclude"], refusedIgnoreFile, top);
        if (exclude !== undefined) rootRules.push(exclude);
      }
      for (const directory of chain) {
        const rules = readRules(directory, IGNORE_FILES, refusedIgnoreFile);
        if (rules !== undefined) rootRules.push(rules);
      }
    }
    // A directory named on the command line is scanned even if an ignore file or the config names it:
    // then only the ignore files inside it (and not the config's globs) apply.
    const namedButIgnored = isIgnoredBy(rootRules, root, true);
    const rules = namedButIgnored ? rootRules.filter((ruleSet) => ruleSet.base === root) : rootRules;
    const isIgnoredByConfig = isConfigIgnored(root, true) ? () => false : isConfigIgnored;

    const isTrackedDirectory = (path: string): boolean => repository?.trackedDirectories.has(path) ?? false;
    const isTrackedFile = (path: string): boolean => repository?.trackedFiles.has(path) ?? false;
    // Tracked files the walk met (in any form), so the ones missing from the work tree can be listed.
    const seenTracked = new Set<string>();

    /** The context of subdirectory `path` of `parent`, or undefined when the walk does not enter it. */
    const enter = (parent: DirectoryContext, path: string, name: string): DirectoryContext | undefined => {
      if (nested.has(path) || isIgnoredByConfig(path, true)) return undefined;
      let ignored = parent.insideIgnored;
      if (options.useIgnoreFiles && !ignored) ignored = DEFAULT_IGNORED_DIRECTORIES.has(name) || isIgnoredBy(parent.rules, path, true);
      if (ignored && !isTrackedDirectory(path)) return undefined;
      return { path, rules: parent.rules, insideIgnored: ignored };
    };

    /** Whether a file (or symlink, or special file) is part of the scan: `enter` let its folders through. */
    const includes = (context: DirectoryContext, path: string): boolean => {
      if (nested.has(path) || isIgnoredByConfig(path, false, true)) return false;
      if (!options.useIgnoreFiles) return true;
      if (isTrackedFile(path)) {
        seenTracked.add(path);
        return true;
      }
      return !context.insideIgnored && !isIgnoredBy(context.rules, path, false, true);
    };

    // Depth first, so only the directories along one path and their unvisited siblings are held.
    const stack: DirectoryContext[] = [{ path: root, rules, insideIgnored: false }];
    for (let context = stack.pop(); context !== undefined; context = stack.pop()) {
      let entries: Dirent[];
      try {
        entries = readdirSync(context.path, { withFileTypes: true });
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        yield { type: "skipped", skipped: { path: displayPath(options.cwd, context.path), reason: "unreadable", detail: code ?? message } };
        continue;
      }
      // The root's own ignore files are among the rules already; a subdirectory's are read when its listing
      // has any (by name in any case: a case-insensitive file system opens `.GITIGNORE` as `.gitignore`).
      if (context.path !== root && options.useIgnoreFiles && !context.insideIgnored) {
        const present = IGNORE_FILES.filter((name) => entries.some((entry) => entry.name.length === name.length && entry.name.toLowerCase() === name));
        const own = present.length === 0 ? undefined : readRules(context.path, present, refusedIgnoreFile);
        if (own !== undefined) context = { ...context, rules: [...context.rules, own] };
      }
      yield* pending.splice(0);
      // Entries are under the root: their display path is the root's plus the rest, without path.relative per file.
      const prefix = context.path === root ? rootPrefix : `${rootPrefix}${toPosix(context.path.slice(rootWithSeparator.length))}/`;
      const directories: DirectoryContext[] = [];
      for (const entry of entries) {
        const path = context.path.endsWith(sep) ? context.path + entry.name : context.path + sep + entry.name;
        if (entry.isDirectory()) {
          const inner = enter(context, path, entry.name);
          if (inner !== undefined) directories.push(inner);
          continue;
        }
        if (!includes(context, path)) continue;
        const display = prefix + entry.name;
        if (entry.isSymbolicLink()) yield { type: "skipped", skipped: { path: display, reason: "symlink" } };
        else if (!entry.isFile()) yield { type: "skipped", skipped: { path: display, reason: "not-a-file" } };
        else yield { type: "file", file: { absolutePath: path, path: display } };
      }
      // Reversed onto the stack, so siblings are walked in listing order.
      for (let index = directories.length - 1; index >= 0; index -= 1) stack.push(directories[index]!);
    }
    yield* pending.splice(0);
    if (repository !== undefined) yield* missingTrackedFiles(repository, root, nested, seenTracked, (path) => isIgnoredByConfig(path, false), options.cwd);
  }
}

/**
 * Tracked files under `root` the walk never met: deleted from the work tree but not from git, or
 * outside a sparse checkout. Their committed content is not on disk to scan; they are listed.
 */
function* missingTrackedFiles(
  repository: Repository,
  root: string,
  nested: ReadonlySet<string>,
  seen: ReadonlySet<string>,
  isConfigIgnored: (path: string) => boolean,
  cwd: string,
): Iterable<WalkItem> {
  const inside = (path: string, directory: string): boolean => path.startsWith(directory + sep);
  for (const [file, sparse] of repository.trackedFiles) {
    if (seen.has(file) || !inside(file, root) || isConfigIgnored(file)) continue;
    if ([...nested].some((other) => file === other || inside(file, other))) continue;
    const detail = sparse ? "tracked by git, outside the sparse checkout" : "tracked by git, missing from the work tree";
    yield { type: "skipped", skipped: { path: displayPath(cwd, file), reason: "missing", detail } };
  }
}
