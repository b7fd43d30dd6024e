import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Only for `npm run test:mutation` (Stryker, stryker.config.mjs): the focused tests of the
// modules it mutates. MUTATION_PART=unit: the unit tests of utils/ (the sync tests run the
// real server app in this process). MUTATION_PART=server: the same sync tests and the server
// tests of the protocol and the webhook queue, on SQLite and a throwaway PostgreSQL.
//
// Left out on purpose: utils/sync/convergence.test.ts (a 200-run property test over almost all
// sync code: minutes for every mutant; the scores come from focused tests), and the server
// tests that start server processes (a mutant is switched on only inside the test process).
const syncTests = ['utils/sync/*.test.ts'];
const parts = {
  unit: [...syncTests, 'utils/fit.test.ts', 'utils/merge*.test.ts', 'utils/mutators/*.test.ts', 'utils/store/store.test.ts'],
  server: [
    ...syncTests,
    'tests/server/protocol.test.ts',
    'tests/server/isolation.test.ts',
    'tests/server/lead-roles.test.ts',
    'tests/server/webhooks.test.ts',
    'tests/server/sync-*.test.ts',
    'tests/server/queue-*.test.ts',
  ],
};
const part = process.env.MUTATION_PART === 'server' ? 'server' : 'unit';

export default defineConfig({
  plugins: [WxtVitest()],
  // Stryker's sandbox links node_modules; keep paths inside the sandbox.
  resolve: { preserveSymlinks: true },
  test: {
    include: parts[part],
    exclude: ['utils/sync/convergence.test.ts', 'node_modules/**'],
    setupFiles: ['fake-indexeddb/auto'],
    ...(part === 'server' ? { globalSetup: ['tests/server/global-setup.ts'] } : {}),
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
