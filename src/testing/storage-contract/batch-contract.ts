import { expect, it } from 'vitest';
import type { StorageOp } from '../../storage/storage.js';
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
];

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
}
