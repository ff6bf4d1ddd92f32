import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../src/util/number-set.js';
import { expectSetModel } from './set-model.js';

// Hashes of the rows a page walk read, and of the ids a sync read saw, are held in a NumberSet:
// it must answer as a Set of the same numbers does, over the whole range a 53-bit hash takes.
describe('NumberSet', () => {
  it('answers as a Set of the same numbers under any sequence of adds and deletes', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }), fc.constant(Number.MAX_SAFE_INTEGER - 1), fc.constant(0));
    expectSetModel(() => new NumberSet(), value, 500);
  });

  it('refuses what is not a whole number from 0 to 2^53 − 2', () => {
    const set = new NumberSet();
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER, Infinity]) expect(() => set.add(bad)).toThrow(RangeError);
  });
});
