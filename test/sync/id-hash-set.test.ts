import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdHashSet } from '../../src/sync/collections/id-hash-set.js';
import { expectSetModel } from '../util/set-model.js';

// The ids a read saw are held as hashes: adds, deletes and lookups must answer as a Set of the ids does.
describe('IdHashSet', () => {
  it('answers as a Set of the same ids under any sequence of adds and deletes', () => {
    expectSetModel(() => new IdHashSet(), fc.oneof(fc.stringMatching(/^[0-9]{1,4}$/), fc.string({ maxLength: 12 })), 400);
  });

  it('holds a large read’s ids, and finds none it was not given', () => {
    const set = new IdHashSet();
    for (let i = 0; i < 100_000; i++) set.add(`4600000${i}`);
    for (let i = 0; i < 100_000; i += 2) set.delete(`4600000${i}`);
    expect(set.size).toBe(50_000);
    let found = 0;
    for (let i = 0; i < 100_000; i++) if (set.has(`4600000${i}`)) found++;
    expect(found).toBe(50_000);
    expect(set.has('4600000100001')).toBe(false);
    // Emptied and filled again (deleted slots reused or rebuilt away).
    for (let i = 1; i < 100_000; i += 2) set.delete(`4600000${i}`);
    expect(set.size).toBe(0);
    for (let i = 0; i < 1_000; i++) set.add(`x${i}`);
    expect(set.size).toBe(1_000);
    expect(set.has('x999')).toBe(true);
  });
});
