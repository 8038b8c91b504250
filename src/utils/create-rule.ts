import type { ESLintUtils, TSESLint } from "@typescript-eslint/utils";

/** The `meta.docs` fields every rule of this plugin declares, beyond `description`. */
export interface AoaiKeylessRuleDocs {
  /** Whether the rule is part of the `recommended` config. */
  recommended: boolean;
  /** Whether the rule needs type information (none of ours does; kept for the docs generator). */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE_URL =
  "https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs/rules";

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Readonly<
  ESLintUtils.RuleWithMetaAndName<Options, MessageIds, AoaiKeylessRuleDocs>
>;

/**
 * Builds a rule whose docs URL is derived from its name, typed like typescript-eslint's
 * `RuleCreator`. Unlike it, this does not merge `meta.defaultOptions` into the options again on every
 * file: ESLint (>= 9.15, and our peer range starts at 9.22) already hands `create` options merged
 * with `meta.defaultOptions`, and the second deep clone per rule per file is measurable in the bench.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: RuleDefinition<Options, MessageIds>): TSESLint.RuleModule<MessageIds, Options, AoaiKeylessRuleDocs> & {
  name: string;
} {
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: `${DOCS_BASE_URL}/${name}.md` } },
    create: (context) => create(context, context.options),
  };
}
