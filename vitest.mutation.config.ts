import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Only for `npm run test:mutation` (Stryker): the focused tests of the modules it mutates,
// unit and server together. Left out: utils/sync/convergence.test.ts (a 200-run property
// test over almost all sync code: far too slow to run for every mutant) and the server tests
// that start server processes (a mutant is switched on only inside the test process).
export default defineConfig({
  plugins: [WxtVitest()],
  resolve: { preserveSymlinks: true },
  test: {
    include: [
      'utils/sync/*.test.ts',
      'utils/fit.test.ts',
      'utils/merge.test.ts',
      'utils/mutators/*.test.ts',
      'utils/store/store.test.ts',
      'tests/server/protocol.test.ts',
      'tests/server/isolation.test.ts',
      'tests/server/lead-roles.test.ts',
      'tests/server/webhooks.test.ts',
      'tests/server/mutation-*.test.ts',
    ],
    exclude: ['utils/sync/convergence.test.ts', 'node_modules/**'],
    setupFiles: ['fake-indexeddb/auto'],
    globalSetup: ['tests/server/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
