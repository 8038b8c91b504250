import { describe, expect, it } from "vitest";

import { buildEstate } from "../../src/readiness/estate.js";
import { decideReadiness } from "../../src/readiness/join.js";
import { formatReadinessText } from "../../src/readiness/report/text.js";
import type { Finding } from "../../src/scanner/types.js";

const notebook = (index: number): Finding => ({
  category: "usage",
  ruleId: "python-key-auth-client",
  severity: "warning",
  confidence: "high",
  path: `labs/lab-${String(index).padStart(2, "0")}.ipynb`,
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 2,
  message: "openai.AzureOpenAI (Python) authenticates with a key.",
  fingerprint: `f${index}`,
  language: "Python",
  client: "openai.AzureOpenAI (Python)",
  endpoint: "env:AZURE_OPENAI_ENDPOINT",
});

describe("readiness text report", () => {
  it("keeps a long list of places to one readable line and points at the full list", () => {
    const findings = Array.from({ length: 11 }, (_, index) => notebook(index + 1));
    const report = decideReadiness(buildEstate({ findings, inventory: [{ kind: "endpoint", subdomain: "lab-openai", path: "README.md", line: 4 }] }));
    const line = formatReadinessText(report)
      .split("\n")
      .find((text) => text.startsWith("  unresolved key clients that could reach it: "));
    expect(line).toBe(
      "  unresolved key clients that could reach it: " +
        Array.from({ length: 8 }, (_, index) => `labs/lab-${String(index + 1).padStart(2, "0")}.ipynb:3`).join(", ") +
        " and 3 more (all listed below)",
    );
  });
});
