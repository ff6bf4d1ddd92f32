import { describe, it } from 'vitest';
import { DOCUMENTED_ONLY } from '../sync/helpers.js';
import { assertConverges } from './convergence.js';

// A few fixed seeds of the kill suite for `npm test` (each spawns a handful of child processes);
// `SOAK_KILL=<n> npm run test:soak` runs many more. `SEED=<n>` replays one seed, in both modes.
const FIXED_SEEDS = [3, 17, 29, 41];
const only = process.env.SEED;
const seeds = only === undefined || only === '' ? FIXED_SEEDS : [Number(only)];

describe('randomized convergence with sync runs in child processes SIGKILLed mid-run over the HTTP sandbox', () => {
  for (const [index, seed] of seeds.entries()) {
    // The fixed seeds alternate the two Books modes to keep npm test short; a replayed seed runs both.
    const modes = only ? [{}, { undocumented: DOCUMENTED_ONLY }] : [index % 2 === 0 ? {} : { undocumented: DOCUMENTED_ONLY }];
    for (const mode of modes) {
      const against = mode.undocumented ? ' (documented-only Books)' : '';
      it(`seed ${seed}${against}: after the kills one clean run leaves both sides equal, no duplicate, no lost update, only real failures, and a further run writes nothing`, async () => {
        await assertConverges(seed, { ...mode, kills: true });
      }, 120_000);
    }
  }
});
