import { describe, it } from 'vitest';
import { assertConverges } from './convergence.js';

// `SOAK_SEEDS=1000 npm run test:soak`: seeds SOAK_FROM … SOAK_FROM + SOAK_SEEDS - 1, each its own
// test, so a failing seed is named with its replay line and the others still run.
const count = Number(process.env.SOAK_SEEDS ?? 1000);
const from = Number(process.env.SOAK_FROM ?? 1);

describe(`randomized convergence soak: ${count} seeds from ${from}`, () => {
  for (let seed = from; seed < from + count; seed++) {
    it(`seed ${seed} converges`, async () => {
      await assertConverges(seed);
    });
  }
});
