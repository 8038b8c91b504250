/**
 * Runs the built `aoai-keyless` in its own process against the emulator: the emulator's certificate
 * trusted through NODE_EXTRA_CA_CERTS, tokens from the emulator as an App Service managed identity,
 * the credential chain pinned to that one credential, every other Azure variable cleared, and a
 * preload that stops the process on any non-loopback connection.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import type { AzureEmulator } from "./emulator.js";

export const KEYLESS_BIN = fileURLToPath(new URL("../../../dist/cli/bin.js", import.meta.url));
const GUARD = fileURLToPath(new URL("./loopback-only.mjs", import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunSetup {
  readonly emulator: AzureEmulator;
  readonly origin: string;
  readonly certPath: string;
  readonly cwd: string;
}

export function emulatorEnv(setup: RunSetup, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    // A fresh environment: nothing of the developer's Azure login, proxies or CI identity leaks in.
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: setup.cwd,
    NODE_EXTRA_CA_CERTS: setup.certPath,
    NODE_OPTIONS: `--import=${GUARD}`,
    AZURE_TOKEN_CREDENTIALS: "ManagedIdentityCredential",
    IDENTITY_ENDPOINT: `${setup.origin}/msi/token`,
    IDENTITY_HEADER: setup.emulator.identityHeader,
    AOAI_KEYLESS_MANAGEMENT_ENDPOINT: setup.origin,
    NO_PROXY: "127.0.0.1,localhost",
    ...extra,
  };
}

/** Async on purpose: the emulator lives in this process and must keep answering while the CLI runs. */
export function runKeyless(setup: RunSetup, args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KEYLESS_BIN, ...args], { cwd: setup.cwd, env: emulatorEnv(setup, extraEnv), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), typing `answer` into it: the interactive
 * confirmation path. stdout and stderr arrive together, with the terminal's CRLF line ends.
 */
export function runKeylessOnTerminal(setup: RunSetup, args: readonly string[], answer: string): Promise<CliRun> {
  const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, KEYLESS_BIN, ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["--quiet", "--return", "--command", command, "/dev/null"], {
      cwd: setup.cwd,
      env: emulatorEnv(setup),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      // Answer once the question is on the screen (readline may park the cursor after it); stdin stays open until the CLI is done.
      // eslint-disable-next-line no-control-regex -- the terminal escape is part of what is matched
      if (/\[y\/N\] (?:\u001b\[\d+G)?$/.test(stdout) && answer !== "") {
        child.stdin.write(`${answer}\r`);
        answer = "";
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    // readline moves the cursor around its prompt; the text is what matters.
    // eslint-disable-next-line no-control-regex -- terminal escapes are what is removed
    child.on("close", (status) => resolve({ status, stdout: stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replaceAll("\r", ""), stderr }));
  });
}
