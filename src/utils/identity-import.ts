/**
 * Makes `@azure/identity` names available to a fix, for every rule that rewrites key
 * authentication to Microsoft Entra ID. One implementation, shared by all fixing rules.
 *
 * API:
 *
 *   const plan = planIdentityFix(context, node, {
 *     credential: options.credential,        // e.g. "new DefaultAzureCredential()"
 *     names: ["getBearerTokenProvider"],     // further @azure/identity exports the fix writes
 *   });
 *   if (plan === undefined) report without a fix;   // a needed name already means something else
 *   else fix: (fixer) => [
 *     ...plan.fix(fixer),                              // import/require edits, hoisted credential
 *     fixer.replaceText(x, `${plan.name("getBearerTokenProvider")}(${plan.credential}, scope)`),
 *   ]
 *
 * - `plan.name(exportName)` is the text that names an export at `node`: the local alias of an
 *   existing import (`DAC` for `import { DefaultAzureCredential as DAC }`), `ns.X` for a namespace
 *   import or `const ns = require(...)`, else the export name itself, which `plan.fix` imports.
 * - `plan.credential` is the credential expression to write at `node`: the name of a module-scope
 *   `const` that already holds an `@azure/identity` credential, else, when `node` is inside a
 *   function, the name of a module-scope `const credential = <expression>` that `plan.fix` adds
 *   (a credential caches tokens per instance, so one per request would defeat the cache), else the
 *   expression itself with its names resolved as above.
 * - `plan.fix(fixer)` merges missing names into an existing value import (or destructuring
 *   `require`) of `@azure/identity`, else adds one after the last import (a `require` in CommonJS
 *   files: `.cjs`/`.cts` without imports, `sourceType: "script"`, or a file that uses `require` and
 *   no `import`), and puts the hoisted credential right after the imports. Without imports the new
 *   lines go before the first statement after the directives, never at offset 0 (hashbang,
 *   "use strict"). Return these edits together with the caller's own from one `fix` so they apply
 *   atomically; their ranges never overlap a construction site.
 * - `undefined` when a needed name is already bound to something else where the fixed code uses
 *   it (a local class, a type, an import from another module, an undeclared global in use).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES, ASTUtils } from "@typescript-eslint/utils";

import { unwrapExpression } from "./static-value.js";

export const AZURE_IDENTITY_MODULE = "@azure/identity";

/** `@azure/identity` value exports that a `credential` option or a fix may name. */
export const IDENTITY_VALUE_EXPORTS: ReadonlySet<string> = new Set([
  "AuthorizationCodeCredential",
  "AzureCliCredential",
  "AzureDeveloperCliCredential",
  "AzurePipelinesCredential",
  "AzurePowerShellCredential",
  "ChainedTokenCredential",
  "ClientAssertionCredential",
  "ClientCertificateCredential",
  "ClientSecretCredential",
  "DefaultAzureCredential",
  "DeviceCodeCredential",
  "EnvironmentCredential",
  "InteractiveBrowserCredential",
  "ManagedIdentityCredential",
  "OnBehalfOfCredential",
  "UsernamePasswordCredential",
  "VisualStudioCodeCredential",
  "WorkloadIdentityCredential",
  "getBearerTokenProvider",
  "getDefaultAzureCredential",
]);

/** Names tried, in order, for a credential hoisted to module scope. */
const HOISTED_CREDENTIAL_NAMES = ["credential", "azureCredential", "entraCredential"] as const;

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface IdentityFixRequest {
  /** Expression creating the credential (the `credential` option). */
  readonly credential: string;
  /** Further `@azure/identity` exports the caller's replacement text names. */
  readonly names: readonly string[];
}

export interface IdentityFixPlan {
  /** Text naming the credential at the use site. */
  readonly credential: string;
  /** Text naming an `@azure/identity` export at the use site. */
  name(exportName: string): string;
  /** The file's string quote (`"` or `'`), for string literals the caller writes. */
  readonly quote: string;
  /** The file's statement terminator (`;` or empty), for statements the caller writes. */
  readonly semicolon: string;
  /** Edits that make `credential` and the names valid; empty when nothing is missing. */
  fix(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[];
}

/** How the file already reaches `@azure/identity`. */
interface IdentityBindings {
  /** export name -> its local identifier. */
  readonly named: Map<string, TSESTree.Identifier>;
  /** `import * as ns` / `const ns = require(...)`. */
  namespace?: TSESTree.Identifier;
  /** Where missing named specifiers can be merged. */
  mergeTarget?: TSESTree.ImportDeclaration | TSESTree.ObjectPattern;
}

const isRequireOf = (expression: TSESTree.Node | null | undefined, moduleName: string): boolean => {
  const node = expression === null || expression === undefined ? expression : unwrapExpression(expression);
  return isRequireCallOf(node, moduleName);
};

const isRequireCallOf = (node: TSESTree.Node | null | undefined, moduleName: string): boolean =>
  node?.type === AST_NODE_TYPES.CallExpression &&
  node.callee.type === AST_NODE_TYPES.Identifier &&
  node.callee.name === "require" &&
  node.arguments.length === 1 &&
  node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
  node.arguments[0].value === moduleName;

const isAnyRequireDeclaration = (statement: TSESTree.ProgramStatement): boolean =>
  statement.type === AST_NODE_TYPES.VariableDeclaration &&
  statement.declarations.some((declarator) => {
    let init = declarator.init === null ? null : unwrapExpression(declarator.init);
    while (init?.type === AST_NODE_TYPES.MemberExpression) init = unwrapExpression(init.object);
    return (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === "require"
    );
  });

function collectIdentityBindings(sourceCode: Readonly<TSESLint.SourceCode>): IdentityBindings {
  const program = sourceCode.ast;
  const bindings: IdentityBindings = { named: new Map() };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.source.value !== AZURE_IDENTITY_MODULE || statement.importKind === "type") continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) bindings.namespace ??= specifier.local;
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.importKind === "type") continue;
        const imported =
          specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (!bindings.named.has(imported)) bindings.named.set(imported, specifier.local);
      }
      // `import {} from` can take names; `import "@azure/identity"` and a lone default import cannot.
      const mergeable =
        statement.specifiers.length === 0
          ? sourceCode.getFirstToken(statement, { filter: ASTUtils.isOpeningBraceToken }) !== null
          : statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
      if (mergeable) bindings.mergeTarget ??= statement;
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (isRequireOf(declarator.init, AZURE_IDENTITY_MODULE)) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) bindings.namespace ??= declarator.id;
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
        let hasRest = false;
        for (const property of declarator.id.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            hasRest = true;
            continue;
          }
          const key = ASTUtils.getPropertyName(property);
          if (key !== null && property.value.type === AST_NODE_TYPES.Identifier && !bindings.named.has(key)) {
            bindings.named.set(key, property.value);
          }
        }
        if (!hasRest) bindings.mergeTarget ??= declarator.id;
      } else if (
        // const DefaultAzureCredential = require("@azure/identity").DefaultAzureCredential
        declarator.init?.type === AST_NODE_TYPES.MemberExpression &&
        isRequireOf(declarator.init.object, AZURE_IDENTITY_MODULE) &&
        declarator.id.type === AST_NODE_TYPES.Identifier
      ) {
        const key = ASTUtils.getPropertyName(declarator.init);
        if (key !== null && !bindings.named.has(key)) bindings.named.set(key, declarator.id);
      }
    }
  }
  return bindings;
}

/** Whether `identifier`'s binding is what `name` resolves to in `scope` (not shadowed there). */
function resolvesTo(scope: TSESLint.Scope.Scope, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(scope, identifier.name);
  return variable?.identifiers.includes(identifier) === true;
}

/** Whether `name` is free in `scope` and every scope above it, and not an undeclared global in use. */
function isFreeName(scope: TSESLint.Scope.Scope, globalScope: TSESLint.Scope.Scope, name: string): boolean {
  if (ASTUtils.findVariable(scope, name) !== null) return false;
  return !globalScope.through.some((reference) => reference.identifier.name === name);
}

function isInsideFunction(scope: TSESLint.Scope.Scope): boolean {
  for (let current: TSESLint.Scope.Scope | null = scope; current !== null; current = current.upper) {
    // The CommonJS wrapper scope is a "function" scope whose block is the Program itself.
    if (current.type === "module" || current.type === "global" || current.block.type === AST_NODE_TYPES.Program) {
      return false;
    }
    if (current.type === "function" || current.type === "class-field-initializer" || current.type === "class-static-block") {
      return true;
    }
  }
  return false;
}

/** Identifiers in an expression text that are `@azure/identity` exports. */
function identityNamesIn(expression: string): string[] {
  const names = new Set<string>();
  for (const match of expression.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) {
    if (IDENTITY_VALUE_EXPORTS.has(match[0])) names.add(match[0]);
  }
  return [...names];
}

/** `getDefaultAzureCredential()` or `new XCredential(...)` naming an `@azure/identity` export. */
function isIdentityCredentialCreation(
  init: TSESTree.Expression | null,
  exportNameOf: (callee: TSESTree.Expression) => string | undefined,
): boolean {
  if (init?.type === AST_NODE_TYPES.NewExpression) return exportNameOf(init.callee)?.endsWith("Credential") === true;
  if (init?.type === AST_NODE_TYPES.CallExpression) return exportNameOf(init.callee) === "getDefaultAzureCredential";
  return false;
}

/** Module type of the file, for the form of a new import. */
function usesRequireSyntax(context: AnyRuleContext, program: TSESTree.Program): boolean {
  if (
    program.body.some(
      (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== "type",
    )
  ) {
    return false;
  }
  if (/\.c[jt]s$/i.test(context.filename) || program.sourceType === "script") return true;
  const globalScope = context.sourceCode.scopeManager?.globalScope;
  if (globalScope === null || globalScope === undefined) return false;
  const declaredRequire = globalScope.set.get("require");
  return (
    (declaredRequire?.references.length ?? 0) > 0 ||
    globalScope.through.some((reference) => reference.identifier.name === "require")
  );
}

/**
 * Plans what a fix at `node` needs from `@azure/identity`; undefined when a needed name is taken.
 * See the top of this file.
 */
export function planIdentityFix(
  context: AnyRuleContext,
  node: TSESTree.Node,
  request: IdentityFixRequest,
): IdentityFixPlan | undefined {
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  const scope = sourceCode.getScope(node);
  const globalScope = sourceCode.scopeManager?.globalScope ?? scope;
  const bindings = collectIdentityBindings(sourceCode);

  const missing: string[] = [];
  const localText = new Map<string, string>();
  const resolveName = (exportName: string): boolean => {
    if (localText.has(exportName)) return true;
    const local = bindings.named.get(exportName);
    if (local !== undefined && resolvesTo(scope, local)) {
      localText.set(exportName, local.name);
      return true;
    }
    if (bindings.namespace !== undefined && resolvesTo(scope, bindings.namespace)) {
      localText.set(exportName, `${bindings.namespace.name}.${exportName}`);
      return true;
    }
    if (local !== undefined || !isFreeName(scope, globalScope, exportName)) return false;
    localText.set(exportName, exportName);
    missing.push(exportName);
    return true;
  };
  if (!request.names.every(resolveName)) return undefined;

  const exportNameOf = (callee: TSESTree.Expression): string | undefined => {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      for (const [exportName, local] of bindings.named) if (local.name === callee.name) return exportName;
    }
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === bindings.namespace?.name
    ) {
      return ASTUtils.getPropertyName(callee) ?? undefined;
    }
    return undefined;
  };

  // A module-scope credential the file already has, usable at `node`.
  const insideFunction = isInsideFunction(scope);
  let credentialText: string | undefined;
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== "const") continue;
    const found = declaration.declarations.find(
      (declarator) =>
        declarator.id.type === AST_NODE_TYPES.Identifier &&
        isIdentityCredentialCreation(declarator.init, exportNameOf) &&
        resolvesTo(scope, declarator.id) &&
        (insideFunction || declarator.range[1] <= node.range[0]),
    );
    if (found !== undefined && found.id.type === AST_NODE_TYPES.Identifier) {
      credentialText = found.id.name;
      break;
    }
  }

  let hoistedCredential: string | undefined;
  if (credentialText === undefined) {
    const credentialNames = identityNamesIn(request.credential);
    if (!credentialNames.every(resolveName)) return undefined;
    const expression = request.credential.replace(
      /(?<![\w$.])[A-Za-z_$][\w$]*/g,
      (identifier) => (credentialNames.includes(identifier) ? (localText.get(identifier) ?? identifier) : identifier),
    );
    if (insideFunction) {
      const name = HOISTED_CREDENTIAL_NAMES.find((candidate) => isFreeName(scope, globalScope, candidate));
      if (name === undefined) {
        credentialText = expression;
      } else {
        credentialText = name;
        hoistedCredential = `const ${name} = ${expression}`;
      }
    } else {
      credentialText = expression;
    }
  }

  const credential = credentialText;
  const anchor = program.body.find((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const style = codeStyle(sourceCode, program, anchor);
  return {
    credential,
    quote: style.quote,
    semicolon: style.semicolon,
    name: (exportName) => localText.get(exportName) ?? exportName,
    fix: (fixer) => buildEdits(context, program, bindings, missing, hoistedCredential, fixer),
  };
}

function buildEdits(
  context: AnyRuleContext,
  program: TSESTree.Program,
  bindings: IdentityBindings,
  missing: readonly string[],
  hoistedCredential: string | undefined,
  fixer: TSESLint.RuleFixer,
): TSESLint.RuleFix[] {
  const sourceCode = context.sourceCode;
  const edits: TSESLint.RuleFix[] = [];
  const useRequire = usesRequireSyntax(context, program);
  const anchor = program.body.findLast((statement) =>
    useRequire ? isAnyRequireDeclaration(statement) : statement.type === AST_NODE_TYPES.ImportDeclaration,
  );
  const style = codeStyle(sourceCode, program, anchor);
  const lines: string[] = [];

  if (missing.length > 0) {
    const target = bindings.mergeTarget;
    if (target !== undefined) {
      edits.push(mergeSpecifiers(sourceCode, fixer, target, missing));
    } else {
      // Code-point order: credential classes (capitalised) before functions.
  const list = [...missing].sort().join(", ");
      const moduleText = `${style.quote}${AZURE_IDENTITY_MODULE}${style.quote}`;
      lines.push(
        useRequire
          ? `const { ${list} } = require(${moduleText})${style.semicolon}`
          : `import { ${list} } from ${moduleText}${style.semicolon}`,
      );
    }
  }
  if (hoistedCredential !== undefined) lines.push(`${hoistedCredential}${style.semicolon}`);
  if (lines.length === 0) return edits;

  if (anchor !== undefined) {
    edits.push(fixer.insertTextAfter(anchor, `\n${lines.join("\n")}`));
    return edits;
  }
  // No import yet: after the directives ("use strict"), before the first statement; a hashbang is
  // a comment before every statement, so it stays first.
  const firstStatement = program.body.find(
    (statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined),
  );
  if (firstStatement === undefined) {
    const lastDirective = program.body.at(-1);
    if (lastDirective !== undefined) edits.push(fixer.insertTextAfter(lastDirective, `\n${lines.join("\n")}`));
    return edits;
  }
  edits.push(fixer.insertTextBefore(firstStatement, `${lines.join("\n")}\n`));
  return edits;
}

function mergeSpecifiers(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  target: TSESTree.ImportDeclaration | TSESTree.ObjectPattern,
  missing: readonly string[],
): TSESLint.RuleFix {
  const list = [...missing].sort().join(", ");
  const existing =
    target.type === AST_NODE_TYPES.ObjectPattern
      ? target.properties
      : target.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
  const last = existing.at(-1);
  if (last !== undefined) return fixer.insertTextAfter(last, `, ${list}`);
  // `import {} from "@azure/identity"` or `const {} = require(...)`: write inside the braces.
  const openingBrace = sourceCode.getFirstToken(target, { filter: ASTUtils.isOpeningBraceToken });
  return openingBrace === null
    ? fixer.insertTextAfter(target, "")
    : fixer.insertTextAfter(openingBrace, ` ${list} `);
}

const isSemicolon = (token: TSESTree.Token | null): boolean => token !== null && ASTUtils.isSemicolonToken(token);

/** Whether a statement's last token is a semicolon in a file that writes them (not `}` of a body). */
function endsLikeASemicolonStatement(statement: TSESTree.ProgramStatement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.VariableDeclaration:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ExportAllDeclaration:
      return true;
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return statement.declaration === null || statement.declaration.type === AST_NODE_TYPES.VariableDeclaration;
    default:
      return false;
  }
}

/** Quote and semicolon habits of the file, read from its imports. */
function codeStyle(
  sourceCode: Readonly<TSESLint.SourceCode>,
  program: TSESTree.Program,
  anchor: TSESTree.ProgramStatement | undefined,
): { quote: string; semicolon: string } {
  const reference = anchor ?? program.body.find((statement) => statement.type !== AST_NODE_TYPES.ExpressionStatement);
  let quote = '"';
  if (reference?.type === AST_NODE_TYPES.ImportDeclaration) {
    quote = reference.source.raw.startsWith("'") ? "'" : '"';
  } else if (reference !== undefined) {
    const firstString = sourceCode
      .getTokens(reference)
      .find((token) => token.type === "String");
    if (firstString?.value.startsWith("'") === true) quote = "'";
  }
  // A statement that ends in a semicolon when the file writes them says so directly; otherwise (a
  // file that opens with a function or class) any semicolon in the file does.
  const semicolon = (
    reference !== undefined && endsLikeASemicolonStatement(reference)
      ? isSemicolon(sourceCode.getLastToken(reference))
      : sourceCode.ast.tokens.some(isSemicolon)
  )
    ? ";"
    : "";
  return { quote, semicolon };
}
