/**
 * The file source: walks the given paths and yields files to scan and skipped entries, streaming.
 * The walker is @nodelib/fs.walk (the engine under fast-glob) because its directory filter lets
 * ignored directories be pruned as the walk reaches them, with each directory's `.gitignore` read on
 * the way down; `ignore` evaluates the rules. Git is asked once per repository (`git ls-files`, into
 * submodules) for the tracked files, which are scanned even when an ignore file names them; when git
 * cannot answer for a directory inside a work tree the scan stops rather than silently trusting the
 * ignore files. Ignore files are read without following symlinks and up to a size cap.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

import type { Entry } from "@nodelib/fs.walk";
import { walkStream } from "@nodelib/fs.walk";
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
}

interface DirectoryContext {
  readonly rules: readonly RuleSet[];
  /** An ancestor directory is ignored: only tracked files inside it are scanned. */
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

/** Reads the named ignore files of `directory`; one it cannot read safely is reported and left out. */
function readRules(directory: string, names: readonly string[], refused: (name: string, detail: string) => void): Ignore | undefined {
  let rules: Ignore | undefined;
  for (const name of names) {
    const file = readSmallFile(join(directory, name), MAX_IGNORE_FILE_BYTES);
    if (file.kind === "absent") continue;
    if (file.kind === "refused") {
      refused(join(directory, name), file.detail);
      continue;
    }
    rules ??= ignoreRules();
    rules.add(file.text);
  }
  return rules;
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

function isIgnoredBy(rules: readonly RuleSet[], absolutePath: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, rules: ruleSet } of rules) {
    const path = toPosix(relative(base, absolutePath)) + (isDirectory ? "/" : "");
    if (path.startsWith("../") || path === "/") continue;
    const { ignored: isIgnored, unignored } = ruleSet.test(path);
    if (isIgnored) ignored = true;
    else if (unignored) ignored = false;
  }
  return ignored;
}

/**
 * Entries of a walk stream as an async iterable. Not `for await` over the stream itself: its Readable
 * ends but never closes (a custom destroy), which leaves Node's stream iterator waiting forever.
 */
async function* entriesOf(stream: NodeJS.ReadableStream): AsyncIterable<Entry> {
  const queue: Entry[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  stream.on("data", (entry: Entry) => {
    queue.push(entry);
    // Bounded buffering: pause the walk while the consumer catches up.
    if (queue.length >= 1024) stream.pause();
    notify();
  });
  stream.on("end", () => {
    ended = true;
    notify();
  });
  stream.on("error", (error: unknown) => {
    failure = error;
    notify();
  });
  for (;;) {
    const entry = queue.shift();
    if (entry !== undefined) {
      if (queue.length < 256 && stream.isPaused()) stream.resume();
      yield entry;
      continue;
    }
    if (failure !== undefined) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
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

export async function* walkFiles(roots: readonly string[], options: WalkOptions): AsyncIterable<WalkItem> {
  const { selects } = options;
  if (selects === undefined) {
    yield* walkEverything(roots, options);
    return;
  }
  for await (const item of walkEverything(roots, options)) {
    if (item.type === "file" && !selects(item.file.absolutePath)) continue;
    // A skipped file outside the selection was never asked for; an unreadable folder may hide selected files, so it stays.
    if (item.type === "skipped" && item.skipped.reason !== "unreadable" && !selects(resolve(options.cwd, item.skipped.path))) continue;
    yield item;
  }
}

async function* walkEverything(roots: readonly string[], options: WalkOptions): AsyncIterable<WalkItem> {
  const configRules = options.ignorePatterns.length > 0 ? ignoreRules().add([...options.ignorePatterns]) : undefined;
  const isConfigIgnored = (absolutePath: string, isDirectory: boolean): boolean =>
    configRules !== undefined && isIgnoredBy([{ base: options.ignoreBase, rules: configRules }], absolutePath, isDirectory);
  const repositories = new Map<string, Repository>();
  // Found in sync callbacks of the walker, yielded between entries.
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
        const exclude = readRules(join(top, ".git", "info"), ["exclude"], refusedIgnoreFile);
        if (exclude !== undefined) rootRules.push({ base: top, rules: exclude });
      }
      for (const directory of chain) {
        const rules = readRules(directory, IGNORE_FILES, refusedIgnoreFile);
        if (rules !== undefined) rootRules.push({ base: directory, rules });
      }
    }
    // A directory named on the command line is scanned even if an ignore file or the config names it:
    // then only the ignore files inside it (and not the config's globs) apply.
    const namedButIgnored = isIgnoredBy(rootRules, root, true);
    const rules = namedButIgnored ? rootRules.filter((ruleSet) => ruleSet.base === root) : rootRules;
    const isIgnoredByConfig = isConfigIgnored(root, true) ? () => false : isConfigIgnored;
    const contexts = new Map<string, DirectoryContext>([[root, { rules, insideIgnored: false }]]);

    const isTrackedDirectory = (path: string): boolean => repository?.trackedDirectories.has(path) ?? false;
    const isTrackedFile = (path: string): boolean => repository?.trackedFiles.has(path) ?? false;
    // Tracked files the walk met (in any form), so the ones missing from the work tree can be listed.
    const seenTracked = new Set<string>();

    const deepFilter = (entry: Entry): boolean => {
      if (nested.has(entry.path)) return false;
      const parent = contexts.get(dirname(entry.path));
      if (parent === undefined) return false;
      if (isIgnoredByConfig(entry.path, true)) return false;
      let ignored = parent.insideIgnored;
      if (options.useIgnoreFiles && !ignored) {
        ignored = DEFAULT_IGNORED_DIRECTORIES.has(entry.name) || isIgnoredBy(parent.rules, entry.path, true);
      }
      if (ignored && !isTrackedDirectory(entry.path)) return false;
      const own = options.useIgnoreFiles && !ignored ? readRules(entry.path, IGNORE_FILES, refusedIgnoreFile) : undefined;
      contexts.set(entry.path, {
        rules: own === undefined ? parent.rules : [...parent.rules, { base: entry.path, rules: own }],
        insideIgnored: ignored,
      });
      return true;
    };

    const entryFilter = (entry: Entry): boolean => {
      if (entry.dirent.isDirectory() || nested.has(entry.path)) return false;
      if (isIgnoredByConfig(entry.path, false)) return false;
      if (!options.useIgnoreFiles) return true;
      if (isTrackedFile(entry.path)) {
        seenTracked.add(entry.path);
        return true;
      }
      const parent = contexts.get(dirname(entry.path));
      if (parent === undefined || parent.insideIgnored) return false;
      return !isIgnoredBy(parent.rules, entry.path, false);
    };

    const stream = walkStream(root, {
      followSymbolicLinks: false,
      deepFilter,
      entryFilter,
      errorFilter: (error) => {
        pending.push({ type: "skipped", skipped: { path: displayPath(options.cwd, error.path ?? root), reason: "unreadable", detail: error.code ?? error.message } });
        return true;
      },
    });
    // Entries are under the root: their display path is the root's plus the rest, without path.relative per file.
    const rootPrefix = rootDisplay === "." ? "" : `${rootDisplay}/`;
    for await (const entry of entriesOf(stream)) {
      yield* pending.splice(0);
      const path = entry.path.startsWith(root + sep) ? rootPrefix + toPosix(entry.path.slice(root.length + 1)) : displayPath(options.cwd, entry.path);
      if (entry.dirent.isSymbolicLink()) yield { type: "skipped", skipped: { path, reason: "symlink" } };
      else if (!entry.dirent.isFile()) yield { type: "skipped", skipped: { path, reason: "not-a-file" } };
      else yield { type: "file", file: { absolutePath: entry.path, path } };
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
