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

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

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
  /**
   * Several fixes of the file write a credential: they share one module-scope `credential` (and one
   * token provider per scope, see `tokenProvider`) even where each would inline its own.
   */
  readonly share?: boolean;
  /**
   * Nodes that use what the fix declares at module scope (default: the node planned for); the
   * declarations go before the first statement that runs them.
   */
  readonly usedBy?: readonly TSESTree.Node[];
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
  /** The file's line ending. */
  readonly eol: string;
  /**
   * False when module-scope declarations cannot go where they would run before their first use and
   * after the file loads its environment (`dotenv.config()`): the credential is then written inline,
   * and a caller that declares statements of its own should not autofix.
   */
  readonly orderSafe: boolean;
  /** The credential would have been shared at module scope, but `orderSafe` is false: it is written inline. */
  readonly hoistBlocked: boolean;
  /**
   * Text of a token provider for `scope` at the use site: an existing module-scope
   * `getBearerTokenProvider(...)` constant for that scope, a shared one `fix` declares (when the
   * request shares), else the call itself.
   */
  tokenProvider(scope: string): string;
  /**
   * Edits that make `credential`, the names and the token providers valid; empty when nothing is
   * missing. `statements` are further module-scope statements of the caller (no terminator), placed
   * after the credential.
   */
  fix(fixer: TSESLint.RuleFixer, statements?: readonly string[]): TSESLint.RuleFix[];
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
  // `require(...)`, or `module.exports` / `exports.x` in a file without imports: CommonJS.
  return (
    (declaredRequire?.references.length ?? 0) > 0 ||
    globalScope.through.some((reference) => ["require", "module", "exports"].includes(reference.identifier.name))
  );
}

/** Modules that load `.env` files into `process.env`. */
const DOTENV_MODULE = /^(?:dotenv|dotenv-flow|dotenv-expand|@dotenvx\/dotenvx)(?:\/|$)/;

const isRequireOfDotenv = (node: TSESTree.Node): boolean =>
  node.type === AST_NODE_TYPES.CallExpression &&
  node.callee.type === AST_NODE_TYPES.Identifier &&
  node.callee.name === "require" &&
  node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
  typeof node.arguments[0].value === "string" &&
  DOTENV_MODULE.test(node.arguments[0].value);

/** Local names bound to a dotenv module (`import dotenv from "dotenv"`, `const { config } = require("dotenv")`). */
function dotenvNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && DOTENV_MODULE.test(statement.source.value)) {
      for (const specifier of statement.specifiers) names.add(specifier.local.name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (declarator.init === null || !isRequireOfDotenv(unwrapExpression(declarator.init))) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) {
              names.add(property.value.name);
            }
          }
        }
      }
    }
  }
  return names;
}

/** The entry points that load `.env` on import: `dotenv/config`, `@dotenvx/dotenvx/config`. */
const DOTENV_PRELOAD = /\/config(?:\.js)?$/;

/**
 * Whether an expression calls into dotenv: `dotenv.config()`, `config()`, `require("dotenv").config()`,
 * `require("dotenv/config")`.
 */
function callsDotenv(node: TSESTree.Node | null | undefined, names: ReadonlySet<string>): boolean {
  if (node === null || node === undefined) return false;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) return callsDotenv(value.argument, names);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  // `require("dotenv/config")` loads `.env` by being required.
  if (isRequireOfDotenv(value) && DOTENV_PRELOAD.test((value.arguments[0] as TSESTree.StringLiteral).value)) return true;
  let root: TSESTree.Node = value.callee;
  while (root.type === AST_NODE_TYPES.MemberExpression || (root.type === AST_NODE_TYPES.CallExpression && !isRequireOfDotenv(root))) {
    root = root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee;
  }
  if ((root.type === AST_NODE_TYPES.Identifier && names.has(root.name)) || isRequireOfDotenv(root)) return true;
  // dotenvExpand.expand(dotenv.config())
  return value.arguments.some((argument) => callsDotenv(argument, names));
}

function isDotenvStatement(statement: TSESTree.ProgramStatement, names: ReadonlySet<string>): boolean {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) return callsDotenv(statement.expression, names);
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declarations.some((declarator) => callsDotenv(declarator.init, names));
  }
  return false;
}

/** A statement that only declares (functions, classes, function-valued consts, types): running it runs no code of the file. */
function isInertDeclaration(statement: TSESTree.ProgramStatement): boolean {
  const declaration =
    (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
    statement.declaration !== null
      ? statement.declaration
      : statement;
  switch (declaration.type) {
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.TSInterfaceDeclaration:
    case AST_NODE_TYPES.TSTypeAliasDeclaration:
    case AST_NODE_TYPES.TSDeclareFunction:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.VariableDeclaration:
      return declaration.declarations.every(
        (declarator) =>
          declarator.init === null ||
          declarator.init.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          declarator.init.type === AST_NODE_TYPES.FunctionExpression ||
          declarator.init.type === AST_NODE_TYPES.ClassExpression,
      );
    default:
      return false;
  }
}

/** Index in `program.body` of the statement holding `node`. */
function topIndex(program: TSESTree.Program, node: TSESTree.Node): number {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  return program.body.indexOf(current as TSESTree.ProgramStatement);
}

/**
 * Index of the first program statement that runs code reaching one of `nodes`: the statement
 * itself, unless it only declares a function (then the first statement running that function, and
 * so on). `program.body.length` when nothing in the module runs them.
 */
function firstRunningStatement(sourceCode: Readonly<TSESLint.SourceCode>, nodes: readonly TSESTree.Node[]): number {
  const program = sourceCode.ast;
  let first = program.body.length;
  const seen = new Set<number>();
  const work = [...nodes];
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    const index = topIndex(program, node);
    const statement = program.body[index];
    if (statement === undefined || seen.has(index)) continue;
    seen.add(index);
    if (!isInertDeclaration(statement)) {
      first = Math.min(first, index);
      continue;
    }
    const declared =
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      statement.declaration !== null
        ? statement.declaration
        : statement;
    const variables =
      declared.type === AST_NODE_TYPES.VariableDeclaration
        ? declared.declarations.flatMap((declarator) => sourceCode.scopeManager?.getDeclaredVariables(declarator) ?? [])
        : (sourceCode.scopeManager?.getDeclaredVariables(declared) ?? []);
    for (const variable of variables) {
      if (variable.scope.type !== "module" && variable.scope.type !== "global" && variable.scope.block.type !== AST_NODE_TYPES.Program) continue;
      for (const reference of variable.references) {
        if (reference.isRead()) work.push(reference.identifier as TSESTree.Node);
      }
    }
  }
  return first;
}

const isLoadStatement = (statement: TSESTree.ProgramStatement, dotenv: ReadonlySet<string>): boolean =>
  statement.type === AST_NODE_TYPES.ImportDeclaration || isAnyRequireDeclaration(statement) || isDotenvStatement(statement, dotenv);

/**
 * Where module-scope declarations used by `usedBy` go: right after the last import, `require` or
 * dotenv call that comes before the first statement running them (imports after code are legal,
 * so "after the last import" can be too late). `orderSafe` is false when the file loads its
 * environment only after that point, or requires `@azure/identity` only after it.
 */
function placeDeclarations(
  sourceCode: Readonly<TSESLint.SourceCode>,
  usedBy: readonly TSESTree.Node[],
  bindings: IdentityBindings,
  after: TSESTree.Node | undefined,
): { anchor: TSESTree.ProgramStatement | undefined; orderSafe: boolean } {
  const program = sourceCode.ast;
  const dotenv = dotenvNames(program);
  const first = firstRunningStatement(sourceCode, usedBy);
  let anchorIndex = -1;
  for (let index = 0; index < first; index++) {
    const statement = program.body[index];
    if (statement !== undefined && isLoadStatement(statement, dotenv)) anchorIndex = index;
  }
  // Declarations reading a module-scope value of the file (its credential) go after it.
  if (after !== undefined) anchorIndex = Math.max(anchorIndex, topIndex(program, after));
  const later = program.body.slice(anchorIndex + 1);
  const identityRequiredLater = [...bindings.named.values(), ...(bindings.namespace === undefined ? [] : [bindings.namespace])].some(
    (identifier) => {
      const index = topIndex(program, identifier);
      const statement = program.body[index];
      return index > anchorIndex && statement?.type !== AST_NODE_TYPES.ImportDeclaration;
    },
  );
  return {
    anchor: anchorIndex < 0 ? undefined : program.body[anchorIndex],
    orderSafe: !identityRequiredLater && !later.some((statement) => isDotenvStatement(statement, dotenv)),
  };
}

/** Names tried, in order, for a token provider hoisted to module scope. */
const HOISTED_PROVIDER_NAMES = ["tokenProvider", "azureTokenProvider", "entraTokenProvider"] as const;

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

  const insideFunction = isInsideFunction(scope);
  /** Module-scope `const` declarators usable at `node` (declared before it unless `node` runs later). */
  const usableConsts = program.body.flatMap((statement) => {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== "const") return [];
    return declaration.declarations.flatMap((declarator) =>
      declarator.id.type === AST_NODE_TYPES.Identifier &&
      resolvesTo(scope, declarator.id) &&
      (insideFunction || declarator.range[1] <= node.range[0])
        ? [{ id: declarator.id, init: declarator.init }]
        : [],
    );
  });

  // A module-scope credential the file already has, usable at `node`: declared before the first
  // statement that runs the client (a function may run before a later declaration is reached).
  const usedBy = request.usedBy ?? [node];
  const firstRun = firstRunningStatement(sourceCode, usedBy);
  const existingCredential = usableConsts.find(
    (declarator) => isIdentityCredentialCreation(declarator.init, exportNameOf) && topIndex(program, declarator.id) < firstRun,
  );
  let credentialText = existingCredential?.id.name;
  const placement = placeDeclarations(sourceCode, usedBy, bindings, existingCredential?.id);
  const takenNames = new Set<string>();
  const freeName = (candidates: readonly string[]): string | undefined =>
    candidates.find((candidate) => !takenNames.has(candidate) && isFreeName(scope, globalScope, candidate));

  const hoisted: string[] = [];
  const wantsHoist = credentialText === undefined && (insideFunction || request.share === true);
  if (credentialText === undefined) {
    const credentialNames = identityNamesIn(request.credential);
    if (!credentialNames.every(resolveName)) return undefined;
    const expression = request.credential.replace(
      /(?<![\w$.])[A-Za-z_$][\w$]*/g,
      (identifier) => (credentialNames.includes(identifier) ? (localText.get(identifier) ?? identifier) : identifier),
    );
    const name = (insideFunction || request.share === true) && placement.orderSafe ? freeName(HOISTED_CREDENTIAL_NAMES) : undefined;
    if (name === undefined) {
      credentialText = expression;
    } else {
      takenNames.add(name);
      credentialText = name;
      hoisted.push(`const ${name} = ${expression}`);
    }
  }
  const credential = credentialText;

  /** scope -> name of a module-scope `getBearerTokenProvider(credential, scope)` constant. */
  const providers = new Map<string, string>();
  const anchor = program.body.find((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const style = codeStyle(sourceCode, program, anchor);
  const tokenProvider = (tokenScope: string): string => {
    const call = `${localText.get("getBearerTokenProvider") ?? "getBearerTokenProvider"}(${credential}, ${style.quote}${tokenScope}${style.quote})`;
    const known = providers.get(tokenScope);
    if (known !== undefined) return known;
    const existing = usableConsts.find((declarator) => {
      const init = declarator.init === null ? undefined : unwrapExpression(declarator.init);
      return (
        init?.type === AST_NODE_TYPES.CallExpression &&
        exportNameOf(init.callee as TSESTree.Expression) === "getBearerTokenProvider" &&
        init.arguments[1]?.type === AST_NODE_TYPES.Literal &&
        init.arguments[1].value === tokenScope
      );
    });
    if (existing !== undefined) {
      providers.set(tokenScope, existing.id.name);
      return existing.id.name;
    }
    // Shared only where the credential is a module-scope name, so the provider can sit next to it.
    const name =
      request.share === true && placement.orderSafe && /^[A-Za-z_$][\w$]*$/.test(credential)
        ? freeName(HOISTED_PROVIDER_NAMES)
        : undefined;
    if (name === undefined) return call;
    takenNames.add(name);
    providers.set(tokenScope, name);
    hoisted.push(`const ${name} = ${call}`);
    return name;
  };

  return {
    credential,
    quote: style.quote,
    semicolon: style.semicolon,
    eol: lineEnding(sourceCode),
    orderSafe: placement.orderSafe,
    hoistBlocked: wantsHoist && !placement.orderSafe,
    tokenProvider,
    name: (exportName) => localText.get(exportName) ?? exportName,
    fix: (fixer, statements = []) =>
      buildEdits(context, program, bindings, missing, [...hoisted, ...statements], placement.anchor, fixer),
  };
}

/** The file's line ending, from its first line break. */
function lineEnding(sourceCode: Readonly<TSESLint.SourceCode>): string {
  const index = sourceCode.text.indexOf("\n");
  return index > 0 && sourceCode.text[index - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * Where lines go after `statement`: after its last token, or before its `;` when that sits on a
 * later line (`import x from "x"` then `;(async () => {})()` in a file without semicolons: that
 * `;` guards the next line and has to stay in front of it).
 */
function insertionPoint(
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.ProgramStatement,
): TSESTree.Node | TSESTree.Token {
  const last = sourceCode.getLastToken(statement);
  const beforeLast = last === null ? null : sourceCode.getTokenBefore(last);
  return last !== null && beforeLast !== null && isSemicolon(last) && last.loc.start.line > beforeLast.loc.end.line
    ? beforeLast
    : statement;
}

/** Tokens that continue the previous line's expression when a line starts with them (no ASI). */
const CONTINUES_EXPRESSION = /^[([`+\-/]/;

function buildEdits(
  context: AnyRuleContext,
  program: TSESTree.Program,
  bindings: IdentityBindings,
  missing: readonly string[],
  statements: readonly string[],
  declarationAnchor: TSESTree.ProgramStatement | undefined,
  fixer: TSESLint.RuleFixer,
): TSESLint.RuleFix[] {
  const sourceCode = context.sourceCode;
  const edits: TSESLint.RuleFix[] = [];
  const eol = lineEnding(sourceCode);
  const useRequire = usesRequireSyntax(context, program);
  const importAnchor = program.body.findLast((statement) =>
    useRequire ? isAnyRequireDeclaration(statement) : statement.type === AST_NODE_TYPES.ImportDeclaration,
  );
  const style = codeStyle(sourceCode, program, importAnchor);

  let importLine: string | undefined;
  if (missing.length > 0) {
    const target = bindings.mergeTarget;
    if (target !== undefined) {
      edits.push(mergeSpecifiers(sourceCode, fixer, target, missing));
    } else {
      // Code-point order: credential classes (capitalised) before functions.
      const list = [...missing].sort().join(", ");
      const moduleText = `${style.quote}${AZURE_IDENTITY_MODULE}${style.quote}`;
      importLine = useRequire
        ? `const { ${list} } = require(${moduleText})`
        : `import { ${list} } from ${moduleText}`;
    }
  }

  /** Inserts whole lines after `anchor` (or before the first statement), ending the last one safely. */
  const insertLines = (anchor: TSESTree.ProgramStatement | undefined, lines: readonly string[]): void => {
    if (lines.length === 0) return;
    const firstStatement = program.body.find(
      (statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined),
    );
    const after = anchor === undefined ? undefined : insertionPoint(sourceCode, anchor);
    const next =
      after === undefined
        ? firstStatement === undefined
          ? null
          : sourceCode.getFirstToken(firstStatement)
        : sourceCode.getTokenAfter(after);
    // Without semicolons, a next line starting with `(`, `[` or a template would call the last inserted value.
    const terminated = lines.map((line, index) =>
      `${line}${style.semicolon === "" && index === lines.length - 1 && next !== null && CONTINUES_EXPRESSION.test(next.value) ? ";" : style.semicolon}`,
    );
    if (after !== undefined) {
      edits.push(fixer.insertTextAfter(after, `${eol}${terminated.join(eol)}`));
      return;
    }
    // No import yet: after the directives ("use strict"), before the first statement; a hashbang is
    // a comment before every statement, so it stays first.
    if (firstStatement === undefined) {
      const lastDirective = program.body.at(-1);
      if (lastDirective !== undefined) edits.push(fixer.insertTextAfter(lastDirective, `${eol}${terminated.join(eol)}`));
      return;
    }
    edits.push(fixer.insertTextBefore(firstStatement, `${terminated.join(eol)}${eol}`));
  };

  // A `require` must run before the declarations that use it; an `import` is hoisted and stays with the imports.
  const lines = importLine === undefined ? [] : [importLine];
  if (useRequire) {
    insertLines(statements.length > 0 ? declarationAnchor : importAnchor, [...lines, ...statements]);
  } else if (lines.length === 0) {
    insertLines(declarationAnchor, statements);
  } else if (statements.length === 0 || importAnchor === declarationAnchor) {
    insertLines(importAnchor, [...lines, ...statements]);
  } else {
    insertLines(importAnchor, lines);
    insertLines(declarationAnchor, statements);
  }
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
      ? isSemicolon(sourceCode.getLastToken(reference)) && insertionPoint(sourceCode, reference) === reference
      : sourceCode.ast.tokens.some(isSemicolon)
  )
    ? ";"
    : "";
  return { quote, semicolon };
}
