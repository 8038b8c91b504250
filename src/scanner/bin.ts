#!/usr/bin/env node
/** The executable: the only module that touches process.argv, the real streams and the exit code. */
import { run } from "./cli.js";

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
