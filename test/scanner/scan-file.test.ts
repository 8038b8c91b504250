/** Reading one file: what a short read, an empty read and a full buffer each lead to, and what is no file at all. */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

import { DETECTOR_IDS } from "../../src/detect/index.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import { scanBatch, scanFile } from "../../src/scanner/scan-file.js";
import type { ScanSettings } from "../../src/scanner/types.js";
import { generateHexKey } from "../support/synthetic-keys.js";
import { TempTree } from "./cli-fixture.js";

const settings = (maxFileSize: number): ScanSettings => ({ categories: ["leak"], detectors: DETECTOR_IDS, maxFileSize, allowFingerprints: [], allowValues: [] });
const line = `AZURE_OPENAI_API_KEY=${generateHexKey(1501)}\n`;

describe("scanFile", () => {
  let tree: TempTree;
  beforeAll(() => {
    tree = new TempTree();
    tree.write("key.env", line);
    tree.write("empty.txt", "");
    tree.write("limit.txt", "x".repeat(100));
    tree.write("over.txt", "x".repeat(101));
    // Past the 1 MiB the first read takes: the rest is read after fstat.
    tree.write("large.txt", `${"# filler line\n".repeat(80_000)}${line}`);
    mkdirSync(path.join(tree.root, "folder"));
    execFileSync("mkfifo", [path.join(tree.root, "pipe")]);
  });
  afterAll(() => tree.dispose());

  const scanAt = (relative: string, maxFileSize = 10 << 20) =>
    scanFile({ absolutePath: path.isAbsolute(relative) ? relative : path.join(tree.root, relative), path: relative }, settings(maxFileSize), createFragmentScanner(settings(maxFileSize)));

  it("scans a small file in one read, and a file larger than the first read whole", async () => {
    const small = await scanAt("key.env");
    expect(small.bytes).toBe(line.length);
    expect(small.findings.map((finding) => [finding.line, finding.ruleId])).toEqual([[1, "azure-ai-legacy-key"]]);
    const large = await scanAt("large.txt");
    expect(large.bytes).toBe(80_000 * 14 + line.length);
    expect(large.findings.map((finding) => [finding.line, finding.ruleId])).toEqual([[80_001, "azure-ai-legacy-key"]]);
  });

  it("scans an empty file as empty, and sizes a file at and over the limit exactly", async () => {
    expect(await scanAt("empty.txt")).toEqual({ findings: [], suppressed: 0, bytes: 0 });
    expect(await scanAt("limit.txt", 100)).toEqual({ findings: [], suppressed: 0, bytes: 100 });
    expect(await scanAt("over.txt", 100)).toEqual({ findings: [], suppressed: 0, bytes: 0, skipped: { path: "over.txt", reason: "too-large", detail: "101 bytes" } });
  });

  it("lists a FIFO, a folder and devices handed over as files (swapped in after the walk) as not-a-file, without blocking", async () => {
    for (const special of ["pipe", "folder", "/dev/null", "/dev/zero"]) {
      expect(await scanAt(special)).toEqual({ findings: [], suppressed: 0, bytes: 0, skipped: { path: special, reason: "not-a-file" } });
    }
  });

  it("returns a batch's files with something to report one by one and counts the rest", async () => {
    const files = ["key.env", "empty.txt", "limit.txt", "pipe"].map((relative) => ({ absolutePath: path.join(tree.root, relative), path: relative }));
    const batch = await scanBatch(files, settings(10 << 20), createFragmentScanner(settings(10 << 20)));
    expect(batch.plainFiles).toBe(2);
    expect(batch.plainBytes).toBe(100);
    expect(batch.results.map((result) => [result.findings.length, result.skipped?.reason])).toEqual([
      [1, undefined],
      [0, "not-a-file"],
    ]);
  });
});

