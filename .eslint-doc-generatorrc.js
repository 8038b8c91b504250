/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  // Reads the built plugin (dist/), so `npm run build` runs first.
  ruleDocSectionInclude: ["Rule details", "When not to use it", "Related"],
  ruleDocTitleFormat: "prefix-name",
  ruleListColumns: ["name", "description", "configsError", "fixable", "hasSuggestions", "options"],
  urlRuleDoc: (name) =>
    `https://github.com/aoai-keyless/eslint-plugin-aoai-keyless/blob/main/docs/rules/${name}.md`,
};

export default config;
