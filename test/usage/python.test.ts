/** The Python usage detector and its --fix, end to end through the built CLI on fixture trees. */
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, describe, expect, it } from "vitest";

/** Each case runs the CLI a few times (and python3); a loaded machine needs more than the default. */
const SLOW = { timeout: 120_000 };

import type { UsageFinding } from "../../src/scanner/types.js";
import { runCli, TempTree } from "../scanner/cli-fixture.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/usage/python", import.meta.url));
const SEED = fileURLToPath(new URL("../fixtures/usage/python-seed", import.meta.url));

function fixtureTree(source = FIXTURES): TempTree {
  const tree = new TempTree();
  cpSync(source, tree.root, { recursive: true });
  return tree;
}

function findings(tree: TempTree, ...args: string[]): UsageFinding[] {
  const run = runCli(tree.root, ["-f", "json", ...args]);
  return (JSON.parse(run.stdout) as { findings: UsageFinding[] }).findings;
}

/** One line per finding: where, what, key source, endpoint, and the fix or why there is none. */
function summarize(finding: UsageFinding): string {
  const noFix = /No automatic fix: (.*?)\.(?: |$)/.exec(finding.message)?.[1];
  const fix = finding.fix === undefined ? (noFix === undefined ? "" : ` no fix: ${noFix}`) : " fix";
  return `${finding.path}:${finding.line}:${finding.column} ${finding.client} key=${finding.keySource ?? "?"} endpoint=${finding.endpoint ?? "?"}${fix}`;
}

function pythonFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".py"))
    .map((file) => path.join(root, file));
}

const EXPECTED = [
  "async_client.py:7:14 openai.AsyncAzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT fix",
  "langchain_clients.py:7:7 langchain_openai.AzureChatOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT fix",
  "langchain_clients.py:11:14 langchain_openai.AzureOpenAIEmbeddings (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT fix",
  "langchain_clients.py:12:13 langchain_community.AzureChatOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT",
  "legacy_globals.py:8:1 openai module globals (Python, openai < 1.0) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT",
  "name_clash.py:8:10 openai.AzureOpenAI (Python) key=literal endpoint=env:AZURE_OPENAI_ENDPOINT no fix: the name `get_bearer_token_provider` already means something else in this module",
  "notebook.ipynb:38:15 openai.AzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT no fix: --fix does not rewrite notebooks",
  "openai_clients.py:12:11 openai.AzureOpenAI (Python) key=literal endpoint=https://contoso.openai.azure.com/ no fix: the name `token_provider` is already used in this module",
  "openai_clients.py:13:17 openai.AzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT no fix: the name `token_provider` is already used in this module",
  "openai_clients.py:14:12 openai.AzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT no fix: the name `token_provider` is already used in this module",
  "openai_clients.py:18:6 openai.OpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint={ENDPOINT}openai/v1/",
  "other_sdks.py:11:7 llama_index.AzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=https://contoso.openai.azure.com/",
  "other_sdks.py:12:9 llama_index.AzureOpenAIEmbedding (Python) key=env:AZURE_OPENAI_API_KEY endpoint=https://contoso.openai.azure.com/",
  "other_sdks.py:14:8 semantic_kernel.AzureChatCompletion (Python) key=env:AZURE_OPENAI_API_KEY endpoint=https://contoso.openai.azure.com/",
  "other_sdks.py:17:13 azure.ai.inference.ChatCompletionsClient (Python) key=env:AZURE_INFERENCE_KEY endpoint=https://contoso.services.ai.azure.com/models",
  "other_sdks.py:18:14 azure.ai.inference.ChatCompletionsClient (Python) key=? endpoint=https://contoso.services.ai.azure.com/models",
  "other_sdks.py:21:12 azure.ai.textanalytics.TextAnalyticsClient (Python) key=env:LANGUAGE_KEY endpoint=https://contoso.cognitiveservices.azure.com/",
  "tests/test_client.py:6:16 openai.AzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT fix",
  "unfixable.py:7:14 openai.AzureOpenAI (Python) key=env:AZURE_OPENAI_API_KEY endpoint=env:AZURE_OPENAI_ENDPOINT no fix: `key` is also used elsewhere in this module",
  "unfixable.py:8:98 api-key header (Python) key=env:AZURE_OPENAI_API_KEY endpoint=contoso.openai.azure.com",
  "unfixable.py:10:9 openai.AzureOpenAI (Python) key=literal endpoint=env:AZURE_OPENAI_ENDPOINT no fix: a `**` splat may carry a key or a token provider",
];

describe("usage-python: findings", () => {
  let tree: TempTree | undefined;
  afterEach(() => tree?.dispose());

  it("reports every key-authenticated client of the fixtures and nothing else (keyless, plain OpenAI, GitHub Models, lookalikes, comments, test doubles)", SLOW, () => {
    tree = fixtureTree();
    const reported = findings(tree);
    expect(reported.map(summarize)).toEqual(EXPECTED);
    expect(new Set(reported.map((finding) => `${finding.category} ${finding.ruleId} ${finding.severity} ${finding.language}`))).toEqual(
      new Set(["usage python-key-auth-client warning Python", "usage python-api-key-header warning Python"]),
    );
  });

  it("says where the key comes from, what to do, and the langchain env-var trap", SLOW, () => {
    tree = fixtureTree();
    const reported = findings(tree);
    const message = (location: string): string | undefined => reported.find((finding) => `${finding.path}:${finding.line}` === location)?.message;
    expect(message("openai_clients.py:12")).toBe(
      'openai.AzureOpenAI (Python) authenticates with a key written in the code. Use Microsoft Entra ID: pass `azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")` (azure.identity) instead of a key. No automatic fix: the name `token_provider` is already used in this module.',
    );
    expect(message("langchain_clients.py:7")).toBe(
      "langchain_openai.AzureChatOpenAI (Python) is given no credential, so the SDK authenticates with the key in `AZURE_OPENAI_API_KEY` or `OPENAI_API_KEY`. Use Microsoft Entra ID: pass `azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), ...)` instead of a key. `aoai-key-scan --fix` rewrites it. After the fix, langchain_openai reads `AZURE_OPENAI_API_KEY` (or `OPENAI_API_KEY`) itself and passes it along with the token provider, which openai-python releases after 3.3.1 reject as mutually exclusive: remove both from env files and app settings.",
    );
    expect(message("other_sdks.py:17")).toBe(
      "azure.ai.inference.ChatCompletionsClient (Python) authenticates with an `AzureKeyCredential` from env `AZURE_INFERENCE_KEY`. Use Microsoft Entra ID: pass a token credential (`DefaultAzureCredential()` from azure.identity) instead of `AzureKeyCredential`.",
    );
  });

  it("exits 0 on usage warnings alone, 1 with --fail-on warning", SLOW, () => {
    tree = fixtureTree();
    expect(runCli(tree.root, ["async_client.py"]).status).toBe(0);
    expect(runCli(tree.root, ["--fail-on", "warning", "async_client.py"]).status).toBe(1);
    expect(runCli(tree.root, ["--fail-on", "warning", "lookalikes.py", "legacy_keyless.py"]).status).toBe(0);
  });

  it("runs no usage detector when the config leaves the category out", SLOW, () => {
    tree = fixtureTree();
    tree.write("aoai-key-scan.config.json", JSON.stringify({ categories: ["leak"] }));
    expect(findings(tree)).toEqual([]);
  });
});

describe("usage-python: --fix", () => {
  let tree: TempTree | undefined;
  afterEach(() => tree?.dispose());

  it("rewrites the seed program to the article's keyless version", SLOW, () => {
    tree = fixtureTree(SEED);
    const run = runCli(tree.root, ["--fix", "before.py"]);
    expect(run.stderr).toBe("aoai-key-scan: fixed 1 finding in 1 file\n");
    expect(run.status).toBe(0);
    // The article's spacing differs (`DefaultAzureCredential,get_bearer_token_provider`); the code is the same.
    const code = (file: string): string => readFileSync(path.join(tree?.root ?? "", file), "utf8").replace(/[ \t]+/g, "");
    expect(code("before.py")).toBe(code("after.py"));
    execFileSync("python3", ["-m", "py_compile", path.join(tree.root, "before.py")]);
  });

  it("fixes what it can, compiles, reports what is left, and a second run changes nothing", SLOW, () => {
    tree = fixtureTree();
    const run = runCli(tree.root, ["--fix", "-f", "json"]);
    expect(run.stderr).toBe("aoai-key-scan: fixed 4 findings in 3 files\n");
    const left = (JSON.parse(run.stdout) as { findings: UsageFinding[] }).findings.map(summarize);
    expect(left).toEqual(EXPECTED.filter((line) => !line.endsWith(" fix")));
    execFileSync("python3", ["-m", "py_compile", ...pythonFiles(tree.root)]);
    expect(readFileSync(path.join(tree.root, "async_client.py"), "utf8")).toBe(
      [
        "import os",
        "",
        "from openai import AsyncAzureOpenAI",
        "from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider",
        "cred = DefaultAzureCredential()",
        'token_provider = get_bearer_token_provider(cred, "https://cognitiveservices.azure.com/.default")',
        "",
        "",
        "async def main() -> None:",
        "    client = AsyncAzureOpenAI(",
        "        azure_ad_token_provider=token_provider,",
        '        api_version="2024-06-01",',
        '        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],',
        "    )",
        "    await client.close()",
        "",
      ].join("\n"),
    );
    expect(readFileSync(path.join(tree.root, "langchain_clients.py"), "utf8")).toBe(
      [
        "import os",
        "",
        "import langchain_openai",
        "from langchain_community.chat_models import AzureChatOpenAI as CommunityChat",
        "from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings",
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider",
        "cred = DefaultAzureCredential()",
        'token_provider = get_bearer_token_provider(cred, "https://cognitiveservices.azure.com/.default")',
        "",
        "llm = AzureChatOpenAI(",
        "    azure_ad_token_provider=token_provider,",
        '    azure_deployment="gpt-4o",',
        '    api_version="2024-06-01",',
        ")",
        'embeddings = AzureOpenAIEmbeddings(model="text-embedding-3-small", azure_ad_token_provider=token_provider)',
        'community = CommunityChat(openai_api_key=os.getenv("AZURE_OPENAI_API_KEY"), deployment_name="gpt-35-turbo")',
        'keyless = langchain_openai.AzureChatOpenAI(azure_ad_token_provider=provider_from_elsewhere, azure_deployment="gpt-4o")',
        "",
      ].join("\n"),
    );
    const again = runCli(tree.root, ["--fix-dry-run"]);
    expect(again).toMatchObject({ stdout: "", stderr: "aoai-key-scan: --fix-dry-run: would fix 0 findings in 0 files\n" });
  });

  it("--fix-dry-run prints a diff that git apply turns into what --fix writes", SLOW, () => {
    tree = fixtureTree();
    const dry = runCli(tree.root, ["--fix-dry-run"]);
    expect(dry.stderr).toBe("aoai-key-scan: --fix-dry-run: would fix 4 findings in 3 files\n");
    expect(dry.stdout).toContain('-    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n+    azure_ad_token_provider=token_provider,\n'.replaceAll("    ", "        "));
    const applied = fixtureTree();
    try {
      execFileSync("git", ["apply", "-"], { cwd: applied.root, input: dry.stdout });
      runCli(tree.root, ["--fix"]);
      for (const file of pythonFiles(tree.root)) {
        expect(readFileSync(path.join(applied.root, path.relative(tree.root, file)), "utf8")).toBe(readFileSync(file, "utf8"));
      }
    } finally {
      applied.dispose();
    }
  });
});
