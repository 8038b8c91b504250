import path from "node:path";

import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

import { AST_NODE_TYPES } from "@typescript-eslint/types";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";

import { findAzureAiHost, isKeyLikeName, nameWords } from "../detect/index.js";
import type {
  CredentialClient,
  DefaultProviderInstance,
  KeyArgumentCall,
  LegacyClient,
  OptionsClient,
  SdkRelease,
  TrackedConstruct,
} from "../utils/azure-client-trace-map.js";
import {
  AZURE_NAME_WORD,
  LEGACY_AZURE_MARKERS,
  referenceTrackerMap,
  TRACKED_MODULE_MENTION,
} from "../utils/azure-client-trace-map.js";
import { createRule } from "../utils/create-rule.js";
import type { IdentityFixPlan } from "../utils/identity-import.js";
import { AZURE_IDENTITY_MODULE, planIdentityFix } from "../utils/identity-import.js";
import { browserModuleEvidence, publicEnvSource } from "../utils/browser-module.js";
import type { KeySources } from "../utils/key-guard.js";
import { isTestModule, keyGuard } from "../utils/key-guard.js";
import { installedVersion, isAtLeast, nearestManifest } from "../utils/project-packages.js";
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
  isEnvObject,
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

type MessageIds =
  | "keyOption"
  | "envKey"
  | "keyCredential"
  | "keyObject"
  | "keyOnly"
  | "legacyAzure"
  | "defaultProvider"
  | "browserKey"
  | "keyGuarded"
  | "useEntraId";

type Construction = TSESTree.NewExpression | TSESTree.CallExpression;

/** The sentence every message about `openai`, LangChain and LlamaIndex clients ends with. */
const envTrap = (envVar: string): string =>
  ` Also remove \`${envVar}\` from env files and app settings: while it is set, the fixed client throws "mutually exclusive".`;
const ENV_TRAP = envTrap("AZURE_OPENAI_API_KEY");

const { CONSTRUCT, CALL, READ } = ASTUtils.ReferenceTracker;
const TRACE_MAP = referenceTrackerMap(ASTUtils.ReferenceTracker);

/** `getBearerTokenProvider` is in `@azure/identity` from this release on (npm tarballs 4.1.0 / 4.2.0). */
const IDENTITY_TOKEN_PROVIDER: SdkRelease = { package: AZURE_IDENTITY_MODULE, version: "4.2.0" };

/** A key value that says it is a stand-in: tests exercise the key path with one on purpose. */
const FAKE_KEY = /(?:^|[^a-z])(?:fake|dummy|mock|test|stub)(?:[^a-z]|$)/i;

/** A report that may carry a fix; decided once every client of the file is known. */
interface PendingReport {
  readonly descriptor: { node: TSESTree.Node; messageId: MessageIds; data: Record<string, string> };
  readonly client: string;
  /** Where the fix writes the credential. */
  readonly planSite: TSESTree.Node;
  /** Nodes that run what the fix declares at module scope (default: `planSite`). */
  readonly usedBy?: readonly TSESTree.Node[];
  readonly names: readonly string[];
  /** The fix's own edits; undefined: report without a fix. */
  readonly buildEdits?: (plan: IdentityFixPlan, fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
  /** Module-scope statements the fix adds after the credential. */
  readonly statements?: (plan: IdentityFixPlan) => string[];
  readonly risky: boolean;
  /** The SDK release the written option needs, and that option's name. */
  readonly requires?: { readonly release: SdkRelease; readonly option: string };
  /** Where the key comes from, to see code that runs the client only with a key. */
  readonly keySources?: KeySources;
}

const isUndefinedValue = (node: TSESTree.Node): boolean => {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Identifier && value.name === "undefined") ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "void")
  );
};

/** The name a value is read from: a variable's, or a property's (`settings.openAiKey`, `process.env.X`). */
const readName = (value: TSESTree.Node, scope: TSESLint.Scope.Scope): string | null =>
  value.type === AST_NODE_TYPES.Identifier
    ? value.name
    : value.type === AST_NODE_TYPES.MemberExpression
      ? ASTUtils.getPropertyName(value, scope)
      : null;

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
        "`{{client}}` authenticates with the API key in `{{option}}`. Use Microsoft Entra ID: pass `{{tokenOption}}` from `getBearerTokenProvider` (`@azure/identity`).{{trap}}{{note}}",
      envKey:
        "`{{client}}` has no credential, so it reads an API key from `{{envVar}}`. Use Microsoft Entra ID: pass `{{tokenOption}}` from `getBearerTokenProvider` (`@azure/identity`).{{trap}}{{note}}",
      keyCredential:
        "`{{client}}` authenticates with an `AzureKeyCredential`. Pass a Microsoft Entra ID credential such as `new DefaultAzureCredential()` (`@azure/identity`).{{note}}",
      keyObject:
        "`{{client}}` authenticates with an API key in a `{ key }` credential. Pass a Microsoft Entra ID credential such as `new DefaultAzureCredential()` (`@azure/identity`).{{note}}",
      keyOnly: "`{{client}}` authenticates with an API key ({{how}}). Use Microsoft Entra ID: {{keyless}}",
      legacyAzure:
        "`{{client}}` with `{{option}}` is the older Azure OpenAI form, which authenticates with an API key. Use `{{replacement}}` with `azureADTokenProvider` (Microsoft Entra ID).{{trap}}",
      defaultProvider:
        "The default `azure` provider of `@ai-sdk/azure` reads an API key from `AZURE_API_KEY`. Create one with `createAzure({ tokenProvider })` and a Microsoft Entra ID token provider.{{note}}",
      browserKey:
        "`{{client}}` authenticates with an API key in code that runs in the browser ({{evidence}}): the key ships to every visitor of the page. Move the call behind a server route that uses Microsoft Entra ID; `@azure/identity` credentials do not run in the browser, so there is no fix.",
      keyGuarded:
        "`{{client}}` authenticates with an API key, and the code runs it only when the key is there (`{{guard}}`). Rewrite the check and the client together for Microsoft Entra ID; no autofix, because the fixed client needs the key gone from the environment (while it is set, `openai`-based clients throw \"mutually exclusive\"), and the check still asks for it.",
      useEntraId: "Authenticate with Microsoft Entra ID (`{{credential}}`).",
    },
    languages: ["js/js"],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const credentialExpression = options.credential ?? DEFAULT_CREDENTIAL_EXPRESSION;
    const keyCredentialNodes = new Set<TSESTree.Node>();
    const reportedConstructions = new Set<Construction>();

    const pending: PendingReport[] = [];
    const filePath = path.resolve(context.cwd, context.filename);
    const fileDirectory = path.dirname(filePath);
    let browserEvidence: { value: string | undefined } | undefined;
    const browser = (): string | undefined =>
      (browserEvidence ??= { value: browserModuleEvidence(sourceCode, filePath, nearestManifest(fileDirectory)) }).value;
    let testModule: boolean | undefined;
    const inTest = (): boolean => (testModule ??= isTestModule(sourceCode, context.filename, context.cwd));

    /** Why the installed `release.package` cannot take the fix, or undefined when it can. */
    const releaseNote = (release: SdkRelease, option: string, required: boolean): string | undefined => {
      const installed = installedVersion(fileDirectory, release.package);
      if (installed === undefined && !required) return undefined;
      if (installed !== undefined && isAtLeast(installed, release.version)) return undefined;
      const state =
        installed === undefined ? "it is not installed where this file resolves it" : `${installed} is installed`;
      return ` No autofix: \`${option}\` needs \`${release.package}\` ${release.version} or later, and ${state}.`;
    };

    /** Reports one pending client with an autofix, a suggestion, or neither. */
    const settle = (report: PendingReport, share: boolean): void => {
      const { descriptor } = report;
      const publicKey = report.keySources?.values.flatMap((value) => publicEnvSource(value, sourceCode.getScope(value)) ?? [])[0];
      const evidence = publicKey === undefined ? browser() : `\`${publicKey}\` is a public build-time variable`;
      if (evidence !== undefined) {
        context.report({ node: descriptor.node, messageId: "browserKey", data: { client: report.client, evidence } });
        return;
      }
      const guard = report.keySources === undefined ? undefined : keyGuard(sourceCode, report.planSite, report.keySources);
      if (guard !== undefined) {
        context.report({ node: descriptor.node, messageId: "keyGuarded", data: { client: report.client, guard } });
        return;
      }
      const { buildEdits, statements } = report;
      const plan =
        buildEdits === undefined
          ? undefined
          : planIdentityFix(context, report.planSite, {
              credential: credentialExpression,
              names: report.names,
              share,
              usedBy: report.usedBy,
            });
      if (plan === undefined || buildEdits === undefined || (statements !== undefined && !plan.orderSafe)) {
        context.report({ ...descriptor, data: { ...descriptor.data, note: "" } });
        return;
      }
      const notes: string[] = [];
      let autofix = options.fix !== "suggestion" && !report.risky;
      const addNote = (note: string | undefined): void => {
        if (note === undefined) return;
        notes.push(note);
        autofix = false;
      };
      if (report.requires !== undefined) addNote(releaseNote(report.requires.release, report.requires.option, true));
      if (report.names.includes("getBearerTokenProvider")) {
        addNote(releaseNote(IDENTITY_TOKEN_PROVIDER, "getBearerTokenProvider", false));
      }
      if (plan.hoistBlocked) {
        addNote(" No autofix: the file loads its environment (dotenv) after the place a shared credential would be created.");
      }
      const fakeKey = report.keySources?.values.some((value) => {
        const text = ASTUtils.getStaticValue(value, sourceCode.getScope(value))?.value;
        return typeof text === "string" && FAKE_KEY.test(text);
      });
      if (fakeKey === true || inTest()) {
        addNote(" No autofix in test code, which may exercise the key on purpose: apply the suggestion, or turn the rule off for tests.");
      }
      const manifest = nearestManifest(fileDirectory);
      if (manifest !== undefined && !manifest.dependencies.has(AZURE_IDENTITY_MODULE)) {
        notes.push(" The fix imports `@azure/identity`: add it to the dependencies in package.json.");
      }
      const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const own = buildEdits(plan, fixer);
        return [...plan.fix(fixer, statements?.(plan)), ...own];
      };
      const data = { ...descriptor.data, note: notes.join("") };
      if (autofix) {
        context.report({ ...descriptor, data, fix });
      } else {
        context.report({
          ...descriptor,
          data,
          suggest: [{ messageId: "useEntraId", data: { credential: plan.credential }, fix }],
        });
      }
    };

    const tokenProviderText = (plan: IdentityFixPlan, scope: string): string => plan.tokenProvider(scope);

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

    const lineStart = (line: number): number => sourceCode.getIndexFromLoc({ line, column: 0 });

    const isLastItem = (end: TSESTree.Node | TSESTree.Token): boolean => {
      const next = sourceCode.getTokenAfter(end);
      return next === null || ASTUtils.isClosingBraceToken(next);
    };

    /**
     * Replaces (`replacement`) or removes a key property together with the comments that belong to
     * it: whole comment lines right above it and a comment after it on its line.
     */
    const keyPropertyEdits = (
      fixer: TSESLint.RuleFixer,
      property: TSESTree.Property,
      replacement: string | undefined,
    ): TSESLint.RuleFix[] => {
      const before = sourceCode.getTokenBefore(property);
      let leadingStart: number | undefined;
      let nextLine = property.loc.start.line;
      for (const comment of sourceCode.getCommentsBefore(property).reverse()) {
        if (comment.loc.end.line !== nextLine - 1 || (before !== null && before.loc.end.line >= comment.loc.start.line)) break;
        leadingStart = lineStart(comment.loc.start.line);
        nextLine = comment.loc.start.line;
      }
      const comma = sourceCode.getTokenAfter(property);
      const end = comma !== null && ASTUtils.isCommaToken(comma) ? comma : property;
      const trailing = sourceCode
        .getCommentsAfter(end)
        .find((comment) => comment.loc.start.line === property.loc.end.line);
      const lineText = sourceCode.lines[property.loc.start.line - 1] ?? "";
      const aloneOnLine =
        /^\s*$/.test(lineText.slice(0, property.loc.start.column)) &&
        (trailing === undefined || trailing.loc.end.line === trailing.loc.start.line) &&
        /^\s*$/.test((sourceCode.lines[(trailing ?? end).loc.end.line - 1] ?? "").slice((trailing ?? end).loc.end.column));
      if (replacement === undefined) {
        if (!aloneOnLine || (leadingStart === undefined && trailing === undefined) || isLastItem(end)) {
          return [removeListItem(sourceCode, fixer, property)];
        }
        // The property, its comma and its comments are whole lines: remove the lines.
        return [fixer.removeRange([leadingStart ?? lineStart(property.loc.start.line), lineStart((trailing ?? end).loc.end.line + 1)])];
      }
      return [
        ...(leadingStart === undefined ? [] : [fixer.removeRange([leadingStart, lineStart(property.loc.start.line)])]),
        fixer.replaceText(property, replacement),
        ...(trailing === undefined ? [] : [fixer.removeRange([end.range[1], trailing.range[1]])]),
      ];
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
      const trap = client.envTrap && client.envKey !== undefined ? envTrap(client.envKey) : "";
      const data = { client: client.client, tokenOption: client.fixOption, trap };
      const reportNode = node.callee;
      const common = {
        client: client.client,
        names: ["getBearerTokenProvider"],
        requires: client.fixSince === undefined ? undefined : { release: client.fixSince, option: client.fixOption },
      };

      if (argument === undefined) {
        if (client.requiresAzureBaseUrl === true || client.envKey === undefined || client.optionsArgument > 0) return;
        pending.push({
          ...common,
          descriptor: { node: reportNode, messageId: "envKey", data: { ...data, envVar: client.envKey } },
          planSite: node,
          buildEdits: (plan, fixer) => [
            addOptionsArgument(node, fixer, `${client.fixOption}: ${tokenProviderText(plan, scopeText)}`),
          ],
          risky: false,
          keySources: { envNames: [client.envKey], values: [] },
        });
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
      const reportOptions = (report: PendingReport): void => {
        // Several candidate objects report one problem per construction.
        if (reportedConstructions.has(node)) return;
        reportedConstructions.add(node);
        if (client.keyless !== undefined) {
          // No token-provider option the fix could write: the message says what to use instead.
          const { descriptor } = report;
          const how =
            descriptor.messageId === "envKey" ? `no credential, so it reads \`${client.envKey}\`` : `\`${descriptor.data.option}\``;
          pending.push({
            ...report,
            buildEdits: undefined,
            descriptor: { node: descriptor.node, messageId: "keyOnly", data: { client: client.client, how, keyless: client.keyless } },
          });
          return;
        }
        const { buildEdits, ...rest } = report;
        pending.push(
          fixing === "none" ? rest : { ...rest, buildEdits, risky: report.risky || fixing === "suggest" },
        );
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
        reportOptions({
          ...common,
          descriptor: { node: reportNode, messageId: "envKey", data: { ...data, envVar: client.envKey } },
          planSite: root,
          usedBy: [root, node],
          buildEdits: (plan, fixer) => [
            insertListItem(sourceCode, fixer, root, root.properties, `${client.fixOption}: ${tokenProviderText(plan, scopeText)}`),
          ],
          risky: sharedRoot || configuresOtherTargets,
          keySources: { envNames: [client.envKey], values: [] },
        });
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
      reportOptions({
        ...common,
        descriptor: { node: reportNode, messageId: "keyOption", data: { ...data, option } },
        planSite: root,
        usedBy: [root, node],
        risky,
        keySources: {
          envNames: client.envKey === undefined ? [] : [client.envKey],
          values: removed.map((property) => property.value),
        },
        buildEdits: (plan, fixer) => {
          const tokenProperty = `${client.fixOption}: ${tokenProviderText(plan, scopeText)}`;
          const edits: TSESLint.RuleFix[] = [];
          for (const property of keyProperties) {
            edits.push(...keyPropertyEdits(fixer, property.property, property === firstDirect ? tokenProperty : undefined));
          }
          if (headerProperty !== undefined && headersObject !== undefined && headersProperty !== undefined) {
            // Drop the whole `defaultHeaders` when `api-key` was all it held.
            const onlyHeader = headersObject.properties.length === 1 && headersProperty.object === root;
            edits.push(...keyPropertyEdits(fixer, onlyHeader ? headersProperty.property : headerProperty.property, undefined));
          }
          for (const statement of unusedKeyConsts(removed.map((property) => property.property))) edits.push(removeStatement(fixer, statement));
          if (firstDirect === undefined) {
            edits.push(insertListItem(sourceCode, fixer, root, root.properties, tokenProperty));
          }
          return edits;
        },
      });
    };

    /** Removes a statement with the line break before it (never past its end, where fixes insert). */
    const removeStatement = (fixer: TSESLint.RuleFixer, statement: TSESTree.Node): TSESLint.RuleFix => {
      const before = sourceCode.text.slice(0, statement.range[0]);
      const lineBreak = /\r?\n[ \t]*$/.exec(before);
      return fixer.removeRange([lineBreak === null ? statement.range[0] : lineBreak.index, statement.range[1]]);
    };

    /**
     * `const key = process.env.AZURE_OPENAI_API_KEY` statements that only the removed key properties
     * read: left behind, they fail `noUnusedLocals` / `no-unused-vars` after the fix.
     */
    const unusedKeyConsts = (properties: readonly TSESTree.Property[]): TSESTree.VariableDeclaration[] => {
      const inside = (node: TSESTree.Node): boolean => properties.some((property) => node.range[0] >= property.range[0] && node.range[1] <= property.range[1]);
      const statements = new Set<TSESTree.VariableDeclaration>();
      for (const property of properties) {
        const binding = resolveConst(property.value, sourceCode.getScope(property.value));
        if (binding === undefined) continue;
        const declaration = binding.declarator.parent;
        if (declaration.declarations.length !== 1 || declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) continue;
        if (mayHaveSideEffects(binding.init) || inside(declaration)) continue;
        if (binding.variable.references.every((reference) => !reference.isRead() || inside(reference.identifier))) statements.add(declaration);
      }
      return [...statements];
    };

    /**
     * The edit removing the import (or `require` destructuring) of `callee`'s binding when every read
     * of it is inside `removedRange`; undefined when something else still uses it.
     */
    const unusedImport = (
      callee: TSESTree.Expression,
      removedRange: TSESTree.Range,
    ): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined => {
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
      const definition = variable?.defs[0];
      if (variable === null || definition === undefined || variable.defs.length !== 1) return undefined;
      const usedElsewhere = variable.references.some(
        (reference) =>
          reference.isRead() &&
          (reference.identifier.range[0] < removedRange[0] || reference.identifier.range[1] > removedRange[1]),
      );
      if (usedElsewhere) return undefined;
      const node = definition.node as TSESTree.Node;
      if (node.type === AST_NODE_TYPES.ImportSpecifier && node.parent.type === AST_NODE_TYPES.ImportDeclaration) {
        const declaration = node.parent;
        return declaration.specifiers.length === 1
          ? (fixer) => removeStatement(fixer, declaration)
          : (fixer) => removeListItem(sourceCode, fixer, node);
      }
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern) {
        const pattern = node.id;
        const property = pattern.properties.find(
          (candidate) => candidate.type === AST_NODE_TYPES.Property && candidate.value === definition.name,
        );
        if (property === undefined) return undefined;
        const declaration = node.parent;
        if (pattern.properties.length > 1) return (fixer) => removeListItem(sourceCode, fixer, property);
        return declaration.type === AST_NODE_TYPES.VariableDeclaration && declaration.declarations.length === 1
          ? (fixer) => removeStatement(fixer, declaration)
          : undefined;
      }
      return undefined;
    };

    /** `new AzureKeyCredential(key)`, or an object with a `key` (the `KeyCredential` interface). */
    const isKeyCredential = (value: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean => {
      if (keyCredentialNodes.has(value)) return true;
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
      const { properties } = visibleProperties(value, scope);
      const key = properties.get("key");
      return key !== undefined && !isUndefinedValue(key.value) && !properties.has("getToken") && !properties.has("tokenCredential");
    };

    /** Whether a value is read from a variable, property or env var whose name has the word `azure`. */
    const namesAzure = (node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean =>
      possibleValues(node, scope).some((value) => {
        const name = readName(value, scope);
        return name !== null && nameWords(name).includes(AZURE_NAME_WORD);
      });

    /** The key a key credential holds: the argument of `new AzureKeyCredential(key)`, the `key` of `{ key }`. */
    const keySourceValues = (credential: TSESTree.Node): TSESTree.Node[] => {
      if (credential.type === AST_NODE_TYPES.NewExpression) return credential.arguments;
      if (credential.type !== AST_NODE_TYPES.ObjectExpression) return [];
      const key = visibleProperties(credential, sourceCode.getScope(credential)).properties.get("key");
      return key === undefined ? [] : [key.value];
    };

    const checkCredentialClient = (node: Construction, client: CredentialClient): void => {
      const scope = sourceCode.getScope(node);
      // `cached ?? new AzureKeyCredential(key)`, `key ? new AzureKeyCredential(key) : credential`: a
      // key credential in any branch is reported, and fixed only when it is the whole argument.
      let credentialArgument: TSESTree.Expression | undefined;
      let credential: TSESTree.Node | undefined;
      for (const position of client.credentialFirst === true ? [0, 1] : [1]) {
        const argument = argumentAt(node, position);
        if (argument === null) return;
        credential = argument === undefined ? undefined : possibleValues(argument, scope).find((value) => isKeyCredential(value, scope));
        credentialArgument = argument;
        if (credential !== undefined) break;
      }
      if (credential === undefined || credentialArgument === undefined) return;
      const isObject = !keyCredentialNodes.has(credential);
      if (client.keyless !== undefined) {
        const how = isObject ? "a `{ key }` credential" : "an `AzureKeyCredential`";
        pending.push({
          descriptor: { node: node.callee, messageId: "keyOnly", data: { client: client.client, how, keyless: client.keyless } },
          client: client.client,
          planSite: node,
          names: [],
          risky: false,
          keySources: { envNames: [], values: keySourceValues(credential) },
        });
        return;
      }
      if (client.requiresAzureEndpoint) {
        // A visible endpoint says where the client goes; one that cannot be seen counts as Azure when
        // it or the key is read from a name that says so (`AZURE_AI_ENDPOINT`), not a GitHub token.
        const endpoint = node.arguments[0];
        const text = endpoint === undefined ? undefined : visibleText(endpoint, scope);
        const azure =
          text === undefined
            ? [...(endpoint === undefined ? [] : [endpoint]), ...keySourceValues(credential)].some((value) => namesAzure(value, scope))
            : findAzureAiHost(text) !== undefined;
        if (!azure) return;
      }
      const inlineCredential = unwrapExpression(credentialArgument) === credential;
      const wholeArgument = resolveValue(credentialArgument, scope) === credential;
      const risky =
        inlineCredential &&
        ((credential.type === AST_NODE_TYPES.NewExpression && credential.arguments.some((argument) => mayHaveSideEffects(argument))) ||
          (credential.type === AST_NODE_TYPES.ObjectExpression &&
            credential.properties.some((property) => property.type !== AST_NODE_TYPES.Property || mayHaveSideEffects(property.value))));

      const optionsArgument = argumentAt(node, 2);
      const scopeText = options.scope ?? COGNITIVE_SERVICES_SCOPE;
      let scopesEdit: ((plan: IdentityFixPlan, fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
      let canFix = true;
      if (client.setsScopes) {
        const scopesText = (plan: IdentityFixPlan): string => `scopes: [${plan.quote}${scopeText}${plan.quote}]`;
        if (optionsArgument === undefined) {
          // One argument per line stays one argument per line.
          const indent = /^\s*/.exec(sourceCode.lines[credentialArgument.loc.start.line - 1] ?? "")?.[0] ?? "";
          scopesEdit = (plan, fixer) =>
            fixer.insertTextAfter(
              credentialArgument,
              `${credentialArgument.loc.start.line === node.loc.start.line ? ", " : `,${plan.eol}${indent}`}{ credentials: { ${scopesText(plan)} } }`,
            );
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
      // What the fix leaves unused: a `const` that only held this key credential, then the import.
      const binding = inlineCredential ? undefined : resolveConst(credentialArgument, scope);
      const unusedConst =
        binding !== undefined &&
        binding.init === credential &&
        readReferenceCount(binding.variable) === 1 &&
        credential.type === AST_NODE_TYPES.NewExpression &&
        !credential.arguments.some((argument) => mayHaveSideEffects(argument)) &&
        binding.declarator.parent.type === AST_NODE_TYPES.VariableDeclaration &&
        binding.declarator.parent.declarations.length === 1 &&
        binding.declarator.parent.parent.type !== AST_NODE_TYPES.ExportNamedDeclaration
          ? binding.declarator.parent
          : undefined;
      const removedRange = unusedConst?.range ?? (inlineCredential ? credentialArgument.range : undefined);
      const keyCredentialImport =
        removedRange === undefined || credential.type !== AST_NODE_TYPES.NewExpression
          ? undefined
          : unusedImport(credential.callee, removedRange);

      pending.push({
        descriptor: { node: node.callee, messageId: isObject ? "keyObject" : "keyCredential", data: { client: client.client } },
        client: client.client,
        planSite: node,
        names: [],
        keySources: {
          envNames: [],
          values: keySourceValues(credential),
        },
        buildEdits: canFix && wholeArgument
          ? (plan, fixer) => [
              fixer.replaceText(credentialArgument, plan.credential),
              ...(scopesEdit === undefined ? [] : [scopesEdit(plan, fixer)]),
              ...(unusedConst === undefined ? [] : [removeStatement(fixer, unusedConst)]),
              ...(keyCredentialImport === undefined ? [] : [keyCredentialImport(fixer)]),
            ]
          : undefined,
        risky,
      });
    };

    /** A value that is visibly a key: a string, an env var read, a name that says key, an `AzureKeyCredential`. */
    const isVisibleKey = (node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean =>
      possibleValues(node, scope).some((value) => {
        if (keyCredentialNodes.has(value)) return true;
        if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === "string" && value.value !== "";
        if (value.type === AST_NODE_TYPES.TemplateLiteral) return true;
        const name = readName(value, scope);
        return name !== null && (isKeyLikeName(name) || (value.type === AST_NODE_TYPES.MemberExpression && isEnvObject(value.object)));
      });

    const checkKeyArgumentCall = (node: Construction, call: KeyArgumentCall): void => {
      const argument = argumentAt(node, call.keyArgument);
      if (argument === null || argument === undefined) return;
      if (call.onlyVisibleKeys && !isVisibleKey(argument, sourceCode.getScope(node))) return;
      const how = call.keyArgument === 0 ? "its first argument" : "its second argument";
      pending.push({
        descriptor: { node: node.callee, messageId: "keyOnly", data: { client: call.client, how, keyless: call.keyless } },
        client: call.client,
        planSite: node,
        names: [],
        risky: false,
        keySources: { envNames: [], values: [argument] },
      });
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
      const marker = LEGACY_AZURE_MARKERS[client.azureWhen];
      if (client.azureWhen === "azure-prefixed-options") {
        option = [...properties.keys()].find((name) => name.startsWith(marker));
      } else if (client.azureWhen === "azure-option") {
        const azure = properties.get(marker);
        const azureOptions = azure === undefined ? undefined : resolveValue(azure.value, scope);
        if (
          azureOptions?.type === AST_NODE_TYPES.ObjectExpression &&
          !visibleProperties(azureOptions, scope).properties.has("azureADTokenProvider")
        ) {
          option = marker;
        }
      } else {
        const provider = properties.get("modelProvider");
        if (provider !== undefined && ASTUtils.getStringIfConstant(provider.value, scope) === marker) {
          option = `modelProvider: "${marker}"`;
        }
      }
      if (option === undefined) return;
      const evidence = browser();
      if (evidence !== undefined) {
        context.report({ node: node.callee, messageId: "browserKey", data: { client: client.client, evidence } });
        return;
      }
      context.report({
        node: node.callee,
        messageId: "legacyAzure",
        data: { client: client.client, option, replacement: client.replacement, trap: ENV_TRAP },
      });
    };

    /** Whether the default `azure` provider at `node` is only used for `azure.tools.*` (sends no request). */
    const onlyToolsRead = (node: TSESTree.Node): boolean => {
      const local =
        node.type === AST_NODE_TYPES.ImportSpecifier
          ? node.local
          : node.type === AST_NODE_TYPES.Property && node.value.type === AST_NODE_TYPES.Identifier
            ? node.value
            : undefined;
      const uses =
        local === undefined
          ? [node]
          : (ASTUtils.findVariable(sourceCode.getScope(local), local)?.references ?? [])
              .filter((reference) => reference.isRead())
              .map((reference) => reference.identifier as TSESTree.Node);
      return uses.every(
        (use) =>
          use.parent?.type === AST_NODE_TYPES.MemberExpression &&
          use.parent.object === use &&
          ASTUtils.getPropertyName(use.parent) === "tools",
      );
    };

    /** `azure` from `@ai-sdk/azure`: fixed by a `createAzure({ tokenProvider })` constant of the same name. */
    const checkDefaultProvider = (node: TSESTree.Node, info: DefaultProviderInstance): void => {
      const specifier = node;
      // `import type { azure }` and `import { type azure }` name a type, not the provider.
      if (
        specifier.type === AST_NODE_TYPES.ImportSpecifier &&
        (specifier.importKind === "type" ||
          (specifier.parent.type === AST_NODE_TYPES.ImportDeclaration && specifier.parent.importKind === "type"))
      ) {
        return;
      }
      if (onlyToolsRead(node)) return;
      const base = {
        descriptor: { node, messageId: "defaultProvider" as const, data: {} },
        client: "azure",
        names: ["getBearerTokenProvider"],
        risky: false,
        requires: { release: info.fixSince, option: "tokenProvider" },
        keySources: { envNames: ["AZURE_API_KEY"], values: [] },
      };
      // Named imports are reported once, at the import; other forms at each use.
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.parent.type !== AST_NODE_TYPES.ImportDeclaration) {
        pending.push({ ...base, planSite: node });
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
        pending.push({ ...base, planSite: declaration });
        return;
      }
      const uses = (ASTUtils.findVariable(sourceCode.getScope(specifier.local), specifier.local)?.references ?? []).map(
        (reference) => reference.identifier as TSESTree.Node,
      );
      pending.push({
        ...base,
        planSite: declaration,
        usedBy: uses.length === 0 ? [declaration] : uses,
        buildEdits: (_plan, fixer) => [
          existingCreate === undefined
            ? fixer.replaceText(specifier, "createAzure")
            : removeListItem(sourceCode, fixer, specifier),
        ],
        statements: (plan) => [
          `const ${specifier.local.name} = ${createName}({ tokenProvider: ${tokenProviderText(plan, options.scope ?? COGNITIVE_SERVICES_SCOPE)} })`,
        ],
      });
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
      else if (info.kind === "key-argument") checkKeyArgumentCall(node, info);
    };

    return {
      // Everything hangs off the imports, so one pass over them per file is all the rule does.
      Program(program): void {
        if (!TRACKED_MODULE_MENTION.test(sourceCode.text)) return;
        const globalScope = sourceCode.getScope(program);
        const tracker = new ASTUtils.ReferenceTracker(globalScope, { mode: "legacy" });
        const found = [
          ...tracker.iterateEsmReferences<TrackedConstruct>(TRACE_MAP),
          ...new ASTUtils.ReferenceTracker(withImplicitGlobals(globalScope, ["require"])).iterateCjsReferences<TrackedConstruct>(TRACE_MAP),
        ];
        for (const reference of found) {
          if (reference.info.kind === "key-credential") keyCredentialNodes.add(reference.node);
        }
        for (const { node, info, type } of found) {
          if (info.kind === "default-provider") {
            checkDefaultProvider(node, info);
          } else if (type === READ) {
            for (const read of readsOf(node)) for (const call of superCalls(read)) checkConstruction(call, info);
          } else if (
            (type === CONSTRUCT && node.type === AST_NODE_TYPES.NewExpression) ||
            (type === CALL && node.type === AST_NODE_TYPES.CallExpression)
          ) {
            checkConstruction(node, info);
          }
        }
        // Several clients with a fix share one credential (and one token provider per scope).
        const share = pending.filter((report) => report.buildEdits !== undefined).length > 1;
        for (const report of pending) settle(report, share);
      },
    };
  },
});
