/**
 * One emulator per test file, with its own certificate and working directory; every scenario resets
 * its world. After each scenario, no request may have gone unanswered by a route.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { AzureEmulator, createCertificate } from "./emulator.js";
import type { RunSetup } from "./run-cli.js";

export function useEmulator(name: string): RunSetup {
  // Each scenario starts a process that loads the Azure SDK; a loaded 2-core machine needs more than the default 5 s.
  vi.setConfig({ testTimeout: 30_000 });
  const setup = {} as { -readonly [K in keyof RunSetup]: RunSetup[K] };
  let certificate: ReturnType<typeof createCertificate> | undefined;
  beforeAll(async () => {
    certificate = createCertificate();
    setup.emulator = new AzureEmulator(certificate);
    setup.origin = await setup.emulator.start();
    setup.certPath = certificate.certPath;
    setup.cwd = mkdtempSync(path.join(tmpdir(), `aoai-keyless-${name}-`));
  });
  afterAll(async () => {
    await setup.emulator.stop();
    certificate?.dispose();
    rmSync(setup.cwd, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(setup.emulator.unrouted).toEqual([]);
  });
  return setup;
}
