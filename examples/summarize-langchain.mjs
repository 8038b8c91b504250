// No key in sight, yet this client authenticates with one: LangChain falls back to the
// AZURE_OPENAI_API_KEY environment variable when no credential is given.
import { AzureChatOpenAI } from "@langchain/openai";

const model = new AzureChatOpenAI({
  azureOpenAIApiInstanceName: "contoso-ai",
  azureOpenAIApiDeploymentName: "gpt-4o-mini",
  azureOpenAIApiVersion: "2024-10-21",
});

export async function summarize(text) {
  const reply = await model.invoke(`Summarize in one sentence: ${text}`);
  return reply.content;
}
