/**
 * Tree-sitter for the usage detectors: the `web-tree-sitter` runtime with the prebuilt grammars of
 * `@vscode/tree-sitter-wasm` (the ones VS Code ships). Nothing loads until a detector asks: the
 * scanner's trigger prefilter keeps files without an Azure client word away, so a tree without any
 * pays neither the runtime nor a grammar. Each thread (main or worker) loads what it uses once.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";

import type * as WebTreeSitter from "web-tree-sitter";
import type { Language, Node, Parser, Query, Tree } from "web-tree-sitter";

export type { Node, Query, QueryCapture, QueryMatch, Tree } from "web-tree-sitter";

/**
 * Grammars of `@vscode/tree-sitter-wasm` the detectors use (file `wasm/tree-sitter-<name>.wasm`), and
 * HCL for the Terraform reader of src/iac, which VS Code does not ship (`@tree-sitter-grammars/tree-sitter-hcl`).
 */
export type GrammarName = "python" | "c-sharp" | "java" | "go" | "bash" | "powershell" | "javascript" | "typescript" | "tsx" | "hcl";

const GRAMMAR_FILES: Partial<Record<GrammarName, string>> = { hcl: "@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm" };

type Runtime = typeof WebTreeSitter;

let runtime: Promise<Runtime> | undefined;
const grammars = new Map<GrammarName, Promise<{ language: Language; parser: Parser }>>();
const queries = new Map<string, Query>();

/**
 * Keeps every grammar on V8's baseline WebAssembly compiler (Liftoff). A grammar's lexer is one huge
 * function (PowerShell's: 372 KB of WebAssembly); once it runs hot, V8 re-compiles it with its
 * optimizing compiler on a background thread, and Node waits for background compile jobs before the
 * process exits. On Node 20 that job takes minutes for the PowerShell lexer (seconds for C#'s), so a
 * scan that parsed one `.ps1` file did not end. A scanner parses each file once: the optimized code
 * would not pay for its compilation (same parse times measured on both tiers). Set before the first
 * grammar compiles; it applies to WebAssembly compiled afterwards in this process (V8 flags are
 * per process), while the runtime module compiled before keeps tiering up.
 */
const BASELINE_WASM_ONLY = "--no-wasm-dynamic-tiering --no-wasm-tier-up";

function loadRuntime(): Promise<Runtime> {
  runtime ??= import("web-tree-sitter").then(async (module) => {
    await module.Parser.init();
    setFlagsFromString(BASELINE_WASM_ONLY);
    return module;
  });
  return runtime;
}

function loadGrammar(name: GrammarName): Promise<{ language: Language; parser: Parser }> {
  let loaded = grammars.get(name);
  if (loaded === undefined) {
    loaded = (async () => {
      const { Language, Parser } = await loadRuntime();
      const path = createRequire(import.meta.url).resolve(GRAMMAR_FILES[name] ?? `@vscode/tree-sitter-wasm/wasm/tree-sitter-${name}.wasm`);
      const language = await Language.load(new Uint8Array(await readFile(path)));
      const parser = new Parser();
      parser.setLanguage(language);
      return { language, parser };
    })();
    grammars.set(name, loaded);
  }
  return loaded;
}

/** The nodes of a child list without its holes (`namedChildren` and `children` may hold nulls). */
export const nodes = (list: readonly (Node | null)[]): Node[] => list.filter((node): node is Node => node !== null);

/** A parsed file and the compiled queries of its grammar. Call `dispose` when done: trees live in WebAssembly memory. */
export interface ParsedSource {
  readonly root: Node;
  /** The compiled form of a query source (compiled once per grammar and thread). */
  query(source: string): Query;
  dispose(): void;
}

/** Parses `text` with grammar `name`, loading the runtime and the grammar on first use. */
export async function parseSource(name: GrammarName, text: string): Promise<ParsedSource> {
  const { language, parser } = await loadGrammar(name);
  const { Query: QueryClass } = await loadRuntime();
  const tree: Tree | null = parser.parse(text);
  if (tree === null) throw new Error(`tree-sitter could not parse the text as ${name}`);
  return {
    root: tree.rootNode,
    query(source) {
      const cacheKey = `${name}\u0000${source}`;
      let compiled = queries.get(cacheKey);
      if (compiled === undefined) {
        compiled = new QueryClass(language, source);
        queries.set(cacheKey, compiled);
      }
      return compiled;
    },
    dispose: () => tree.delete(),
  };
}
