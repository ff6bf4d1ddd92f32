import { describe, it } from 'vitest';
import { DOCUMENTED_ONLY } from '../sync/helpers.js';
import { assertConverges } from './convergence.js';

// A fixed seed set for `npm test`; `npm run test:soak` runs many more (vitest.soak.config.ts).
// `SEED=<n>` runs that seed alone (the replay line a failing seed prints), in both modes.
const FIXED_SEEDS = Array.from({ length: 20 }, (_, i) => 1001 + i * 7919);
const only = process.env.SEED;
const seeds = only === undefined || only === '' ? FIXED_SEEDS : [Number(only)];

describe('randomized convergence: edits, creates, deletes, faults and crashes, then a clean run', () => {
  for (const seed of seeds) {
    it(`seed ${seed}: both sides equal under the mapping, no duplicate, conflicts settled or recorded, the log accounts for every record`, async () => {
      await assertConverges(seed);
    }, 30_000);
  }
});

describe('randomized convergence against a Books that keeps only its documented behaviour (sort_order ignored, items without times)', () => {
  for (const seed of seeds) {
    it(`seed ${seed}: the same claims hold, and the clean run from the cursors misses no change`, async () => {
      await assertConverges(seed, { undocumented: DOCUMENTED_ONLY });
    }, 30_000);
  }
});

// One storage for tokens, sync state and mappings, as docs/auth.md recommends, plain and under
// EncryptedStorage (whose inner storage must then hold no token at all): a few of the fixed seeds.
const SHARED_SEEDS = only === undefined || only === '' ? FIXED_SEEDS.slice(0, 3) : seeds;

describe('randomized convergence with one storage shared by the client and the syncer, no secret in any stored value', () => {
  for (const storage of ['shared', 'shared-encrypted'] as const) {
    for (const seed of SHARED_SEEDS) {
      it(`seed ${seed}, storage ${storage}: the same claims hold${storage === 'shared-encrypted' ? ', and the token cache is encrypted' : ''}`, async () => {
        await assertConverges(seed, { storage });
      }, 30_000);
    }
  }
});
