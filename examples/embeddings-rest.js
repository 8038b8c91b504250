// Calling the REST API directly: the key travels in the `api-key` header.
const endpoint = "https://contoso-ai.openai.azure.com";

export async function embed(input) {
  const response = await fetch(
    `${endpoint}/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21`,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "api-key": process.env.AZURE_OPENAI_API_KEY,
      },
      body: JSON.stringify({ input }),
    },
  );
  return (await response.json()).data[0].embedding;
}
