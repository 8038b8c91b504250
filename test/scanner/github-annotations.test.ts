import { fingerprintSecret, maskSecret } from "../../src/detect/index.js";
import { escapeData, escapeProperty, formatGithub } from "../../src/scanner/report/github.js";
import { emptySkipCounts } from "../../src/scanner/scan.js";
import type { ScanResult } from "../../src/scanner/scan.js";
import type { Finding, LeakFinding } from "../../src/scanner/types.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";

const key = generateIdentifiableKey({ random: 41 });

function finding(overrides: Partial<LeakFinding> = {}): LeakFinding {
  return {
    category: "leak",
    ruleId: "azure-ai-identifiable-key",
    severity: "error",
    confidence: "high",
    path: "config/app,prod.env",
    line: 2,
    column: 22,
    endLine: 2,
    endColumn: 106,
    message: `Azure OpenAI key \`${maskSecret(key)}\` found.\nRevoke it: 100% of its holders can call the API.`,
    secret: maskSecret(key),
    fingerprint: fingerprintSecret(key, "config/app,prod.env"),
    service: "Azure OpenAI",
    createdAt: "2025-01",
    ...overrides,
  };
}

function result(findings: Finding[], skipped: ScanResult["skipped"] = []): ScanResult {
  const skipCounts = emptySkipCounts();
  for (const skip of skipped) skipCounts[skip.reason] += 1;
  return {
    findings,
    skipped,
    warnings: [],
    summary: { filesScanned: 3, bytesScanned: 120, findings: findings.length, suppressed: 1, skipped: skipCounts, durationMs: 7 },
  };
}

describe("--format github", () => {
  it("escapes messages and property values as GitHub requires", () => {
    expect(escapeData("50%\r\nnext: a,b")).toBe("50%25%0D%0Anext: a,b");
    expect(escapeProperty("50%\r\nnext: a,b")).toBe("50%25%0D%0Anext%3A a%2Cb");
  });

  it("prints one annotation per finding with its exact range, masked, then the counts", () => {
    const report = formatGithub(result([finding(), finding({ severity: "warning", confidence: "low", line: 9, endLine: 9, service: "Speech" })]), {
      color: false,
      verbose: false,
    });

    const mask = maskSecret(key);
    expect(report).toBe(
      [
        `::error file=config/app%2Cprod.env,line=2,col=22,endLine=2,endColumn=106,title=Azure OpenAI key (azure-ai-identifiable-key)::Azure OpenAI key \`${mask}\` found.%0ARevoke it: 100%25 of its holders can call the API.`,
        `::warning file=config/app%2Cprod.env,line=9,col=22,endLine=9,endColumn=106,title=Speech key (azure-ai-identifiable-key)::Azure OpenAI key \`${mask}\` found.%0ARevoke it: 100%25 of its holders can call the API.`,
        "aoai-key-scan: 3 files scanned, 2 findings, 1 suppressed, 0 skipped, 7 ms",
        "",
      ].join("\n"),
    );
    expect(report).not.toContain(key);
  });

  it("says which commit added a key found in history, and annotates surprising skips only", () => {
    const historical = { ...finding({ message: "Key found." }), commit: "0123456789abcdef0123456789abcdef01234567", authorDate: "2024-02-03T10:20:30+01:00" };
    const report = formatGithub(
      result([historical], [
        { path: "big.json", reason: "too-large", detail: "20000000 bytes" },
        { path: "logo.png", reason: "binary" },
      ]),
      { color: false, verbose: false },
    );

    expect(report.split("\n")).toEqual([
      "::error file=config/app%2Cprod.env,line=2,col=22,endLine=2,endColumn=106,title=Azure OpenAI key (azure-ai-identifiable-key)::Key found. Added in commit 0123456789ab (2024-02-03T10:20:30+01:00).",
      "::warning file=big.json,title=aoai-key-scan skipped a file::Not scanned (too-large: 20000000 bytes).",
      "aoai-key-scan: 3 files scanned, 1 finding, 1 suppressed, 2 skipped, 7 ms",
      "",
    ]);
  });
});
