/**
 * `aoai-key-scan [paths...]`: argument parsing, config, the scan, the report and the exit code.
 * `run` never touches the process: bin.ts hands it argv and the streams, so tests can call it too.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

import { PACKAGE_VERSION } from "../utils/package-info.js";
import { loadConfig, parseSize, UsageError } from "./config.js";
import { isReportFormat, REPORTERS } from "./report/index.js";
import { scan } from "./scan.js";

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export const HELP_TEXT = `Usage: aoai-key-scan [options] [paths...]

Finds Azure OpenAI / Azure AI API keys in files: env and config files, notebooks,
Kubernetes secrets, and source code in any language. Paths default to ".".

Options:
  -f, --format <name>       Report format: text (default), json, sarif
  -o, --output <file>       Write the report to a file instead of stdout
  -c, --config <file>       Config file (default: ./aoai-key-scan.config.json, or the
                            "aoai-key-scan" key of ./package.json)
      --no-ignore           Ignore no file: no .gitignore, .git/info/exclude or
                            .aoai-key-scan-ignore, and scan .git/ and node_modules/
      --max-file-size <n>   Skip larger files (bytes, or e.g. 10MiB; default 10MiB)
  -j, --jobs <n>            Worker threads (0: main thread only; default: by tree size)
      --verbose             List every skipped file, binary files and symlinks included
  -h, --help                Show this help
  -v, --version             Show the version

Suppress a finding with "aoai-key-scan:allow" in a comment on its line, or
"aoai-key-scan:allow-next-line" on the line before.

Exit codes:
  0  no keys found
  1  keys found
  2  usage or fatal error (bad option, missing path, invalid config); message on stderr
`;

interface ParsedArguments {
  readonly paths: string[];
  readonly format: string;
  readonly output: string | undefined;
  readonly config: string | undefined;
  readonly noIgnore: boolean;
  readonly maxFileSize: string | undefined;
  readonly jobs: string | undefined;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

function parse(argv: readonly string[]): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f", default: "text" },
        output: { type: "string", short: "o" },
        config: { type: "string", short: "c" },
        "no-ignore": { type: "boolean", default: false },
        "max-file-size": { type: "string" },
        jobs: { type: "string", short: "j" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    // parseArgs messages are one line already; add the way to the full usage.
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  return {
    paths: positionals.length > 0 ? positionals : ["."],
    format: values.format,
    output: values.output,
    config: values.config,
    noIgnore: values["no-ignore"],
    maxFileSize: values["max-file-size"],
    jobs: values.jobs,
    verbose: values.verbose,
    help: values.help,
    version: values.version,
  };
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined || value === "auto") return undefined;
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--jobs must be a whole number or "auto", got ${JSON.stringify(value)}.`);
  return Number(value);
}

/** Runs the CLI; resolves to the exit code. Never throws for user errors: they are exit 2 with a line on stderr. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parse(argv);
    if (args.help) {
      io.stdout.write(HELP_TEXT);
      return EXIT_CLEAN;
    }
    if (args.version) {
      io.stdout.write(`${PACKAGE_VERSION}\n`);
      return EXIT_CLEAN;
    }
    if (!isReportFormat(args.format)) throw new UsageError(`unknown --format ${JSON.stringify(args.format)} (use text, json or sarif).`);
    const workers = parseJobs(args.jobs);
    const config = loadConfig(io.cwd, args.config);
    let maxFileSize = config.maxFileSize;
    if (args.maxFileSize !== undefined) {
      const parsed = parseSize(args.maxFileSize);
      if (parsed === undefined) throw new UsageError(`--max-file-size must be a positive size such as 1048576 or 10MiB, got ${JSON.stringify(args.maxFileSize)}.`);
      maxFileSize = parsed;
    }
    const missing = args.paths.find((path) => !existsSync(resolve(io.cwd, path)));
    if (missing !== undefined) throw new UsageError(`path not found: ${missing}`);

    const showProgress = io.stderr.isTTY === true;
    const result = await scan({
      roots: args.paths,
      walk: { cwd: io.cwd, useIgnoreFiles: !args.noIgnore, ignorePatterns: config.ignore, ignoreBase: config.base },
      settings: { detectors: config.detectors, maxFileSize, allowFingerprints: config.allowFingerprints, allowValues: config.allowValues },
      ...(workers === undefined ? {} : { workers }),
      ...(showProgress ? { onProgress: (files: number) => io.stderr.write(`\r\u001b[2Kscanning… ${files} files`) } : {}),
    });
    if (showProgress) io.stderr.write("\r\u001b[2K");

    const toFile = args.output !== undefined;
    const color = args.format === "text" && !toFile && io.stdout.isTTY === true && (io.env.NO_COLOR ?? "") === "";
    const report = REPORTERS[args.format](result, { color, verbose: args.verbose });
    if (args.output === undefined) {
      io.stdout.write(report);
    } else {
      try {
        writeFileSync(resolve(io.cwd, args.output), report);
      } catch (error) {
        throw new UsageError(`cannot write ${args.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      }
    }
    return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`aoai-key-scan: ${error.message}\n`);
      return EXIT_ERROR;
    }
    // Anything else is a bug or an environment failure: still one line, still exit 2.
    io.stderr.write(`aoai-key-scan: fatal: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_ERROR;
  }
}
