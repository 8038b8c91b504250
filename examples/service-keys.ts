// Hard-coded keys: the leak this project exists to stop. Both values are synthetic. The 84-character
// one spells out that it is fake yet carries a valid checksum, so it reads exactly like a real
// Azure OpenAI key; the 32-hex one is recognised only through the name it is bound to.
export const AZURE_OPENAI_API_KEY =
  "FakeKeyForTheAoaiKeylessExamplesNotARealSecret000000JQQJ99BFAAAAAAAAAAAAAAABACOGNgHD";

export const speechConfig = {
  region: "westeurope",
  subscriptionKey: "3f9c2a7be41d4c0e9b5a6d8f1e2c7a40",
};
