import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedTextMap } from '../../src/sync/packed-text-map.js';

// What a read gathers by the tens of thousands (parents with their children's time) is held as
// bytes: every lookup must answer as a Map of the same strings does.
describe('PackedTextMap', () => {
  it('answers as a Map of the same strings under any sequence of sets', () => {
    const text = fc.oneof(fc.stringMatching(/^[0-9]{1,4}$/), fc.string({ maxLength: 12, unit: 'grapheme' }), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 300 }), fc.array(text, { maxLength: 40 }), (sets, lookups) => {
        const packed = new PackedTextMap();
        const model = new Map<string, string>();
        for (const [key, value] of sets) {
          packed.set(key, value);
          model.set(key, value);
        }
        expect(packed.size).toBe(model.size);
        for (const key of [...model.keys(), ...lookups]) {
          expect(packed.get(key)).toBe(model.get(key));
          expect(packed.has(key)).toBe(model.has(key));
        }
        expect([...packed.keys()].sort()).toEqual([...model.keys()].sort());
        expect(new Map(packed.entries())).toEqual(model);
      }),
      { numRuns: 400 },
    );
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
  });
});
