/**
 * ESLint's scope analysis of JavaScript (eslint-scope with eslint-visitor-keys), for the rule host.
 * It is eslint-scope's `analyze` with one cost taken out: esrecurse copies the whole visitor-key table
 * into every visitor it creates when given keys, and eslint-scope creates one per pattern (each
 * declaration, parameter and assignment target). Here the referencer, which walks the whole tree, gets
 * ESLint's keys; the pattern visitors created after it get none and use estraverse's own table, which
 * names the same children for every node a pattern can hold (the tables differ only for import and
 * export nodes, and `import()`, that never sit inside a pattern). A test compares the scopes with
 * `analyze`'s.
 */
import type { ScopeAnalysis } from "./rule-host.js";

export async function loadJavaScriptScope(): Promise<ScopeAnalysis> {
  const [{ ScopeManager, Referencer }, { KEYS, getKeys }] = await Promise.all([import("eslint-scope"), import("eslint-visitor-keys")]);
  const keysOf = (node: { readonly type: string }): readonly string[] => KEYS[node.type] ?? getKeys(node);
  return {
    visitorKeys: KEYS,
    getKeys,
    analyze(ast, provided) {
      // eslint-scope's defaults under what ESLint passes, as `analyze` merges them.
      const options: Record<string, unknown> = { optimistic: false, nodejsScope: false, impliedStrict: false, sourceType: "script", ecmaVersion: 5, ...provided };
      const scopeManager = new ScopeManager(options as never);
      const referencer = new Referencer(options as never, scopeManager);
      // The referencer has taken its copy of the keys; visitors made from here on read the options again.
      options["childVisitorKeys"] = null;
      options["fallback"] = keysOf;
      referencer.visit(ast as never);
      return scopeManager;
    },
  };
}
