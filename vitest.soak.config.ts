import { defineConfig } from 'vitest/config';

// `npm run test:soak`: the randomized convergence suite over many seeds (SOAK_SEEDS, default 1000;
// SOAK_FROM, default 1) and its kill suite (SOAK_KILL, default 50: sync runs in child processes
// SIGKILLed mid-run). Not part of `npm test`: soak files end in `.soak.ts`.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.soak.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
