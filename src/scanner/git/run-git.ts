/**
 * Running the real `git` binary. Every failure becomes a `GitError` carrying git's own message, so a
 * broken repository, a bad revision or a missing `git` never turns into a clean exit 0.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";

import { readSmallFile } from "../small-file.js";

/** A git command that could not run or exited non-zero; the CLI turns it into exit 2. */
export class GitError extends Error {
  override readonly name: string = "GitError";
}

/** The directory the command ran in is not inside a git work tree. */
export class NotAGitRepositoryError extends GitError {
  override readonly name: string = "NotAGitRepositoryError";
}

/**
 * Settings passed to every git call the scanner makes. Output must not depend on the user's config
 * (no colour, fixed `a/` `b/` prefixes, UTF-8 paths left unescaped), and nothing in the scanned
 * repository's own config may run a program or reach the network: a checkout under review is
 * untrusted, and its `.git/config` could name an fsmonitor hook or a gpg program to run on `git log`.
 * External diff drivers and textconv are turned off per command (`--no-ext-diff --no-textconv`).
 */
export const GIT_SAFE_CONFIG: readonly string[] = [
  "-c", "core.quotePath=false",
  "-c", "color.ui=false",
  "-c", "diff.noprefix=false",
  // A hook program git would run to learn which files changed.
  "-c", "core.fsmonitor=false",
  // `log.showSignature` runs `gpg.program` on every commit.
  "-c", "log.showSignature=false",
  // No transport at all: a partial clone would otherwise fetch missing objects from its remote (and
  // a repository's config may allow `ext::`, which runs a command). Per-protocol settings override
  // `protocol.allow`, so each is set too.
  "-c", "protocol.allow=never",
  ...["file", "git", "ssh", "http", "https", "ext", "fd"].flatMap((name) => ["-c", `protocol.${name}.allow=never`]),
];

export interface RunGitOptions {
  readonly cwd: string;
  /** Bytes written to git's stdin, then closed. */
  readonly input?: string;
}

/** The environment of every git call. */
export function gitEnvironment(): NodeJS.ProcessEnv {
  // A hook runs with GIT_INDEX_FILE and friends set by git itself: keep them. Stop prompts and lazy fetches.
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", GIT_NO_LAZY_FETCH: "1", LC_ALL: "C" };
}

/** The git command of `args` (`diff`), after any `-c name=value` settings. */
function commandOf(args: readonly string[]): string {
  let index = 0;
  while (args[index] === "-c") index += 2;
  return args[index] ?? "";
}

function spawnFailure(error: NodeJS.ErrnoException, args: readonly string[]): GitError {
  if (error.code === "ENOENT") return new GitError("git is not installed or not on PATH");
  return new GitError(`git ${commandOf(args)} could not start: ${error.message}`);
}

function exitFailure(args: readonly string[], code: number | null, stderr: string): GitError {
  // git's reason is its `fatal:` or `error:` line; hints follow it.
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  const message = lines.find((line) => /^(?:fatal|error):/.test(line)) ?? lines[0] ?? `exited with ${code}`;
  if (/not a git repository/i.test(stderr)) return new NotAGitRepositoryError(message);
  return new GitError(`git ${commandOf(args)} failed: ${message}`);
}

/** Runs git to completion and returns its stdout as bytes (blobs are not necessarily UTF-8). */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", [...GIT_SAFE_CONFIG, ...args], {
      cwd: options.cwd,
      env: gitEnvironment(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => reject(spawnFailure(error, args)));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout));
      else reject(exitFailure(args, code, Buffer.concat(stderr).toString("utf8")));
    });
    // git may exit before reading all of stdin (e.g. on a bad object name); its exit code says why.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Marks a line longer than the cap: its first character (a diff marker) and this, instead of its text. */
export const OVERLONG_LINE = "\0overlong";

export interface StreamGitOptions {
  readonly cwd: string;
  /** Bytes written to git's stdin, then closed. */
  readonly input?: string;
  /**
   * Lines longer than this many bytes are never built: they come out as their first character plus
   * `OVERLONG_LINE`, so one minified or generated line cannot take the memory of a whole file.
   */
  readonly maxLineBytes?: number;
  /** The byte that ends a line: LF (default), or NUL for `-z` output. */
  readonly separator?: 0x0a | 0x00;
  /**
   * `git diff --raw -z -p`: NUL-separated fields up to the first empty one (which is yielded too),
   * LF-separated lines after it. `maxLineBytes` applies to the patch lines only.
   */
  readonly rawThenPatch?: boolean;
}

/**
 * Runs git and yields its stdout as lines, in batches (the lines each chunk of output completes:
 * millions of short lines cost one await per chunk, not per line), split on LF only (a lone CR
 * inside a line is content) or on NUL. A whole `git log -p` is never held in memory. Rejects after
 * the last line when git exits non-zero.
 */
export async function* streamGitLines(args: readonly string[], options: StreamGitOptions): AsyncGenerator<string[]> {
  const child = spawn("git", [...GIT_SAFE_CONFIG, ...args], {
    cwd: options.cwd,
    env: gitEnvironment(),
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (child.stdin !== null) {
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input);
  }
  const stderr: Buffer[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) => reject(spawnFailure(error, args)));
    child.on("close", (code) => resolve(code));
  });
  // Attach a handler now so a spawn failure before the first line is not an unhandled rejection.
  exited.catch(() => undefined);
  const maxLineBytes = options.maxLineBytes ?? Number.POSITIVE_INFINITY;
  /** Whether the empty field that ends the raw part of `rawThenPatch` output is still to come. */
  let inRawPart = options.rawThenPatch === true;
  let separator = options.separator === 0x00 || inRawPart ? "\0" : "\n";
  let cap = inRawPart ? Number.POSITIVE_INFINITY : maxLineBytes;
  // Decoded a chunk at a time (a character split between chunks waits for its other bytes), then
  // cut into lines as slices of that text: no copy or decode per line.
  const decoder = new StringDecoder("utf8");
  /** The start of a line the last chunk did not finish. */
  let carry = "";
  /** The first character of an overlong line, once it has passed the cap; its rest is dropped. */
  let overlongFirst: string | undefined;
  const keep = (piece: string): void => {
    if (overlongFirst !== undefined) return;
    // The cap counts UTF-16 units, at most the line's byte length: a line this long is never built.
    if (carry.length + piece.length > cap) {
      overlongFirst = (carry + piece.slice(0, 1))[0] ?? "";
      carry = "";
    } else carry += piece;
  };
  const finish = (lines: string[], piece: string): void => {
    keep(piece);
    lines.push(overlongFirst !== undefined ? overlongFirst + OVERLONG_LINE : carry);
    carry = "";
    overlongFirst = undefined;
  };
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      const lines: string[] = [];
      let start = 0;
      for (let end = text.indexOf(separator); end !== -1; end = text.indexOf(separator, start)) {
        if (carry === "" && overlongFirst === undefined && end - start <= cap) lines.push(text.slice(start, end));
        else finish(lines, text.slice(start, end));
        start = end + 1;
        if (inRawPart && lines.at(-1) === "") {
          inRawPart = false;
          separator = "\n";
          cap = maxLineBytes;
        }
      }
      if (start < text.length) keep(text.slice(start));
      if (lines.length > 0) yield lines;
    }
    const rest = decoder.end();
    if (rest !== "") keep(rest);
    if (carry !== "" || overlongFirst !== undefined) {
      const lines: string[] = [];
      finish(lines, "");
      yield lines;
    }
  } finally {
    // The consumer stopped early (or threw): do not leave git writing into a closed pipe.
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw exitFailure(args, code, Buffer.concat(stderr).toString("utf8"));
}

/** `git cat-file --batch-check`: each object's size, or undefined when git does not have it. */
export async function objectSizes(cwd: string, ids: readonly string[]): Promise<Map<string, number | undefined>> {
  const sizes = new Map<string, number | undefined>();
  if (ids.length === 0) return sizes;
  const unique = [...new Set(ids)];
  for await (const lines of streamGitLines(["cat-file", "--batch-check"], { cwd, input: unique.map((id) => `${id}\n`).join("") })) {
    for (const line of lines) {
      const [id = "", type = "", size = ""] = line.split(" ");
      sizes.set(id, type === "missing" || size === "" ? undefined : Number(size));
    }
  }
  return sizes;
}

export interface GitObject {
  readonly id: string;
  /** Empty when the object is missing or over the size cap. */
  readonly content: Buffer;
  readonly missing: boolean;
  /** The object's size as git gives it (0 when missing). */
  readonly size: number;
}

export interface ObjectStream {
  /** Each object's bytes as soon as they are complete, in the order asked. */
  readonly objects: AsyncGenerator<GitObject>;
  /** Ends git if the objects will not be read to the end (a no-op once it has exited). */
  stop(): void;
}

/**
 * `git cat-file --batch`, started now (so git finds the objects while the caller does other work) and
 * read as a stream: one object in memory at a time. An object over `maxBytes` is drained, never held:
 * it comes out with its size and no content. A missing one comes out with `missing: true`.
 */
export function openObjectStream(cwd: string, ids: readonly string[], maxBytes: number = Number.POSITIVE_INFINITY): ObjectStream {
  if (ids.length === 0) return { objects: (async function* () {})(), stop: () => undefined };
  const child = spawn("git", [...GIT_SAFE_CONFIG, "cat-file", "--batch"], { cwd, env: gitEnvironment(), stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.on("error", () => undefined);
  child.stdin.end(ids.map((id) => `${id}\n`).join(""));
  // Until the objects are read, a 'readable' listener keeps what git wrote: when git exits, Node
  // resumes (drains) a child's output that nothing listens to.
  child.stdout.on("readable", () => undefined);
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) => reject(spawnFailure(error, ["cat-file"])));
    child.on("close", (code) => resolve(code));
  });
  exited.catch(() => undefined);
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  async function* objects(): AsyncGenerator<GitObject> {
    let buffered: Buffer = Buffer.alloc(0);
    let body: { id: string; size: number; parts: Buffer[]; have: number; kept: boolean } | undefined;
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        for (;;) {
          if (body === undefined) {
            const newline = buffered.indexOf(0x0a);
            if (newline === -1) break;
            const [id = "", type = "", size = ""] = buffered.toString("latin1", 0, newline).split(" ");
            buffered = buffered.subarray(newline + 1);
            if (type === "missing" || size === "") {
              yield { id, content: Buffer.alloc(0), missing: true, size: 0 };
              continue;
            }
            body = { id, size: Number(size), parts: [], have: 0, kept: Number(size) <= maxBytes };
          }
          // The object's bytes, then one LF.
          const wanted = body.size - body.have;
          if (buffered.length <= wanted) {
            if (body.kept) body.parts.push(buffered);
            body.have += buffered.length;
            buffered = Buffer.alloc(0);
            break;
          }
          if (body.kept) body.parts.push(buffered.subarray(0, wanted));
          buffered = buffered.subarray(wanted + 1);
          const done = body;
          body = undefined;
          yield { id: done.id, content: done.kept ? Buffer.concat(done.parts, done.size) : Buffer.alloc(0), missing: false, size: done.size };
        }
      }
    } finally {
      stop();
    }
    const code = await exited;
    if (code !== 0) throw exitFailure(["cat-file"], code, Buffer.concat(stderr).toString("utf8"));
  }
  return { objects: objects(), stop };
}

export interface RepositoryLocation {
  /** The current directory relative to the work tree root, with `/` and a trailing `/` ("" at the root). */
  readonly prefix: string;
  /** A repository without a work tree (and so without a meaningful index). */
  readonly bare: boolean;
  /** A shallow clone: history stops at its grafted boundary. */
  readonly shallow: boolean;
}

/** Variables that point git at a repository or work tree other than the one the directories show. */
const RELOCATING_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"];
/** Config lines that move the work tree away or declare no work tree at all. */
const RELOCATING_CONFIG = /^\s*(?:worktree\s*=|bare\s*=\s*true\b)/im;

/**
 * The location without starting git (a Node spawn blocks for milliseconds), when `cwd` is plainly
 * the top of a work tree: it holds a `.git` directory with a HEAD, whose config neither moves the
 * work tree nor declares the repository bare, and no variable points git elsewhere. A pre-commit
 * hook and a CI checkout run just there. Undefined in any other case, for git to answer.
 */
function topOfWorkTree(cwd: string): RepositoryLocation | undefined {
  if (RELOCATING_VARIABLES.some((name) => process.env[name] !== undefined)) return undefined;
  // `git -c core.worktree=...` reaches a hook through GIT_CONFIG_PARAMETERS (or GIT_CONFIG_KEY_n).
  if (Object.entries(process.env).some(([name, value]) => name.startsWith("GIT_CONFIG_") && /core\.(?:worktree|bare)/i.test(value ?? ""))) return undefined;
  const gitDir = path.join(cwd, ".git");
  if (!existsSync(path.join(gitDir, "HEAD")) || existsSync(path.join(gitDir, "config.worktree"))) return undefined;
  const config = readSmallFile(path.join(gitDir, "config"));
  if (config.kind !== "text" || RELOCATING_CONFIG.test(config.text)) return undefined;
  return { prefix: "", bare: false, shallow: existsSync(path.join(gitDir, "shallow")) };
}

/** Where `cwd` sits in its repository; a clear `NotAGitRepositoryError` when it is in none. */
export async function locateRepository(cwd: string, mode: string): Promise<RepositoryLocation> {
  const top = topOfWorkTree(cwd);
  if (top !== undefined) return top;
  try {
    const output = await runGit(["rev-parse", "--is-bare-repository", "--is-shallow-repository", "--show-prefix"], { cwd });
    const [bare = "", shallow = "", prefix = ""] = output.toString("utf8").split("\n");
    return { prefix: prefix.trim(), bare: bare.trim() === "true", shallow: shallow.trim() === "true" };
  } catch (error) {
    if (error instanceof NotAGitRepositoryError) {
      throw new NotAGitRepositoryError(`${mode} needs a git repository, and ${cwd} is not inside one.`);
    }
    throw error;
  }
}
