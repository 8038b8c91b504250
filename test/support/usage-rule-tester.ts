// RuleTester for the two usage rules the scanner runs (no-api-key-client, no-api-key-header): it also
// checks that the scanner's looks at a file before parsing it (the detector's trigger words, then the
// rules' evidence in src/usage/javascript/evidence.ts) keep every case the rule reports on, so the
// scanner never skips a file the rule would report.
import { RuleTester } from "@typescript-eslint/rule-tester";
import type { RunTests } from "@typescript-eslint/rule-tester";
import type { RuleModule } from "@typescript-eslint/utils/ts-eslint";
import { describe, expect, it } from "vitest";

import { javascriptUsageDetector } from "../../src/usage/javascript/detector.js";
import { mayReport } from "../../src/usage/javascript/evidence.js";

/** What the scanner asks of a file before it lints it. */
export const scannerLints = (code: string): boolean =>
  javascriptUsageDetector.triggers.some((word) => code.includes(word)) && mayReport(code);

/** Options that make a rule report more than the scanner's default options do: such cases are the rule's alone. */
const WIDENING_OPTIONS: Readonly<Record<string, unknown>> = { requireAzureContext: false, checkAllSubscriptionKeyHeaders: true };

const widens = (options: readonly unknown[] | undefined): boolean =>
  (options ?? []).some(
    (option) =>
      typeof option === "object" &&
      option !== null &&
      Object.entries(WIDENING_OPTIONS).some(([name, value]) => (option as Record<string, unknown>)[name] === value),
  );

export class UsageRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, tests);
    const reported = tests.invalid.filter((test) => !widens(test.options));
    describe(`${ruleName}: the scanner's looks before linting`, () => {
      it(`keeps all ${reported.length} reported cases`, () => {
        expect(reported.length).toBeGreaterThan(0);
        expect(reported.map((test) => test.code).filter((code) => !scannerLints(code))).toEqual([]);
      });
    });
  }
}
