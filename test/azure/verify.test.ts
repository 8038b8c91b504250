import { generateHexKey } from "../support/synthetic-keys.js";
import { runKeyless } from "./support/run-cli.js";
import { useEmulator } from "./support/scenario.js";
import { world } from "./world.js";

const setup = useEmulator("verify");
const realKey = generateHexKey(14);

beforeEach(() => {
  setup.emulator.reset(world({ realKey, dataPlane: { keyless: "keyless", "keys-on": "keys-on", "no-role": "no-role" } }));
});

const TOKEN = "GET /msi/token resource=https://cognitiveservices.azure.com";
const probe = (prefix: string, auth: string): string => `GET /${prefix}/openai/models?api-version=2024-10-21 [${auth}]`;

describe("aoai-keyless verify", () => {
  it("passes when the token works and the real key gets 403 AuthenticationTypeDisabled", async () => {
    const run = await runKeyless(setup, ["verify", `${setup.origin}/keyless/openai/`, "--key-env", "LEGACY_KEY"], { LEGACY_KEY: realKey });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        `${setup.origin}/keyless/openai/models?api-version=2024-10-21`,
        "",
        "Entra ID token: ok (HTTP 200, apim-request-id apim-2, region East US)",
        "  the token works: Microsoft Entra ID authentication is accepted",
        "key from LEGACY_KEY: ok (HTTP 403, AuthenticationTypeDisabled, apim-request-id apim-3, region East US)",
        "  key access is disabled: disableLocalAuth is in effect",
        "made-up key: ok (HTTP 401, 401, apim-request-id apim-4, region East US)",
        "  a made-up key is refused: the endpoint checks keys",
        "",
        "keyless: the token works and key access is disabled (403 AuthenticationTypeDisabled)",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(0);
    expect(setup.emulator.log()).toEqual([TOKEN, probe("keyless", "token"), probe("keyless", "real key"), probe("keyless", "other key")]);
    // The key went out once, in its header, and never into the report.
    expect(run.stdout).not.toContain(realKey);
  });

  it("fails when the key is still accepted, with the JSON verdict", async () => {
    const run = await runKeyless(setup, ["verify", `${setup.origin}/keys-on`, "--key-env", "LEGACY_KEY", "--format", "json"], { LEGACY_KEY: realKey });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { checks: { check: string; status: number; outcome: string; meaning: string }[]; verdict: unknown };
    expect(report.checks.map((check) => [check.check, check.status, check.outcome])).toEqual([
      ["token", 200, "ok"],
      ["key", 200, "fail"],
      ["wrong-key", 401, "ok"],
    ]);
    expect(report.checks[1]!.meaning).toBe("keys are still accepted: disableLocalAuth is not in effect yet, it can take a few minutes (at worst hours) after the change");
    expect(report.verdict).toEqual({ keyless: false, tokenAccepted: true, keyRefused: false, keyAccessDisabled: false });
  });

  it("names the missing role when the token is refused", async () => {
    const run = await runKeyless(setup, ["verify", `${setup.origin}/no-role/`, "--key-env", "LEGACY_KEY"], { LEGACY_KEY: realKey });
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").slice(2, 4)).toEqual([
      "Entra ID token: fail (HTTP 401, PermissionDenied, apim-request-id apim-2, region East US)",
      "  the token was refused: the caller lacks Cognitive Services OpenAI User on this resource (a new role assignment can take up to 5 minutes)",
    ]);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("not keyless: the token does not work");
  });

  it("does not call refusal proven from a made-up key alone", async () => {
    const run = await runKeyless(setup, ["verify", `${setup.origin}/keyless/`, "--format", "markdown"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("**not keyless: key refusal is not proven: pass --key-env NAME with a real key of the account**");
    expect(setup.emulator.log()).toEqual([TOKEN, probe("keyless", "token"), probe("keyless", "other key")]);
  });
});
