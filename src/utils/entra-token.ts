import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import { resolveConst, unwrapExpression, writtenValues } from "./static-value.js";

/** How far `isEntraToken` follows awaits, members and variables before it gives up. */
const MAX_DEPTH = 6;

/** The name of what a call calls: `getToken` for `credential.getToken(...)`, `f` for `f()`. */
function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return ASTUtils.getPropertyName(callee) ?? undefined;
  return undefined;
}

const isTokenProviderCreation = (node: TSESTree.Node | null | undefined): boolean =>
  node?.type === AST_NODE_TYPES.CallExpression && calleeName(node) === "getBearerTokenProvider";

/**
 * Whether a value visibly comes from Microsoft Entra ID, so sending it (as `Authorization: Bearer`,
 * or even under the `api-key` name or in `apiKey`) is token authentication, not a key:
 * `credential.getToken(...)` and its `.token`, a call of a `getBearerTokenProvider(...)` result, through
 * awaits, destructuring and same-file variables. A variable counts when every value written to it is
 * such a token: `let token; ... token = await credential.getToken(scope);` (the refresh-on-expiry
 * pattern of the Azure samples).
 */
export function isEntraToken(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return isEntraToken(value.argument, scope, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return isEntraToken(value.expression, scope, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return ASTUtils.getPropertyName(value) === "token" && isEntraToken(value.object, scope, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      if (calleeName(value) === "getToken") return true;
      const callee = unwrapExpression(value.callee);
      if (isTokenProviderCreation(callee)) return true;
      const binding = callee.type === AST_NODE_TYPES.Identifier ? resolveConst(callee, scope) : undefined;
      return binding !== undefined && isTokenProviderCreation(binding.init);
    }
    case AST_NODE_TYPES.Identifier: {
      // Every value the variable ever holds: its initialiser (`const { token } = await
      // credential.getToken(...)` destructures the token) and each plain assignment.
      const variable = ASTUtils.findVariable(scope, value);
      const writes = variable === null ? undefined : writtenValues(variable)?.values;
      return writes !== undefined && writes.length > 0 && writes.every((write) => isEntraToken(write, scope, depth + 1));
    }
    default:
      return false;
  }
}
