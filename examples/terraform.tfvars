# Terraform variables: a key in tfvars ends up in state and in the repository.
openai_endpoint = "https://contoso-ai.openai.azure.com"
openai_api_key  = "7f945481bf105db1d42c6fe1d81bb850"
