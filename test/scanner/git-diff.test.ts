import { GitError, scanChanges } from "../../src/scanner/git/index.js";
import { generateIdentifiableKey } from "../support/synthetic-keys.js";
import { identifiableFinding } from "./cli-fixture.js";
import { scanOptions, TempRepo } from "./git-fixture.js";

const DATE = "2025-03-01T10:00:00+00:00";

describe("--diff", () => {
  let repo: TempRepo;
  let base: string;
  let feature: string;
  /** The finding as --diff reports it: with the commit that added the key. */
  const added = (finding: ReturnType<typeof identifiableFinding>): ReturnType<typeof identifiableFinding> => ({ ...finding, commit: feature, authorDate: DATE });
  const oldKey = generateIdentifiableKey({ random: 11 });
  const removedKey = generateIdentifiableKey({ random: 12 });
  const newKey = generateIdentifiableKey({ random: 13 });

  beforeEach(() => {
    repo = new TempRepo();
    repo.write(".env", `AZURE_OPENAI_API_KEY=${oldKey}\nLEGACY_API_KEY=${removedKey}\n`);
    repo.git("add", ".");
    base = repo.commit("base", DATE);
    repo.git("checkout", "-q", "-b", "feature");
    // The branch keeps the old key, removes one, and adds one further down.
    repo.write(".env", `AZURE_OPENAI_API_KEY=${oldKey}\nREGION=westeurope\nNEW_API_KEY=${newKey}\n`);
    repo.git("add", ".");
    feature = repo.commit("feature", DATE);
  });
  afterEach(() => repo.dispose());

  it("reports only keys on lines added between BASE and HEAD", async () => {
    const result = await scanChanges({ kind: "diff", range: `${base}..HEAD` }, scanOptions(repo.root));

    expect(result.findings).toEqual([added(identifiableFinding(newKey, ".env", 3, 13))]);
  });

  it("compares BASE with HEAD when given BASE alone, and understands BASE...HEAD", async () => {
    const alone = await scanChanges({ kind: "diff", range: "main" }, scanOptions(repo.root));
    const mergeBase = await scanChanges({ kind: "diff", range: "main...feature" }, scanOptions(repo.root));

    expect(alone.findings).toEqual([added(identifiableFinding(newKey, ".env", 3, 13))]);
    expect(mergeBase.findings).toEqual([added(identifiableFinding(newKey, ".env", 3, 13))]);
  });

  it("reads the target revision, not the working tree", async () => {
    repo.write(".env", "EMPTIED=1\n");

    const result = await scanChanges({ kind: "diff", range: `${base}..HEAD` }, scanOptions(repo.root));

    expect(result.findings).toEqual([added(identifiableFinding(newKey, ".env", 3, 13))]);
  });

  it("does not report a key in a file that was only renamed", async () => {
    repo.git("mv", ".env", "prod.env");
    const renamed = repo.commit("rename", DATE);

    const result = await scanChanges({ kind: "diff", range: `${renamed}~1..${renamed}` }, scanOptions(repo.root));

    expect(result.findings).toEqual([]);
  });

  it("covers every commit of BASE..HEAD and BASE...HEAD: a key added, then removed, is reported once at the commit that added it", async () => {
    const transientKey = generateIdentifiableKey({ random: 14 });
    const laterKey = generateIdentifiableKey({ random: 15 });
    repo.write("config/app.env", `# settings\nAZURE_OPENAI_API_KEY=${transientKey}\n`);
    repo.git("add", ".");
    const addedIt = repo.commit("add a key", "2025-03-02T10:00:00+00:00");
    // Moved down one line, then removed: the net diff no longer holds it.
    repo.write("config/app.env", `# settings\n# more\nAZURE_OPENAI_API_KEY=${transientKey}\nSECOND_API_KEY=${laterKey}\n`);
    repo.git("add", ".");
    const movedIt = repo.commit("move it", "2025-03-03T10:00:00+00:00");
    repo.write("config/app.env", `# settings\n# more\nSECOND_API_KEY=${laterKey}\n`);
    repo.git("add", ".");
    repo.commit("remove it", "2025-03-04T10:00:00+00:00");
    repo.git("checkout", "-q", "main");
    repo.write("main-only.txt", "unrelated\n");
    repo.git("add", ".");
    repo.commit("main moves on", "2025-03-05T10:00:00+00:00");
    repo.git("checkout", "-q", "feature");

    const twoDots = await scanChanges({ kind: "diff", range: `${base}..HEAD` }, scanOptions(repo.root));
    const threeDots = await scanChanges({ kind: "diff", range: "main...HEAD" }, scanOptions(repo.root));

    const expected = [
      added(identifiableFinding(newKey, ".env", 3, 13)),
      { ...identifiableFinding(transientKey, "config/app.env", 2, 22), commit: addedIt, authorDate: "2025-03-02T10:00:00+00:00" },
      { ...identifiableFinding(laterKey, "config/app.env", 3, 16), commit: movedIt, authorDate: "2025-03-03T10:00:00+00:00" },
    ];
    expect(twoDots.findings).toEqual(expected);
    expect(threeDots.findings).toEqual(expected);
    expect(twoDots.summary.commitsScanned).toBe(4);
  }, 120_000);

  it("fails with git's own message on an unknown revision", async () => {
    await expect(scanChanges({ kind: "diff", range: "no-such-branch..HEAD" }, scanOptions(repo.root))).rejects.toThrow(
      new GitError("git diff failed: fatal: bad revision 'no-such-branch..HEAD'"),
    );
  });

  it("refuses a range that git would read as an option", async () => {
    await expect(scanChanges({ kind: "diff", range: "--output=/tmp/x" }, scanOptions(repo.root))).rejects.toThrow(
      new RangeError('--diff needs a revision range, got "--output=/tmp/x"'),
    );
  });
});

describe("--diff outside a repository", () => {
  it("fails with a clear message", async () => {
    const outside = new TempRepo({ init: false });
    try {
      await expect(scanChanges({ kind: "diff", range: "main..HEAD" }, scanOptions(outside.root))).rejects.toThrow(
        `--diff needs a git repository, and ${outside.root} is not inside one.`,
      );
    } finally {
      outside.dispose();
    }
  });
});
