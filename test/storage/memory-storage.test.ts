import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { compareStorageKeys } from '../../src/storage/key-order.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { StorageOp } from '../../src/storage/storage.js';
import { runStorageContract } from '../../src/testing/index.js';
import { compareUtf8, randomKey, seededRandom } from './random-keys.js';

runStorageContract('MemoryStorage', () => ({ storage: new MemoryStorage() }));

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('MemoryStorage validation', () => {
  it('names the op index, key and path of a non-JSON value, without echoing the value', async () => {
    const storage = new MemoryStorage();
    const error = await rejection(
      storage.batch([
        { type: 'put', key: 'auth/ok', value: 1 },
        { type: 'put', key: 'auth/token', value: { secret: 's3cr3t-token', refresh: () => 'x' } },
        { type: 'put', key: '', value: 1 },
      ]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain("op 1 (put 'auth/token'): value.refresh is a function");
    expect(error.message).toContain('1 more problem');
    expect(error.message).not.toContain('s3cr3t');
    expect(error.issues).toEqual([
      { path: ['ops', 1, 'value', 'refresh'], message: 'is a function' },
      { path: ['ops', 2, 'key'], message: 'is empty' },
    ]);
    expect(storage.size).toBe(0);
  });

  it.each([
    { value: new Date(0), reason: 'is a Date, not a plain object' },
    { value: new Map(), reason: 'is a Map, not a plain object' },
    { value: { [Symbol('s')]: 1 }, reason: 'has symbol keys' },
    { value: [1, , 3], reason: 'is undefined' },
  ])('refuses $reason rather than let JSON change it silently', async ({ value, reason }) => {
    const error = await rejection(new MemoryStorage().batch([{ type: 'put', key: 'k', value }]));
    expect(error.message).toContain(reason);
  });

  it('refuses keys with an unpaired surrogate, which UTF-8 storage cannot hold', async () => {
    const storage = new MemoryStorage();
    await rejection(storage.batch([{ type: 'put', key: 'bad\uD800', value: 1 }]));
    await rejection(storage.get('bad\uDC00'));
    await rejection(storage.list('\uD83D'));
  });

  it.each([
    { what: 'an empty key to get', call: (s: MemoryStorage) => s.get('') },
    { what: 'a non-string key to getMany', call: (s: MemoryStorage) => s.getMany(['ok', 7 as unknown as string]) },
    { what: 'an empty key to compareAndSet', call: (s: MemoryStorage) => s.compareAndSet('', undefined, 1) },
    { what: 'a non-JSON expected value to compareAndSet', call: (s: MemoryStorage) => s.compareAndSet<unknown>('k', Number.NaN, 1) },
    { what: 'a negative limit to list', call: (s: MemoryStorage) => s.list('', { limit: -1 }) },
    { what: 'a fractional limit to list', call: (s: MemoryStorage) => s.list('', { limit: 1.5 }) },
    { what: 'an op of unknown type to batch', call: (s: MemoryStorage) => s.batch([{ type: 'merge', key: 'k' } as unknown as { type: 'delete'; key: string }]) },
  ])('rejects $what with INVALID_INPUT', async ({ call }) => {
    expect((await rejection(call(new MemoryStorage()))).code).toBe('INVALID_INPUT');
  });
});

describe('MemoryStorage ordering and scale', () => {
  it('agrees with a reference model over random batches, deletes and paged listings', async () => {
    const random = seededRandom(42);
    const storage = new MemoryStorage();
    const model = new Map<string, number>();
    for (let step = 0; step < 400; step++) {
      // Mostly small batches (the index splices them in), sometimes big ones (it merges them).
      const size = random() < 0.15 ? 100 + Math.floor(random() * 100) : 1 + Math.floor(random() * 5);
      const ops: StorageOp[] = [];
      for (let i = 0; i < size; i++) {
        const key = randomKey(random);
        if (random() < 0.35) {
          ops.push({ type: 'delete', key });
          model.delete(key);
        } else {
          ops.push({ type: 'put', key, value: step });
          model.set(key, step);
        }
      }
      await storage.batch(ops);
      const prefix = random() < 0.3 ? '' : Array.from(randomKey(random)).slice(0, 2).join('');
      const after = random() < 0.5 ? randomKey(random) : undefined;
      const limit = 1 + Math.floor(random() * 20);
      const expected = [...model.entries()]
        .filter(([k]) => k.startsWith(prefix) && (after === undefined || compareUtf8(k, after) > 0))
        .sort(([a], [b]) => compareUtf8(a, b))
        .slice(0, limit)
        .map(([k, value]) => ({ key: k, value }));
      const options = after === undefined ? { limit } : { after, limit };
      expect(await storage.list(prefix, options), `step ${step}: list(${JSON.stringify(prefix)}, ${JSON.stringify(options)})`).toEqual(expected);
      expect(storage.size).toBe(model.size);
    }
  });

  it('holds 100k keys and lists a prefix between writes without re-sorting everything', async () => {
    const storage = new MemoryStorage();
    const ops = Array.from({ length: 100_000 }, (_, i) => ({ type: 'put' as const, key: `link/companies/fsm/${(i * 7919) % 100_000}`, value: { i } }));
    await storage.batch(ops);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) {
      await storage.batch([{ type: 'put', key: `cursor/${i}`, value: i }]);
      const page = await storage.list('link/companies/fsm/5', { limit: 5 });
      expect(page).toHaveLength(5);
    }
    const elapsed = performance.now() - started;
    // A full re-sort per listing would take minutes here; the incremental index takes well under a second.
    expect(elapsed, `2000 write+list rounds over 100k keys took ${Math.round(elapsed)} ms`).toBeLessThan(10_000);
    const keys = (await storage.list('link/')).map((entry) => entry.key);
    expect(keys).toHaveLength(100_000);
    const outOfOrder = keys.findIndex((key, i) => i > 0 && compareStorageKeys(keys[i - 1] ?? '', key) >= 0);
    expect(outOfOrder, 'index of the first key not greater than the one before').toBe(-1);
  });
});
