import { ESLintUtils } from "@typescript-eslint/utils";

/** The `meta.docs` fields every rule of this plugin declares, beyond `description`. */
export interface AoaiKeylessRuleDocs {
  /** Whether the rule is part of the `recommended` config. */
  recommended: boolean;
  /** Whether the rule needs type information (none of ours does; kept for the docs generator). */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE_URL =
  "https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs/rules";

/** Builds rules whose docs URL is derived from their name, so no rule writes its own. */
export const createRule = ESLintUtils.RuleCreator<AoaiKeylessRuleDocs>(
  (name) => `${DOCS_BASE_URL}/${name}.md`,
);
