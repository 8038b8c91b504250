import type { ESLint, Linter, Rule } from "eslint";

import { rules } from "./rules/index.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "./utils/package-info.js";
import { PLUGIN_NAMESPACE } from "./utils/plugin-namespace.js";

type RuleName = keyof typeof rules;

/**
 * The plugin as ESLint's own types describe one, so `defineConfig`, `Linter.Config[]` and
 * typescript-eslint's `config` all accept it in a type-checked `eslint.config.ts`. The rules are
 * written against typescript-eslint's richer rule types, which ESLint's `RuleDefinition` rejects.
 */
export interface AoaiKeylessPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: {
    /** Every rule whose `meta.docs.recommended` is true, as errors. */
    recommended: Linter.Config;
  };
}

const ruleModules = rules as unknown as AoaiKeylessPlugin["rules"];

function recommendedRules(): Linter.RulesRecord {
  const entries = Object.entries(ruleModules)
    .filter(([, rule]) => (rule.meta?.docs as { recommended?: boolean } | undefined)?.recommended === true)
    .map(([name]) => [`${PLUGIN_NAMESPACE}/${name}`, "error"] as const);
  return Object.fromEntries(entries);
}

const plugin: AoaiKeylessPlugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION, namespace: PLUGIN_NAMESPACE },
  rules: ruleModules,
  configs: {} as AoaiKeylessPlugin["configs"],
};

// The config refers to the plugin object itself, so it is attached after the plugin exists.
plugin.configs.recommended = {
  name: `${PLUGIN_NAMESPACE}/recommended`,
  plugins: { [PLUGIN_NAMESPACE]: plugin },
  rules: recommendedRules(),
};

export default plugin;
// `require("eslint-plugin-aoai-keyless")` (an `eslint.config.cjs`, eslint-doc-generator) returns the
// plugin itself instead of the module namespace: Node's `require(esm)` returns the export named
// "module.exports" when a module has one.
export { plugin as "module.exports" };
