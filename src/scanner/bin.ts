#!/usr/bin/env node
/** The executable: the only module that touches process.argv, the real streams, the exit code and V8's flags. */
import { run } from "./cli.js";

/**
 * V8 hands a function to its optimizing compiler once it has run a budget of bytecode (67,584 units
 * in Node 20's V8). A large scan is still short and runs the same code on two threads: at that budget
 * TurboFan compiled about 150 functions per corpus scan, a quarter of the scan's CPU (perf), mostly
 * code that was done before the optimized version paid off. At 1 Mi only the loops that run per byte
 * or per file reach it (about 40 jobs): the full corpus scan took 13% less CPU and 9% less wall time
 * (4 and 8 times the default measured the same; notebooks and keys only did not change), and
 * `--history` and `--diff` over the 400-commit bench repository 21% and 24% less CPU, 14% and 15%
 * less wall time.
 *
 * Set when a directory scan turns out large enough for worker threads (the flag is process-wide, so
 * they share it) and for `--diff` and `--history`, not at start-up: `node:v8` costs 3 ms to load,
 * which `--staged` cannot spare. Only the executable sets it: the ESLint rules and the programmatic
 * API leave V8 as their host configured it, and so does an explicit `node --interrupt-budget=N`.
 */
const INTERRUPT_BUDGET = 1 << 20;

async function tuneV8ForLargeScan(): Promise<void> {
  if (process.execArgv.some((argument) => /^--interrupt[-_]budget\b/.test(argument))) return;
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  beforeLargeScan: tuneV8ForLargeScan,
});
