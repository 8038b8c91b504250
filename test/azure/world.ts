/** The Azure tenant the scenarios run against: three subscriptions, accounts of several kinds and states. */
import type { EmulatedAccount, World } from "./support/emulator.js";

export const SUB_A = "11111111-1111-4111-8111-111111111111";
export const SUB_B = "22222222-2222-4222-8222-222222222222";
export const SUB_C = "33333333-3333-4333-8333-333333333333";

export function accounts(): EmulatedAccount[] {
  return [
    { subscriptionId: SUB_A, resourceGroup: "rg-chat", name: "chat-prod", kind: "OpenAI", location: "eastus", patch: "long-running" },
    { subscriptionId: SUB_A, resourceGroup: "rg-chat", name: "chat-dev", kind: "OpenAI", location: "swedencentral", disableLocalAuth: true },
    { subscriptionId: SUB_A, resourceGroup: "rg-legacy", name: "legacy-speech", kind: "SpeechServices", location: "westeurope", customSubDomainName: null },
    { subscriptionId: SUB_B, resourceGroup: "rg-foundry", name: "foundry-hub", kind: "AIServices", location: "eastus2", disableLocalAuth: false, patch: "unavailable-once" },
    { subscriptionId: SUB_B, resourceGroup: "rg-foundry", name: "vision-batch", kind: "CognitiveServices", location: "eastus2", tags: { "keep-keys": "true" } },
    { subscriptionId: SUB_C, resourceGroup: "rg-ops", name: "ops-openai", kind: "OpenAI", location: "northcentralus", patch: "forbidden" },
    { subscriptionId: SUB_C, resourceGroup: "rg-ops", name: "ops-embed", kind: "OpenAI", location: "northcentralus", disableLocalAuth: true },
  ];
}

export function world(overrides: Partial<World> = {}): World {
  return {
    subscriptions: [
      { id: SUB_A, managementGroup: "mg-ai" },
      { id: SUB_B, managementGroup: "mg-ai" },
      { id: SUB_C },
    ],
    accounts: accounts(),
    graphPageSize: 2,
    ...overrides,
  };
}

export function idOf(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${name}`;
}
