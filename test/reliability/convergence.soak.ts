import { describe, it } from 'vitest';
import { DOCUMENTED_ONLY } from '../sync/helpers.js';
import { assertConverges } from './convergence.js';

// `SOAK_SEEDS=1000 npm run test:soak`: seeds SOAK_FROM … SOAK_FROM + SOAK_SEEDS - 1, each its own
// test, so a failing seed is named with its replay line and the others still run.
// SOAK_MODE picks the Books behaviour: `default` (everything the sandbox does), `documented-only`
// (sort_order ignored, items without times) or `both` (the default: each seed in both).
const count = Number(process.env.SOAK_SEEDS ?? 1000);
const from = Number(process.env.SOAK_FROM ?? 1);
const mode = process.env.SOAK_MODE ?? 'both';
const modes = [
  ...(mode === 'default' || mode === 'both' ? [{ name: 'default', options: {} }] : []),
  ...(mode === 'documented-only' || mode === 'both' ? [{ name: 'documented-only', options: { undocumented: DOCUMENTED_ONLY } }] : []),
];
if (modes.length === 0) throw new Error(`SOAK_MODE must be default, documented-only or both, not ${JSON.stringify(mode)}`);

for (const { name, options } of modes) {
  describe(`randomized convergence soak (${name}): ${count} seeds from ${from}`, () => {
    for (let seed = from; seed < from + count; seed++) {
      it(`seed ${seed} converges`, async () => {
        await assertConverges(seed, options);
      });
    }
  });
}
