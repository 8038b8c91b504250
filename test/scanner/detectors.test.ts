import { describe, expect, it } from "vitest";

import { DETECTOR_IDS, fingerprintFinding } from "../../src/detect/index.js";
import { createBaseline, formatBaseline } from "../../src/scanner/baseline.js";
import type { FindingDetector } from "../../src/scanner/detectors/index.js";
import { triggeredDetectors } from "../../src/scanner/detectors/index.js";
import { formatJson } from "../../src/scanner/report/json.js";
import { formatSarif } from "../../src/scanner/report/sarif.js";
import { formatText } from "../../src/scanner/report/text.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import { emptySkipCounts } from "../../src/scanner/scan.js";
import type { FindingCategory, UsageFinding } from "../../src/scanner/types.js";

/** A stand-in usage detector: every `client(` call is a key-authenticated client, from `client` to `)`. */
const fakeUsage: FindingDetector = {
  id: "usage-fake",
  category: "usage",
  rules: [
    {
      id: "fake-key-client",
      name: "FakeKeyClient",
      shortDescription: "A client on a key",
      fullDescription: "A fake client that authenticates with a key.",
      help: "Use a token provider.",
      defaultSeverity: "warning",
    },
  ],
  appliesTo: (path) => path.endsWith(".fake"),
  triggers: ["client("],
  detect({ text }) {
    const found = [];
    for (let start = text.indexOf("client("); start !== -1; start = text.indexOf("client(", start + 1)) {
      const end = text.indexOf(")", start) + 1;
      found.push({
        category: "usage" as const,
        ruleId: "fake-key-client",
        severity: "warning" as const,
        confidence: "high" as const,
        message: "Fake client on a key.",
        language: "Fake",
        client: "fake.Client (Fake)",
        keySource: "env:FAKE_KEY",
        start,
        end,
        identity: text.slice(start, end),
      });
    }
    return found;
  },
};

const settings = (categories: FindingCategory[] = ["leak", "usage", "iac"]) => ({
  categories,
  detectors: DETECTOR_IDS,
  maxFileSize: 1 << 20,
  allowFingerprints: [],
  allowValues: [],
});

const text = "a = 1\nx = client(\n  key\n)\n# aoai-key-scan:allow-next-line\nclient()\n";

function expectedFinding(line: number, column: number, endLine: number, endColumn: number, identity: string): UsageFinding {
  return {
    category: "usage",
    ruleId: "fake-key-client",
    severity: "warning",
    confidence: "high",
    message: "Fake client on a key.",
    language: "Fake",
    client: "fake.Client (Fake)",
    keySource: "env:FAKE_KEY",
    path: "app.fake",
    line,
    column,
    endLine,
    endColumn,
    fingerprint: fingerprintFinding("fake-key-client", identity, "app.fake"),
  };
}

describe("finding detectors", () => {
  it("run only on their files, when a trigger word occurs, and only for selected categories", () => {
    expect(triggeredDetectors("app.fake", "client(", ["usage"], [fakeUsage])).toEqual([fakeUsage]);
    expect(triggeredDetectors("app.py", "client(", ["usage"], [fakeUsage])).toEqual([]);
    expect(triggeredDetectors("app.fake", Buffer.from("nothing here"), ["usage"], [fakeUsage])).toEqual([]);
    expect(triggeredDetectors("app.fake", Buffer.from("client("), ["leak"], [fakeUsage])).toEqual([]);
  });

  it("leave out a triggered detector whose look at the bytes rules the file out, in text as in bytes", () => {
    const seen: string[] = [];
    const picky: FindingDetector = {
      ...fakeUsage,
      mayDetect: (bytes) => {
        seen.push(bytes.toString("latin1"));
        return bytes.includes("key");
      },
    };
    expect(triggeredDetectors("app.fake", Buffer.from("client()"), ["usage"], [picky])).toEqual([]);
    expect(triggeredDetectors("app.fake", "client(key)", ["usage"], [picky])).toEqual([picky]);
    expect(triggeredDetectors("app.fake", "client(\u00e9)", ["usage"], [picky])).toEqual([]);
    // Only triggered detectors are asked, with the UTF-8 bytes of a text.
    expect(triggeredDetectors("app.fake", "nothing here", ["usage"], [picky])).toEqual([]);
    expect(seen).toEqual(["client()", "client(key)", "client(\u00c3\u00a9)"]);
  });

  it("turn offsets into 1-based ranges, honour inline allow comments and fingerprint without the line", async () => {
    const scanFragment = createFragmentScanner(settings(), [fakeUsage]);
    const result = await scanFragment({ path: "app.fake", text });
    expect(result).toEqual({ findings: [expectedFinding(2, 5, 4, 2, "client(\n  key\n)")], suppressed: 1 });
    const moved = await scanFragment({ path: "app.fake", text: `\n\n${text}` });
    expect(moved.findings[0]?.fingerprint).toBe(result.findings[0]?.fingerprint);
  });

  it("report a construct in git modes when any of its lines was added", async () => {
    const scanFragment = createFragmentScanner(settings(), [fakeUsage]);
    expect((await scanFragment({ path: "app.fake", text, firstLine: 10, lines: new Set([3]) })).findings).toEqual([
      expectedFinding(11, 5, 13, 2, "client(\n  key\n)"),
    ]);
    expect((await scanFragment({ path: "app.fake", text, lines: new Set([1]) })).findings).toEqual([]);
  });

  it("do not run when their category is off", async () => {
    expect(await createFragmentScanner(settings(["leak"]), [fakeUsage])({ path: "app.fake", text })).toEqual({ findings: [], suppressed: 0 });
  });

  it("render in every format with their category fields, and baseline without a secret", async () => {
    const { findings } = await createFragmentScanner(settings(), [fakeUsage])({ path: "app.fake", text });
    const summary = { filesScanned: 1, bytesScanned: text.length, findings: 1, suppressed: 0, skipped: emptySkipCounts(), durationMs: 0 };
    const scanResult = { findings, skipped: [], warnings: [], summary };
    const json = JSON.parse(formatJson(scanResult, { color: false, verbose: false })) as { findings: unknown[] };
    expect(json.findings).toEqual([
      {
        category: "usage",
        ruleId: "fake-key-client",
        severity: "warning",
        confidence: "high",
        path: "app.fake",
        line: 2,
        column: 5,
        endLine: 4,
        endColumn: 2,
        message: "Fake client on a key.",
        fingerprint: findings[0]?.fingerprint,
        language: "Fake",
        client: "fake.Client (Fake)",
        keySource: "env:FAKE_KEY",
      },
    ]);
    const sarif = JSON.parse(formatSarif(scanResult, { color: false, verbose: false })) as {
      runs: { results: { level: string; locations: { physicalLocation: { region: Record<string, unknown> } }[]; properties: unknown }[] }[];
    };
    const sarifResult = sarif.runs[0]?.results[0];
    expect(sarifResult?.level).toBe("warning");
    expect(sarifResult?.locations[0]?.physicalLocation.region).toEqual({ startLine: 2, startColumn: 5, endLine: 4, endColumn: 2 });
    expect(sarifResult?.properties).toEqual({ category: "usage", confidence: "high", language: "Fake", client: "fake.Client (Fake)", keySource: "env:FAKE_KEY" });
    expect(formatText(scanResult, { color: false, verbose: false })).toContain("  2:5      warning  Fake client on a key.  fake-key-client\n");
    expect(formatBaseline(createBaseline(findings))).toBe(
      `${JSON.stringify({ version: 1, entries: [{ path: "app.fake", ruleId: "fake-key-client", fingerprint: findings[0]?.fingerprint }] }, null, 2)}\n`,
    );
  });
});
