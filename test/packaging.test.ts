// The package as a user's config loads it: from CommonJS through `require`, and from a type-checked
// `eslint.config.ts` / `.cts` against ESLint's own config types. Both go through the package name
// (Node and TypeScript resolve a package's own name to its `exports`), so they need `npm run build`.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ESLint } from "eslint";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "test/fixtures/packaging");

beforeAll(() => {
  if (!existsSync(path.join(root, "dist/index.d.ts"))) throw new Error("dist/ is missing: run `npm run build` first");
});

describe("CommonJS config", () => {
  it("gets the plugin itself from require() and lints with its recommended config", async () => {
    const eslint = new ESLint({ cwd: fixtures, overrideConfigFile: path.join(fixtures, "eslint.config.cjs") });
    const code = [
      'const { AzureOpenAI } = require("openai");',
      'module.exports = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, apiVersion: "2024-10-21" });',
      "",
    ].join("\n");
    const [result] = await eslint.lintText(code, { filePath: path.join(fixtures, "client.cjs") });
    expect(result?.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: "aoai-keyless/no-api-key-client", line: 2, column: 22 },
    ]);
  }, 30_000);
});

describe("TypeScript config", () => {
  it("type-checks against ESLint's Linter.Config, defineConfig and typescript-eslint's config, from ESM and CommonJS", () => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2023,
      lib: ["lib.es2023.d.ts"],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    };
    const rootNames = ["eslint.config.ts", "eslint.config.cts"].map((name) => path.join(fixtures, name));
    const program = ts.createProgram({ rootNames, options });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    expect(diagnostics).toEqual([]);
    // The configs resolved the package by its name, to the built declarations.
    const resolved = program.getSourceFiles().map((file) => path.relative(root, file.fileName));
    expect(resolved).toContain(path.join("dist", "index.d.ts"));
  }, 60_000);
});
