/**
 * Azure AI accounts built in TypeScript IaC (Pulumi, CDK for Terraform) must turn key access off:
 * `properties.disableLocalAuth: true` (azure-native) or `localAuthEnabled: false` /
 * `localAuthenticationEnabled: false` (azurerm-based SDKs), whose defaults keep keys on. Constructions
 * are found through the imports (`ReferenceTracker`), so a local class of the same name is not one.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import type { AccountConstruct } from "../iac/typescript-constructs.js";
import { ACCOUNT_PACKAGE_MENTION, ACCOUNT_TRACE_MAP } from "../iac/typescript-constructs.js";
import { createRule } from "../utils/create-rule.js";
import { withImplicitGlobals } from "../utils/implicit-globals.js";
import { insertListItem } from "../utils/list-edit.js";
import { resolveValue, unwrapExpression, visibleProperties } from "../utils/static-value.js";

type MessageIds = "keysOnByDefault" | "keysOnWritten";

/** `properties: { disableLocalAuth: true }` as source text for the keys still missing. */
function entryText(keys: readonly string[], value: boolean): string {
  const [key = "", ...rest] = keys;
  return rest.length === 0 ? `${key}: ${String(value)}` : `${key}: { ${entryText(rest, value)} }`;
}

export default createRule<[], MessageIds>({
  name: "require-disable-local-auth",
  meta: {
    type: "problem",
    docs: {
      description: "Require Azure AI accounts created with Pulumi or CDK for Terraform to disable key (local) authentication",
      recommended: true,
    },
    fixable: "code",
    schema: [],
    messages: {
      keysOnByDefault:
        "{{construct}} keeps key access on: `{{property}}` is not set and defaults to {{default}}. Set `{{property}}: {{keyless}}` and give apps a managed identity (Microsoft Entra ID).",
      keysOnWritten:
        "{{construct}} sets `{{property}}` to {{value}}: key access stays on. Set it to {{keyless}} and give apps a managed identity (Microsoft Entra ID).",
    },
    languages: ["js/js"],
  },
  create(context) {
    const { sourceCode } = context;

    const check = (node: TSESTree.NewExpression, info: AccountConstruct, scope: TSESLint.Scope.Scope): void => {
      const property = info.path.join(".");
      const construct = info.label;
      const keyless = String(info.keyless);
      const data = { construct, property, keyless, default: String(info.default) };
      const argument = node.arguments[info.argumentIndex];
      if (argument === undefined) {
        context.report({ node: node.callee, messageId: "keysOnByDefault", data });
        return;
      }
      let object = resolveValue(argument, scope);
      // The written object itself is fixed; a const it names is fixed only where it is declared once.
      for (const [depth, key] of info.path.entries()) {
        if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
        const { properties, complete } = visibleProperties(object, scope);
        const found = properties.get(key);
        if (found === undefined) {
          // A spread the rule cannot see through may set it.
          if (!complete) return;
          const target = object;
          const missing = info.path.slice(depth);
          context.report({
            node: node.callee,
            messageId: "keysOnByDefault",
            data,
            fix: (fixer) => insertListItem(sourceCode, fixer, target, target.properties, entryText(missing, info.keyless)),
          });
          return;
        }
        if (depth < info.path.length - 1) {
          object = resolveValue(found.value, scope);
          continue;
        }
        const written = unwrapExpression(found.value);
        const value = resolveValue(written, scope);
        if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== "boolean" || value.value === info.keyless) return;
        context.report({
          node: found.property,
          messageId: "keysOnWritten",
          data: { construct, property, keyless, value: String(value.value) },
          // Only a literal written in place is replaced: a shared constant may serve other resources.
          ...(written === value ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(written, String(info.keyless)) } : {}),
        });
      }
    };

    return {
      Program(program): void {
        if (!ACCOUNT_PACKAGE_MENTION.test(sourceCode.text)) return;
        const globalScope = sourceCode.getScope(program);
        const references = [
          ...new ASTUtils.ReferenceTracker(globalScope, { mode: "legacy" }).iterateEsmReferences<AccountConstruct>(ACCOUNT_TRACE_MAP),
          ...new ASTUtils.ReferenceTracker(withImplicitGlobals(globalScope, ["require"])).iterateCjsReferences<AccountConstruct>(ACCOUNT_TRACE_MAP),
        ];
        for (const { node, info } of references) {
          if (node.type === AST_NODE_TYPES.NewExpression) check(node, info, sourceCode.getScope(node));
        }
      },
    };
  },
});
