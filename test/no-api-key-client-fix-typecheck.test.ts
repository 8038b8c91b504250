// Runs the no-api-key-client fixer over one fixture per SDK and type-checks the fixed files against
// the installed SDK type definitions (openai, @azure/identity, @langchain/openai, @ai-sdk/azure,
// @azure-rest/ai-inference): a fix that does not compile is a broken fix. One TypeScript program
// for all fixtures keeps this to a few seconds (minutes on a loaded shared machine: generous timeouts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import ts from "typescript";

import rule from "../src/rules/no-api-key-client.js";
import { fakeProject } from "./support/fake-project.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtureDirectory = path.join(root, "test/fixtures/no-api-key-client");
const fixtureNames = readdirSync(fixtureDirectory).filter((name) => /\.c?ts$/.test(name)).sort();

const linter = new Linter({ configType: "flat" });
const config: Linter.Config[] = [
  {
    files: ["**/*.ts", "**/*.cts"],
    languageOptions: { parser: tsParser as Linter.Parser },
    plugins: { "aoai-keyless": { rules: { "no-api-key-client": rule as never } } },
    rules: { "aoai-keyless/no-api-key-client": "error" },
  },
];

/**
 * Each fixture's path and the text after every fix pass. The rule never autofixes files under
 * `test/`, so each fixture is linted (and type-checked) as if it were `app/<name>` of this project.
 */
const appPath = (name: string): string => path.join(root, "app", name);
const fixed = new Map(
  fixtureNames.map((name) => {
    const filename = appPath(name);
    const result = linter.verifyAndFix(readFileSync(path.join(fixtureDirectory, name), "utf8"), config, { filename });
    return [filename, result] as const;
  }),
);

function typeCheck(files: ReadonlyMap<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ["node"],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (fileName) => files.get(path.resolve(fileName)) ?? readFile(fileName);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = files.get(path.resolve(fileName));
    return text === undefined
      ? getSourceFile(fileName, languageVersion, ...rest)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => {
      const where =
        diagnostic.file === undefined || diagnostic.start === undefined
          ? ""
          : `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: `;
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    });
}

describe("no-api-key-client fixes compile", () => {
  it("has a fixture per SDK", () => {
    expect(fixtureNames).toEqual([
      "ai-inference.ts",
      "ai-sdk.ts",
      "commonjs.cts",
      "langchain.ts",
      "openai-azure.ts",
      "openai-v1.ts",
    ]);
  });

  it.each(fixtureNames)("%s is fixed completely", (name) => {
    const result = fixed.get(appPath(name));
    expect(result?.fixed).toBe(true);
    expect(result?.messages).toEqual([]);
    expect(result?.output).toContain("@azure/identity");
    expect(result?.output).not.toMatch(/apiKey: process\.env|AzureKeyCredential\(process|import \{ azure/);
  });

  it("the fixed files type-check against the SDK type definitions", () => {
    const files = new Map([...fixed].map(([filename, result]) => [filename, result.output]));
    expect(typeCheck(files)).toEqual([]);
  }, 240_000);

  it("the type check sees a broken fix", () => {
    // Guards the check itself: a token provider of the wrong type must fail.
    const filename = appPath("openai-azure.ts");
    const broken = fixed.get(filename)?.output.replace("= getBearerTokenProvider(", "= String(") ?? "";
    expect(typeCheck(new Map([[filename, broken]]))).not.toEqual([]);
  }, 240_000);

  describe("fixtures that must get no autofix", () => {
    const noAutofix = path.join(fixtureDirectory, "no-autofix");
    /** Lints a fixture as `filename`, with ESLint rooted where that file is (config globs are relative). */
    const lint = (name: string, filename: string, cwd = root) => {
      const text = readFileSync(path.join(noAutofix, name), "utf8");
      return { text, result: new Linter({ configType: "flat", cwd }).verifyAndFix(text, config, { filename }) };
    };

    it("an old @ai-sdk/azure gets suggestions that name the release it needs", () => {
      const project = fakeProject({ "@ai-sdk/azure": "1.3.23", "@azure/identity": "4.13.1" });
      const { text, result } = lint("old-ai-sdk.ts", project.file("src/ai.ts"), project.root);
      expect(result.fixed).toBe(false);
      expect(result.output).toBe(text);
      const note = " No autofix: `tokenProvider` needs `@ai-sdk/azure` 3.0.69 or later, and 1.3.23 is installed.";
      expect(result.messages.map((message) => [message.line, message.message.endsWith(note), message.suggestions?.length])).toEqual([
        [3, true, 1],
        [5, true, 1],
      ]);
    });

    it("the same file on a current @ai-sdk/azure is fixed", () => {
      const project = fakeProject({ "@ai-sdk/azure": "3.0.128", "@azure/identity": "4.13.1" });
      const { result } = lint("old-ai-sdk.ts", project.file("src/ai.ts"), project.root);
      expect(result.fixed).toBe(true);
      expect(result.messages).toEqual([]);
    });

    it("a browser file is reported and left as it is", () => {
      const { text, result } = lint("browser.ts", appPath("browser.ts"));
      expect(result.output).toBe(text);
      expect(result.messages.map((message) => [message.line, message.message, message.fix, message.suggestions])).toEqual([
        [
          5,
          "`AzureOpenAI` authenticates with an API key in code that runs in the browser (`dangerouslyAllowBrowser: true`): the key ships to every visitor of the page. Move the call behind a server route that uses Microsoft Entra ID; `@azure/identity` credentials do not run in the browser, so there is no fix.",
          undefined,
          undefined,
        ],
      ]);
    });
  });
});
