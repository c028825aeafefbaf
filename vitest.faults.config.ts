import { defineConfig } from 'vitest/config';

/**
 * Fault injection (`npm run test:faults`): private Redis, PostgreSQL and Dovecot that the suite
 * restarts and stops, so it never needs (or disturbs) the shared services. One file at a time.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 330_000,
    hookTimeout: 180_000,
  },
});
