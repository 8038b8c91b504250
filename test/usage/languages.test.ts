import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { DETECTOR_IDS } from "../../src/detect/index.js";
import { FINDING_DETECTORS } from "../../src/scanner/detectors/index.js";
import { createFragmentScanner } from "../../src/scanner/scan-fragment.js";
import type { UsageFinding } from "../../src/scanner/types.js";

const scanFragment = createFragmentScanner(
  { categories: ["usage"], detectors: DETECTOR_IDS, maxFileSize: 1 << 20, allowFingerprints: [], allowValues: [] },
  FINDING_DETECTORS,
);

/** Each usage finding of a fixture as `line:column-endLine:endColumn ruleId | client | keySource | endpoint`. */
async function summarise(fixture: string, text = readFileSync(fileURLToPath(new URL(`../fixtures/usage/${fixture}`, import.meta.url)), "utf8")): Promise<string[]> {
  const { findings } = await scanFragment({ path: `src/${fixture}`, text });
  return (findings as UsageFinding[]).map(
    (finding) =>
      `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.ruleId} | ${finding.client} | ${finding.keySource ?? "-"} | ${finding.endpoint ?? "-"}`,
  );
}

describe("usage findings in C#, Java, Go, shell and PowerShell", () => {
  it("C#: key credentials, the env fallback, Semantic Kernel apiKey and the OpenAI library on Azure; not keyless, platform, GitHub Models, comments or lookalikes", async () => {
    expect(await summarise("csharp/Quickstart.cs")).toEqual([
      "10:27-10:78 csharp-api-key-client | Azure.AI.OpenAI.AzureOpenAIClient (C#) | env:AZURE_OPENAI_API_KEY | env:AZURE_OPENAI_ENDPOINT",
      "13:23-13:46 csharp-api-key-client | Azure.AI.OpenAI.AzureOpenAIClient (C#) | env:AZURE_OPENAI_API_KEY | env:AZURE_OPENAI_ENDPOINT",
      "19:15-19:100 csharp-api-key-client | Azure.AI.OpenAI.AzureOpenAIClient (C#) | literal | contoso.openai.azure.com",
    ]);
    expect(await summarise("csharp/Kernel.cs")).toEqual([
      "11:9-14:58 csharp-api-key-client | Semantic Kernel AddAzureOpenAIChatCompletion (C#) | config:AzureOpenAI:ApiKey | config:AzureOpenAI:Endpoint",
      "15:9-15:171 csharp-api-key-client | Semantic Kernel AddAzureOpenAITextEmbeddingGeneration (C#) | config:AzureOpenAI:ApiKey | contoso.openai.azure.com",
    ]);
    expect(await summarise("csharp/OpenAiV1.cs")).toEqual([
      "6:15-6:127 csharp-api-key-client | OpenAI.OpenAIClient on Azure (C#) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
    ]);
    expect(await summarise("csharp/Lookalike.cs")).toEqual([]);
    expect(await summarise("csharp/TargetTyped.cs")).toEqual([
      "10:23-10:60 csharp-api-key-client | Azure.AI.OpenAI.OpenAIClient (C#, 1.0.0-beta) | env:AZURE_OPENAI_API_KEY | env:AZURE_OPENAI_ENDPOINT",
      "11:18-11:86 csharp-api-key-client | Azure.AI.OpenAI.Assistants.AssistantsClient (C#, 1.0.0-beta) | env:AZURE_OPENAI_API_KEY | env:AZURE_OPENAI_ENDPOINT",
    ]);
  });

  it("C#: messages name the construct, the credential and the key's source", async () => {
    const { findings } = await scanFragment({
      path: "Program.cs",
      text: 'using Azure.AI.OpenAI;\nvar credential = new DefaultAzureCredential();\nvar a = new AzureOpenAIClient(new Uri(e), credential);\nvar b = new AzureOpenAIClient(new Uri(e), new AzureKeyCredential(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY")));\n',
    });
    expect(findings.map((finding) => `${finding.line} ${finding.message}`)).toEqual([
      "4 `AzureOpenAIClient` authenticates with an `AzureKeyCredential` (key from `env:AZURE_OPENAI_API_KEY`). Pass a Microsoft Entra ID credential such as `new DefaultAzureCredential()` (Azure.Identity).",
    ]);
  });

  it("C#: key headers on HttpClient, HttpRequestMessage and RestSharp requests, with the URL from BaseAddress or the request; not bearer tokens, other headers or comments", async () => {
    expect(await summarise("csharp/RestCalls.cs")).toEqual([
      "13:9-13:112 csharp-api-key-header | api-key header (C#) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "16:9-16:64 csharp-api-key-header | api-key header (C#) | variable:key | -",
      "17:9-17:79 csharp-api-key-header | Authorization: Bearer header (C#) | variable:AzureOpenAIKey | -",
    ]);
  });

  it("Java: AzureKeyCredential builders and openai-java key credentials; not DefaultAzureCredential, KeyCredential or the platform", async () => {
    expect(await summarise("java/Chat.java")).toEqual([
      "13:16-16:27 java-api-key-client | com.azure.ai.openai.OpenAIClientBuilder (Java) | env:AZURE_OPENAI_KEY | contoso.openai.azure.com",
      "29:16-32:21 java-api-key-client | openai-java OpenAIOkHttpClient with AzureApiKeyCredential (Java) | env:AZURE_OPENAI_API_KEY | env:AZURE_OPENAI_ENDPOINT",
      "37:16-37:77 java-api-key-client | openai-java OpenAIOkHttpClient on Azure (Java) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
    ]);
  });

  it("Go: azure.WithAPIKey, option.WithAPIKey on an Azure base URL, azopenai key credentials; not token credentials or the platform", async () => {
    expect(await summarise("go/main.go")).toEqual([
      "21:68-21:92 go-api-key-client | openai-go azure.WithAPIKey (Go) | env:AZURE_OPENAI_API_KEY | -",
      "33:93-33:145 go-api-key-client | openai-go option.WithAPIKey on Azure (Go) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "43:9-43:101 go-api-key-client | azopenai.NewClientWithKeyCredential (Go) | env:AZURE_OPENAI_KEY | contoso.openai.azure.com",
    ]);
  });

  it("Python: key headers handed to requests / httpx calls, through variables, f-strings and settings; not Bing, GitHub or Entra tokens, docstrings or comments", async () => {
    expect(await summarise("python-headers/requests_calls.py")).toEqual([
      "17:16-17:55 python-api-key-header | Ocp-Apim-Subscription-Key header (Python) | env:SPEECH_KEY | *.api.cognitive.microsoft.com",
      "25:18-25:63 python-api-key-header | api-key header (Python) | env:AZURE_OPENAI_API_KEY | -",
      "32:16-32:30 python-api-key-header | api-key header (Python) | variable:key | *.openai.azure.com",
      "38:5-38:50 python-api-key-header | api-key header (Python) | variable:AZURE_OPENAI_KEY | -",
      "43:51-43:113 python-api-key-header | Authorization: Bearer header (Python) | env:AZURE_OPENAI_API_KEY | -",
    ]);
  });

  it("Python: the message says why the header is a key and what to send instead; a test file's literal that is not a key is a test double", async () => {
    const text = 'import os, requests\nrequests.post("https://contoso.openai.azure.com/openai/v1/responses", headers={"api-key": os.environ["AZURE_OPENAI_API_KEY"]})\n';
    const { findings } = await scanFragment({ path: "client.py", text });
    expect(findings.map((finding) => `${finding.line}:${finding.column} ${finding.message}`)).toEqual([
      '2:80 The `api-key` header sends an Azure AI API key (the request goes to `contoso.openai.azure.com`). Send `Authorization: Bearer` with a token from `get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")()` (azure.identity) instead.',
    ]);
    const double = 'import requests\nrequests.post("https://contoso.openai.azure.com/openai/v1/responses", headers={"api-key": "fake-key"})\n';
    expect((await scanFragment({ path: "tests/test_client.py", text: double })).findings).toEqual([]);
    expect((await scanFragment({ path: "client.py", text: double })).findings.map((finding) => finding.ruleId)).toEqual(["python-api-key-header"]);
  });

  it("Java: key headers on java.net.http, OkHttp and HttpURLConnection requests, with the URL of the chain or the connection; not bearer tokens, Bing or comments", async () => {
    expect(await summarise("java/RestCalls.java")).toEqual([
      "16:14-16:36 java-api-key-header | api-key header (Java) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "24:14-24:76 java-api-key-header | Ocp-Apim-Subscription-Key header (Java) | variable:translatorKey | api.cognitive.microsofttranslator.com",
      "30:20-30:96 java-api-key-header | Ocp-Apim-Subscription-Key header (Java) | env:SPEECH_KEY | *.api.cognitive.microsoft.com",
    ]);
  });

  it("Go: req.Header.Set / Header[...] on net/http requests, with the URL of http.NewRequest (fmt.Sprintf verbs are templated parts); not bearer tokens, Bing or comments", async () => {
    expect(await summarise("go/rest.go")).toEqual([
      "21:2-21:62 go-api-key-header | api-key header (Go) | env:AZURE_OPENAI_API_KEY | *.openai.azure.com",
      "27:2-27:67 go-api-key-header | Ocp-Apim-Subscription-Key header (Go) | variable:SpeechKey | *.api.cognitive.microsoft.com",
    ]);
  });

  it("shell: curl key headers to Azure AI and keys listed into a variable; not bearer tokens, other hosts, printed keys or comments", async () => {
    expect(await summarise("shell/chat.sh")).toEqual([
      "8:1-11:53 shell-api-key-header | curl api-key header (Shell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "19:7-19:104 shell-api-key-listing | az cognitiveservices account keys list (Shell) | az cognitiveservices account keys list | -",
    ]);
  });

  it("PowerShell: -Headers as a literal, a variable, added entries or splatted, curl.exe, .NET header collections, kept key listings; not bearer tokens, other hosts, printed keys or comments", async () => {
    expect(await summarise("powershell/chat.ps1")).toEqual([
      "14:13-14:161 powershell-api-key-header | Invoke-RestMethod api-key header (PowerShell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "17:1-17:105 powershell-api-key-header | Invoke-RestMethod api-key header (PowerShell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "25:1-25:44 powershell-api-key-header | Invoke-WebRequest Ocp-Apim-Subscription-Key header (PowerShell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "30:1-30:93 powershell-api-key-header | Invoke-RestMethod api-key header (PowerShell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "31:1-31:83 powershell-api-key-header | curl api-key header (PowerShell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
      "34:9-34:84 powershell-api-key-listing | Get-AzCognitiveServicesAccountKey (PowerShell) | Get-AzCognitiveServicesAccountKey | -",
      "35:9-35:108 powershell-api-key-listing | az cognitiveservices account keys list (PowerShell) | az cognitiveservices account keys list | -",
      "36:25-36:106 powershell-api-key-listing | az cognitiveservices account keys list (PowerShell) | az cognitiveservices account keys list | -",
      "55:1-55:124 powershell-api-key-header | Invoke-RestMethod api-key header (PowerShell) | env:AZURE_OPENAI_API_KEY | contoso.openai.azure.com",
    ]);
    expect(await summarise("powershell/client.psm1")).toEqual([
      "5:5-5:55 powershell-api-key-header | .NET DefaultRequestHeaders api-key header (PowerShell) | variable:Key | -",
      "13:5-13:58 powershell-api-key-header | .NET Headers api-key header (PowerShell) | variable:settings.AzureOpenAIKey | -",
    ]);
  });

  it("PowerShell: names are case-insensitive, messages say why the header is a key and what to send instead", async () => {
    const { findings } = await scanFragment({
      path: "call.ps1",
      text: '$URL = "https://contoso.openai.azure.com/openai/models"\n$H = @{ "API-KEY" = $Env:AZURE_OPENAI_API_KEY }\nINVOKE-RESTMETHOD -uri $url -head $h\n',
    });
    expect(findings.map((finding) => `${finding.line} ${finding.message}`)).toEqual([
      '3 The `API-KEY` header sends an Azure AI API key (the request goes to `contoso.openai.azure.com`). Send `Authorization = "Bearer $token"` with a Microsoft Entra ID token instead (`$token = az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv`).',
    ]);
  });

  it("count columns in UTF-16 code units after non-ASCII text", async () => {
    expect(await summarise("x.cs", "using Azure.AI.OpenAI;\n// héllo wörld ✓ 🎉\nvar c = new AzureOpenAIClient();\n")).toEqual([
      "3:9-3:32 csharp-api-key-client | Azure.AI.OpenAI.AzureOpenAIClient (C#) | env:AZURE_OPENAI_API_KEY | env:AZURE_OPENAI_ENDPOINT",
    ]);
  });

  it("number a construction repeated in one file, so each has its own fingerprint (a baseline accepts one, not every copy)", async () => {
    const python = 'import os\nfrom openai import AzureOpenAI\na = AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"], api_version="2024-10-21")\nb = AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"], api_version="2024-10-21")\n';
    const csharp = "using Azure.AI.OpenAI;\nvar a = new AzureOpenAIClient();\nvar b = new AzureOpenAIClient();\n";
    for (const [path, text, lines] of [["app.py", python, [3, 4]], ["Program.cs", csharp, [2, 3]]] as const) {
      const { findings } = await scanFragment({ path, text });
      expect(findings.map((finding) => finding.line)).toEqual(lines);
      expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(2);
    }
  });
});
