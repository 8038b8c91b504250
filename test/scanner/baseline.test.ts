import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DETECTOR_IDS, fingerprintSecret, maskSecret } from "../../src/detect/index.js";
import {
  applyBaseline,
  BaselineError,
  coverageOfRoots,
  createBaseline,
  formatBaseline,
  readBaseline,
  writeBaseline,
} from "../../src/scanner/baseline.js";
import type { BaselineCoverage } from "../../src/scanner/baseline.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

const scanFragment = createFragmentScanner({ categories: ["leak"], detectors: DETECTOR_IDS, maxFileSize: 1024 * 1024, allowFingerprints: [], allowValues: [] });

describe("baseline", () => {
  let directory: string;
  let file: string;
  const openAiKey = generateIdentifiableKey({ random: 31 });
  const hexKey = generateHexKey(32);
  const envText = `AZURE_OPENAI_API_KEY=${openAiKey}\n`;
  const pythonText = `import os\n\nopenai_api_key = "${hexKey}"\n`;

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), "aoai-key-scan-baseline-"));
    file = path.join(directory, "baseline.json");
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const scanBoth = async (python = pythonText) => [
    ...(await scanFragment({ path: "src/app.py", text: python })).findings,
    ...(await scanFragment({ path: ".env", text: envText })).findings,
  ];

  it("writes sorted, masked entries and nothing else", async () => {
    writeBaseline(file, createBaseline(await scanBoth()));

    const written = readFileSync(file, "utf8");
    expect(written).toBe(
      `${JSON.stringify(
        {
          version: 1,
          entries: [
            {
              path: ".env",
              ruleId: "azure-ai-identifiable-key",
              secret: maskSecret(openAiKey),
              fingerprint: fingerprintSecret(openAiKey, ".env"),
            },
            {
              path: "src/app.py",
              ruleId: "azure-ai-legacy-key",
              secret: maskSecret(hexKey),
              fingerprint: fingerprintSecret(hexKey, "src/app.py"),
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
    expect(written).not.toContain(openAiKey);
    expect(written).not.toContain(hexKey);
  });

  it("round-trips: a written baseline suppresses every finding it was written from", async () => {
    const findings = await scanBoth();
    writeBaseline(file, createBaseline(findings));

    const outcome = applyBaseline(findings, readBaseline(file));

    expect(outcome).toEqual({ kept: [], suppressed: 2, stale: [] });
  });

  it("is the same text whatever order the findings come in", async () => {
    const findings = await scanBoth();

    expect(formatBaseline(createBaseline([...findings].reverse()))).toBe(formatBaseline(createBaseline(findings)));
  });

  it("still suppresses a key whose line moved", async () => {
    writeBaseline(file, createBaseline(await scanBoth()));
    const moved = `"""Client setup."""\n\n# moved down by new code\nimport os\nimport sys\n\nopenai_api_key = "${hexKey}"\n`;
    const findings = await scanBoth(moved);
    expect(findings.find((finding) => finding.path === "src/app.py")?.line).toBe(7);

    expect(applyBaseline(findings, readBaseline(file))).toEqual({ kept: [], suppressed: 2, stale: [] });
  });

  it("keeps a new key and lists entries whose key is gone as stale", async () => {
    writeBaseline(file, createBaseline(await scanBoth()));
    const replacement = generateHexKey(33);
    const findings = await scanBoth(`openai_api_key = "${replacement}"\n`);

    const outcome = applyBaseline(findings, readBaseline(file));

    expect(outcome.kept).toEqual([findings[0]]);
    expect(outcome.kept[0]?.fingerprint).toBe(fingerprintSecret(replacement, "src/app.py"));
    expect(outcome.suppressed).toBe(1);
    expect(outcome.stale).toEqual([
      { path: "src/app.py", ruleId: "azure-ai-legacy-key", secret: maskSecret(hexKey), fingerprint: fingerprintSecret(hexKey, "src/app.py") },
    ]);
  });

  it("counts as stale only entries in files a partial scan read, and keeps the others when rewritten", async () => {
    const baseline = createBaseline(await scanBoth());
    // A staged scan that read only .env, where the key is still present but on an unchanged line.
    const coverage: BaselineCoverage = {
      coversPath: (path) => path === ".env",
      presentFingerprints: new Set([fingerprintSecret(openAiKey, ".env")]),
    };

    expect(applyBaseline([], baseline, coverage)).toEqual({ kept: [], suppressed: 0, stale: [] });
    expect(createBaseline([], { previous: baseline, coverage }).entries.map((entry) => entry.path)).toEqual(["src/app.py"]);
  });

  it("judges only entries under the folders a directory scan was given", async () => {
    const baseline = createBaseline(await scanBoth());
    const coverage = coverageOfRoots("/repo", ["./src/", "/repo/docs"], []);

    expect(applyBaseline([], baseline, coverage).stale.map((entry) => entry.path)).toEqual(["src/app.py"]);
    expect(applyBaseline([], baseline, coverageOfRoots("/repo", ["."], [])).stale.map((entry) => entry.path)).toEqual([".env", "src/app.py"]);
    expect(coverage.coversPath("docs/a.md")).toBe(true);
    expect(coverage.coversPath("srcx/a.py")).toBe(false);
  });

  it("accepts an earlier --format json report as a baseline", async () => {
    const findings = await scanBoth();
    writeFileSync(file, JSON.stringify({ version: 1, findings, summary: {} }));

    expect(applyBaseline(findings, readBaseline(file)).suppressed).toBe(2);
  });

  it("rejects a missing file, bad JSON and entries without a fingerprint", () => {
    expect(() => readBaseline(path.join(directory, "missing.json"))).toThrow(
      new BaselineError(`cannot read baseline ${path.join(directory, "missing.json")}: ENOENT.`),
    );
    writeFileSync(file, "{ not json");
    expect(() => readBaseline(file)).toThrow(BaselineError);
    expect(() => readBaseline(file)).toThrow(`baseline ${file} is not valid JSON: `);
    writeFileSync(file, JSON.stringify([]));
    expect(() => readBaseline(file)).toThrow(
      new BaselineError(`baseline ${file} must be an object with an "entries" array (as --write-baseline writes it).`),
    );
    writeFileSync(file, JSON.stringify({ version: 1, entries: [{ path: ".env", fingerprint: "abc" }] }));
    expect(() => readBaseline(file)).toThrow(
      new BaselineError(`baseline ${file}: entry 1 has no valid "fingerprint" (64 lower-case hex digits).`),
    );
  });
});
