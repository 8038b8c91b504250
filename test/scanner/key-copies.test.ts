/** A value confirmed as a key in one place is reported wherever else it appears, in the tree and in history. */
import { maskSecret } from "../../src/detect/index.js";
import { scanHistory } from "../../src/scanner/git/index.js";
import type { LeakFinding } from "../../src/scanner/types.js";
import { generateHexKey } from "../support/synthetic-keys.js";
import { ADVICE, hexFinding, jsonReport, runCli, TempTree } from "./cli-fixture.js";
import { scanOptions, TempRepo } from "./git-fixture.js";

const hexKey = generateHexKey(1101);
const unconfirmed = generateHexKey(1102);

/** A copy of `key` at `file:line:column`, confirmed at `where`: a bound hex key's finding with the copy's message. */
function copyFinding(key: string, file: string, line: number, column: number, where: string, service = "Azure OpenAI"): LeakFinding {
  return {
    ...hexFinding(key, file, line, column, "", service),
    message: `${service} key \`${maskSecret(key)}\` (the same value is confirmed as a key at ${where}). ${ADVICE}`,
  };
}

describe("a confirmed key everywhere", () => {
  const files = {
    "app/config.py": `AZURE_OPENAI_API_KEY = "${hexKey}"\nOTHER = "${unconfirmed}"\n`,
    "docs/setup.md": `| setting | value |\n| --- | --- |\n| key | ${hexKey} |\n| other | ${unconfirmed} |\n`,
    "scripts/old.sh": `#!/bin/sh\n# curl -d @body.json ${hexKey}\n`,
    "settings.json": `{ "token": "${hexKey}" }\n`,
  };

  it.each([{ jobs: "0" }, { jobs: "2" }])("reports the copies in prose, comments and settings at the confirmation's confidence (--jobs $jobs)", ({ jobs }) => {
    const tree = new TempTree();
    for (const [file, content] of Object.entries(files)) tree.write(file, content);
    const run = runCli(tree.root, ["-f", "json", "--jobs", jobs]);
    tree.dispose();

    expect(run.stdout).not.toContain(hexKey);
    expect(run.status).toBe(1);
    expect(jsonReport(run).findings).toEqual([
      hexFinding(hexKey, "app/config.py", 1, 25, "AZURE_OPENAI_API_KEY"),
      copyFinding(hexKey, "docs/setup.md", 3, 9, "app/config.py:1"),
      copyFinding(hexKey, "scripts/old.sh", 2, 22, "app/config.py:1"),
      copyFinding(hexKey, "settings.json", 1, 13, "app/config.py:1"),
    ]);
  });

  it("respects inline allow comments on a copy", () => {
    const tree = new TempTree();
    tree.write("a.env", `AZURE_OPENAI_API_KEY=${hexKey}\n`);
    tree.write("b.txt", `${hexKey} aoai-key-scan:allow\n`);
    const run = runCli(tree.root, ["-f", "json", "--jobs", "0"]);
    tree.dispose();

    expect(jsonReport(run).findings).toEqual([hexFinding(hexKey, "a.env", 1, 22, "AZURE_OPENAI_API_KEY")]);
  });

  it("does not confirm a value from a generic name or a host alone", () => {
    const tree = new TempTree();
    tree.write("a.py", `key = "${hexKey}"\nendpoint = "https://x.openai.azure.com"\n`);
    tree.write("b.txt", `${hexKey}\n`);
    const run = runCli(tree.root, ["-f", "json", "--jobs", "0"]);
    tree.dispose();

    expect(jsonReport(run).findings.map((finding) => `${finding.path}:${finding.line}`)).toEqual(["a.py:1"]);
  });
});

describe("a confirmed key everywhere in history", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.dispose());

  it("reports a copy committed before the confirmation, at the commit that added the copy", async () => {
    repo.write("notes.md", `Keys:\n${hexKey}\n`);
    repo.git("add", ".");
    const first = repo.commit("notes", "2024-03-01T10:00:00+00:00");
    repo.write("speech.env", `SPEECH_KEY=${hexKey}\n`);
    repo.git("add", ".");
    const second = repo.commit("env", "2024-03-02T10:00:00+00:00");

    const result = await scanHistory(undefined, scanOptions(repo.root));

    expect(result.findings).toEqual([
      { ...copyFinding(hexKey, "notes.md", 2, 1, "speech.env:1", "Speech"), commit: first, authorDate: "2024-03-01T10:00:00+00:00" },
      { ...hexFinding(hexKey, "speech.env", 1, 12, "SPEECH_KEY", "Speech"), commit: second, authorDate: "2024-03-02T10:00:00+00:00" },
    ]);
  });
});
