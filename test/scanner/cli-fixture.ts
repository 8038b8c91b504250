/** Temp trees and a runner for the built CLI (package.json's `bin`, built by `npm test` before vitest). */
import { execFileSync, spawnSync } from "node:child_process";
import type { SpawnSyncOptions } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { fingerprintSecret, maskSecret } from "../../src/detect/index.js";
import type { Finding, LeakFinding } from "../../src/scanner/types.js";

export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** `aoai-key-scan` as package.json's `bin` names it: the bundle users run (dist/bin/, made by `npm run build`). */
export const BIN_PATH = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> }).bin["aoai-key-scan"]!;
export const BIN = path.join(PACKAGE_ROOT, BIN_PATH);

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A copy of the built CLI that any user can run: dist/, package.json and the runtime dependencies'
 * closure (read from their package.json files), in a world-readable temp dir. Tests that run the CLI
 * as another user (root reads every file, so an unreadable file needs `nobody`) cannot rely on the
 * checkout being reachable by that user: a clone under `mktemp -d` is mode 0700.
 */
/**
 * Makes a tree readable by every user, whatever the umask it was made under: a clone or build under
 * umask 077 leaves files 0600, and `cpSync` keeps file modes while `mkdir` applies the umask.
 */
export function makeWorldReadable(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    chmodSync(absolute, entry.isDirectory() || (statSync(absolute).mode & 0o100) !== 0 ? 0o755 : 0o644);
  }
  chmodSync(root, 0o755);
}

/**
 * Why the CLI cannot be run as `nobody` (uid 65534) here, or undefined when it can: switching users
 * needs root (and a container may deny it even to root).
 */
export function cannotRunAsNobody(): string | undefined {
  if (process.platform === "win32" || process.getuid?.() !== 0) return "running the CLI as another user (uid 65534) needs root";
  const probe = spawnSync(process.execPath, ["-e", ""], { uid: 65534, gid: 65534, timeout: 60_000 });
  if (probe.error !== undefined || probe.status !== 0) return `cannot start a process as uid 65534: ${probe.error?.message ?? `exit ${probe.status}`}`;
  // git opens /dev/null for every command; a sandbox that denies it to uid 65534 makes git fail for that reason instead.
  const devNull = spawnSync(process.execPath, ["-e", "require('node:fs').closeSync(require('node:fs').openSync('/dev/null', 'r+'))"], { uid: 65534, gid: 65534, timeout: 60_000 });
  if (devNull.status !== 0) return "uid 65534 cannot open /dev/null here, and git needs it";
  return undefined;
}

export function worldReadableCli(): { readonly bin: string; dispose(): void } {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), "aoai-key-scan-bin-")));
  chmodSync(root, 0o755);
  cpSync(path.join(PACKAGE_ROOT, "dist"), path.join(root, "dist"), { recursive: true });
  cpSync(path.join(PACKAGE_ROOT, "package.json"), path.join(root, "package.json"));
  const dependenciesOf = (packageDir: string): string[] =>
    Object.keys((JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> }).dependencies ?? {});
  const pending = dependenciesOf(PACKAGE_ROOT);
  const copied = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (copied.has(name)) continue;
    copied.add(name);
    // npm's flat layout: every package of the closure sits directly under node_modules.
    const source = path.join(PACKAGE_ROOT, "node_modules", name);
    cpSync(source, path.join(root, "node_modules", name), { recursive: true, dereference: true });
    pending.push(...dependenciesOf(source));
  }
  makeWorldReadable(root);
  return { bin: path.join(root, BIN_PATH), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export function runCli(
  cwd: string,
  args: readonly string[],
  options: Pick<SpawnSyncOptions, "uid" | "gid" | "env"> & { readonly bin?: string } = {},
): CliRun {
  const { env, bin = BIN, ...rest } = options;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    ...rest,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export class TempTree {
  readonly root: string;

  constructor() {
    this.root = realpathSync(mkdtempSync(path.join(tmpdir(), "aoai-key-scan-cli-")));
    // Readable by others: the unreadable-file case runs the CLI as an unprivileged user when tests run as root.
    chmodSync(this.root, 0o755);
  }

  write(relativePath: string, content: string | Uint8Array): string {
    const absolute = path.join(this.root, relativePath);
    mkdirSync(path.dirname(absolute), { recursive: true, mode: 0o755 });
    writeFileSync(absolute, content, { mode: 0o644 });
    // Modes given to mkdir and writeFile pass through the umask; other users must read these.
    chmodSync(absolute, 0o644);
    for (let directory = path.dirname(absolute); directory.startsWith(`${this.root}/`); directory = path.dirname(directory)) chmodSync(directory, 0o755);
    return absolute;
  }

  git(...args: string[]): void {
    execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd: this.root,
      stdio: "ignore",
      env: { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.test", GIT_CONFIG_NOSYSTEM: "1" },
    });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The advice every leak message ends with. */
export const ADVICE = "Revoke it, and authenticate with Microsoft Entra ID (`DefaultAzureCredential` or a managed identity) instead of a key.";

/** The JSON finding for a checksum-valid identifiable Azure OpenAI key (service code AAAB) created 2025-01. */
export function identifiableFinding(key: string, file: string, line: number, column: number): LeakFinding {
  return {
    category: "leak",
    ruleId: "azure-ai-identifiable-key",
    severity: "error",
    confidence: "high",
    path: file,
    line,
    column,
    endLine: line,
    endColumn: column + key.length,
    message: `Azure OpenAI key \`${maskSecret(key)}\` (identifiable key created 2025-01, checksum valid). ${ADVICE}`,
    secret: maskSecret(key),
    fingerprint: fingerprintSecret(key, file),
    service: "Azure OpenAI",
    createdAt: "2025-01",
  };
}

/** The JSON finding for a 32-hex key bound to `name`, as a key-like name gives it (confidence medium). */
export function hexFinding(key: string, file: string, line: number, column: number, name: string, service = "Azure OpenAI"): LeakFinding {
  return {
    category: "leak",
    ruleId: "azure-ai-legacy-key",
    severity: "error",
    confidence: "medium",
    path: file,
    line,
    column,
    endLine: line,
    endColumn: column + key.length,
    message: `${service} key \`${maskSecret(key)}\` (32-hex key bound to \`${name}\`). ${ADVICE}`,
    secret: maskSecret(key),
    fingerprint: fingerprintSecret(key, file),
    service,
    createdAt: null,
  };
}

export interface JsonReport {
  readonly version: number;
  readonly findings: Finding[];
  readonly skipped: { path: string; reason: string; detail?: string }[];
  readonly warnings: { code: string; message: string; path?: string }[];
  readonly summary: { filesScanned: number; bytesScanned: number; findings: number; suppressed: number; skipped: Record<string, number>; durationMs: number };
}

export function jsonReport(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}
