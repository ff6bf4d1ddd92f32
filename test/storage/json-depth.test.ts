import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { findJsonProblem, STORAGE_MAX_DEPTH, storageValuesEqual } from '../../src/storage/json-value.js';
import { encodeStorageValue } from '../../src/storage/storage-input.js';

/** `levels` arrays around `leaf`. */
function arrays(levels: number, leaf: unknown = 'leaf'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('JSON depth bound of Storage values', () => {
  it(`accepts ${STORAGE_MAX_DEPTH} levels and refuses ${STORAGE_MAX_DEPTH + 1}, naming the first levels of the path`, () => {
    expect(findJsonProblem(arrays(STORAGE_MAX_DEPTH))).toBeUndefined();
    expect(findJsonProblem(arrays(STORAGE_MAX_DEPTH + 1))).toEqual({ path: [0, 0, 0, 0, 0, 0, 0, 0], reason: expect.stringContaining(`more than ${STORAGE_MAX_DEPTH} levels deep`) });
  });

  it('refuses a 100,000-level value with a ValidationError, not a RangeError', () => {
    const error = (() => {
      try {
        return encodeStorageValue({ deep: arrays(100_000) }, 'next', 'Storage.compareAndSet');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^Storage\.compareAndSet: next\.deep\.0\.0\.0\.0\.0\.0\.0 nests arrays and objects more than 1000 levels deep/);
  });

  it('compares values of any depth without recursion: equal up to the limit, a ValidationError past it or on cycles', () => {
    expect(storageValuesEqual(arrays(STORAGE_MAX_DEPTH), arrays(STORAGE_MAX_DEPTH))).toBe(true);
    expect(storageValuesEqual(arrays(STORAGE_MAX_DEPTH), arrays(STORAGE_MAX_DEPTH, 'other'))).toBe(false);
    // A stored value (within the limit) against a deeper one: the walk ends where the stored one does.
    expect(storageValuesEqual(arrays(STORAGE_MAX_DEPTH), arrays(100_000))).toBe(false);
    expect(() => storageValuesEqual(arrays(100_000), arrays(100_000))).toThrow(ValidationError);
    const loop: unknown[] = [];
    loop.push(loop);
    const other: unknown[] = [];
    other.push(other);
    expect(() => storageValuesEqual(loop, other)).toThrow(ValidationError);
  });
});
