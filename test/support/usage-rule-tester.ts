// RuleTester for the two usage rules the scanner runs (no-api-key-client, no-api-key-header): it also
// checks that the scanner's looks at a file before parsing it (the detector's trigger words, then the
// rules' evidence in src/usage/javascript/evidence.ts) keep every case the rule reports on, so the
// scanner never skips a file the rule would report; and that the scanner's lint (the rule host,
// src/usage/javascript/rule-host.ts, with its native parser oxc, src/usage/javascript/parse.ts, and
// with the reference parsers) gives on every case, as JavaScript and as TypeScript, exactly what
// ESLint's `Linter` gives with espree and typescript-eslint.
import { RuleTester } from "@typescript-eslint/rule-tester";
import type { RunTests } from "@typescript-eslint/rule-tester";
import type { RuleModule } from "@typescript-eslint/utils/ts-eslint";
import { describe, expect, it } from "vitest";

import { javascriptUsageDetector } from "../../src/usage/javascript/detector.js";
import { mayReport, mayReportBytes } from "../../src/usage/javascript/evidence.js";
import type { NativeParserLoader } from "../../src/usage/javascript/lint.js";
import { lintUsage } from "../../src/usage/javascript/lint.js";
import { eslintUsageEngine } from "./eslint-usage-engine.js";

/** What the scanner asks of a file before it lints it: trigger words, the evidence in its bytes, then in its text. */
export const scannerLints = (code: string): boolean =>
  javascriptUsageDetector.triggers.some((word) => code.includes(word)) && mayReportBytes(Buffer.from(code, "utf8")) && mayReport(code);

/** Options that make a rule report more than the scanner's default options do: such cases are the rule's alone. */
const WIDENING_OPTIONS: Readonly<Record<string, unknown>> = { requireAzureContext: false, checkAllSubscriptionKeyHeaders: true };

const widens = (options: readonly unknown[] | undefined): boolean =>
  (options ?? []).some(
    (option) =>
      typeof option === "object" &&
      option !== null &&
      Object.entries(WIDENING_OPTIONS).some(([name, value]) => (option as Record<string, unknown>)[name] === value),
  );

/** A loader that fails as on a platform without oxc's binding: the scanner then lints with the reference parsers. */
export const referenceParsersOnly: NativeParserLoader = () => Promise.reject(new Error("no native binding"));

/** A file oxc declined: the reference parsers then decide it. */
export interface Declined {
  readonly path: string;
  readonly code: string;
  readonly sourceType: "module" | "script" | "commonjs";
}

/** oxc, recording the files it declines. */
export function watchedNativeParser(declined: Declined[]): NativeParserLoader {
  return async () => {
    const oxc = await import("oxc-parser");
    return {
      ...oxc,
      parseSync: (path: string, code: string, options?: Parameters<typeof oxc.parseSync>[2]) => {
        const result = oxc.parseSync(path, code, options);
        if (result.errors.length > 0) declined.push({ path, code, sourceType: options?.sourceType === "module" ? "module" : options?.sourceType === "script" ? "script" : "commonjs" });
        return result;
      },
    };
  };
}

/** Whether espree or typescript-eslint rejects the file too, read as oxc was asked to read it. */
export async function referenceParsersReject({ path, code, sourceType }: Declined): Promise<boolean> {
  if (/\.[cm]?tsx?$/.test(path)) {
    const { parseForESLint } = await import("@typescript-eslint/parser");
    try {
      parseForESLint(code, { filePath: path, sourceType: sourceType === "module" ? "module" : "script", ecmaFeatures: { jsx: path.endsWith("x") } });
      return false;
    } catch {
      return true;
    }
  }
  const { Linter } = await import("eslint");
  return new Linter({ configType: "flat" })
    .verify(code, [{ languageOptions: { ecmaVersion: "latest", sourceType, parserOptions: { ecmaFeatures: { jsx: true } } } }])
    .some((message) => message.fatal === true);
}

const OTHER_LANGUAGE: Readonly<Record<string, string>> = { ts: "js", js: "ts", tsx: "jsx", jsx: "tsx", mts: "mjs", mjs: "mts", cts: "cjs", cjs: "cts" };

/** A case's file (typescript-eslint's RuleTester names it `file.ts`) and the same file in the other language. */
function variants(filename: string | undefined): string[] {
  const path = filename ?? "file.ts";
  return [path, path.replace(/\.([cm]?[jt]sx?)$/, (_, extension: string) => `.${OTHER_LANGUAGE[extension] ?? extension}`)];
}

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
    describe(`${ruleName}: the scanner's native parser`, () => {
      it("gives every case, as JavaScript and as TypeScript, the reports of ESLint with espree and typescript-eslint", async () => {
        const cases = [...tests.valid.map((test) => (typeof test === "string" ? { code: test } : test)), ...tests.invalid];
        const declined: Declined[] = [];
        const native = watchedNativeParser(declined);
        let reporting = 0;
        for (const test of cases) {
          for (const path of variants(test.filename)) {
            const expected = await lintUsage(path, test.code, referenceParsersOnly, eslintUsageEngine);
            expect({ path, code: test.code, reports: await lintUsage(path, test.code, referenceParsersOnly) }).toEqual({ path, code: test.code, reports: expected });
            const before = declined.length;
            expect({ path, code: test.code, reports: await lintUsage(path, test.code, native) }).toEqual({ path, code: test.code, reports: expected });
            if (declined.length === before && expected.length > 0) reporting += 1;
          }
        }
        expect(reporting).toBeGreaterThan(0);
        // What oxc declines (TypeScript code in the JavaScript variant) espree or typescript-eslint reject too.
        const acceptedByReference: Declined[] = [];
        for (const file of declined) if (!(await referenceParsersReject(file))) acceptedByReference.push(file);
        expect(acceptedByReference).toEqual([]);
      }, 120_000);
    });
  }
}
