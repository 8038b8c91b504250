// Lints the bundled examples with the plugin's recommended config, as a user's project would.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import aoaiKeyless from "eslint-plugin-aoai-keyless";

export default defineConfig([
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
    languageOptions: { parser: tseslint.parser },
    extends: [aoaiKeyless.configs.recommended],
  },
]);
