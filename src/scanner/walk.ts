/**
 * The file source: walks the given paths and yields files to scan and skipped entries, streaming.
 * The walker is @nodelib/fs.walk (the engine under fast-glob) because its directory filter lets
 * ignored directories be pruned as the walk reaches them, with each directory's `.gitignore` read on
 * the way down; `ignore` evaluates the rules. Git is asked once per repository (`git ls-files -z`)
 * for the tracked files, which are scanned even when an ignore file names them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

import type { Entry } from "@nodelib/fs.walk";
import { walkStream } from "@nodelib/fs.walk";
import ignore from "ignore";
import type { Ignore } from "ignore";

import type { FileToScan } from "./scan-file.js";
import type { SkippedFile } from "./types.js";

/** The scanner's own ignore file, read in every directory like `.gitignore`. */
export const IGNORE_FILE_NAME = ".aoai-key-scan-ignore";
const IGNORE_FILES = [".gitignore", IGNORE_FILE_NAME];
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
}

export type WalkItem = { readonly type: "file"; readonly file: FileToScan } | { readonly type: "skipped"; readonly skipped: SkippedFile };

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
  readonly trackedFiles: ReadonlySet<string>;
  readonly trackedDirectories: ReadonlySet<string>;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export function displayPath(cwd: string, absolutePath: string): string {
  return toPosix(relative(cwd, absolutePath)) || ".";
}

function readRules(directory: string, names: readonly string[]): Ignore | undefined {
  let rules: Ignore | undefined;
  for (const name of names) {
    let content: string;
    try {
      content = readFileSync(join(directory, name), "utf8");
    } catch {
      continue; // absent (the usual case) or unreadable: no rules
    }
    rules ??= ignore();
    rules.add(content);
  }
  return rules;
}

function findRepositoryTop(start: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, ".git"))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function listTracked(top: string): Repository {
  const trackedFiles = new Set<string>();
  const trackedDirectories = new Set<string>();
  try {
    const output = execFileSync("git", ["ls-files", "-z"], { cwd: top, maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
    for (const name of output.toString("utf8").split("\0")) {
      if (name === "") continue;
      const absolute = join(top, name);
      trackedFiles.add(absolute);
      for (let directory = dirname(absolute); directory.length > top.length && !trackedDirectories.has(directory); directory = dirname(directory)) {
        trackedDirectories.add(directory);
      }
    }
  } catch {
    // No git binary, or not a usable repository: every file follows the ignore rules.
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

export async function* walkFiles(roots: readonly string[], options: WalkOptions): AsyncIterable<WalkItem> {
  const configRules = options.ignorePatterns.length > 0 ? ignore().add([...options.ignorePatterns]) : undefined;
  const isConfigIgnored = (absolutePath: string, isDirectory: boolean): boolean =>
    configRules !== undefined && isIgnoredBy([{ base: options.ignoreBase, rules: configRules }], absolutePath, isDirectory);
  const repositories = new Map<string, Repository>();

  for (const root of roots.map((path) => resolve(options.cwd, path))) {
    const rootStats = lstatSync(root);
    if (rootStats.isSymbolicLink()) {
      yield { type: "skipped", skipped: { path: displayPath(options.cwd, root), reason: "symlink" } };
      continue;
    }
    if (!rootStats.isDirectory()) {
      // A file named on the command line is scanned whatever the ignore files say.
      yield { type: "file", file: { absolutePath: root, path: displayPath(options.cwd, root) } };
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
        const exclude = readRules(join(top, ".git", "info"), ["exclude"]);
        if (exclude !== undefined) rootRules.push({ base: top, rules: exclude });
      }
      for (const directory of chain) {
        const rules = readRules(directory, IGNORE_FILES);
        if (rules !== undefined) rootRules.push({ base: directory, rules });
      }
    }
    // A directory named on the command line is scanned even if an ignore file or the config names it:
    // then only the ignore files inside it (and not the config's globs) apply.
    const namedButIgnored = isIgnoredBy(rootRules, root, true);
    const rules = namedButIgnored ? rootRules.filter((ruleSet) => ruleSet.base === root) : rootRules;
    const isIgnoredByConfig = isConfigIgnored(root, true) ? () => false : isConfigIgnored;
    const contexts = new Map<string, DirectoryContext>([[root, { rules, insideIgnored: false }]]);
    const errors: SkippedFile[] = [];

    const isTrackedDirectory = (path: string): boolean => repository?.trackedDirectories.has(path) ?? false;
    const isTrackedFile = (path: string): boolean => repository?.trackedFiles.has(path) ?? false;

    const deepFilter = (entry: Entry): boolean => {
      const parent = contexts.get(dirname(entry.path));
      if (parent === undefined) return false;
      if (isIgnoredByConfig(entry.path, true)) return false;
      let ignored = parent.insideIgnored;
      if (options.useIgnoreFiles && !ignored) {
        ignored = DEFAULT_IGNORED_DIRECTORIES.has(entry.name) || isIgnoredBy(parent.rules, entry.path, true);
      }
      if (ignored && !isTrackedDirectory(entry.path)) return false;
      const own = options.useIgnoreFiles && !ignored ? readRules(entry.path, IGNORE_FILES) : undefined;
      contexts.set(entry.path, {
        rules: own === undefined ? parent.rules : [...parent.rules, { base: entry.path, rules: own }],
        insideIgnored: ignored,
      });
      return true;
    };

    const entryFilter = (entry: Entry): boolean => {
      if (entry.dirent.isDirectory()) return false;
      if (isIgnoredByConfig(entry.path, false)) return false;
      if (!options.useIgnoreFiles || isTrackedFile(entry.path)) return true;
      const parent = contexts.get(dirname(entry.path));
      if (parent === undefined || parent.insideIgnored) return false;
      return !isIgnoredBy(parent.rules, entry.path, false);
    };

    const stream = walkStream(root, {
      followSymbolicLinks: false,
      deepFilter,
      entryFilter,
      errorFilter: (error) => {
        errors.push({ path: displayPath(options.cwd, error.path ?? root), reason: "unreadable", detail: error.code ?? error.message });
        return true;
      },
    });
    // Entries are under the root: their display path is the root's plus the rest, without path.relative per file.
    const rootDisplay = displayPath(options.cwd, root);
    const rootPrefix = rootDisplay === "." ? "" : `${rootDisplay}/`;
    for await (const entry of entriesOf(stream)) {
      const path = entry.path.startsWith(root + sep) ? rootPrefix + toPosix(entry.path.slice(root.length + 1)) : displayPath(options.cwd, entry.path);
      if (entry.dirent.isSymbolicLink()) yield { type: "skipped", skipped: { path, reason: "symlink" } };
      else if (!entry.dirent.isFile()) yield { type: "skipped", skipped: { path, reason: "not-a-file" } };
      else yield { type: "file", file: { absolutePath: entry.path, path } };
      while (errors.length > 0) {
        const skipped = errors.shift();
        if (skipped !== undefined) yield { type: "skipped", skipped };
      }
    }
    for (const skipped of errors) yield { type: "skipped", skipped };
  }
}
