#!/usr/bin/env node
/** The executable: the only module that touches process.argv, the real streams, the exit code and V8's flags. */
import { setFlagsFromString } from "node:v8";

import { run } from "./cli.js";

/**
 * V8 hands a function to its optimizing compiler once it has run a budget of bytecode (67,584 units
 * in Node 20's V8). A scan is short and runs the same code on two threads: at that budget TurboFan
 * compiled about 150 functions per corpus scan, a quarter of the scan's CPU (perf), mostly code that
 * was done before the optimized version paid off. At 1 Mi only the loops that run per byte or per
 * file reach it (about 40 jobs), and the full corpus scan took 13% less CPU and 9% less wall time,
 * with notebooks and keys-only unchanged. The flag is process-wide, so the worker threads share it.
 * It is set before anything scans (the CLI loads the scanner when it needs it), and only by the
 * executable: the ESLint rules and the programmatic API leave V8 as their host configured it, and
 * an explicit `node --interrupt-budget=N` wins.
 */
const INTERRUPT_BUDGET = 1 << 20;

if (!process.execArgv.some((argument) => argument.startsWith("--interrupt-budget") || argument.startsWith("--interrupt_budget"))) {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
