import { GitError, scanHistory } from "../../src/scanner/git/index.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding } from "./cli-fixture.js";
import { scanOptions, TempRepo } from "./git-fixture.js";

describe("--history", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.dispose());

  it("reports a key added, kept, then removed once, at the commit that added it", async () => {
    const key = generateIdentifiableKey({ random: 21 });
    repo.write("README.md", "# demo\n");
    repo.commit("initial", "2024-01-01T09:00:00+01:00");
    repo.git("add", "README.md");
    repo.commit("readme", "2024-01-01T09:00:00+01:00");
    repo.write("src/client.py", `import os\n\nclient = AzureOpenAI(api_key="${key}")\n`);
    repo.git("add", ".");
    const added = repo.commit("add client", "2024-02-03T10:20:30+01:00");
    repo.write("src/client.py", `import os\nimport sys\n\nclient = AzureOpenAI(api_key="${key}")\n`);
    repo.git("add", ".");
    repo.commit("touch client", "2024-02-04T10:00:00+01:00");
    repo.write("src/client.py", "import os\nimport sys\n\nclient = AzureOpenAI(azure_ad_token_provider=provider)\n");
    repo.git("add", ".");
    repo.commit("remove key", "2024-02-05T10:00:00+01:00");

    const result = await scanHistory(undefined, scanOptions(repo.root));

    expect(result.findings).toEqual([
      { ...identifiableFinding(key, "src/client.py", 3, 31), commit: added, authorDate: "2024-02-03T10:20:30+01:00" },
    ]);
    expect(result.summary.commitsScanned).toBe(4);
  });

  it("reports a key removed and added back once, and the same key in another file again", async () => {
    const key = generateIdentifiableKey({ random: 22 });
    repo.write(".env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");
    const first = repo.commit("add", "2024-03-01T00:00:00+00:00");
    repo.write(".env", "AZURE_OPENAI_API_KEY=\n");
    repo.git("add", ".");
    repo.commit("remove", "2024-03-02T00:00:00+00:00");
    repo.write(".env", `# restored\nAZURE_OPENAI_API_KEY=${key}\n`);
    repo.write("deploy/app.env", `AZURE_OPENAI_API_KEY=${key}\n`);
    repo.git("add", ".");
    const copied = repo.commit("restore and copy", "2024-03-03T00:00:00+00:00");

    const result = await scanHistory(undefined, scanOptions(repo.root));

    expect(result.findings).toEqual([
      { ...identifiableFinding(key, ".env", 1, 22), commit: first, authorDate: "2024-03-01T00:00:00+00:00" },
      { ...identifiableFinding(key, "deploy/app.env", 1, 22), commit: copied, authorDate: "2024-03-03T00:00:00+00:00" },
    ]);
  });

  it("scans only the commits of a range, with the line numbers of each commit's version", async () => {
    const early = generateIdentifiableKey({ random: 23 });
    const late = generateIdentifiableKey({ random: 24 });
    repo.write("config.yaml", `openai:\n  api_key: ${early}\n`);
    repo.git("add", ".");
    const start = repo.commit("early", "2024-04-01T00:00:00+00:00");
    repo.write("config.yaml", `openai:\n  api_key: ${early}\n  endpoint: https://demo.openai.azure.com\n  backup_key: ${late}\n`);
    repo.git("add", ".");
    const lateCommit = repo.commit("late", "2024-04-02T00:00:00+00:00");

    const result = await scanHistory(`${start}..HEAD`, scanOptions(repo.root));

    expect(result.findings).toEqual([
      { ...identifiableFinding(late, "config.yaml", 4, 15), commit: lateCommit, authorDate: "2024-04-02T00:00:00+00:00" },
    ]);
    expect(result.summary.commitsScanned).toBe(1);
  });

  it("does not confuse added lines that look like diff headers with headers", async () => {
    const key = generateIdentifiableKey({ random: 25 });
    repo.write("notes.md", `++ b/fake\ndiff --git a/x b/x\n@@ -1 +1 @@\napi_key: ${key}\n`);
    repo.git("add", ".");
    const commit = repo.commit("tricky", "2024-05-01T00:00:00+00:00");

    const result = await scanHistory(undefined, scanOptions(repo.root));

    expect(result.findings).toEqual([
      { ...identifiableFinding(key, "notes.md", 4, 10), commit, authorDate: "2024-05-01T00:00:00+00:00" },
    ]);
  });

  it("counts binary files once per path, whatever the number of commits changing them", async () => {
    repo.write("logo.dat", Buffer.from([0, 1, 2, 3]));
    repo.write("notes.md", "# notes\n");
    repo.git("add", ".");
    repo.commit("binary", "2024-06-01T00:00:00+00:00");
    repo.write("logo.dat", Buffer.from([0, 1, 2, 4]));
    repo.git("add", ".");
    repo.commit("binary again", "2024-06-02T00:00:00+00:00");

    const result = await scanHistory(undefined, scanOptions(repo.root));

    expect(result.skipped).toEqual([{ path: "logo.dat", reason: "binary" }]);
    expect(result.summary.skipped.binary).toBe(1);
    expect(result.summary.filesScanned).toBe(1);
  });

  it("fails clearly in a repository without commits", async () => {
    await expect(scanHistory(undefined, scanOptions(repo.root))).rejects.toThrow(
      new GitError("--history: the repository has no commits yet (HEAD does not name a commit)"),
    );
  });

  it("fails with git's message on an unknown range", async () => {
    repo.write("README.md", "# demo\n");
    repo.git("add", ".");
    repo.commit("initial", "2024-01-01T00:00:00+00:00");

    await expect(scanHistory("v9.9.9..HEAD", scanOptions(repo.root))).rejects.toThrow(
      new GitError("git rev-list failed: fatal: bad revision 'v9.9.9..HEAD'"),
    );
  });
});

describe("--history outside a repository", () => {
  it("fails with a clear message", async () => {
    const outside = new TempRepo({ init: false });
    try {
      await expect(scanHistory(undefined, scanOptions(outside.root))).rejects.toThrow(
        `--history needs a git repository, and ${outside.root} is not inside one.`,
      );
    } finally {
      outside.dispose();
    }
  });
});
