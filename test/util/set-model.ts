import fc from 'fast-check';
import { expect } from 'vitest';

/** What the model check needs of a set. */
export interface SetLike<K> {
  add(key: K): unknown;
  has(key: K): boolean;
  delete(key: K): boolean;
  readonly size: number;
}

/** Asserts a set answers as a `Set` of the same keys under any sequence of adds, deletes and lookups. */
export function expectSetModel<K>(make: () => SetLike<K>, key: fc.Arbitrary<K>, maxLength: number): void {
  const op = fc.tuple(fc.constantFrom('add', 'delete', 'has'), key);
  fc.assert(fc.property(fc.array(op, { maxLength }), (ops) => {
    const set = make();
    const reference = new Set<K>();
    for (const [kind, k] of ops) {
      if (kind === 'add') {
        set.add(k);
        reference.add(k);
      } else if (kind === 'delete') {
        expect(set.delete(k)).toBe(reference.delete(k));
      } else {
        expect(set.has(k)).toBe(reference.has(k));
      }
      expect(set.size).toBe(reference.size);
    }
    for (const k of reference) expect(set.has(k)).toBe(true);
  }));
}
