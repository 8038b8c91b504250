import { RuleTester } from "@typescript-eslint/rule-tester";
import { Linter } from "eslint";

import rule from "../../src/rules/no-hardcoded-key.js";
import { corruptKey, generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";

const ruleTester = new RuleTester();


// Every key is generated at run time: no key-shaped literal sits in this file.
const hex = generateHexKey(7);
const otherHex = generateHexKey(8);
const openAiKey = generateIdentifiableKey({ service: "AAAB", year: 2025, month: 1, random: 11 });
const speechKey = generateIdentifiableKey({ service: "AAAA", year: 2026, month: 3, random: 12 });
const brokenKey = corruptKey(openAiKey, 10);

/**
 * A generic name such as `apiKey` needs Azure evidence: these cases add an Azure OpenAI import after
 * the code, so lines and columns stay as written.
 */
const withAzureSdk = (code: string): string => `${code}\nimport { AzureOpenAI } from "openai";`;

/** The masked form the messages must show: first and last 4 chars only. */
const masked = (secret: string): string => `${secret.slice(0, 4)}…${secret.slice(-4)}`;

const byName = (name: string, service = "Azure AI services", secret = hex) => ({
  messageId: "legacyKeyByName" as const,
  data: { service, key: masked(secret), name },
});
const byHost = (host: string, service = "Azure OpenAI", secret = hex) => ({
  messageId: "legacyKeyByHost" as const,
  data: { service, key: masked(secret), host },
});
const identifiable = (service: string, createdAt: string, secret: string) => ({
  messageId: "identifiableKey" as const,
  data: { service, key: masked(secret), createdAt },
});

ruleTester.run("no-hardcoded-key", rule, {
  valid: [
    // Keys read from the environment or a vault.
    "const apiKey = process.env.AZURE_OPENAI_API_KEY;",
    // Ids and digests named as such, even next to an Azure AI host.
    `const requestId = "${hex}";`,
    `const sha256 = "${hex}";`,
    `const etag = "${hex}";`,
    `const response = { integrity: "${hex}" };`,
    `const deployment_id = "${hex}";`,
    `const request = { endpoint: "https://res.openai.azure.com", requestId: "${hex}" };`,
    // A UUID, dashed or bound to an id name.
    `const apiKey = "${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}";`,
    `const traceId = "${hex}";`,
    // Hand-typed stand-ins: sequential, all-same, placeholders.
    `const apiKey = "${"0123456789abcdef".repeat(2)}";`,
    `const apiKey = "${"a".repeat(32)}";`,
    `const apiKey = "${"x".repeat(32)}";`,
    'const apiKey = "<your-azure-openai-api-key-goes-here>";',
    'const AZURE_OPENAI_API_KEY = "YOUR_AZURE_OPENAI_API_KEY_GOES_HERE";',
    'const apiKey = "${AZURE_OPENAI_API_KEY_FROM_THE_ENVIRONMENT}";',
    // Hex glued to other word chars, or part of another vendor's token.
    `const apiKey = "req_${hex}";`,
    `const apiKey = "dapi${hex}";`,
    `const apiKey = "${hex}-us18";`,
    // 32 decimal digits are a number, even under a key name.
    `const apiKey = "${Array.from(hex, (char) => String(Number.parseInt(char, 16) % 10)).join("")}";`,
    // A generic key name with no Azure evidence, another vendor's key name even next to an Azure AI host.
    `const keys = { key1: "${hex}" };`,
    `const apiKey = "${hex}";`,
    `const search = { appId: "APP", apiKey: "${hex}", indexName: "docs" };`,
    `const endpoint = "https://res.openai.azure.com";\nconst DD_API_KEY = "${hex}";`,
    // Hex with no context at all.
    `const value = "${hex}";`,
    `log("${hex}");`,
    // A host far away in the same file is no evidence: "close by" is a few lines, never the whole file.
    `const endpoint = "https://res.openai.azure.com";\n${"\n".repeat(20)}const fixture = "${hex}";`,
    // A GitHub Models host is no Azure AI host.
    `const client = { endpoint: "https://models.inference.ai.azure.com", token: "${hex}" };`,
    `const endpoint = "https://models.github.ai/inference";\nconst token = "${hex}";`,
    // Documented fakes on the allow list, exact and as a regex.
    {
      code: `const apiKey = "${hex}";`,
      options: [{ allow: [hex] }],
      name: "allow: an exact key",
    },
    {
      code: `const apiKey = "${hex}";\nconst s = "${openAiKey}";`,
      options: [{ allow: [`/^(?:${hex.slice(0, 6)}|${openAiKey.slice(0, 6)})/i`] }],
      name: "allow: a regex with flags",
    },
    // Strings shorter than a key are never read.
    'const apiKey = "short";',
  ],
  invalid: [
    {
      code: withAzureSdk(`const apiKey = "${hex}";`),
      errors: [{ ...byName("apiKey"), line: 1, column: 17, endLine: 1, endColumn: 49 }],
    },
    {
      code: `const AZURE_OPENAI_API_KEY = "${hex}";`,
      errors: [{ ...byName("AZURE_OPENAI_API_KEY", "Azure OpenAI"), line: 1, column: 31, endLine: 1, endColumn: 63 }],
    },
    {
      // Upper-case hex, single quotes.
      code: `const SPEECH_KEY = '${hex.toUpperCase()}';`,
      errors: [
        { ...byName("SPEECH_KEY", "Speech", hex.toUpperCase()), line: 1, column: 21, endLine: 1, endColumn: 53 },
      ],
    },
    {
      code: `const config = { "api-key": "${hex}" };`,
      errors: [{ ...byName("api-key"), line: 1, column: 30, endLine: 1, endColumn: 62 }],
    },
    {
      code: `const config = { ["api-key"]: "${hex}" };`,
      errors: [{ ...byName("api-key"), line: 1, column: 32, endLine: 1, endColumn: 64 }],
    },
    {
      // A computed key through a constant.
      code: `const HEADER = "Ocp-Apim-Subscription-Key";\nconst headers = { [HEADER]: "${hex}" };`,
      errors: [{ ...byName("Ocp-Apim-Subscription-Key"), line: 2, column: 30, endLine: 2, endColumn: 62 }],
    },
    {
      // A numeric key says nothing; the host in the same object does.
      code: `const keys = { endpoint: "https://res.openai.azure.com", 1: "${hex}" };`,
      errors: [{ ...byHost("res.openai.azure.com"), line: 1, column: 62, endLine: 1, endColumn: 94 }],
    },
    {
      // A generic `key1` counts with an Azure AI host in the same object.
      code: `const keys = { endpoint: "https://res.cognitiveservices.azure.com", key1: "${hex}" };`,
      errors: [{ ...byName("key1"), line: 1, column: 76, endLine: 1, endColumn: 108 }],
    },
    {
      code: `fetch(url, {\n  headers: { "Ocp-Apim-Subscription-Key": "${hex}" },\n});`,
      errors: [{ ...byName("Ocp-Apim-Subscription-Key"), line: 2, column: 44, endLine: 2, endColumn: 76 }],
    },
    {
      // The innermost key is generic; joined with its parent it names the service.
      code: `const settings = { openai: { key: "${hex}" } };`,
      errors: [{ ...byName("openai.key", "Azure OpenAI"), line: 1, column: 36, endLine: 1, endColumn: 68 }],
    },
    {
      code: `process.env.AZURE_OPENAI_API_KEY = "${hex}";`,
      errors: [{ ...byName("AZURE_OPENAI_API_KEY", "Azure OpenAI"), line: 1, column: 37, endLine: 1, endColumn: 69 }],
    },
    {
      code: `process.env["AZURE_OPENAI_KEY"] ??= "${hex}";`,
      errors: [{ ...byName("AZURE_OPENAI_KEY", "Azure OpenAI"), line: 1, column: 38, endLine: 1, endColumn: 70 }],
    },
    {
      // The generic `apiKey` gives way to the Azure-specific `openai.apiKey` around it.
      code: `config.openai.apiKey = "${hex}";`,
      errors: [{ ...byName("openai.apiKey", "Azure OpenAI"), line: 1, column: 25, endLine: 1, endColumn: 57 }],
    },
    {
      code: withAzureSdk(`function connect(apiKey = "${hex}") {}`),
      errors: [{ ...byName("apiKey"), line: 1, column: 28, endLine: 1, endColumn: 60 }],
    },
    {
      code: `const { subscriptionKey = "${hex}" } = options;`,
      errors: [{ ...byName("subscriptionKey"), line: 1, column: 28, endLine: 1, endColumn: 60 }],
    },
    {
      // A fallback stands in for what the left side names.
      code: `client(process.env.AZURE_TRANSLATOR_KEY ?? "${hex}");`,
      errors: [{ ...byName("AZURE_TRANSLATOR_KEY", "Translator"), line: 1, column: 45, endLine: 1, endColumn: 77 }],
    },
    {
      code: `const credential = new AzureKeyCredential("${hex}");`,
      errors: [{ ...byName("AzureKeyCredential"), line: 1, column: 44, endLine: 1, endColumn: 76 }],
    },
    {
      code: `const config = sdk.SpeechConfig.fromSubscription("${hex}", "westeurope");`,
      errors: [{ ...byName("subscriptionKey"), line: 1, column: 51, endLine: 1, endColumn: 83 }],
    },
    {
      code: `headers.set("api-key", "${hex}");`,
      errors: [{ ...byName("api-key"), line: 1, column: 25, endLine: 1, endColumn: 57 }],
    },
    {
      code: `new Headers([["Ocp-Apim-Subscription-Key", "${hex}"]]);`,
      errors: [{ ...byName("Ocp-Apim-Subscription-Key"), line: 1, column: 45, endLine: 1, endColumn: 77 }],
    },
    {
      code: `enum Secrets {\n  AZURE_AI_SERVICES_KEY = "${hex}",\n}`,
      errors: [{ ...byName("AZURE_AI_SERVICES_KEY"), line: 2, column: 28, endLine: 2, endColumn: 60 }],
    },
    {
      code: withAzureSdk(`class Client {\n  private readonly apiKey = "${hex}";\n  #speechKey = "${otherHex}";\n}`),
      errors: [
        { ...byName("apiKey"), line: 2, column: 30, endLine: 2, endColumn: 62 },
        { ...byName("speechKey", "Speech", otherHex), line: 3, column: 17, endLine: 3, endColumn: 49 },
      ],
    },
    {
      filename: "chat.tsx",
      code: withAzureSdk(`const chat = <Chat apiKey="${hex}" />;`),
      errors: [{ ...byName("apiKey"), line: 1, column: 28, endLine: 1, endColumn: 60 }],
    },
    {
      filename: "chat.tsx",
      code: `const chat = <Chat options={{ openAIKey: \`${hex}\` }} />;`,
      errors: [{ ...byName("openAIKey", "Azure OpenAI"), line: 1, column: 43, endLine: 1, endColumn: 75 }],
    },
    {
      // Text shown by a component: an identifiable key needs no name.
      filename: "settings.tsx",
      code: `const help = (\n  <p>\n    Your key is ${openAiKey}\n  </p>\n);`,
      errors: [{ ...identifiable("Azure OpenAI", "2025-01", openAiKey), line: 3, column: 17, endLine: 3, endColumn: 101 }],
    },
    {
      // The key is one part of a template literal: reported at that part.
      code: withAzureSdk(`const apiKey = \`\${prefix}${hex}\`;`),
      errors: [{ ...byName("apiKey"), line: 1, column: 26, endLine: 1, endColumn: 58 }],
    },
    {
      // A key in a URL: the query parameter names it.
      code: `const url = "https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21&api-key=${hex}";`,
      errors: [{ ...byName("api-key", "Azure OpenAI"), line: 1, column: 117, endLine: 1, endColumn: 149 }],
    },
    {
      code: `const client = {\n  endpoint: "https://res.cognitiveservices.azure.com/",\n  secret: "${hex}",\n};`,
      errors: [
        { ...byHost("res.cognitiveservices.azure.com", "Azure AI services"), line: 3, column: 12, endLine: 3, endColumn: 44 },
      ],
    },
    {
      // The host is elsewhere in the file, built with an interpolation.
      code: `const endpoint = \`https://\${resource}.openai.azure.com\`;\n\nexport function connect() {\n  return call(endpoint, "${hex}");\n}`,
      errors: [{ ...byHost("*.openai.azure.com"), line: 4, column: 26, endLine: 4, endColumn: 58 }],
    },
    {
      // A host in the same object wins over a closer one outside it.
      code: `const other = "https://other.cognitiveservices.azure.com";\nconst client = {\n  secret: "${hex}",\n  note: "deployed by the platform team for the support assistant",\n  endpoint: "https://res.openai.azure.com",\n};`,
      errors: [{ ...byHost("res.openai.azure.com"), line: 3, column: 12, endLine: 3, endColumn: 44 }],
    },
    {
      // A placeholder resource label still says the code calls Azure AI.
      code: `const endpoint = "https://<resource>.openai.azure.com";\nconst token = "${hex}";`,
      errors: [{ ...byHost("*.openai.azure.com"), line: 2, column: 16, endLine: 2, endColumn: 48 }],
    },
    {
      // The closest host of the file is the one named.
      code: `const speech = "https://westeurope.stt.speech.microsoft.com";\nconst token = "${hex}";\nconst other = "https://res.openai.azure.com";`,
      errors: [{ ...byHost("westeurope.stt.speech.microsoft.com", "Speech"), line: 2, column: 16, endLine: 2, endColumn: 48 }],
    },
    {
      // An identifiable key needs no context at all.
      code: `const s = "${openAiKey}";`,
      errors: [{ ...identifiable("Azure OpenAI", "2025-01", openAiKey), line: 1, column: 12, endLine: 1, endColumn: 96 }],
    },
    {
      code: `log(\`key: ${speechKey}\`);`,
      errors: [{ ...identifiable("Azure AI services", "2026-03", speechKey), line: 1, column: 11, endLine: 1, endColumn: 95 }],
    },
    {
      code: `const s = "${brokenKey}";`,
      errors: [
        {
          messageId: "identifiableKeyBadChecksum",
          data: { service: "Azure OpenAI", key: masked(brokenKey), createdAt: "2025-01" },
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 96,
        },
      ],
    },
    {
      // Two keys in one string, each reported where it stands; an escape before them shifts nothing.
      code: `const env = "\\tAZURE_OPENAI_API_KEY=${hex}\\nKEY2=${openAiKey}";`,
      errors: [
        { ...byName("AZURE_OPENAI_API_KEY", "Azure OpenAI"), line: 1, column: 37, endLine: 1, endColumn: 69 },
        { ...identifiable("Azure OpenAI", "2025-01", openAiKey), line: 1, column: 76, endLine: 1, endColumn: 160 },
      ],
    },
    {
      // An escape inside the key: the report spans its spelling.
      code: withAzureSdk(`const apiKey = "\\x${hex.charCodeAt(0).toString(16)}${hex.slice(1)}";`),
      errors: [{ ...byName("apiKey"), line: 1, column: 17, endLine: 1, endColumn: 52 }],
    },
    {
      // Escapes before the key (an astral code point, a hex escape, a backslash) shift it in the source.
      code: withAzureSdk(`const apiKey = "\\u{1F600}\\x41\\\\${hex}";`),
      errors: [{ ...byName("apiKey"), line: 1, column: 32, endLine: 1, endColumn: 64 }],
    },
    {
      // A template part across a CRLF line end, read as LF.
      code: withAzureSdk(`const apiKey = \`\r\n${hex}\`;`),
      errors: [{ ...byName("apiKey"), line: 2, column: 1, endLine: 2, endColumn: 33 }],
    },
    {
      filename: "chat.tsx",
      code: withAzureSdk(`const chat = <Chat title="Q&amp;A" apiKey="&#x20;${hex}" />;`),
      errors: [{ ...byName("apiKey"), line: 1, column: 50, endLine: 1, endColumn: 82 }],
    },
    {
      code: `const apiKey = "${hex}";\nconst speechKey = "${otherHex}";`,
      options: [{ allow: [`/^${hex.slice(0, 8)}/`] }],
      errors: [{ ...byName("speechKey", "Speech", otherHex), line: 2, column: 20, endLine: 2, endColumn: 52 }],
      name: "allow: spares only what it names",
    },
  ],
});

describe("no-hardcoded-key outside the rule tester", () => {
  const plugin = { rules: { "no-hardcoded-key": rule } } as unknown as NonNullable<Linter.Config["plugins"]>[string];
  const lint = (code: string, options?: { allow: string[] }, filename = "file.js"): Linter.LintMessage[] =>
    new Linter().verify(
      code,
      [
        {
          files: ["**/*.js"],
          plugins: { "aoai-keyless": plugin },
          rules: { "aoai-keyless/no-hardcoded-key": options === undefined ? "error" : ["error", options] },
        },
      ],
      filename,
    );

  it("never shows a key in a message, only its first and last 4 chars", () => {
    const code = [
      `const apiKey = "${hex}";`,
      `const endpoint = "https://res.openai.azure.com"; const other = { token: "${otherHex}" };`,
      `const a = "${openAiKey}", b = "${brokenKey}", c = \`${speechKey}\`;`,
    ].join("\n");
    const messages = lint(code);
    expect(messages.map((message) => message.messageId)).toEqual([
      "legacyKeyByName",
      "legacyKeyByHost",
      "identifiableKey",
      "identifiableKeyBadChecksum",
      "identifiableKey",
    ]);
    for (const secret of [hex, otherHex, openAiKey, brokenKey, speechKey]) {
      for (const message of messages) {
        expect(message.message).not.toContain(secret);
        // Not even a 5-char run of the secret: the mask shows 4 chars at each end and nothing between.
        for (let index = 0; index + 5 <= secret.length; index++) {
          expect(message.message).not.toContain(secret.slice(index, index + 5));
        }
      }
    }
  });

  it("tells the user what to do instead", () => {
    const useEntraId =
      "Authenticate with Microsoft Entra ID instead (`DefaultAzureCredential` or a managed identity from " +
      "`@azure/identity`, passed through `getBearerTokenProvider` as `azureADTokenProvider`)";
    const code = withAzureSdk(`const apiKey = "${hex}";\nconst a = "${openAiKey}";\nconst b = "${brokenKey}";`);
    expect(lint(code).map((message) => message.message)).toEqual([
      `Hard-coded 32-hex Azure AI services key \`${masked(hex)}\`, recognised by its name \`apiKey\`. ` +
        `${useEntraId}, and rotate the exposed key.`,
      `Hard-coded Azure OpenAI key \`${masked(openAiKey)}\` (identifiable format, created 2025-01). ` +
        `${useEntraId}, and rotate the exposed key.`,
      `Hard-coded Azure OpenAI key \`${masked(brokenKey)}\` (identifiable format, created 2025-01) whose checksum ` +
        `fails, so it is likely fake or corrupted. ${useEntraId}, and rotate the key if it is real.`,
    ]);
  });

  it("reads JavaScript with ESLint's default parser, hosts in templates included", () => {
    const messages = lint(`const url = \`https://\${name}.openai.azure.com/\`;\nconst secret = "${hex}";`);
    expect(messages).toMatchObject([
      { messageId: "legacyKeyByHost", line: 2, column: 17, endLine: 2, endColumn: 49 },
    ]);
    expect(messages[0]?.message).toContain("`*.openai.azure.com`");
  });

  it("rejects an invalid regex in `allow` with a clear error, even in a file without keys", () => {
    expect(() => lint("const x = 1;", { allow: ["/[a-f/"] })).toThrow(
      'Error while loading rule \'aoai-keyless/no-hardcoded-key\': Option "allow" has an invalid regular expression "/[a-f/"',
    );
    expect(() => lint("const x = 1;", { allow: ["/abc/q"] })).toThrow(
      'Option "allow" has an invalid regular expression "/abc/q": Invalid flags',
    );
    expect(() => lint("const x = 1;", { allow: [`/^${openAiKey}`] })).toThrow(
      `Option "allow" has an invalid regular expression "/^${openAiKey.slice(0, 4)}…${openAiKey.slice(-4)}": no closing slash`,
    );
    expect(() => lint("const x = 1;", { allow: ["/abc"] })).toThrow(
      'Option "allow" has an invalid regular expression "/abc": no closing slash',
    );
  });

  it("never quotes a key from an invalid, and refuses a catastrophic, regex in `allow`", () => {
    let thrown = "";
    try {
      lint("const x = 1;", { allow: [`/${hex}(/`] });
    } catch (error) {
      thrown = String(error);
    }
    expect(thrown).toContain(`Option "allow" has an invalid regular expression "/${masked(hex)}(/": Unterminated group.`);
    expect(thrown).not.toContain(hex);
    expect(() => lint("const x = 1;", { allow: ["/^(a+)+$/"] })).toThrow(
      'Option "allow" has a regular expression that could hang the lint "/^(a+)+$/": a repeated group holds a quantifier or an alternation',
    );
  });

  it("drops the g and y flags of `allow` regexes, which would spare only every other key", () => {
    const code = `const apiKey = "${hex}";
const secondApiKey = "${hex}";
const thirdApiKey = "${hex}";`;
    expect(lint(code, { allow: [`/^${hex.slice(0, 6)}/gy`] })).toEqual([]);
  });

  it("masks a key inside a name or a host and escapes controls in messages", () => {
    const code = [
      `const a = { "\\u001b[2J\\n::error::${openAiKey}_AZURE_OPENAI_API_KEY": "${hex}" };`,
      `const b = { endpoint: "https://${otherHex}.openai.azure.com", value: "${hex}" };`,
    ].join("\n");
    const messages = lint(code).map((message) => message.message);
    expect(messages.join("\n")).toContain("recognised by its name `\\x1b[2J\\n::error::…_AZURE_OPENAI_API_KEY`.");
    expect(messages.join("\n")).toContain("recognised by the Azure AI host `….openai.azure.com` nearby.");
    for (const message of messages) {
      expect(message).not.toContain(openAiKey.slice(4, 20));
      expect(message).not.toContain(otherHex.slice(4, 28));
      expect(message).not.toContain("\u001b");
    }
  });

  it("finds the closest host in an object of many hosts and hex strings", () => {
    const entries = Array.from({ length: 200 }, (_, index) => `h${index}: "https://r${index}.openai.azure.com", k${index}: "${generateHexKey(1000 + index)}"`);
    const messages = lint(`const table = { ${entries.join(",\n")} };`);
    expect(messages).toHaveLength(200);
    expect(messages[0]!.message).toContain("`r0.openai.azure.com`");
    expect(messages[199]!.message).toContain("`r199.openai.azure.com`");
  });

  it("rejects options outside the schema", () => {
    expect(() => lint("const x = 1;", { allow: [""] })).toThrow('Value "" should NOT be shorter than 1 characters');
    expect(() => lint("const x = 1;", { allowed: [] } as unknown as { allow: string[] })).toThrow(
      /additional properties/i,
    );
  });
});
