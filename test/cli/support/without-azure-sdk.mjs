// Preloaded into a CLI under test (NODE_OPTIONS=--import): the process runs as in an install without
// the optional Azure SDK peers. AZURE_SDK_STATE picks what a user may have: "missing" (neither
// package resolves) or "broken" (@azure/identity is missing, @azure/core-rest-pipeline throws as it loads).
import { register } from "node:module";

register("./without-azure-sdk-hooks.mjs", import.meta.url, { data: { state: process.env.AZURE_SDK_STATE ?? "missing" } });
