import type { TSESLint } from "@typescript-eslint/utils";
import type { Linter } from "eslint";

import { rules } from "./rules/index.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "./utils/package-info.js";
import { PLUGIN_NAMESPACE } from "./utils/plugin-namespace.js";

type RuleName = keyof typeof rules;

interface Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, TSESLint.RuleModule<string, unknown[]>>;
  configs: {
    /** Every rule whose `meta.docs.recommended` is true, as errors. */
    recommended: Linter.Config;
  };
}

function recommendedRules(): Linter.RulesRecord {
  const entries = Object.entries(rules as Record<string, TSESLint.RuleModule<string, unknown[]>>)
    .filter(([, rule]) => (rule.meta.docs as { recommended?: boolean } | undefined)?.recommended === true)
    .map(([name]) => [`${PLUGIN_NAMESPACE}/${name}`, "error"] as const);
  return Object.fromEntries(entries);
}

const plugin: Plugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as Plugin["configs"],
};

// The config refers to the plugin object itself, so it is attached after the plugin exists.
plugin.configs.recommended = {
  name: `${PLUGIN_NAMESPACE}/recommended`,
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] },
  rules: recommendedRules(),
};

// The default export is the only export: eslint-doc-generator (and CommonJS interop in general)
// unwraps `default` only from a module that exports nothing else.
export default plugin;
