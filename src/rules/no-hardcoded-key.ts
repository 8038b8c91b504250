import type { TSESTree } from "@typescript-eslint/utils";
import type { KeyMatch } from "../detect/index.js";
import type { AllowTest } from "../utils/allow-pattern.js";
import type { StringNode } from "../utils/literal-context.js";
import { displayName, displayText } from "../utils/safe-text.js";

import { DEFAULT_HOST_WINDOW_LINES, detectKeys, LEGACY_KEY_PATTERN_SOURCE, maskSecret, namesAzureAiSdk } from "../detect/index.js";
import { AllowPatternError, compileAllowEntry } from "../utils/allow-pattern.js";
import { createRule } from "../utils/create-rule.js";
import {
  boundNames,
  createAzureHostLookup,
  sourceRangeOfValueSlice,
  stringValueOf,
} from "../utils/literal-context.js";

type Options = [{ allow: string[] }];
type MessageIds = "identifiableKey" | "identifiableKeyBadChecksum" | "legacyKeyByName" | "legacyKeyByHost";

/** Legacy keys (32 hex digits) are the shortest keys the engine knows: shorter strings are skipped unread. */
const SHORTEST_KEY_LENGTH = 32;

/** A 32-hex run somewhere in a string: only then is the file's host context worth looking up. */
const LEGACY_KEY_CANDIDATE = new RegExp(LEGACY_KEY_PATTERN_SOURCE);

const USE_ENTRA_ID =
  "Authenticate with Microsoft Entra ID instead (`DefaultAzureCredential` or a managed identity from " +
  "`@azure/identity`, passed through `getBearerTokenProvider` as `azureADTokenProvider`)";
const REMEDY = `${USE_ENTRA_ID}, and rotate the exposed key.`;

/** An `allow` entry compiled, with an error that never quotes a key (errors end up in CI logs). */
function compileAllowOption(entry: string): AllowTest {
  try {
    return compileAllowEntry(entry);
  } catch (error) {
    if (!(error instanceof AllowPatternError)) throw error;
    // ESLint prefixes the rule name ("Error while loading rule 'aoai-keyless/no-hardcoded-key': ").
    const problem = error.unsafe ? "a regular expression that could hang the lint" : "an invalid regular expression";
    throw new Error(
      `Option "allow" has ${problem} "${displayText(entry)}": ${error.message}. ` +
        'Write a regex as "/source/flags" without nested quantifiers, or a whole key to match it exactly.',
      { cause: error },
    );
  }
}

export default createRule<Options, MessageIds>({
  name: "no-hardcoded-key",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Azure OpenAI and Azure AI services API keys written in the source",
      recommended: true,
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: {
            type: "array",
            description:
              'Keys to ignore, such as documented fakes: an exact key, or a regular expression written "/source/flags" that is tested against the key.',
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
    messages: {
      identifiableKey: `Hard-coded {{service}} key \`{{key}}\` (identifiable format, created {{createdAt}}). ${REMEDY}`,
      identifiableKeyBadChecksum:
        `Hard-coded {{service}} key \`{{key}}\` (identifiable format, created {{createdAt}}) whose checksum fails, ` +
        `so it is likely fake or corrupted. ${USE_ENTRA_ID}, and rotate the key if it is real.`,
      legacyKeyByName: `Hard-coded 32-hex {{service}} key \`{{key}}\`, recognised by its name \`{{name}}\`. ${REMEDY}`,
      legacyKeyByHost: `Hard-coded 32-hex {{service}} key \`{{key}}\`, recognised by the Azure AI host \`{{host}}\` nearby. ${REMEDY}`,
    },
    languages: ["js/js"],
  },
  create(context, [{ allow }]) {
    const sourceCode = context.sourceCode;
    // Compiled up front, so an invalid regex is reported even in a file without keys.
    const allowEntries = allow.map(compileAllowOption);
    const isAllowed = (secret: string): boolean => allowEntries.some((entry) => entry(secret));
    const hosts = createAzureHostLookup(sourceCode);
    let azureSdkInFile: boolean | undefined;

    const report = (node: StringNode, match: KeyMatch): void => {
      const [start, end] = sourceRangeOfValueSlice(node, sourceCode, match.start, match.end);
      const loc = { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) };
      const key = maskSecret(match.secret);
      if (match.identifiable !== undefined) {
        context.report({
          loc,
          messageId: match.identifiable.checksumValid ? "identifiableKey" : "identifiableKeyBadChecksum",
          data: { service: match.service, key, createdAt: match.identifiable.createdAt },
        });
      } else if (match.context?.type === "name") {
        context.report({ loc, messageId: "legacyKeyByName", data: { service: match.service, key, name: displayName(match.context.name) } });
      } else if (match.context?.type === "host") {
        context.report({ loc, messageId: "legacyKeyByHost", data: { service: match.service, key, host: displayName(match.context.host) } });
      }
    };

    const check = (node: StringNode): void => {
      const value = stringValueOf(node);
      if (value === undefined) return;
      const names = boundNames(node, sourceCode);
      // Hosts matter only to a 32-hex run; a host in the same object is closer evidence than one
      // elsewhere, and "elsewhere" is the engine's few-line window, never the whole file: a host far
      // away in a long file says nothing about a hex string.
      const hostNearby = LEGACY_KEY_CANDIDATE.test(value)
        ? (hosts.inSameObject(node) ?? hosts.nearby(node, DEFAULT_HOST_WINDOW_LINES))
        : undefined;
      // The engine sees one value; whether the file names an Azure AI SDK is evidence for `apiKey`.
      azureSdkInFile ??= namesAzureAiSdk(sourceCode.text);
      for (const match of detectKeys(value, { names, hostNearby, azureSdkInFile })) {
        if (!isAllowed(match.secret)) report(node, match);
      }
    };

    return {
      [`Literal[value.length>=${SHORTEST_KEY_LENGTH}]`](node: TSESTree.StringLiteral): void {
        check(node);
      },
      [`TemplateElement[value.cooked.length>=${SHORTEST_KEY_LENGTH}]`](node: TSESTree.TemplateElement): void {
        check(node);
      },
      [`JSXText[value.length>=${SHORTEST_KEY_LENGTH}]`](node: TSESTree.JSXText): void {
        check(node);
      },
    };
  },
});
