import { defineConfig } from 'vitest/config';

// The example tests (examples/*.test.ts) are run by scripts/run-examples.mjs, not by `npm test`.
export default defineConfig({
  test: {
    include: ['examples/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
