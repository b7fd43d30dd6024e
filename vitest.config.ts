import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests sit beside their code (entrypoints/ holds only entrypoints, so theirs are in
// tests/unit/). Browser, server and database tests live in tests/ and
// have their own runners.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['utils/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
  },
});
