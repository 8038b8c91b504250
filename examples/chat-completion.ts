// A typical first version of an Azure OpenAI call: the key comes from the environment.
// `npx eslint -c examples/eslint.config.js examples --fix` rewrites the client to Microsoft Entra ID.
import { AzureOpenAI } from "openai";

const client = new AzureOpenAI({
  endpoint: "https://contoso-ai.openai.azure.com",
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  apiVersion: "2024-10-21",
  deployment: "gpt-4o-mini",
});

export async function tellJoke(): Promise<string> {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Tell me a joke" }],
  });
  return completion.choices[0]?.message.content ?? "";
}
