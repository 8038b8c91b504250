/** `aoai-keyless readiness` end to end: the built CLI over the acceptance estate, alone and with the emulated Azure. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { runKeyless } from "../azure/support/run-cli.js";
import { useEmulator } from "../azure/support/scenario.js";
import { writeEstate } from "./estate-fixture.js";

const setup = useEmulator("readiness");
let estate: string;

beforeAll(() => {
  estate = mkdtempSync(path.join(tmpdir(), "aoai-keyless-estate-"));
  writeEstate(estate);
});
afterAll(() => rmSync(estate, { recursive: true, force: true }));

describe("aoai-keyless readiness", () => {
  it("decides each account of the repository", async () => {
    const run = await runKeyless({ ...setup, cwd: estate }, ["readiness"]);
    console.log(run.stdout, run.stderr);
    expect(run.status).toBe(1);
  });
});
