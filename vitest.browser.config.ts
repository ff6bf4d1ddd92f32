import { defineConfig } from 'vitest/config';

// The browser check of the built `fsm-billing-sync/eligibility` bundle (`npm run test:browser`,
// after `npm run build`). Kept out of `npm test`: its files end in `.browser.spec.ts`, which the
// main config's `test/**/*.test.ts` does not match, and it needs Chromium.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
