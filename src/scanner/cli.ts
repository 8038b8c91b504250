/**
 * `aoai-key-scan [paths...]`: argument parsing, config, the scan, the report and the exit code.
 * `run` never touches the process: bin.ts hands it argv and the streams, so tests can call it too.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from "../utils/exit-codes.js";
import { PACKAGE_VERSION } from "../utils/package-info.js";
import type { BaselineCoverage } from "./baseline.js";
import { isReportFormat, loadReporter } from "./report/index.js";
import type { ScanResult } from "./scan.js";
import type { Finding, FindingCategory } from "./types.js";
import { UsageError } from "./usage-error.js";

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /**
   * Called once before a scan that reads much: a directory scan large enough for worker threads (before
   * they start), `--diff` and `--history` (while git starts). The executable tunes V8 there.
   */
  readonly beforeLargeScan?: () => Promise<void>;
}

export { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from "../utils/exit-codes.js";

export const HELP_TEXT = `Usage: aoai-key-scan [options] [paths...]
       aoai-key-scan --staged [options] [paths...]
       aoai-key-scan --diff <BASE[..HEAD]> [options] [paths...]
       aoai-key-scan --history [options] [REV-RANGE]

Finds Azure OpenAI / Azure AI API keys in files: env and config files, notebooks,
Kubernetes secrets, and source code in any language. Paths default to "."; a quoted
glob ("services/**/*.py") is expanded by the scanner, for shells that do not.

Options:
  -f, --format <name>       Report format: text (default), json, sarif, github
  -o, --output <file>       Write the report to a file instead of stdout
  -c, --config <file>       Config file (default: ./aoai-key-scan.config.json, or the
                            "aoai-key-scan" key of ./package.json)
      --no-ignore           Ignore no file: no .gitignore, .git/info/exclude or
                            .aoai-key-scan-ignore, and scan .git/ and node_modules/
      --include <glob>      Scan only files matching a glob (gitignore syntax; a glob
                            without a slash matches names at any depth; repeatable)
      --exclude <glob>      Leave out files matching a glob (same syntax; repeatable)
      --max-file-size <n>   Skip larger files (bytes, or e.g. 10MiB; default 10MiB)
  -j, --jobs <n>            Worker threads (0: main thread only; default: by tree size)
      --fail-on <severity>  Exit 1 for findings at or above: error (default: keys,
                            and errors of other categories) or warning (also
                            key-authenticated clients and templates)
      --fix                 Rewrite what can be fixed (key-authenticated Python clients
                            to Entra ID token providers; not in git modes) and report
                            what is left
      --fix-dry-run         Print the fixes as a unified diff instead; change nothing
      --verbose             List every skipped file, binary files and symlinks included
  -h, --help                Show this help
  -v, --version             Show the version

Git modes (docs/ci.md):
      --staged              Scan what is staged (git's index), added lines only:
                            the pre-commit hook
      --diff <range>        Scan lines added between two revisions (main...HEAD)
      --history             Scan every commit's added lines (or those of REV-RANGE);
                            each key once, at the commit that added it
      --baseline <file>     Do not report findings listed in this baseline
      --write-baseline <file>  Write the current findings as a baseline; exit 0

Suppress a finding with "aoai-key-scan:allow" in a comment on its line, or
"aoai-key-scan:allow-next-line" on the line before.

Exit codes:
  0  nothing at or above --fail-on found
  1  findings at or above --fail-on (any key, by default)
  2  usage or fatal error (bad option, missing path, invalid config, not a git
     repository, git error, unreadable baseline); message on stderr
`;

interface ParsedArguments {
  readonly paths: string[];
  /** As typed: paths for --staged/--diff, the range for --history. */
  readonly positionals: string[];
  readonly staged: boolean;
  readonly diff: string | undefined;
  readonly history: boolean;
  readonly baseline: string | undefined;
  readonly writeBaseline: string | undefined;
  readonly format: string;
  readonly output: string | undefined;
  readonly config: string | undefined;
  readonly noIgnore: boolean;
  readonly maxFileSize: string | undefined;
  readonly jobs: string | undefined;
  readonly failOn: string | undefined;
  readonly include: string[];
  readonly exclude: string[];
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

const CLI_OPTIONS = {
  format: { type: "string", short: "f", default: "text" },
  output: { type: "string", short: "o" },
  config: { type: "string", short: "c" },
  "no-ignore": { type: "boolean", default: false },
  include: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  "max-file-size": { type: "string" },
  jobs: { type: "string", short: "j" },
  "fail-on": { type: "string" },
  fix: { type: "boolean", default: false },
  "fix-dry-run": { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  staged: { type: "boolean", default: false },
  diff: { type: "string" },
  history: { type: "boolean", default: false },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

/** Levenshtein distance, for "did you mean". */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = previous[column - 1]! + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column]! + 1, current[column - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** The known option closest to a mistyped one, when it is close enough to be the one meant. */
function closestOption(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, "").split("=")[0] ?? "";
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = option.startsWith(name) && name.length >= 3 ? 0 : editDistance(name, option);
    if (best === undefined || distance < best.distance) best = { option, distance };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? best.option : undefined;
}

function parse(argv: readonly string[]): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: CLI_OPTIONS,
    });
  } catch (error) {
    // parseArgs messages are one line already; add the way to the full usage.
    const message = (error as Error).message.split("\n")[0] ?? "";
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const suggestion = closestOption(unknown, Object.keys(CLI_OPTIONS));
      throw new UsageError(`unknown option ${unknown}${suggestion === undefined ? "" : ` (did you mean --${suggestion}?)`} (see --help)`);
    }
    throw new UsageError(`${message} (see --help)`);
  }
  const { values, positionals } = parsed;
  // An empty argument (an unset variable in a script) would otherwise mean "the working directory".
  if (positionals.includes("")) throw new UsageError("an empty path argument was given (an unset variable?).");
  for (const name of ["output", "config", "baseline", "write-baseline"] as const) {
    if (values[name] === "") throw new UsageError(`--${name} needs a file name, got an empty string.`);
  }
  return {
    paths: positionals.length > 0 ? positionals : ["."],
    positionals,
    staged: values.staged,
    diff: values.diff,
    history: values.history,
    baseline: values.baseline,
    writeBaseline: values["write-baseline"],
    format: values.format,
    output: values.output,
    config: values.config,
    noIgnore: values["no-ignore"],
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    maxFileSize: values["max-file-size"],
    jobs: values.jobs,
    failOn: values["fail-on"],
    fix: values.fix,
    fixDryRun: values["fix-dry-run"],
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

function countByCategory(findings: readonly Finding[]): Record<FindingCategory, number> {
  const counts: Record<FindingCategory, number> = { leak: 0, usage: 0, iac: 0 };
  for (const finding of findings) counts[finding.category] += 1;
  return counts;
}

/**
 * Colour as Node itself decides: `FORCE_COLOR` set to anything but `0`/`false` forces it on (even
 * piped, as CI logs want), `FORCE_COLOR=0` forces it off; otherwise a TTY without `NO_COLOR`.
 */
function wantsColor(env: CliIo["env"], isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  return isTTY && (env.NO_COLOR ?? "") === "";
}

/** The error if it is one with a message for the user; the modules of the other two kinds load here if the run did not. */
async function userError(error: unknown): Promise<Error | undefined> {
  if (error instanceof UsageError) return error;
  const [{ GitError }, { BaselineError }] = await Promise.all([import("./git/run-git.js"), import("./baseline.js")]);
  return error instanceof GitError || error instanceof BaselineError ? error : undefined;
}

/**
 * Runs the CLI; resolves to the exit code. Never throws for user errors: they are exit 2 with a line on stderr.
 * What only some runs need (git modes, the directory walk, fixes, baselines, all but the chosen report
 * format) is imported where it is used, so `--staged` on a few files starts in a fraction of the time.
 */
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
    if (!isReportFormat(args.format)) throw new UsageError(`unknown --format ${JSON.stringify(args.format)} (use text, json, sarif or github).`);
    const workers = parseJobs(args.jobs);
    const { isSeverity, loadConfig, parseSize } = await import("./config.js");
    const config = loadConfig(io.cwd, args.config);
    let maxFileSize = config.maxFileSize;
    if (args.maxFileSize !== undefined) {
      const parsed = parseSize(args.maxFileSize);
      if (parsed === undefined) throw new UsageError(`--max-file-size must be a positive size such as 1048576 or 10MiB, got ${JSON.stringify(args.maxFileSize)}.`);
      maxFileSize = parsed;
    }
    const failOn = args.failOn ?? config.failOn;
    if (!isSeverity(failOn)) throw new UsageError(`--fail-on must be "error" or "warning", got ${JSON.stringify(args.failOn)}.`);
    const gitMode = args.staged || args.diff !== undefined || args.history ? (await import("./git/modes.js")).selectGitMode(args) : undefined;
    if ((args.fix || args.fixDryRun) && gitMode !== undefined) {
      throw new UsageError("--fix and --fix-dry-run rewrite files of a directory scan; they do not work with --staged, --diff or --history.");
    }
    if (args.fix && args.fixDryRun) throw new UsageError("use either --fix or --fix-dry-run, not both.");
    const globs = { include: args.include, exclude: args.exclude };
    // In git modes positionals are git pathspecs (a staged deletion, a range, a glob git expands), not paths on disk.
    const { gitPathTest, selectPaths } = await import("./path-selection.js");
    const selection = gitMode === undefined ? selectPaths(io.cwd, args.paths, globs, existsSync) : undefined;

    const showProgress = io.stderr.isTTY === true;
    const settings = {
      categories: config.categories,
      detectors: config.detectors,
      maxFileSize,
      allowFingerprints: config.allowFingerprints,
      allowValues: config.allowValues,
    };
    let scanned: ScanResult;
    /** What a git mode read, for baselines; a directory scan covers its roots. */
    let coverage: BaselineCoverage | undefined;
    if (gitMode === undefined) {
      const { scan } = await import("./scan.js");
      scanned = await scan({
        roots: selection?.roots ?? args.paths,
        walk: {
          cwd: io.cwd,
          useIgnoreFiles: !args.noIgnore,
          ignorePatterns: config.ignore,
          ignoreBase: config.base,
          ...(selection?.selects === undefined ? {} : { selects: selection.selects }),
        },
        settings,
        ...(workers === undefined ? {} : { workers }),
        ...(io.beforeLargeScan === undefined ? {} : { beforePool: io.beforeLargeScan }),
        ...(showProgress ? { onProgress: (files: number) => io.stderr.write(`\r\u001b[2Kscanning… ${files} files`) } : {}),
      });
      if (showProgress) io.stderr.write("\r\u001b[2K");
    } else {
      const { configIgnoreTest, runGitMode, startGitMode } = await import("./git/modes.js");
      const configIgnored = configIgnoreTest(io.cwd, config.ignore, config.base);
      const selected = gitPathTest(io.cwd, globs);
      const isIgnored =
        selected === undefined ? configIgnored : (path: string): boolean => !selected(path) || (configIgnored?.(path) ?? false);
      const gitOptions = { cwd: io.cwd, maxFileSize, ...(isIgnored === undefined ? {} : { isIgnored }) };
      // git works while the scanner's modules load.
      const pending = startGitMode(gitMode, gitOptions);
      try {
        // A range or a history reads many commits; --staged (a pre-commit hook) is kept to its start-up.
        if (gitMode.kind !== "staged") await io.beforeLargeScan?.();
        const { createFragmentScanner } = await import("./scan-fragment.js");
        ({ coverage, ...scanned } = await runGitMode(gitMode, { ...gitOptions, scanFragment: createFragmentScanner(settings) }, pending));
      } finally {
        pending?.stop();
      }
    }
    let result = scanned;
    if (args.baseline !== undefined || args.writeBaseline !== undefined) {
      const { coverageOfRoots, useBaselineFiles } = await import("./baseline.js");
      const baselined = useBaselineFiles(
        scanned.findings,
        { cwd: io.cwd, baseline: args.baseline, writeBaseline: args.writeBaseline },
        coverage ?? coverageOfRoots(io.cwd, args.paths, scanned.findings),
      );
      if (baselined.summary !== undefined) {
        result = { ...scanned, findings: baselined.findings, summary: { ...scanned.summary, findings: baselined.findings.length, ...baselined.summary } };
      }
    }
    if (args.fix || args.fixDryRun) {
      const { runFixes } = await import("./fix/apply.js");
      const fixes = runFixes(result.findings, io.cwd, args.fixDryRun);
      for (const problem of fixes.problems) io.stderr.write(`aoai-key-scan: ${problem}\n`);
      const count = `${fixes.fixed.size} finding${fixes.fixed.size === 1 ? "" : "s"} in ${fixes.filesChanged} file${fixes.filesChanged === 1 ? "" : "s"}`;
      if (args.fixDryRun) {
        // The diff owns stdout (pipe it to `git apply`); the report goes only where --output says.
        io.stdout.write(fixes.diff);
        io.stderr.write(`aoai-key-scan: --fix-dry-run: would fix ${count}\n`);
      } else {
        io.stderr.write(`aoai-key-scan: fixed ${count}\n`);
        const remaining = result.findings.filter((finding) => !fixes.fixed.has(finding));
        result = {
          ...result,
          findings: remaining,
          summary: {
            ...result.summary,
            findings: remaining.length,
            ...(result.summary.byCategory === undefined ? {} : { byCategory: countByCategory(remaining) }),
          },
        };
      }
    }

    const toFile = args.output !== undefined;
    const color = args.format === "text" && !toFile && wantsColor(io.env, io.stdout.isTTY === true);
    const report = (await loadReporter(args.format))(result, { color, verbose: args.verbose });
    if (args.output === undefined) {
      if (!args.fixDryRun) io.stdout.write(report);
    } else {
      const { writeFileAtomically } = await import("./small-file.js");
      try {
        writeFileAtomically(resolve(io.cwd, args.output), report);
      } catch (error) {
        throw new UsageError(`cannot write ${args.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      }
      // The report went to a file: the text format's closing summary line still goes to the terminal.
      const summary = (await loadReporter("text"))({ ...result, findings: [], skipped: [] }, { color: wantsColor(io.env, io.stderr.isTTY === true), verbose: false });
      io.stderr.write(summary);
    }
    const failing = result.findings.some((finding) => failOn === "warning" || finding.severity === "error");
    return failing ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    const { displayText } = await import("../utils/safe-text.js");
    const expected = await userError(error);
    if (expected !== undefined) {
      // Messages may quote a path, a config value or git's own words: keys masked, controls escaped.
      io.stderr.write(`aoai-key-scan: ${displayText(expected.message)}\n`);
      return EXIT_ERROR;
    }
    // Anything else is a bug or an environment failure: still one line, still exit 2.
    io.stderr.write(`aoai-key-scan: fatal: ${displayText(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_ERROR;
  }
}
