import { afterEach, describe, expect, it } from "vitest";

import { runCli, TempTree } from "../cli-fixture.js";

describe("aoai-key-scan --fix / --fix-dry-run", () => {
  let tree: TempTree | undefined;
  afterEach(() => tree?.dispose());

  it("refuses git modes and the two flags together with exit 2", () => {
    tree = new TempTree();
    for (const mode of [["--staged"], ["--diff", "main"], ["--history"]]) {
      expect(runCli(tree.root, [...mode, "--fix"])).toMatchObject({
        status: 2,
        stderr: "aoai-key-scan: --fix and --fix-dry-run rewrite files of a directory scan; they do not work with --staged, --diff or --history.\n",
      });
    }
    expect(runCli(tree.root, ["--history", "--fix-dry-run"]).status).toBe(2);
    expect(runCli(tree.root, ["--fix", "--fix-dry-run"])).toMatchObject({ status: 2, stderr: "aoai-key-scan: use either --fix or --fix-dry-run, not both.\n" });
  });

  it("changes nothing and says so when nothing can be fixed", () => {
    tree = new TempTree();
    tree.write("app.py", "print('hello')\n");
    expect(runCli(tree.root, ["--fix-dry-run"])).toEqual({ status: 0, stdout: "", stderr: "aoai-key-scan: --fix-dry-run: would fix 0 findings in 0 files\n" });
    const fixed = runCli(tree.root, ["--fix"]);
    expect(fixed.status).toBe(0);
    expect(fixed.stderr).toBe("aoai-key-scan: fixed 0 findings in 0 files\n");
    expect(fixed.stdout).toContain("no keys found");
  });
});
