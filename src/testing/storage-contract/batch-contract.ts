import { expect, it } from 'vitest';
import type { Storage, StorageOp } from '../../storage/storage.js';
import { attempt, putAll, snapshot, type ContractContext } from './fixture.js';

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = { name: 'loop' };
  value['self'] = value;
  return value;
}

/** Ops that must each make a whole batch fail: values JSON cannot hold, and unusable keys. */
const BAD_OPS: Array<{ problem: string; op: () => StorageOp }> = [
  { problem: 'an undefined value', op: () => ({ type: 'put', key: 'bad/x', value: undefined }) },
  { problem: 'a function', op: () => ({ type: 'put', key: 'bad/x', value: () => 1 }) },
  { problem: 'a BigInt', op: () => ({ type: 'put', key: 'bad/x', value: 10n }) },
  { problem: 'a circular object', op: () => ({ type: 'put', key: 'bad/x', value: circular() }) },
  { problem: 'NaN', op: () => ({ type: 'put', key: 'bad/x', value: Number.NaN }) },
  { problem: 'Infinity', op: () => ({ type: 'put', key: 'bad/x', value: Number.POSITIVE_INFINITY }) },
  { problem: 'a symbol', op: () => ({ type: 'put', key: 'bad/x', value: Symbol('s') }) },
  { problem: 'a function nested in an object', op: () => ({ type: 'put', key: 'bad/x', value: { ok: 1, deep: { fn: () => 1 } } }) },
  { problem: 'undefined inside an array', op: () => ({ type: 'put', key: 'bad/x', value: [1, undefined] }) },
  { problem: 'an empty key', op: () => ({ type: 'put', key: '', value: 1 }) },
  { problem: 'a non-string key', op: () => ({ type: 'put', key: 42 as unknown as string, value: 1 }) },
  { problem: 'an empty key on a delete', op: () => ({ type: 'delete', key: '' }) },
  { problem: 'a check of a function', op: () => ({ type: 'check', key: 'bad/existing', value: { fn: () => 1 } }) },
  { problem: 'an unknown op type', op: () => ({ type: 'increment', key: 'bad/existing' }) as unknown as StorageOp },
];

/** Checks that must each make a whole batch fail, the stored value being `{ owner: 'run-1', token: 3 }`. */
const FAILING_CHECKS: Array<{ when: string; value: unknown }> = [
  { when: 'the value differs', value: { owner: 'run-2', token: 4 } },
  { when: 'it expects the key absent', value: undefined },
  { when: 'it has an extra property', value: { owner: 'run-1', token: 3, until: 1 } },
  { when: 'the number is the same digits as a string', value: { owner: 'run-1', token: '3' } },
  { when: 'it expects null', value: null },
];

/** What a failed check must throw: the typed error, naming the key and the op index, never the values. */
async function expectCheckFailure(work: () => Promise<void>, key: string, op: number): Promise<void> {
  const error: unknown = await attempt(work).then(() => undefined, (e: unknown) => e);
  expect(error, 'the batch should have been refused').toBeInstanceOf(Error);
  expect(error).toMatchObject({ code: 'STORAGE_CHECK_FAILED', details: { key, op } });
}

/** batch: atomic puts and deletes, all or nothing. */
export function describeBatchContract({ setup }: ContractContext): void {
  it('applies puts and deletes of one batch together, in order', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'b/keep': 1, 'b/drop': 2, 'b/replace': 3 });
    await storage.batch([
      { type: 'delete', key: 'b/drop' },
      { type: 'put', key: 'b/replace', value: { v: 30 } },
      { type: 'put', key: 'b/new', value: [4] },
      { type: 'delete', key: 'b/never-existed' },
      { type: 'put', key: 'b/put-then-delete', value: 5 },
      { type: 'delete', key: 'b/put-then-delete' },
      { type: 'delete', key: 'b/keep' },
      { type: 'put', key: 'b/keep', value: 'last op wins' },
    ]);
    expect(await snapshot(storage)).toEqual([
      { key: 'b/keep', value: 'last op wins' },
      { key: 'b/new', value: [4] },
      { key: 'b/replace', value: { v: 30 } },
    ]);
  });

  it('accepts an empty batch and changes nothing', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'e/a': 1 });
    await storage.batch([]);
    expect(await snapshot(storage)).toEqual([{ key: 'e/a', value: 1 }]);
  });

  it.each(BAD_OPS)('rejects the whole batch when one op has $problem, and stores nothing of it', async ({ op }) => {
    const { storage } = await setup();
    await putAll(storage, { 'bad/existing': { v: 1 }, 'bad/other': 2 });
    const before = await snapshot(storage);
    const ops: StorageOp[] = [
      { type: 'put', key: 'bad/new', value: 'would be written first' },
      { type: 'delete', key: 'bad/existing' },
      { type: 'put', key: 'bad/other', value: 'overwritten' },
      op(),
      { type: 'put', key: 'bad/after', value: 'after the bad op' },
    ];
    await expect(attempt(() => storage.batch(ops))).rejects.toThrow();
    expect(await snapshot(storage)).toEqual(before);
  });

  it('applies a batch whose check ops match: a deep-equal value in another key order, and an absent key', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'ck/lease': { owner: 'run-1', token: 3, nested: { a: [1, { b: null }] } } });
    await storage.batch([
      { type: 'check', key: 'ck/lease', value: { nested: { a: [1, { b: null }] }, token: 3, owner: 'run-1' } },
      { type: 'check', key: 'ck/absent' },
      { type: 'check', key: 'ck/absent-too', value: undefined },
      { type: 'put', key: 'ck/link', value: 'written' },
    ]);
    expect(await storage.get('ck/link')).toBe('written');
    expect(await storage.get('ck/lease'), 'a check writes nothing').toEqual({ owner: 'run-1', token: 3, nested: { a: [1, { b: null }] } });
  });

  it.each(FAILING_CHECKS)('rejects the whole batch with STORAGE_CHECK_FAILED when a check fails because $when, and writes nothing', async ({ value }) => {
    const { storage } = await setup();
    await putAll(storage, { 'ck/lease': { owner: 'run-1', token: 3 }, 'ck/other': 1 });
    const before = await snapshot(storage);
    const ops: StorageOp[] = [
      { type: 'put', key: 'ck/new', value: 'would be written first' },
      { type: 'delete', key: 'ck/other' },
      { type: 'check', key: 'ck/lease', value },
      { type: 'put', key: 'ck/after', value: 'after the check' },
    ];
    await expectCheckFailure(() => storage.batch(ops), 'ck/lease', 2);
    expect(await snapshot(storage)).toEqual(before);
  });

  it('rejects a batch checking for a value under an absent key, and one with only a failing check', async () => {
    const { storage } = await setup();
    await expectCheckFailure(() => storage.batch([{ type: 'put', key: 'ck/x', value: 1 }, { type: 'check', key: 'ck/missing', value: { token: 1 } }]), 'ck/missing', 1);
    await expectCheckFailure(() => storage.batch([{ type: 'check', key: 'ck/missing', value: 0 }]), 'ck/missing', 0);
    expect(await snapshot(storage)).toEqual([]);
  });

  it('compares checks with the values as the batch starts, before any of its writes', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'ck/lease': { token: 1 } });
    // A put of the checked key earlier in the batch does not make a later check of the new value pass...
    await expectCheckFailure(() => storage.batch([{ type: 'put', key: 'ck/lease', value: { token: 2 } }, { type: 'check', key: 'ck/lease', value: { token: 2 } }]), 'ck/lease', 1);
    expect(await storage.get('ck/lease')).toEqual({ token: 1 });
    // ...and a check of the value it replaces passes wherever it stands.
    await storage.batch([{ type: 'put', key: 'ck/lease', value: { token: 2 } }, { type: 'check', key: 'ck/lease', value: { token: 1 } }]);
    expect(await storage.get('ck/lease')).toEqual({ token: 2 });
  });

  it('a check sees a write made through another connection (when given): a fenced batch after a takeover writes nothing', async () => {
    const fixture = await setup();
    const other = fixture.secondConnection ? await fixture.secondConnection() : fixture.storage;
    await putAll(fixture.storage, { 'ck/lease': { owner: 'run-1', token: 1 } });
    expect(await other.compareAndSet('ck/lease', { owner: 'run-1', token: 1 }, { owner: 'run-2', token: 2 })).toBe(true);
    await expectCheckFailure(() => fixture.storage.batch([{ type: 'check', key: 'ck/lease', value: { owner: 'run-1', token: 1 } }, { type: 'put', key: 'ck/link', value: 'late' }]), 'ck/lease', 0);
    expect(await fixture.storage.get('ck/link')).toBeUndefined();
  });

  it('of concurrent fenced batches racing a takeover, none lands after the takeover', async () => {
    const fixture = await setup();
    const storages = fixture.secondConnection ? [fixture.storage, await fixture.secondConnection()] : [fixture.storage];
    await putAll(fixture.storage, { 'ck/lease': { token: 1 } });
    const writers = Array.from({ length: 20 }, (_, n) =>
      attempt(() => (storages[n % storages.length] as Storage).batch([{ type: 'check', key: 'ck/lease', value: { token: 1 } }, { type: 'put', key: `ck/w/${String(n).padStart(2, '0')}`, value: n }])).then(() => n, () => undefined),
    );
    const takeover = (storages[storages.length - 1] as Storage).compareAndSet('ck/lease', { token: 1 }, { token: 2 });
    const landed = (await Promise.all(writers)).filter((n) => n !== undefined);
    expect(await takeover).toBe(true);
    // Whatever landed, landed while token 1 held: one more fenced batch on token 1 now fails.
    await expectCheckFailure(() => fixture.storage.batch([{ type: 'check', key: 'ck/lease', value: { token: 1 } }, { type: 'put', key: 'ck/w/late', value: -1 }]), 'ck/lease', 0);
    expect((await fixture.storage.list('ck/w/')).map((e) => e.value)).toEqual(landed);
  });
}
