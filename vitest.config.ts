import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // RuleTester looks for describe/it/afterAll as globals.
    globals: true,
    include: ["test/**/*.test.ts"],
    // The scanner tests spawn the built CLI; keep the 2-core CI machine from oversubscribing.
    maxWorkers: 2,
    // Subprocess tests (the CLI, git) take seconds on a loaded 2-core machine; time is measured in `npm run bench`, not here.
    testTimeout: 30_000,
    // .ci/run asks for a JSON report beside the usual output, to print a plain closing line.
    ...(process.env.VITEST_JSON_REPORT === undefined
      ? {}
      : { reporters: ["default", "json"], outputFile: { json: process.env.VITEST_JSON_REPORT } }),
  },
});
