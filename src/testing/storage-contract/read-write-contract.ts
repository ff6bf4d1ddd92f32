import { expect, it } from 'vitest';
import { putAll, type ContractContext } from './fixture.js';

/** get / getMany, every JSON kind, copy semantics. */
export function describeReadWriteContract({ setup }: ContractContext): void {
  it('returns undefined for a key that was never written', async () => {
    const { storage } = await setup();
    expect(await storage.get('missing/key')).toBeUndefined();
  });

  it('reads back every kind of JSON value exactly as written', async () => {
    const { storage } = await setup();
    const values: Record<string, unknown> = {
      'kind/null': null,
      'kind/true': true,
      'kind/false': false,
      'kind/zero': 0,
      'kind/negative': -12.5,
      'kind/huge': 1e300,
      'kind/empty-string': '',
      'kind/string': 'quote " backslash \\ nul \u0000 accent é emoji 😀',
      'kind/empty-array': [],
      'kind/empty-object': {},
      'kind/nested': { list: [1, 'two', { three: [null, false] }], 'key with spaces': { deep: { deeper: 'x' } } },
    };
    await putAll(storage, values);
    for (const [key, value] of Object.entries(values)) {
      expect(await storage.get(key), `value under ${key}`).toEqual(value);
    }
  });

  it('getMany returns values in the order asked, with undefined for missing keys', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'm/a': 1, 'm/b': { b: true }, 'm/c': 'c' });
    expect(await storage.getMany(['m/c', 'm/missing', 'm/a', 'm/b', 'm/a'])).toEqual(['c', undefined, 1, { b: true }, 1]);
    expect(await storage.getMany([])).toEqual([]);
  });

  it('stores an object property set to undefined as absent, like JSON', async () => {
    const { storage } = await setup();
    await putAll(storage, { 'u/obj': { kept: 1, dropped: undefined } });
    const value = await storage.get<Record<string, unknown>>('u/obj');
    expect(value).toEqual({ kept: 1 });
    expect(Object.keys(value ?? {})).toEqual(['kept']);
  });

  it('keeps copies: mutating a value after put or after get does not change what is stored', async () => {
    const { storage } = await setup();
    const original = { name: 'Acme', tags: ['a'], address: { city: 'Chennai' } };
    await putAll(storage, { 'copy/x': original });
    original.name = 'changed after put';
    original.tags.push('changed');
    original.address.city = 'changed';

    const expected = { name: 'Acme', tags: ['a'], address: { city: 'Chennai' } };
    const got = await storage.get<typeof original>('copy/x');
    expect(got).toEqual(expected);
    if (got) {
      got.tags.push('mutated after get');
      got.address.city = 'mutated after get';
    }
    const [fromMany] = await storage.getMany<typeof original>(['copy/x']);
    fromMany?.tags.push('mutated after getMany');
    const [fromList] = await storage.list<typeof original>('copy/');
    fromList?.value.tags.push('mutated after list');

    expect(await storage.get('copy/x')).toEqual(expected);
  });
}
