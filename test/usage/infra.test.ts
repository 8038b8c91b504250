import { describe, expect, it } from "vitest";

import { SameFileBindings } from "../../src/usage/bindings.js";
import { notebookModule } from "../../src/usage/notebook.js";
import { parseSource } from "../../src/usage/tree-sitter.js";

const PY_ASSIGNMENTS = "(assignment left: (identifier) @name right: (_) @value)";
const PY_SCOPES = new Set(["function_definition", "lambda", "class_definition"]);

describe("parseSource", () => {
  it("parses with a prebuilt grammar and compiles a query once per grammar", async () => {
    const parsed = await parseSource("python", "x = f(a=1)\n");
    try {
      expect(parsed.root.type).toBe("module");
      const query = parsed.query("(keyword_argument name: (identifier) @name)");
      expect(parsed.query("(keyword_argument name: (identifier) @name)")).toBe(query);
      expect(query.captures(parsed.root).map((capture) => capture.node.text)).toEqual(["a"]);
    } finally {
      parsed.dispose();
    }
  });

  it("loads every grammar the usage detectors name", async () => {
    for (const [grammar, source, rootType] of [
      ["c-sharp", "class A {}", "compilation_unit"],
      ["java", "class A {}", "program"],
      ["go", "package a", "source_file"],
      ["bash", "echo hi", "program"],
      ["powershell", "Write-Host hi", "program"],
      ["typescript", "let a = 1;", "program"],
    ] as const) {
      const parsed = await parseSource(grammar, source);
      expect(parsed.root.type).toBe(rootType);
      parsed.dispose();
    }
  });
});

describe("SameFileBindings", () => {
  const source = [
    'key = "module"', // 0
    "def f():",
    '    key = "local"',
    "    use(key)",
    "def g():",
    "    use(key)",
    "    use(late)",
    'late = "after"',
    "a = b",
    "b = a",
    "use(a)",
    "",
  ].join("\n");

  async function valueAt(marker: string, occurrence = 0): Promise<string | undefined> {
    const parsed = await parseSource("python", source);
    try {
      const bindings = new SameFileBindings(parsed.root, parsed.query(PY_ASSIGNMENTS), PY_SCOPES);
      let at = -1;
      for (let count = 0; count <= occurrence; count += 1) at = source.indexOf(marker, at + 1);
      const node = parsed.root.descendantForIndex(at + marker.indexOf("(") + 1);
      if (node === null) throw new Error(`no node at ${marker}`);
      return bindings.follow(node, (candidate) => (candidate.type === "identifier" ? candidate.text : undefined)).text;
    } finally {
      parsed.dispose();
    }
  }

  it("prefers the innermost scope's last binding before the use", async () => {
    expect(await valueAt("use(key)", 0)).toBe('"local"');
    expect(await valueAt("use(key)", 1)).toBe('"module"');
  });

  it("takes a module constant bound below the function that reads it", async () => {
    expect(await valueAt("use(late)")).toBe('"after"');
  });

  it("stops on cycles", async () => {
    expect(["a", "b"]).toContain(await valueAt("use(a)"));
  });
});

describe("notebookModule", () => {
  it("joins code cells, skips markdown, blanks magics and maps offsets to the notebook", () => {
    const notebook = JSON.stringify(
      {
        cells: [
          { cell_type: "code", metadata: {}, outputs: [{ output_type: "stream", text: ["import x\n"] }], source: ["%pip install x\n", "import x\n"] },
          { cell_type: "markdown", metadata: {}, source: ["call(\"md\")"] },
          { cell_type: "code", metadata: {}, outputs: [], source: ["call(\"a\tb\")"] },
        ],
      },
      null,
      1,
    );
    const module = notebookModule(notebook);
    expect(module?.text).toBe('              \nimport x\n\ncall("a\tb")');
    const callOffset = module?.offsets[module.text.indexOf("call")] ?? -1;
    expect(notebook.slice(callOffset, callOffset + 4)).toBe("call");
    const tabOffset = module?.offsets[module.text.indexOf("\t")] ?? -1;
    expect(notebook.slice(tabOffset, tabOffset + 2)).toBe("\\t");
    expect(module?.offsets).toHaveLength((module?.text.length ?? 0) + 1);
  });

  it("is undefined for invalid JSON or a notebook without code", () => {
    expect(notebookModule("{")).toBeUndefined();
    expect(notebookModule('{"cells": [{"cell_type": "markdown", "source": "x"}]}')).toBeUndefined();
  });
});

describe("notebookModule with empty cells", () => {
  it("skips a cell whose source is an empty list", () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: [] }, { cell_type: "code", source: ["x = 1"] }] });
    expect(notebookModule(notebook)?.text).toBe("x = 1");
  });
});
