// @ts-check
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * StrykerJS over Tandem's core modules, run by `npm run test:mutation` (scripts/mutation.mjs)
 * in two parts, each with its own focused tests (vitest.mutation.config.ts, MUTATION_PART):
 * `unit` mutates the extension's modules, `server` the server's.
 */
export const parts = {
  unit: ['utils/sync/{engine,transport,scheduler,connect,status,admin}.ts', 'utils/fit.ts', 'utils/mutators/*.ts', '!utils/mutators/*.test.ts', 'utils/merge.ts'],
  server: ['server/sync.ts', 'server/webhooks/queue.ts'],
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [...parts.unit, ...parts.server],
  // Not copied into the sandbox: build output, test results, reports.
  ignorePatterns: ['.output', 'data', 'test-results', 'playwright-report', 'reports', '.stryker-tmp', 'bench/results'],
  coverageAnalysis: 'perTest',
  // Two cores: two test-runner processes.
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  clearTextReporter: { allowColor: false, logTests: false },
  // The sandbox lives outside the repo, so tsc and eslint over the repo never see its
  // instrumented copies while a run is going.
  tempDirName: join(tmpdir(), 'tandem-stryker'),
  cleanTempDir: true,
  thresholds: { high: 80, low: 60, break: null },
};
