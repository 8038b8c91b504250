import type { TSESLint } from "@typescript-eslint/utils";

/**
 * The global scope with the listed names declared when the file uses them without declaring them.
 * `ReferenceTracker` follows only declared globals, but `fetch`, `Headers` and `require` are globals
 * a config often leaves undeclared; an unresolved reference to one is not shadowed by anything.
 */
export function withImplicitGlobals(globalScope: TSESLint.Scope.Scope, names: readonly string[]): TSESLint.Scope.Scope {
  let set: Map<string, unknown> | undefined;
  for (const name of names) {
    if (globalScope.set.has(name)) continue;
    const references = globalScope.through.filter((reference) => reference.identifier.name === name);
    if (references.length === 0) continue;
    set ??= new Map<string, unknown>(globalScope.set);
    set.set(name, { name, defs: [], references });
  }
  return set === undefined ? globalScope : (Object.create(globalScope, { set: { value: set } }) as TSESLint.Scope.Scope);
}
