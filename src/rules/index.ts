import type { TSESLint } from "@typescript-eslint/utils";

// One explicit import per rule: no file-system scanning at run time.
// Keep this list sorted by rule name.
export const rules = {} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;
