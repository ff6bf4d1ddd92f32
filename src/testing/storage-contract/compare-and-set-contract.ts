import { expect, it } from 'vitest';
import type { Storage } from '../../storage/storage.js';
import { attempt, putAll, snapshot, type ContractContext, type StorageFixture } from './fixture.js';

/** The storage itself, plus the second connection when the fixture offers one. */
async function connections(fixture: StorageFixture): Promise<Storage[]> {
  return fixture.secondConnection ? [fixture.storage, await fixture.secondConnection()] : [fixture.storage];
}

/** compareAndSet: every transition, deep equality, and atomicity under concurrent callers. */
export function describeCompareAndSetContract({ setup }: ContractContext): void {
  it('sets an absent key when expected is undefined', async () => {
    const { storage } = await setup();
    expect(await storage.compareAndSet('cas/k', undefined, { v: 1 })).toBe(true);
    expect(await storage.get('cas/k')).toEqual({ v: 1 });
  });

  it('replaces a value when expected equals it', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'cas/k': { v: 1 } });
    expect(await storage.compareAndSet('cas/k', { v: 1 }, { v: 2 })).toBe(true);
    expect(await storage.get('cas/k')).toEqual({ v: 2 });
  });

  it('deletes the key when next is undefined', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'cas/k': 'lease', 'cas/other': 1 });
    expect(await storage.compareAndSet('cas/k', 'lease', undefined)).toBe(true);
    expect(await storage.get('cas/k')).toBeUndefined();
    expect(await snapshot(storage)).toEqual([{ key: 'cas/other', value: 1 }]);
  });

  it.each([
    { when: 'the value differs from expected', current: { v: 1 }, expected: { v: 2 } },
    { when: 'expected is absent but a value exists', current: { v: 1 }, expected: undefined },
    { when: 'a value is expected but the key is absent', current: undefined, expected: { v: 1 } },
    { when: 'arrays differ only in order', current: [1, 2], expected: [2, 1] },
    { when: 'expected has an extra property', current: { a: 1 }, expected: { a: 1, b: 2 } },
    { when: 'the number is the same digits as a string', current: 1, expected: '1' },
    { when: 'null is expected but the key is absent', current: undefined, expected: null },
  ])('returns false and changes nothing when $when', async ({ current, expected }) => {
    const { storage } = await setup();
    if (current !== undefined) await putAll(storage, { 'cas/k': current });
    const before = await snapshot(storage);
    expect(await storage.compareAndSet<unknown>('cas/k', expected, { v: 'next' })).toBe(false);
    expect(await snapshot(storage)).toEqual(before);
  });

  it('matches a deep-equal expected value whose object keys are in another order', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'cas/k': { a: 1, nested: { x: [1, { p: true, q: null }], y: 'y' }, z: 'z' } });
    const reordered = { z: 'z', nested: { y: 'y', x: [1, { q: null, p: true }] }, a: 1 };
    expect(await storage.compareAndSet<unknown>('cas/k', reordered, { version: 2 })).toBe(true);
    expect(await storage.get('cas/k')).toEqual({ version: 2 });
  });

  it('rejects a next value that is not JSON and changes nothing', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'cas/k': 1 });
    await expect(attempt(() => storage.compareAndSet<unknown>('cas/k', 1, { fn: () => 2 }))).rejects.toThrow();
    expect(await storage.get('cas/k')).toBe(1);
  });

  it('lets exactly one of 50 concurrent callers with the same expected value win (across connections when given)', async () => {
    const fixture = await setup();
    const storages = await connections(fixture);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, caller) =>
        (storages[caller % storages.length] as Storage).compareAndSet('cas/lease', undefined, { owner: caller }),
      ),
    );
    const winners = results.flatMap((won, caller) => (won ? [caller] : []));
    expect(winners, 'callers whose compareAndSet returned true').toHaveLength(1);
    expect(await fixture.storage.get('cas/lease')).toEqual({ owner: winners[0] });
  });

  it('loses no update when 20 concurrent callers increment a counter by read-then-compareAndSet', async () => {
    const fixture = await setup();
    const storages = await connections(fixture);
    const increment = async (storage: Storage): Promise<void> => {
      for (let tries = 0; tries < 1000; tries++) {
        const current = await storage.get<{ count: number }>('cas/counter');
        if (await storage.compareAndSet('cas/counter', current, { count: (current?.count ?? 0) + 1 })) return;
      }
      throw new Error('compareAndSet never succeeded in 1000 tries');
    };
    await Promise.all(Array.from({ length: 20 }, (_, caller) => increment(storages[caller % storages.length] as Storage)));
    expect(await fixture.storage.get('cas/counter')).toEqual({ count: 20 });
  });
}
