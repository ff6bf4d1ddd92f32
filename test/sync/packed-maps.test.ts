import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedNumberMap } from '../../src/sync/collections/packed-number-map.js';
import { PackedTextMap } from '../../src/sync/collections/packed-text-map.js';

type Op<V> = { kind: 'set'; key: string; value: V } | { kind: 'delete'; key: string } | { kind: 'clear' };

// Lone surrogates too: UTF-8 cannot carry them (its encoder would write U+FFFD, as for '\uFFFD' itself).
const text = fc.oneof(fc.stringMatching(/^[0-9]{1,4}$/), fc.string({ maxLength: 12, unit: 'grapheme' }), fc.constantFrom('', '\uD800', 'a\uDC00', '\uFFFD', 'a\uFFFD', '😀'));

function ops<V>(value: fc.Arbitrary<V>): fc.Arbitrary<Array<Op<V>>> {
  return fc.array(fc.oneof(
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('set' as const), key: text, value }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: text }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  ), { maxLength: 300 });
}

interface PackedMap<V> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
  set(key: string, value: V): unknown;
  delete(key: string): boolean;
  clear(): void;
  keys(): Iterable<string>;
}

// Any sequence of sets, deletes and clears leaves the packed map answering as a Map does.
function expectMapModel<V>(make: () => PackedMap<V>, value: fc.Arbitrary<V>): void {
  fc.assert(
    fc.property(ops(value), fc.array(text, { maxLength: 40 }), (steps, lookups) => {
      const packed = make();
      const model = new Map<string, V>();
      for (const step of steps) {
        if (step.kind === 'set') {
          packed.set(step.key, step.value);
          model.set(step.key, step.value);
        } else if (step.kind === 'delete') {
          expect(packed.delete(step.key)).toBe(model.delete(step.key));
        } else {
          packed.clear();
          model.clear();
        }
      }
      expect(packed.size).toBe(model.size);
      for (const key of [...model.keys(), ...lookups]) {
        expect(packed.get(key)).toEqual(model.get(key));
        expect(packed.has(key)).toBe(model.has(key));
      }
      expect([...packed.keys()].sort()).toEqual([...model.keys()].sort());
    }),
    { numRuns: 300 },
  );
}

// What a read gathers by the tens of thousands (parents with their children's time) is held as
// bytes: every lookup must answer as a Map of the same strings does.
describe('PackedTextMap', () => {
  it('answers as a Map of the same strings under any sequence of sets, deletes and clears', () => {
    expectMapModel(() => new PackedTextMap(), text);
  });

  it('keeps the order keys were first set while each value fits the room of its first one', () => {
    const packed = new PackedTextMap();
    for (const id of ['3', '1', '2']) packed.set(id, '2026-01-05T10:00:00+0000');
    packed.set('1', '');
    packed.set('3', '2026-01-05T10:00:01+0000');
    expect([...packed.entries()]).toEqual([['3', '2026-01-05T10:00:01+0000'], ['1', ''], ['2', '2026-01-05T10:00:00+0000']]);
    // The room of the first value stays; a longer value moves the key to the end, once.
    packed.set('1', '2026-01-05T10:00:00+0000');
    expect([...packed.keys()]).toEqual(['3', '1', '2']);
    packed.set('1', '2026-01-05T10:00:00.250+0000');
    expect([...packed.keys()]).toEqual(['3', '2', '1']);
    expect(packed.get('1')).toBe('2026-01-05T10:00:00.250+0000');
    expect(packed.size).toBe(3);
    // Deleted, then set again: at the end.
    packed.delete('3');
    packed.set('3', 'x');
    expect([...packed.keys()]).toEqual(['2', '1', '3']);
  });

  it('holds a daily read’s parents, with keys and values of any script', () => {
    const packed = new PackedTextMap();
    for (let i = 0; i < 60_000; i++) packed.set(`46000000${i}`, `2026-01-05T10:${String(i % 60).padStart(2, '0')}:00+0530`);
    packed.set('клиент-é', '時間');
    expect(packed.size).toBe(60_001);
    expect(packed.get('4600000059999')).toBe('2026-01-05T10:59:00+0530');
    expect(packed.get('клиент-é')).toBe('時間');
    expect(packed.get('46000000600000')).toBeUndefined();
    let count = 0;
    for (const key of packed.keys()) if (packed.has(key)) count++;
    expect(count).toBe(60_001);
    // Most deleted, then as many others set: the table is rebuilt, not left full of deleted slots.
    for (let i = 0; i < 60_000; i++) packed.delete(`46000000${i}`);
    for (let i = 0; i < 60_000; i++) packed.set(`47000000${i}`, 'y');
    expect(packed.size).toBe(60_001);
    expect(packed.get('4700000012345')).toBe('y');
    expect(packed.has('4600000012345')).toBe(false);
  });
});

describe('PackedNumberMap', () => {
  it('answers as a Map of the same keys and numbers under any sequence of sets, deletes and clears', () => {
    expectMapModel(() => new PackedNumberMap(), fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constant(2 ** 40 + 7)));
  });

  it('rewrites a number in place: keys keep the order they were first set', () => {
    const counts = new PackedNumberMap();
    for (const id of ['b', 'a', 'c']) counts.set(id, 1);
    counts.set('b', 2 ** 32 * 3 + 1_733_000_000);
    expect([...counts.keys()]).toEqual(['b', 'a', 'c']);
    expect(counts.get('b')).toBe(2 ** 32 * 3 + 1_733_000_000);
  });
});
