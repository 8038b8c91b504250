import { NotAGitRepositoryError, scanChanges, startChanges } from "../../src/scanner/git/index.js";
import { generateHexKey, generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding } from "./cli-fixture.js";
import { scanOptions, TempRepo } from "./git-fixture.js";

const DATE = "2025-03-01T10:00:00+00:00";

describe("--staged", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.dispose());

  it("reports a staged key and ignores the unstaged edit and untracked files", async () => {
    const staged = generateIdentifiableKey({ random: 1 });
    const unstaged = generateIdentifiableKey({ random: 2 });
    const untracked = generateIdentifiableKey({ random: 3 });
    repo.write("README.md", "# demo\n");
    repo.commit("initial", DATE);
    repo.write(".env", `ENDPOINT=https://demo.openai.azure.com\nAZURE_OPENAI_API_KEY=${staged}\n`);
    repo.git("add", ".env");
    // After staging: the working tree now differs from the index, and an untracked file has a key.
    repo.write(".env", `ENDPOINT=https://demo.openai.azure.com\nAZURE_OPENAI_API_KEY=${staged}\nSECOND_KEY=${unstaged}\n`);
    repo.write("notes.txt", `key ${untracked}\n`);

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([identifiableFinding(staged, ".env", 2, 22)]);
    expect(result.summary).toMatchObject({ filesScanned: 1, findings: 1, suppressed: 0 });
  });

  it("reports the staged version's line numbers, not the working tree's", async () => {
    const key = generateIdentifiableKey({ random: 4 });
    repo.write("app.py", "import os\n\nclient = None\n");
    repo.commit("initial", DATE);
    repo.write("app.py", `import os\n\napi_key = "${key}"\nclient = None\n`);
    repo.git("add", "app.py");
    repo.write("app.py", `# added later, not staged\n# another line\nimport os\n\napi_key = "${key}"\nclient = None\n`);

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([identifiableFinding(key, "app.py", 3, 12)]);
  });

  it("does not report a key on an unchanged line of a staged file, but knows it is there", async () => {
    const key = generateIdentifiableKey({ random: 5 });
    repo.write("settings.env", `AZURE_OPENAI_API_KEY=${key}\nDEBUG=false\n`);
    repo.commit("initial", DATE);
    repo.git("add", "settings.env");
    repo.commit("with key", DATE);
    repo.write("settings.env", `AZURE_OPENAI_API_KEY=${key}\nDEBUG=true\n`);
    repo.git("add", "settings.env");

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([]);
    expect(result.coverage.coversPath("settings.env")).toBe(true);
    expect(result.coverage.coversPath("other.env")).toBe(false);
    expect([...result.coverage.presentFingerprints]).toEqual([identifiableFinding(key, "settings.env", 1, 22).fingerprint]);
  });

  it("reports a 32-hex key staged on an added line with its name as context", async () => {
    const key = generateHexKey(7);
    repo.write("config.env", "REGION=westeurope\n");
    repo.commit("initial", DATE);
    repo.write("config.env", `REGION=westeurope\nAZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", "config.env");

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      ruleId: "azure-ai-legacy-key",
      confidence: "medium",
      path: "config.env",
      line: 2,
      column: 22,
      endLine: 2,
      endColumn: 54,
    });
  });

  it("works before the first commit, and gives paths relative to a subdirectory it runs in", async () => {
    const key = generateIdentifiableKey({ random: 6 });
    repo.write("service/settings.json", `{\n  "apiKey": "${key}"\n}\n`);
    repo.write("web/.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.path("service")));

    expect(result.findings).toEqual([
      identifiableFinding(key, "../web/.env", 1, 22),
      identifiableFinding(key, "settings.json", 2, 14),
    ]);
  });

  it("scans staged UTF-16 text, which git's diff calls binary, as wholly added", async () => {
    const key = generateIdentifiableKey({ random: 8 });
    repo.write("README.md", "# demo\n");
    repo.commit("initial", DATE);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# settings\r\nAZURE_OPENAI_API_KEY=${key}\r\n`, "utf16le")]);
    repo.write("settings.ps1", utf16);
    repo.git("add", "settings.ps1");

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([identifiableFinding(key, "settings.ps1", 2, 22)]);
  });

  it("skips staged binary files and deletions, counting the binary skip", async () => {
    const key = generateIdentifiableKey({ random: 9 });
    repo.write("old.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.commit("initial", DATE);
    repo.git("add", "old.env");
    repo.commit("env", DATE);
    repo.git("rm", "-q", "old.env");
    repo.write("blob.bin", Buffer.concat([Buffer.from(`${key}\n`), Buffer.from([0, 1, 2])]));
    repo.git("add", "blob.bin");

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ path: "blob.bin", reason: "binary" }]);
    expect(result.coverage.coversPath("old.env")).toBe(true);
  });

  it("matches paths git quotes in patches (tab, quote, space, non-ASCII) to their blobs", async () => {
    const key = generateIdentifiableKey({ random: 10 });
    const names = ['tab\there.env', 'quote"d.env', "with space.env", "clé.env"];
    for (const name of names) repo.write(name, `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([
      identifiableFinding(key, "clé.env", 1, 22),
      identifiableFinding(key, 'quote"d.env', 1, 22),
      identifiableFinding(key, "tab\there.env", 1, 22),
      identifiableFinding(key, "with space.env", 1, 22),
    ]);
  });

  it("narrows the staged files to the paths given, taken literally", async () => {
    const key = generateIdentifiableKey({ random: 14 });
    repo.write("app/[id]/page.tsx", `const apiKey = "${key}";\n`);
    repo.write("app/i/page.tsx", `const apiKey = "${key}";\n`);
    repo.write("other.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");

    const result = await scanChanges({ kind: "staged", paths: ["app/[id]/page.tsx"] }, scanOptions(repo.root));
    const absolute = await scanChanges({ kind: "staged", paths: [repo.path("other.env")] }, scanOptions(repo.root));

    expect(result.findings).toEqual([identifiableFinding(key, "app/[id]/page.tsx", 1, 17)]);
    expect(absolute.findings).toEqual([identifiableFinding(key, "other.env", 1, 22)]);
  });

  it("hands over blobs git wrote before the scanner asked for them", async () => {
    const key = generateIdentifiableKey({ random: 15 });
    repo.write("app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");

    const pending = startChanges(repo.root, { kind: "staged" }, { maxFileSize: 1024 });
    // The CLI loads the scanner while git works: git has exited when the blobs are read.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root), pending);

    expect(result.findings).toEqual([identifiableFinding(key, "app.env", 1, 22)]);
  });

  it("reports nothing when nothing is staged", async () => {
    repo.write("README.md", "# demo\n");
    repo.commit("initial", DATE);

    const result = await scanChanges({ kind: "staged" }, scanOptions(repo.root));

    expect(result.findings).toEqual([]);
    expect(result.summary.filesScanned).toBe(0);
  });
});

describe("--staged outside a repository", () => {
  it("fails with a NotAGitRepositoryError naming the directory", async () => {
    const outside = new TempRepo({ init: false });
    try {
      const scanning = scanChanges({ kind: "staged" }, scanOptions(outside.root));
      await expect(scanning).rejects.toThrow(NotAGitRepositoryError);
      await expect(scanning).rejects.toThrow(`--staged needs a git repository, and ${outside.root} is not inside one.`);
    } finally {
      outside.dispose();
    }
  });
});
