// Firefox end-to-end tests (tests/firefox): real Firefox ESR, driven over Marionette and
// WebDriver BiDi. Needs `npm run build` first. Run: npx vitest run --config vitest.firefox.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // One Firefox at a time: the machine has 2 cores.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
