import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { DETECTOR_IDS } from "../../src/detect/index.js";
import { IAC_DETECTORS } from "../../src/iac/descriptor.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import type { Finding, IacFinding, TextEdit } from "../../src/scanner/types.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export function fixture(relative: string): string {
  return readFileSync(join(FIXTURES, relative), "utf8");
}

const scanFragment = createFragmentScanner({ categories: ["iac"], detectors: DETECTOR_IDS, maxFileSize: 1 << 20, allowFingerprints: [], allowValues: [] }, IAC_DETECTORS);

/** The iac findings of a text scanned as a whole file at `path`, with companion files by name. */
export async function scanIac(path: string, text: string, companions?: ReadonlyMap<string, string>): Promise<IacFinding[]> {
  const { findings } = await scanFragment({ path, text, ...(companions ? { companions } : {}) });
  return findings.filter((finding: Finding): finding is IacFinding => finding.category === "iac");
}

/** A fixture's findings, scanned under its fixture path. */
export function scanFixture(relative: string, companions?: readonly string[]): Promise<IacFinding[]> {
  const folder = dirname(relative);
  const map = companions === undefined ? undefined : new Map(companions.map((name) => [basename(name), fixture(join(folder, name))]));
  return scanIac(relative, fixture(relative), map);
}

/** What the tables of these tests compare: where, which rule, how sure, about what. */
export function brief(finding: IacFinding): string {
  const fix = finding.fix === undefined ? "" : " fix";
  return `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.ruleId} ${finding.severity}/${finding.confidence} ${finding.resourceType} ${finding.resourceName ?? "-"} ${finding.property ?? "-"}${fix}`;
}

/** Applies edits from the end backwards (test helper; the CLI applies fixes through src/scanner). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((left, right) => right.start - left.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
