#!/usr/bin/env node
/** The `aoai-keyless` executable: the only module that touches process.argv, the real streams, the terminal and the exit code. */
import { createInterface } from "node:readline/promises";

import { run } from "./run.js";

/** Only a person at a terminal can confirm a change; pipes and CI never get asked. */
const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;

async function confirm(question: string): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await readline.question(`${question} [y/N] `)).trim());
  } finally {
    readline.close();
  }
}

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  ...(interactive ? { confirm } : {}),
});
