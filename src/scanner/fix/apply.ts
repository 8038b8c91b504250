/**
 * `--fix` and `--fix-dry-run`: the fixes of a directory scan's findings, file by file. A file is
 * rewritten through a temporary file in its own directory and a rename, so a crash leaves either
 * the old or the new file, never half of one; its mode is kept.
 */
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";

import type { Finding, IacFinding, UsageFinding } from "../types.js";
import { planFileFixes } from "./plan.js";
import { unifiedDiff } from "./unified-diff.js";

export interface FixRun {
  /** Findings whose fix was applied (or, dry run, would be). */
  readonly fixed: ReadonlySet<Finding>;
  /** Dry run: the unified diff of every file, in path order. */
  readonly diff: string;
  /** One line per file that could not be fixed (unreadable, changed encoding, write error) or fix that collided. */
  readonly problems: readonly string[];
  readonly filesChanged: number;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file's text as the scan saw it (UTF-8, BOM dropped), or why it cannot be rewritten byte for byte. */
function readForFix(absolutePath: string): { text: string; bom: boolean } | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    return `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const text = bytes.subarray(bom ? 3 : 0).toString("utf8");
  // Invalid UTF-8 or UTF-16 would not survive the round trip: leave such files alone.
  if (!Buffer.from(text, "utf8").equals(bytes.subarray(bom ? 3 : 0))) return "it is not UTF-8 text";
  return { text, bom };
}

function writeAtomically(absolutePath: string, content: Buffer): void {
  const mode = statSync(absolutePath).mode & 0o7777;
  const temporary = join(dirname(absolutePath), `.${process.pid}-${Date.now()}.aoai-key-scan-fix.tmp`);
  try {
    writeFileSync(temporary, content, { flag: "wx", mode });
    chmodSync(temporary, mode);
    renameSync(temporary, absolutePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The file a fix edits: the finding's own, or `fix.file` in its folder (a plain name: no separator, not `.` or `..`). */
function fixTarget(finding: UsageFinding | IacFinding): string | undefined {
  const file = finding.fix?.file;
  if (file === undefined) return finding.path;
  if (file === "" || file === "." || file === ".." || /[/\\]/.test(file)) return undefined;
  return posix.join(posix.dirname(finding.path), file);
}

/** Applies (or, with `dryRun`, diffs) the fixes of `findings`, paths relative to `cwd`. */
export function runFixes(findings: readonly Finding[], cwd: string, dryRun: boolean): FixRun {
  const byPath = new Map<string, (UsageFinding | IacFinding)[]>();
  for (const finding of findings) {
    if (finding.category === "leak" || finding.fix === undefined) continue;
    const target = fixTarget(finding);
    if (target === undefined) continue;
    const list = byPath.get(target);
    if (list === undefined) byPath.set(target, [finding]);
    else list.push(finding);
  }
  const fixed = new Set<Finding>();
  const problems: string[] = [];
  let diff = "";
  let filesChanged = 0;
  for (const path of [...byPath.keys()].sort()) {
    const absolutePath = resolve(cwd, path);
    const read = readForFix(absolutePath);
    if (typeof read === "string") {
      problems.push(`${path}: not fixed: ${read}.`);
      continue;
    }
    const plan = planFileFixes(read.text, byPath.get(path) ?? []);
    for (const finding of plan.conflicting) {
      problems.push(`${finding.path}:${finding.line}:${finding.column}: not fixed: its edits overlap another fix in the file; run --fix again.`);
    }
    if (plan.fixed.length === 0 || plan.text === read.text) continue;
    if (dryRun) {
      diff += unifiedDiff(path, read.text, plan.edits);
    } else {
      try {
        writeAtomically(absolutePath, Buffer.concat([read.bom ? UTF8_BOM : Buffer.alloc(0), Buffer.from(plan.text, "utf8")]));
      } catch (error) {
        problems.push(`${path}: not fixed: cannot write it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
        continue;
      }
    }
    filesChanged += 1;
    for (const finding of plan.fixed) fixed.add(finding);
  }
  return { fixed, diff, problems, filesChanged };
}
