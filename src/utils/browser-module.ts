/**
 * Whether a module runs in the browser, and the evidence for it in words a message can quote.
 * `@azure/identity` credentials do not run there, and a key in browser code ships to every visitor,
 * so fixing rules report such modules without rewriting them.
 *
 * Evidence, in order: a `"use client"` directive (React Server Components: Next.js and others), a
 * client option `dangerouslyAllowBrowser: true`, DOM globals read as values
 * (`document`, `window`, `localStorage`, `sessionStorage`; `typeof window` checks of universal code do
 * not count), a config whose globals are the browser's and not Node's, and, in a Vite or Create
 * React App project without a server framework, a JSX file or any file under its `src/` (what those
 * tools bundle for the page; a server of the same package lives beside it, in `server/` or `api/`).
 */
import path from "node:path";

import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import type { ProjectManifest } from "./project-packages.js";
import { isEnvObject, resolveValue } from "./static-value.js";

const DOM_GLOBALS = ["document", "window", "localStorage", "sessionStorage"] as const;
/** Prefixes of environment variables that bundlers inline into the page. */
const PUBLIC_ENV_PREFIX = /^(?:VITE_|NEXT_PUBLIC_|REACT_APP_)/;
/** Dependencies that make JSX files of a project client-only... */
const CLIENT_BUNDLERS = ["vite", "react-scripts"] as const;
/** ...unless one of these renders them on a server too. */
const SERVER_FRAMEWORKS = ["next", "@remix-run/react", "@react-router/dev", "astro", "gatsby", "@tanstack/react-start", "waku"];

type ConfiguredVariable = TSESLint.Scope.Variable & { eslintImplicitGlobalSetting?: unknown };

const isConfiguredGlobal = (scope: TSESLint.Scope.Scope, name: string): boolean =>
  (scope.set.get(name) as ConfiguredVariable | undefined)?.eslintImplicitGlobalSetting !== undefined;

/** A read of a DOM global that is not only `typeof x`. */
function readsDomGlobal(globalScope: TSESLint.Scope.Scope): string | undefined {
  for (const name of DOM_GLOBALS) {
    const references = [
      ...(globalScope.set.get(name)?.references ?? []),
      ...globalScope.through.filter((reference) => reference.identifier.name === name),
    ];
    const valueRead = references.some((reference) => {
      const parent = (reference.identifier as TSESTree.Node).parent;
      return !(parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === "typeof");
    });
    if (valueRead) return name;
  }
  return undefined;
}

/**
 * The public build-time variable (`import.meta.env.VITE_X`, `process.env.NEXT_PUBLIC_X`,
 * `REACT_APP_X`) a key value is read from, through consts and `||` / `??` / `?:` fallbacks. Only the
 * key's own source counts: a server route may read `NEXT_PUBLIC_URL` like any variable.
 */
export function publicEnvSource(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth = 0): string | undefined {
  const value = resolveValue(node, scope);
  if (depth > 4) return undefined;
  switch (value.type) {
    case AST_NODE_TYPES.LogicalExpression:
      return publicEnvSource(value.left, scope, depth + 1) ?? publicEnvSource(value.right, scope, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return publicEnvSource(value.consequent, scope, depth + 1) ?? publicEnvSource(value.alternate, scope, depth + 1);
    case AST_NODE_TYPES.MemberExpression: {
      const name = isEnvObject(value.object) ? ASTUtils.getPropertyName(value, scope) : null;
      return name !== null && PUBLIC_ENV_PREFIX.test(name) ? name : undefined;
    }
    default:
      return undefined;
  }
}

function hasDangerouslyAllowBrowser(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const tokens = sourceCode.ast.tokens;
  return tokens.some(
    (token, index) =>
      token.value === "dangerouslyAllowBrowser" && tokens[index + 1]?.value === ":" && tokens[index + 2]?.value === "true",
  );
}

const isJsxFile = (filename: string): boolean => /\.[jt]sx$/i.test(filename);

/**
 * Why the module of `sourceCode` runs in the browser, as a short phrase; undefined when nothing
 * says so. `manifest` is the nearest package.json of the file, if any.
 */
export function browserModuleEvidence(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  manifest: ProjectManifest | undefined,
): string | undefined {
  const program = sourceCode.ast;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) break;
    if (statement.directive === "use client") return 'a "use client" module';
  }
  if (hasDangerouslyAllowBrowser(sourceCode)) return "`dangerouslyAllowBrowser: true`";
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope !== null && globalScope !== undefined) {
    const domGlobal = readsDomGlobal(globalScope);
    if (domGlobal !== undefined) return `it uses \`${domGlobal}\``;
    if (isConfiguredGlobal(globalScope, "window") && !isConfiguredGlobal(globalScope, "process")) {
      return "the ESLint config gives it browser globals";
    }
  }
  if (
    manifest !== undefined &&
    CLIENT_BUNDLERS.some((name) => manifest.dependencies.has(name)) &&
    !SERVER_FRAMEWORKS.some((name) => manifest.dependencies.has(name))
  ) {
    if (isJsxFile(filename)) return "a component of a client-side React app";
    const relative = path.relative(manifest.root, filename).split(path.sep);
    if (relative[0] === "src" && relative.length > 1) return "`src/` of a client-side app, bundled for the page";
  }
  return undefined;
}
