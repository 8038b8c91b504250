import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES, ASTUtils } from "@typescript-eslint/utils";

import { findAzureAiHost } from "../detect/index.js";
import type {
  CredentialClient,
  LegacyClient,
  OptionsClient,
  TrackedConstruct,
} from "../utils/azure-client-trace-map.js";
import { AZURE_CLIENT_TRACE_MAP, TRACKED_MODULE_MENTION } from "../utils/azure-client-trace-map.js";
import { createRule } from "../utils/create-rule.js";
import type { IdentityFixPlan } from "../utils/identity-import.js";
import { planIdentityFix } from "../utils/identity-import.js";
import { isEntraToken } from "../utils/entra-token.js";
import { withImplicitGlobals } from "../utils/implicit-globals.js";
import {
  credentialOptionSchema,
  keylessOptionDefaults,
  scopeOptionSchema,
  COGNITIVE_SERVICES_SCOPE,
  DEFAULT_CREDENTIAL_EXPRESSION,
} from "../utils/keyless-options.js";
import type { KeylessFixOptions } from "../utils/keyless-options.js";
import { insertListItem, removeListItem } from "../utils/list-edit.js";
import type { VisibleProperty } from "../utils/static-value.js";
import {
  mayHaveSideEffects,
  possibleValues,
  readReferenceCount,
  resolveConst,
  resolveValue,
  unwrapExpression,
  visibleProperties,
  visibleText,
} from "../utils/static-value.js";

type Options = [
  Partial<KeylessFixOptions> & {
    fix?: "autofix" | "suggestion";
  },
];

type MessageIds = "keyOption" | "envKey" | "keyCredential" | "legacyAzure" | "defaultProvider" | "useEntraId";

type Construction = TSESTree.NewExpression | TSESTree.CallExpression;

/** The sentence every message about `openai`, LangChain and LlamaIndex clients ends with. */
const ENV_TRAP =
  " Also remove `AZURE_OPENAI_API_KEY` from env files and app settings: while it is set, the fixed client throws \"mutually exclusive\".";

const { CONSTRUCT, CALL, READ } = ASTUtils.ReferenceTracker;

const isUndefinedValue = (node: TSESTree.Node): boolean => {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Identifier && value.name === "undefined") ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "void")
  );
};

export default createRule<Options, MessageIds>({
  name: "no-api-key-client",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow Azure OpenAI and Azure AI clients that authenticate with an API key instead of Microsoft Entra ID",
      recommended: true,
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          fix: {
            type: "string",
            enum: ["autofix", "suggestion"],
            description:
              "`autofix` rewrites clients to Microsoft Entra ID when nothing else changes; `suggestion` only offers the rewrite in the editor.",
          },
          credential: credentialOptionSchema,
          scope: scopeOptionSchema,
        },
      },
    ],
    defaultOptions: [{ fix: "autofix", ...keylessOptionDefaults }],
    messages: {
      keyOption:
        "`{{client}}` authenticates with the API key in `{{option}}`. Use Microsoft Entra ID: pass `{{tokenOption}}` from `getBearerTokenProvider` (`@azure/identity`).{{trap}}",
      envKey:
        "`{{client}}` has no credential, so it reads an API key from `{{envVar}}`. Use Microsoft Entra ID: pass `{{tokenOption}}` from `getBearerTokenProvider` (`@azure/identity`).{{trap}}",
      keyCredential:
        "`{{client}}` authenticates with an `AzureKeyCredential`. Pass a Microsoft Entra ID credential such as `new DefaultAzureCredential()` (`@azure/identity`).",
      legacyAzure:
        "`{{client}}` with `{{option}}` is the older Azure OpenAI form, which authenticates with an API key. Use `{{replacement}}` with `azureADTokenProvider` (Microsoft Entra ID).{{trap}}",
      defaultProvider:
        "The default `azure` provider of `@ai-sdk/azure` reads an API key from `AZURE_API_KEY`. Create one with `createAzure({ tokenProvider })` and a Microsoft Entra ID token provider.",
      useEntraId: "Authenticate with Microsoft Entra ID (`{{credential}}`).",
    },
    languages: ["js/js"],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const credentialExpression = options.credential ?? DEFAULT_CREDENTIAL_EXPRESSION;
    const keyCredentialNodes = new Set<TSESTree.Node>();
    const reportedConstructions = new Set<Construction>();

    /** Reports with an autofix, a suggestion, or neither, as the situation and `fix` option allow. */
    const reportWithFix = (
      descriptor: Omit<TSESLint.ReportDescriptor<MessageIds>, "fix" | "suggest"> & { node: TSESTree.Node },
      planSite: TSESTree.Node,
      names: readonly string[],
      buildEdits: ((plan: IdentityFixPlan, fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined,
      risky: boolean,
    ): void => {
      const plan =
        buildEdits === undefined ? undefined : planIdentityFix(context, planSite, { credential: credentialExpression, names });
      if (plan === undefined || buildEdits === undefined) {
        context.report(descriptor);
        return;
      }
      const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => [...plan.fix(fixer), ...buildEdits(plan, fixer)];
      if (options.fix === "suggestion" || risky) {
        context.report({
          ...descriptor,
          suggest: [{ messageId: "useEntraId", data: { credential: plan.credential }, fix }],
        });
      } else {
        context.report({ ...descriptor, fix });
      }
    };

    const tokenProviderText = (plan: IdentityFixPlan, scope: string): string =>
      `${plan.name("getBearerTokenProvider")}(${plan.credential}, ${plan.quote}${scope}${plan.quote})`;

    /**
     * A value that is a token provider or a function, or a Microsoft Entra ID token itself (a
     * `getToken(...)` result the code refreshes), so an `apiKey` holding it is keyless.
     */
    const isTokenProviderValue = (node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean => {
      if (isEntraToken(node, scope)) return true;
      const value = resolveValue(node, scope);
      if (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression) {
        return true;
      }
      if (value.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(scope, value);
        return variable?.defs.some((definition) => definition.type === "FunctionName") === true;
      }
      if (value.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = value.callee;
      const calleeName =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? ASTUtils.getPropertyName(callee)
            : null;
      return calleeName !== null && /tokenprovider/i.test(calleeName);
    };

    /** The argument a construction passes at `index`, unless a spread hides it. */
    const argumentAt = (node: Construction, index: number): TSESTree.Expression | undefined | null => {
      for (let position = 0; position <= index && position < node.arguments.length; position++) {
        if (node.arguments[position]?.type === AST_NODE_TYPES.SpreadElement) return null;
      }
      return node.arguments[index] as TSESTree.Expression | undefined;
    };

    /** Edits that give a construction without arguments an options object. */
    const addOptionsArgument = (node: Construction, fixer: TSESLint.RuleFixer, text: string): TSESLint.RuleFix => {
      const closingParen = sourceCode.getLastToken(node);
      if (closingParen !== null && ASTUtils.isClosingParenToken(closingParen) && node.range[1] === closingParen.range[1]) {
        return fixer.insertTextBefore(closingParen, `{ ${text} }`);
      }
      // `new AzureOpenAI` without parentheses.
      return fixer.insertTextAfter(node, `({ ${text} })`);
    };

    /**
     * `fix`: the options object is the argument (or a const's value); `suggest`: it is the one value of
     * a `let` assigned elsewhere; `none`: the argument is one of several objects (branches of a
     * conditional, a `let` assigned on each branch), so which one runs is not visible.
     */
    type OptionsRoot = { readonly root: TSESTree.ObjectExpression; readonly fixing: "fix" | "suggest" | "none" };

    const checkOptionsClient = (node: Construction, client: OptionsClient, candidate?: OptionsRoot): void => {
      const scope = sourceCode.getScope(node);
      const argument = argumentAt(node, client.optionsArgument);
      if (argument === null) return;
      const scopeText = options.scope ?? client.scope;
      const trap = client.envTrap ? ENV_TRAP : "";
      const data = { client: client.client, tokenOption: client.fixOption, trap };
      const reportNode = node.callee;

      if (argument === undefined) {
        if (client.requiresAzureBaseUrl === true || client.envKey === undefined || client.optionsArgument > 0) return;
        reportWithFix(
          { node: reportNode, messageId: "envKey", data: { ...data, envVar: client.envKey } },
          node,
          ["getBearerTokenProvider"],
          (plan, fixer) => [addOptionsArgument(node, fixer, `${client.fixOption}: ${tokenProviderText(plan, scopeText)}`)],
          false,
        );
        return;
      }

      if (candidate === undefined) {
        const direct = resolveValue(argument, scope);
        const roots = possibleValues(argument, scope).filter(
          (value): value is TSESTree.ObjectExpression => value.type === AST_NODE_TYPES.ObjectExpression,
        );
        for (const root of roots) {
          checkOptionsClient(node, client, { root, fixing: roots.length > 1 ? "none" : root === direct ? "fix" : "suggest" });
        }
        return;
      }
      const { root, fixing } = candidate;
      const reportOptions: typeof reportWithFix = (descriptor, planSite, names, buildEdits, risky) => {
        // Several candidate objects report one problem per construction.
        if (reportedConstructions.has(node)) return;
        reportedConstructions.add(node);
        reportWithFix(descriptor, planSite, names, fixing === "none" ? undefined : buildEdits, risky || fixing === "suggest");
      };
      const binding = resolveConst(argument, scope);
      const sharedRoot = binding !== undefined && readReferenceCount(binding.variable) > 1;
      const visible = visibleProperties(root, scope);
      const present = (name: string): VisibleProperty | undefined => {
        const property = visible.properties.get(name);
        return property === undefined || isUndefinedValue(property.value) ? undefined : property;
      };

      if (client.requiresAzureBaseUrl === true) {
        const baseUrl = present("baseURL");
        const text = baseUrl === undefined ? undefined : visibleText(baseUrl.value, scope);
        if (text === undefined || findAzureAiHost(text) === undefined) return;
      }
      if (client.tokenOptions.some((name) => present(name) !== undefined)) return;

      const configuresOtherTargets = client.suggestWhen?.some((name) => present(name) !== undefined) === true;
      const keyProperties = client.keyOptions.flatMap((name) => present(name) ?? []);
      if (keyProperties.some((property) => isTokenProviderValue(property.value, scope))) return;

      // The v1-API pattern of the plain client: the key also sent as an `api-key` header.
      let headerProperty: VisibleProperty | undefined;
      let headersProperty: VisibleProperty | undefined;
      let headersObject: TSESTree.ObjectExpression | undefined;
      if (client.requiresAzureBaseUrl === true) {
        headersProperty = present("defaultHeaders");
        const headers = headersProperty === undefined ? undefined : resolveValue(headersProperty.value, scope);
        if (headers?.type === AST_NODE_TYPES.ObjectExpression) {
          headersObject = headers;
          for (const header of visibleProperties(headers, scope).properties.values()) {
            if (header.name.toLowerCase() === "api-key" && header.object === headers) headerProperty = header;
          }
        }
      }

      if (keyProperties.length === 0 && headerProperty === undefined) {
        if (!visible.complete || client.envKey === undefined) return;
        reportOptions(
          { node: reportNode, messageId: "envKey", data: { ...data, envVar: client.envKey } },
          root,
          ["getBearerTokenProvider"],
          (plan, fixer) => [
            insertListItem(sourceCode, fixer, root, root.properties, `${client.fixOption}: ${tokenProviderText(plan, scopeText)}`),
          ],
          sharedRoot || configuresOtherTargets,
        );
        return;
      }

      const firstDirect = keyProperties.find((property) => property.direct);
      const removed = [...keyProperties, ...(headerProperty === undefined ? [] : [headerProperty])];
      const risky =
        sharedRoot ||
        configuresOtherTargets ||
        !visible.complete ||
        removed.some((property) => !property.direct && property !== headerProperty) ||
        removed.some((property) => mayHaveSideEffects(property.value));
      const option = keyProperties[0]?.name ?? "defaultHeaders['api-key']";
      reportOptions(
        { node: reportNode, messageId: "keyOption", data: { ...data, option } },
        root,
        ["getBearerTokenProvider"],
        (plan, fixer) => {
          const tokenProperty = `${client.fixOption}: ${tokenProviderText(plan, scopeText)}`;
          const edits: TSESLint.RuleFix[] = [];
          for (const property of keyProperties) {
            edits.push(
              property === firstDirect
                ? fixer.replaceText(property.property, tokenProperty)
                : removeListItem(sourceCode, fixer, property.property),
            );
          }
          if (headerProperty !== undefined && headersObject !== undefined && headersProperty !== undefined) {
            // Drop the whole `defaultHeaders` when `api-key` was all it held.
            const onlyHeader = headersObject.properties.length === 1 && headersProperty.object === root;
            edits.push(removeListItem(sourceCode, fixer, onlyHeader ? headersProperty.property : headerProperty.property));
          }
          if (firstDirect === undefined) {
            edits.push(insertListItem(sourceCode, fixer, root, root.properties, tokenProperty));
          }
          return edits;
        },
        risky,
      );
    };

    const checkCredentialClient = (node: Construction, client: CredentialClient): void => {
      const scope = sourceCode.getScope(node);
      const credentialArgument = argumentAt(node, 1);
      if (credentialArgument === null || credentialArgument === undefined) return;
      // `cached ?? new AzureKeyCredential(key)`, `key ? new AzureKeyCredential(key) : credential`: a
      // key credential in any branch is reported, and fixed only when it is the whole argument.
      const credential = possibleValues(credentialArgument, scope).find((value) => keyCredentialNodes.has(value));
      if (credential === undefined) return;
      if (client.requiresAzureEndpoint) {
        const endpoint = node.arguments[0];
        const text = endpoint === undefined ? undefined : visibleText(endpoint, scope);
        if (text === undefined || findAzureAiHost(text) === undefined) return;
      }
      const inlineCredential = unwrapExpression(credentialArgument) === credential;
      const wholeArgument = resolveValue(credentialArgument, scope) === credential;
      const risky =
        inlineCredential &&
        credential.type === AST_NODE_TYPES.NewExpression &&
        credential.arguments.some((argument) => mayHaveSideEffects(argument));

      const optionsArgument = argumentAt(node, 2);
      const scopeText = options.scope ?? COGNITIVE_SERVICES_SCOPE;
      let scopesEdit: ((plan: IdentityFixPlan, fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
      let canFix = true;
      if (client.setsScopes) {
        const scopesText = (plan: IdentityFixPlan): string => `scopes: [${plan.quote}${scopeText}${plan.quote}]`;
        if (optionsArgument === undefined) {
          // One argument per line stays one argument per line.
          const separator =
            credentialArgument.loc.start.line === node.loc.start.line
              ? ", "
              : `,\n${/^\s*/.exec(sourceCode.lines[credentialArgument.loc.start.line - 1] ?? "")?.[0] ?? ""}`;
          scopesEdit = (plan, fixer) =>
            fixer.insertTextAfter(credentialArgument, `${separator}{ credentials: { ${scopesText(plan)} } }`);
        } else if (optionsArgument?.type === AST_NODE_TYPES.ObjectExpression) {
          const credentials = visibleProperties(optionsArgument, scope).properties.get("credentials");
          const credentialsObject = credentials === undefined ? undefined : resolveValue(credentials.value, scope);
          if (credentials === undefined) {
            scopesEdit = (plan, fixer) =>
              insertListItem(sourceCode, fixer, optionsArgument, optionsArgument.properties, `credentials: { ${scopesText(plan)} }`);
          } else if (
            credentials.direct &&
            credentialsObject?.type === AST_NODE_TYPES.ObjectExpression &&
            credentials.value === credentialsObject
          ) {
            if (!visibleProperties(credentialsObject, scope).properties.has("scopes")) {
              scopesEdit = (plan, fixer) =>
                insertListItem(sourceCode, fixer, credentialsObject, credentialsObject.properties, scopesText(plan));
            }
          } else {
            canFix = false;
          }
        } else {
          canFix = false;
        }
      }
      reportWithFix(
        { node: node.callee, messageId: "keyCredential", data: { client: client.client } },
        node,
        [],
        canFix && wholeArgument
          ? (plan, fixer) => [
              fixer.replaceText(credentialArgument, plan.credential),
              ...(scopesEdit === undefined ? [] : [scopesEdit(plan, fixer)]),
            ]
          : undefined,
        risky,
      );
    };

    const checkLegacyClient = (node: Construction, client: LegacyClient): void => {
      const scope = sourceCode.getScope(node);
      const argument = argumentAt(node, client.optionsArgument);
      if (argument === null || argument === undefined) return;
      const root = resolveValue(argument, scope);
      if (root.type !== AST_NODE_TYPES.ObjectExpression) return;
      const { properties } = visibleProperties(root, scope);
      if (properties.has("azureADTokenProvider")) return;
      let option: string | undefined;
      if (client.azureWhen === "azure-prefixed-options") {
        option = [...properties.keys()].find((name) => name.startsWith("azureOpenAI"));
      } else if (client.azureWhen === "azure-option") {
        const azure = properties.get("azure");
        const azureOptions = azure === undefined ? undefined : resolveValue(azure.value, scope);
        if (
          azureOptions?.type === AST_NODE_TYPES.ObjectExpression &&
          !visibleProperties(azureOptions, scope).properties.has("azureADTokenProvider")
        ) {
          option = "azure";
        }
      } else {
        const provider = properties.get("modelProvider");
        if (provider !== undefined && ASTUtils.getStringIfConstant(provider.value, scope) === "azure_openai") {
          option = 'modelProvider: "azure_openai"';
        }
      }
      if (option === undefined) return;
      context.report({
        node: node.callee,
        messageId: "legacyAzure",
        data: { client: client.client, option, replacement: client.replacement, trap: ENV_TRAP },
      });
    };

    /** `azure` from `@ai-sdk/azure`: fixed by a `createAzure({ tokenProvider })` constant of the same name. */
    const checkDefaultProvider = (node: TSESTree.Node): void => {
      const descriptor = { node, messageId: "defaultProvider" as const };
      // Named imports are reported once, at the import; other forms at each use.
      const specifier = node;
      if (
        specifier.type !== AST_NODE_TYPES.ImportSpecifier ||
        specifier.parent.type !== AST_NODE_TYPES.ImportDeclaration ||
        specifier.importKind === "type"
      ) {
        context.report(descriptor);
        return;
      }
      const declaration = specifier.parent;
      const program = sourceCode.ast;
      const existingCreate = program.body
        .flatMap((statement) =>
          statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === "@ai-sdk/azure"
            ? statement.specifiers
            : [],
        )
        .find(
          (candidate): candidate is TSESTree.ImportSpecifier =>
            candidate.type === AST_NODE_TYPES.ImportSpecifier &&
            candidate.importKind !== "type" &&
            (candidate.imported.type === AST_NODE_TYPES.Identifier ? candidate.imported.name : candidate.imported.value) ===
              "createAzure",
        );
      const createName = existingCreate?.local.name ?? "createAzure";
      if (existingCreate === undefined && ASTUtils.findVariable(sourceCode.getScope(program), "createAzure") !== null) {
        context.report(descriptor);
        return;
      }
      const lastImport = program.body.findLast((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
      reportWithFix(
        descriptor,
        declaration,
        ["getBearerTokenProvider"],
        (plan, fixer) => [
          existingCreate === undefined
            ? fixer.replaceText(specifier, "createAzure")
            : removeListItem(sourceCode, fixer, specifier),
          fixer.insertTextAfter(
            lastImport ?? declaration,
            `\nconst ${specifier.local.name} = ${createName}({ tokenProvider: ${tokenProviderText(plan, options.scope ?? COGNITIVE_SERVICES_SCOPE)} });`,
          ),
        ],
        false,
      );
    };

    /** `super(...)` calls in the constructor of a class whose `extends` clause is `superClass`. */
    const superCalls = (superClass: TSESTree.Node): TSESTree.CallExpression[] => {
      const classNode = superClass.parent;
      if (
        (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression) ||
        classNode.superClass !== superClass
      ) {
        return [];
      }
      const constructor = classNode.body.body.find(
        (member): member is TSESTree.MethodDefinition =>
          member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "constructor",
      );
      return (constructor?.value.body?.body ?? []).flatMap((statement) =>
        statement.type === AST_NODE_TYPES.ExpressionStatement &&
        statement.expression.type === AST_NODE_TYPES.CallExpression &&
        statement.expression.callee.type === AST_NODE_TYPES.Super
          ? [statement.expression]
          : [],
      );
    };

    /**
     * The places a tracked class is read: `ReferenceTracker` reports a named import or a destructured
     * `require` once, at its declaration, so its references are collected here.
     */
    const readsOf = (node: TSESTree.Node): TSESTree.Node[] => {
      const declared =
        node.type === AST_NODE_TYPES.Property && node.value.type === AST_NODE_TYPES.Identifier
          ? sourceCode.scopeManager?.getDeclaredVariables(node.parent) ?? []
          : node.type === AST_NODE_TYPES.ImportSpecifier || node.type === AST_NODE_TYPES.VariableDeclarator
            ? sourceCode.scopeManager?.getDeclaredVariables(node) ?? []
            : undefined;
      if (declared === undefined) return [node];
      const local = node.type === AST_NODE_TYPES.Property ? node.value : undefined;
      return declared
        .filter((variable) => local === undefined || variable.identifiers.includes(local as TSESTree.Identifier))
        .flatMap((variable) => variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier));
    };

    const checkConstruction = (node: Construction, info: TrackedConstruct): void => {
      if (info.kind === "options") checkOptionsClient(node, info);
      else if (info.kind === "credential") checkCredentialClient(node, info);
      else if (info.kind === "legacy") checkLegacyClient(node, info);
    };

    return {
      // Everything hangs off the imports, so one pass over them per file is all the rule does.
      Program(program): void {
        if (!TRACKED_MODULE_MENTION.test(sourceCode.text)) return;
        const globalScope = sourceCode.getScope(program);
        const tracker = new ASTUtils.ReferenceTracker(globalScope, { mode: "legacy" });
        const found = [
          ...tracker.iterateEsmReferences<TrackedConstruct>(AZURE_CLIENT_TRACE_MAP),
          ...new ASTUtils.ReferenceTracker(withImplicitGlobals(globalScope, ["require"])).iterateCjsReferences<TrackedConstruct>(AZURE_CLIENT_TRACE_MAP),
        ];
        for (const reference of found) {
          if (reference.info.kind === "key-credential") keyCredentialNodes.add(reference.node);
        }
        for (const { node, info, type } of found) {
          if (info.kind === "default-provider") {
            checkDefaultProvider(node);
          } else if (type === READ) {
            for (const read of readsOf(node)) for (const call of superCalls(read)) checkConstruction(call, info);
          } else if (
            (type === CONSTRUCT && node.type === AST_NODE_TYPES.NewExpression) ||
            (type === CALL && node.type === AST_NODE_TYPES.CallExpression)
          ) {
            checkConstruction(node, info);
          }
        }
      },
    };
  },
});
