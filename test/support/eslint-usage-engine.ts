// ESLint's own `Linter` as the engine of the scanner's JavaScript and TypeScript lint
// (src/usage/javascript/lint.ts), in place of the rule host: what the host must give, file by file.
import type { Linter } from "eslint";
import { Linter as LinterClass } from "eslint";

import { rules } from "../../src/rules/index.js";
import type { UsageEngine } from "../../src/usage/javascript/lint.js";
import { USAGE_RULE_NAMES } from "../../src/usage/javascript/lint.js";

const linter = new LinterClass({ configType: "flat", cwd: "/" });
const plugin = { rules: Object.fromEntries(USAGE_RULE_NAMES.map((name) => [name, rules[name]])) } as unknown as NonNullable<Linter.Config["plugins"]>[string];

export const eslintUsageEngine: UsageEngine = (request) => {
  const dot = request.filename.lastIndexOf(".");
  const config: Linter.Config = {
    files: [`**/*${request.filename.slice(dot)}`],
    plugins: { "aoai-keyless": plugin },
    rules: Object.fromEntries(USAGE_RULE_NAMES.map((name) => [`aoai-keyless/${name}`, "error"])),
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: request.sourceType,
      parser: request.parser as Linter.Parser,
      parserOptions: request.parserOptions,
    },
    linterOptions: { reportUnusedDisableDirectives: "off" },
  };
  const messages = linter.verify(request.text, [config], { filename: request.filename });
  const parseError = messages.find((message) => message.fatal === true && message.message.startsWith("Parsing error"));
  if (parseError !== undefined) return { ok: false, message: parseError.message };
  return {
    ok: true,
    problems: messages.flatMap((message) =>
      message.ruleId === null
        ? []
        : [
            {
              ruleId: message.ruleId,
              messageId: message.messageId,
              message: message.message,
              line: message.line,
              column: message.column,
              ...(message.endLine === undefined ? {} : { endLine: message.endLine, endColumn: message.endColumn }),
              ...(message.fix === undefined ? {} : { fix: message.fix }),
            },
          ],
    ),
    sourceCode: linter.getSourceCode(),
  };
};
