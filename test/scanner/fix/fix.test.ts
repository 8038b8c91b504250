import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { planFileFixes } from "../../../src/scanner/fix/plan.js";
import { unifiedDiff } from "../../../src/scanner/fix/unified-diff.js";
import type { TextEdit } from "../../../src/scanner/types.js";

interface Item {
  readonly name: string;
  readonly fix?: { readonly edits: readonly TextEdit[]; readonly description: string };
}

const item = (name: string, ...edits: TextEdit[]): Item => ({ name, fix: { edits, description: name } });

describe("planFileFixes", () => {
  const text = "import a\n\nx = f(key=1)\ny = f(key=2)\n";

  it("applies identical edits once and every fix whole", () => {
    const importEdit = { start: 8, end: 8, text: "\nimport b" };
    const first = item("first", importEdit, { start: 16, end: 21, text: "tok=t" });
    const second = item("second", importEdit, { start: 29, end: 34, text: "tok=t" });
    const plan = planFileFixes(text, [first, second]);
    expect(plan.text).toBe("import a\nimport b\n\nx = f(tok=t)\ny = f(tok=t)\n");
    expect(plan.fixed.map((fixed) => fixed.name)).toEqual(["first", "second"]);
    expect(plan.conflicting).toEqual([]);
  });

  it("drops the later fix whole when one of its edits overlaps a different edit", () => {
    const first = item("first", { start: 16, end: 21, text: "tok=t" });
    const second = item("second", { start: 0, end: 0, text: "# added\n" }, { start: 18, end: 20, text: "other" });
    const third = item("third", { start: 8, end: 8, text: "\nimport b" });
    const fourth = item("fourth", { start: 8, end: 8, text: "\nimport c" });
    const plan = planFileFixes(text, [first, second, third, fourth]);
    expect(plan.text).toBe("import a\nimport b\n\nx = f(tok=t)\ny = f(key=2)\n");
    expect(plan.fixed.map((fixed) => fixed.name)).toEqual(["first", "third"]);
    expect(plan.conflicting.map((fixed) => fixed.name)).toEqual(["second", "fourth"]);
  });

  it("refuses edits outside the text and ignores items without a fix", () => {
    const plan = planFileFixes(text, [item("outside", { start: 5, end: 500, text: "" }), { name: "none" } as Item]);
    expect(plan.text).toBe(text);
    expect(plan.conflicting.map((fixed) => fixed.name)).toEqual(["outside"]);
  });
});

describe("unifiedDiff", () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  function gitApplies(before: string, diff: string, after: string): void {
    directory = mkdtempSync(join(tmpdir(), "fix-diff-"));
    writeFileSync(join(directory, "file.py"), before);
    writeFileSync(join(directory, "change.diff"), diff);
    execFileSync("git", ["apply", "--unsafe-paths", "change.diff"], { cwd: directory });
    expect(readFileSync(join(directory, "file.py"), "utf8")).toBe(after);
  }

  it("prints hunks with three lines of context that git apply reads", () => {
    const lines = Array.from({ length: 30 }, (_, index) => `line${index + 1}`);
    const before = `${lines.join("\n")}\n`;
    const edits = [
      { start: before.indexOf("line2\n") + 5, end: before.indexOf("line2\n") + 5, text: "\ninserted" },
      { start: before.indexOf("line20"), end: before.indexOf("line20") + 6, text: "changed20" },
      { start: before.indexOf("line23"), end: before.indexOf("line23") + 6, text: "changed23" },
    ];
    const after = planFileFixes(before, [item("all", ...edits)]).text;
    const diff = unifiedDiff("src/file.py", before, edits);
    expect(diff).toBe(
      [
        "--- a/src/file.py",
        "+++ b/src/file.py",
        "@@ -1,5 +1,6 @@",
        " line1",
        " line2",
        "+inserted",
        " line3",
        " line4",
        " line5",
        "@@ -17,10 +18,10 @@",
        " line17",
        " line18",
        " line19",
        "-line20",
        "+changed20",
        " line21",
        " line22",
        "-line23",
        "+changed23",
        " line24",
        " line25",
        " line26",
        "",
      ].join("\n"),
    );
    gitApplies(before, diff.replaceAll("src/file.py", "file.py"), after);
  });

  it("marks a last line without newline, keeps CRLF and escapes control characters", () => {
    const before = "a\r\nb\u001b[31m\r\nlast";
    const edits = [{ start: before.length, end: before.length, text: "\r\nadded" }];
    expect(unifiedDiff("f.py", before, edits)).toBe(
      "--- a/f.py\n+++ b/f.py\n@@ -1,3 +1,4 @@\n a\r\n b\\x1b[31m\r\n-last\n\\ No newline at end of file\n+last\r\n+added\n\\ No newline at end of file\n",
    );
  });

  it("is empty without edits", () => {
    expect(unifiedDiff("f.py", "x\n", [])).toBe("");
  });
});
