"""Chat completion with a key in code; the keyless version uses DefaultAzureCredential."""
import os

from openai import AzureOpenAI

client = AzureOpenAI(
    azure_endpoint="https://contoso-ai.openai.azure.com",
    api_key="f61a0d87c9dcab455ad71109159bfc5a",
    api_version="2024-10-21",
)

print(client.chat.completions.create(
    model=os.environ.get("AZURE_OPENAI_DEPLOYMENT", "gpt-4o-mini"),
    messages=[{"role": "user", "content": "Hello"}],
).choices[0].message.content)
