// Lints the project itself: TypeScript sources, tests and scripts, plus the rule-authoring
// checks of eslint-plugin-eslint-plugin on src/rules and test/rules.
import js from "@eslint/js";
import eslintPlugin from "eslint-plugin-eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/", "coverage/", ".bench/", "examples/", "test/fixtures/", "**/node_modules/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/rules/**/*.ts"],
    ...eslintPlugin.configs.rules,
    rules: {
      ...eslintPlugin.configs.rules.rules,
      "eslint-plugin/require-meta-docs-description": ["error", { pattern: "^(Disallow|Enforce|Require|Prefer)" }],
      "eslint-plugin/require-meta-schema-description": "error",
      "eslint-plugin/require-meta-docs-url": "off",
    },
  },
  {
    files: ["test/rules/**/*.ts"],
    ...eslintPlugin.configs.tests,
    rules: {
      ...eslintPlugin.configs.tests.rules,
      // Every invalid case states where the report lands.
      "eslint-plugin/require-test-error-positions": "error",
    },
  },
);
