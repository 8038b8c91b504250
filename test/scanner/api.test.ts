/** The programmatic API as users import it, through the package's own name (needs `npm run build`). */
import { generateHexKey } from "../support/synthetic-keys.js";
import { TempTree } from "./cli-fixture.js";

describe("eslint-plugin-aoai-keyless/scanner", () => {
  it("exports run, scan, createFragmentScanner and the engine's helpers", async () => {
    const api = await import("eslint-plugin-aoai-keyless/scanner");
    expect(Object.keys(api).sort()).toEqual(
      ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "createFragmentScanner", "detectKeys", "fingerprintSecret", "maskSecret", "run", "scan"].sort(),
    );
  });

  it("runs the CLI without a process: argv in, exit code out, output only to the given streams", async () => {
    const { run } = await import("eslint-plugin-aoai-keyless/scanner");
    const hex = generateHexKey(1301);
    const tree = new TempTree();
    tree.write("app.env", `AZURE_OPENAI_API_KEY=${hex}\n`);
    let stdout = "";
    let stderr = "";
    const code = await run(["-f", "json", "--jobs", "0"], {
      cwd: tree.root,
      env: {},
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    });
    tree.dispose();
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect((JSON.parse(stdout) as { findings: { path: string }[] }).findings.map((finding) => finding.path)).toEqual(["app.env"]);
  });
});
