import { describe, it } from 'vitest';
import { DOCUMENTED_ONLY } from '../sync/helpers.js';
import { assertConverges } from './convergence.js';

// `npm run test:soak`: seeds SOAK_FROM … SOAK_FROM + SOAK_SEEDS - 1 of the in-process suite
// (default 1000), then SOAK_KILL seeds of the kill suite (default 50: each spawns child processes
// over the HTTP sandbox and SIGKILLs them), each its own test, so a failing seed is named with its
// replay line and the others still run. 0 turns either part off.
// SOAK_MODE picks the Books behaviour: `default` (everything the sandbox does), `documented-only`
// (sort_order ignored, items without times) or `both` (the default: each seed in both).
const count = Number(process.env.SOAK_SEEDS ?? 1000);
const kills = Number(process.env.SOAK_KILL ?? 50);
const from = Number(process.env.SOAK_FROM ?? 1);
const mode = process.env.SOAK_MODE ?? 'both';
const modes = [
  ...(mode === 'default' || mode === 'both' ? [{ name: 'default', options: {} }] : []),
  ...(mode === 'documented-only' || mode === 'both' ? [{ name: 'documented-only', options: { undocumented: DOCUMENTED_ONLY } }] : []),
];
if (modes.length === 0) throw new Error(`SOAK_MODE must be default, documented-only or both, not ${JSON.stringify(mode)}`);
if (!(count >= 0) || !(kills >= 0) || count + kills === 0) throw new Error('SOAK_SEEDS and SOAK_KILL must be numbers ≥ 0, not both 0');

for (const { name, options } of modes) {
  if (count > 0) {
    describe(`randomized convergence soak (${name}): ${count} seeds from ${from}`, () => {
      for (let seed = from; seed < from + count; seed++) {
        it(`seed ${seed} converges`, async () => {
          await assertConverges(seed, options);
        });
      }
    });
  }
  if (kills > 0) {
    describe(`randomized convergence soak with SIGKILLed child processes (${name}): ${kills} seeds from ${from}`, () => {
      for (let seed = from; seed < from + kills; seed++) {
        it(`seed ${seed} converges after its kills`, async () => {
          await assertConverges(seed, { ...options, kills: true });
        }, 180_000);
      }
    });
  }
}
