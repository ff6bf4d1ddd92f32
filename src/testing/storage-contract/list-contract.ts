import { expect, it } from 'vitest';
import type { Storage } from '../../storage/storage.js';
import { putAll, type ContractContext } from './fixture.js';

/**
 * Keys around the prefix `p/`, written in a scrambled order. The expected order is spelled out by
 * hand (not computed) and pins Unicode code point order — the UTF-8 byte order SQLite's BINARY
 * collation gives: `\uE000` and `\uFFFD` come BEFORE the astral `😀` (U+1F600), which JavaScript's
 * default UTF-16 sort would put first.
 */
const LISTED_IN_ORDER = ['p/', 'p/%', 'p/%x', 'p/_', 'p/a', 'p/a/b', 'p/b', 'p/~', 'p/é', 'p/\uE000', 'p/\uFFFD', 'p/😀', 'p/\u{10FFFF}'];
/** Keys that share characters with `p/` but not the prefix: just before and just after its range. */
const OUTSIDE = ['p', 'p.', 'p0', 'pa', 'q', 'o/z', 'P/a'];

async function listAll(storage: Storage, prefix: string, pageSize: number): Promise<string[]> {
  const keys: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = await storage.list(prefix, after === undefined ? { limit: pageSize } : { after, limit: pageSize });
    keys.push(...page.map((entry) => entry.key));
    const last = page.at(-1);
    if (page.length < pageSize || !last) return keys;
    after = last.key;
  }
}

/** list: prefix, order, paging. */
export function describeListContract({ setup }: ContractContext): void {
  it('lists the keys under a prefix in code point (UTF-8 byte) order, with their values', async () => {
    const { storage } = await setup();
    const scrambled = [...LISTED_IN_ORDER].reverse().concat(OUTSIDE);
    await putAll(storage, Object.fromEntries(scrambled.map((key) => [key, { key }])));
    const entries = await storage.list<{ key: string }>('p/');
    expect(entries.map((entry) => entry.key)).toEqual(LISTED_IN_ORDER);
    expect(entries.every((entry) => entry.value.key === entry.key)).toBe(true);
  });

  it.each([
    { prefix: 'p/%', expected: ['p/%', 'p/%x'] },
    { prefix: 'p/_', expected: ['p/_'] },
    { prefix: 'p/a', expected: ['p/a', 'p/a/b'] },
    { prefix: 'p/😀', expected: ['p/😀'] },
    { prefix: 'p/\u{10FFFF}', expected: ['p/\u{10FFFF}', 'p/\u{10FFFF}z'] },
    { prefix: 'nothing-here/', expected: [] },
  ])('treats the prefix $prefix literally (no LIKE wildcards; the last code point may be the highest)', async ({ prefix, expected }) => {
    const { storage } = await setup();
    await putAll(storage, Object.fromEntries([...LISTED_IN_ORDER, ...OUTSIDE, 'p/\u{10FFFF}z'].map((key) => [key, 1])));
    expect((await storage.list(prefix)).map((entry) => entry.key)).toEqual(expected);
  });

  it('lists every key, in order, for the empty prefix', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'b/1': 1, 'a/1': 1, '\u{1F600}': 1, '\uFFFD': 1, 'a/0': 1 });
    expect((await storage.list('')).map((entry) => entry.key)).toEqual(['a/0', 'a/1', 'b/1', '\uFFFD', '\u{1F600}']);
  });

  it('pages with after/limit through every key exactly once, in order', async () => {
    const { storage } = await setup();
    const keys = Array.from({ length: 57 }, (_, i) => `page/${String((i * 37) % 57).padStart(3, '0')}`);
    await putAll(storage, Object.fromEntries([...keys, 'other/1', 'pagf'].map((key) => [key, key])));
    const expected = [...keys].sort();
    for (const pageSize of [1, 10, 57, 100]) {
      expect(await listAll(storage, 'page/', pageSize), `page size ${pageSize}`).toEqual(expected);
    }
  });

  it('starts after `after` even when it is not a key, or lies before or past the prefix range', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'r/a': 1, 'r/c': 1, 'r/e': 1, 's/a': 1 });
    const keysOf = async (after: string, limit?: number) =>
      (await storage.list('r/', limit === undefined ? { after } : { after, limit })).map((entry) => entry.key);
    expect(await keysOf('r/c')).toEqual(['r/e']);
    expect(await keysOf('r/b')).toEqual(['r/c', 'r/e']);
    expect(await keysOf('a')).toEqual(['r/a', 'r/c', 'r/e']);
    expect(await keysOf('r/e')).toEqual([]);
    expect(await keysOf('z')).toEqual([]);
    expect(await keysOf('r/a', 1)).toEqual(['r/c']);
    expect(await storage.list('r/', { limit: 0 })).toEqual([]);
  });
}
