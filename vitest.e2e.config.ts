import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: one file at a time (one Chromium, one server); the inbox is built once per run. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    // One module cache for all files (as in vitest.config.ts): 131 s → 88 s on this machine.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/helpers/global-setup.ts', 'tests/e2e/build-inbox.setup.ts'],
  },
});
