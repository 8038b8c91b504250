#!/bin/sh
# Calling the REST API with curl: the key travels in the api-key header.
curl -sS "https://contoso-ai.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21" \
  -H "Content-Type: application/json" \
  -H "api-key: 1dcef3cdb6389ee90308d1eed395447d" \
  -d '{"input": "hello"}'
