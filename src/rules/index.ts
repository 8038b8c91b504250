import type { TSESLint } from "@typescript-eslint/utils";

import noApiKeyClient from "./no-api-key-client.js";
import noApiKeyHeader from "./no-api-key-header.js";
import noHardcodedKey from "./no-hardcoded-key.js";
import requireDisableLocalAuth from "./require-disable-local-auth.js";

// One explicit import per rule: no file-system scanning at run time.
// Keep this list sorted by rule name.
export const rules = {
  "no-api-key-client": noApiKeyClient,
  "no-api-key-header": noApiKeyHeader,
  "no-hardcoded-key": noHardcodedKey,
  "require-disable-local-auth": requireDisableLocalAuth,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;
