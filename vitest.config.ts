import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // RuleTester looks for describe/it/afterAll as globals.
    globals: true,
    include: ["test/**/*.test.ts"],
    // The scanner tests spawn the built CLI; keep the 2-core CI machine from oversubscribing.
    maxWorkers: 2,
  },
});
