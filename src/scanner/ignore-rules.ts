/**
 * An empty rule set of the `ignore` package (gitignore syntax), which is required on first use.
 * Imported as an ES module, Node would run its CommonJS export lexer over the whole 50 KB file at
 * every start (several times the cost of `require`), and a staged scan without globs never needs it.
 */
import { createRequire } from "node:module";

import type { Ignore } from "ignore";

let createRules: (() => Ignore) | undefined;

export function ignoreRules(): Ignore {
  createRules ??= createRequire(import.meta.url)("ignore") as () => Ignore;
  return createRules();
}
