/**
 * Code that runs a key client on purpose, where rewriting it to Microsoft Entra ID breaks the
 * program even though the rewrite of the client itself is right:
 *
 * - `keyGuard`: the client runs only when the key is there (`if (process.env.AZURE_OPENAI_API_KEY)`,
 *   `key ? new AzureOpenAI({ apiKey: key }) : ...`, `if (!key) throw ...` before it) or right after
 *   the code sets the variable (`process.env.AZURE_OPENAI_API_KEY = ...`). Once fixed, the key must
 *   leave the environment (or the SDK throws "mutually exclusive"), and then the check rejects it.
 * - `isTestModule`: tests that exercise a key path (test file names and folders, test framework
 *   imports, mocks).
 */
import path from "node:path";

import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import { isEnvObject, unwrapExpression } from "./static-value.js";
import { isTestPath } from "./test-path.js";

/** What identifies the key of one client: env variables and the expressions it was read from. */
export interface KeySources {
  /** Env variables the key comes from (the SDK's fallback and `process.env.X` in the options). */
  readonly envNames: readonly string[];
  /** Values of the key options as written (`apiKey`, `settings.key`). */
  readonly values: readonly TSESTree.Node[];
}

const envNameOf = (node: TSESTree.Node): string | undefined => {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression || !isEnvObject(value.object)) return undefined;
  return ASTUtils.getPropertyName(value) ?? undefined;
};

/** Nodes of `root` and below, in source order. */
function* descendants(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): Generator<TSESTree.Node> {
  yield root;
  for (const key of visitorKeys[root.type] ?? []) {
    const child = (root as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (typeof item === "object" && item !== null && typeof (item as TSESTree.Node).type === "string") {
        yield* descendants(item as TSESTree.Node, visitorKeys);
      }
    }
  }
}

/** Whether a statement leaves its block: `return`, `throw`, or a block ending in one. */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

/**
 * The text of the check that makes the client at `node` run only with its key, or of the statement
 * that sets the key right before it; undefined when there is none.
 */
export function keyGuard(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  sources: KeySources,
): string | undefined {
  const envNames = new Set([...sources.envNames, ...sources.values.flatMap((value) => envNameOf(value) ?? [])]);
  const scope = sourceCode.getScope(node);
  const keyVariables = new Set<TSESLint.Scope.Variable>();
  const keyTexts = new Set<string>();
  for (const value of sources.values) {
    const unwrapped = unwrapExpression(value);
    if (unwrapped.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(scope, unwrapped);
      if (variable !== null) keyVariables.add(variable);
    } else if (unwrapped.type === AST_NODE_TYPES.MemberExpression && envNameOf(unwrapped) === undefined) {
      keyTexts.add(sourceCode.getText(unwrapped));
    }
  }

  /** The part of `test` that reads the key, if any. */
  const keyRead = (test: TSESTree.Node): TSESTree.Node | undefined => {
    for (const candidate of descendants(test, sourceCode.visitorKeys)) {
      const envName = envNameOf(candidate);
      if (envName !== undefined && envNames.has(envName)) return candidate;
      if (candidate.type === AST_NODE_TYPES.MemberExpression && keyTexts.has(sourceCode.getText(candidate))) return candidate;
      if (candidate.type === AST_NODE_TYPES.Identifier && keyVariables.size > 0) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(candidate), candidate);
        if (variable !== null && keyVariables.has(variable)) return candidate;
      }
    }
    return undefined;
  };
  const setsKey = (statement: TSESTree.Node): TSESTree.Node | undefined => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression) return undefined;
    const envName = envNameOf(expression.left);
    return envName !== undefined && envNames.has(envName) ? expression.left : undefined;
  };
  const text = (read: TSESTree.Node): string => sourceCode.getText(read);

  let child: TSESTree.Node = node;
  // The Program's own `parent` is null at run time.
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    let read: TSESTree.Node | undefined;
    if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) read = keyRead(parent.test);
    else if (parent.type === AST_NODE_TYPES.ConditionalExpression && child !== parent.test) read = keyRead(parent.test);
    else if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) read = keyRead(parent.left);
    else if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      const body: readonly TSESTree.Node[] = parent.body;
      for (const statement of body) {
        if (statement === child) break;
        read =
          statement.type === AST_NODE_TYPES.IfStatement && statement.alternate === null && exits(statement.consequent)
            ? keyRead(statement.test)
            : setsKey(statement);
        if (read !== undefined) break;
      }
    }
    if (read !== undefined) return text(read);
  }
  return undefined;
}

const TEST_MODULES = new Set(["vitest", "@jest/globals", "node:test", "mocha", "ava", "msw", "nock", "sinon"]);

/** Whether the file is a test: by its path (relative to `cwd`), or by what it imports or mocks. */
export function isTestModule(sourceCode: Readonly<TSESLint.SourceCode>, filename: string, cwd: string): boolean {
  const relative = path.relative(cwd, path.resolve(cwd, filename)).split(path.sep).join("/");
  if (isTestPath(relative)) return true;
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && TEST_MODULES.has(statement.source.value)) return true;
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  return (
    globalScope?.through.some((reference) => {
      const parent = (reference.identifier as TSESTree.Node).parent;
      // jest.mock(...), vi.mock(...)
      return (
        (reference.identifier.name === "jest" || reference.identifier.name === "vi") &&
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === reference.identifier
      );
    }) === true
  );
}
