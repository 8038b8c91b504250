/**
 * The HCL grammar of tree-sitter (`@tree-sitter-grammars/tree-sitter-hcl`, WebAssembly, through
 * `web-tree-sitter`), loaded once per thread on the first Terraform file that needs it. Chosen over
 * `@cdktf/hcl2json` because it keeps offsets and comments (findings need lines, fixes need exact
 * edits) and loads in about 0.13 s against 1.8 s for the Go WebAssembly of hcl2json (docs/iac.md).
 */
import { createRequire } from "node:module";

import type { Parser as TreeSitterParser } from "web-tree-sitter";

let parser: Promise<TreeSitterParser> | undefined;

async function loadParser(): Promise<TreeSitterParser> {
  const { Language, Parser } = await import("web-tree-sitter");
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm"));
  const instance = new Parser();
  instance.setLanguage(language);
  return instance;
}

/** The thread's HCL parser; a failed load is retried on the next call rather than cached. */
export function hclParser(): Promise<TreeSitterParser> {
  parser ??= loadParser().catch((error: unknown) => {
    parser = undefined;
    throw error;
  });
  return parser;
}
