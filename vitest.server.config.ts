import { defineConfig } from 'vitest/config';

// The sync server's tests: a real server app on a real database, each suite on SQLite and on
// a throwaway PostgreSQL cluster that the global setup starts (PostgreSQL must be installed).
export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/server/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
