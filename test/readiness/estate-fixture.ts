/**
 * The estate of the readiness acceptance test, written into a directory: a TypeScript API (one client
 * keyless, one on a key through AZURE_OPENAI_ENDPOINT set in .env and by the Bicep app setting), a
 * Python worker on a key (the seed's shape), a shell script with `curl -H api-key`, and Bicep
 * declaring three accounts, one of them keyless. No key appears in it: clients read keys from env vars.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ESTATE_FILES: Readonly<Record<string, string>> = {
  "api/src/chat.ts": [
    'import { AzureOpenAI } from "openai";',
    "",
    "export const chat = new AzureOpenAI({",
    "  apiKey: process.env.AZURE_OPENAI_API_KEY,",
    "  endpoint: process.env.AZURE_OPENAI_ENDPOINT,",
    '  apiVersion: "2024-10-21",',
    "});",
    "",
  ].join("\n"),
  "api/src/summary.ts": [
    'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";',
    'import { AzureOpenAI } from "openai";',
    "",
    "export const summary = new AzureOpenAI({",
    '  azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),',
    "  endpoint: process.env.AZURE_OPENAI_SUMMARY_ENDPOINT,",
    '  apiVersion: "2024-10-21",',
    "});",
    "",
  ].join("\n"),
  "api/.env": ["AZURE_OPENAI_ENDPOINT=https://contoso-chat.openai.azure.com/", "AZURE_OPENAI_SUMMARY_ENDPOINT=https://contoso-summary.openai.azure.com/", ""].join("\n"),
  "worker/main.py": [
    "import os",
    "from openai import AzureOpenAI",
    "",
    "client = AzureOpenAI(",
    '    api_key=os.getenv("AZURE_OPENAI_API_KEY"),',
    '    api_version="2024-02-01",',
    '    azure_endpoint="https://contoso-batch.openai.azure.com/",',
    ")",
    "",
  ].join("\n"),
  "scripts/models.sh": [
    "#!/bin/sh",
    'curl -s -H "api-key: $AZURE_OPENAI_API_KEY" \\',
    '  "https://contoso-chat.openai.azure.com/openai/models?api-version=2024-10-21"',
    "",
  ].join("\n"),
  "infra/main.bicep": [
    "param location string = resourceGroup().location",
    "",
    "resource chat 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
    "  name: 'contoso-chat'",
    "  location: location",
    "  kind: 'OpenAI'",
    "  sku: { name: 'S0' }",
    "  properties: {",
    "    customSubDomainName: 'contoso-chat'",
    "  }",
    "}",
    "",
    "resource batch 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
    "  name: 'contoso-batch'",
    "  location: location",
    "  kind: 'OpenAI'",
    "  sku: { name: 'S0' }",
    "  properties: {",
    "    customSubDomainName: 'contoso-batch'",
    "    disableLocalAuth: false",
    "  }",
    "}",
    "",
    "resource summary 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
    "  name: 'contoso-summary'",
    "  location: location",
    "  kind: 'OpenAI'",
    "  sku: { name: 'S0' }",
    "  properties: {",
    "    customSubDomainName: 'contoso-summary'",
    "    disableLocalAuth: true",
    "  }",
    "}",
    "",
    "resource site 'Microsoft.Web/sites@2023-12-01' = {",
    "  name: 'contoso-api'",
    "  location: location",
    "  properties: {",
    "    siteConfig: {",
    "      appSettings: [",
    "        { name: 'AZURE_OPENAI_ENDPOINT', value: chat.properties.endpoint }",
    "      ]",
    "    }",
    "  }",
    "}",
    "",
    "output AZURE_OPENAI_ENDPOINT string = chat.properties.endpoint",
    "",
  ].join("\n"),
};

export function writeEstate(root: string): void {
  for (const [file, content] of Object.entries(ESTATE_FILES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}
