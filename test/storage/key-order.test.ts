import { describe, expect, it } from 'vitest';
import { compareStorageKeys, storagePrefixUpperBound } from '../../src/storage/key-order.js';
import { compareUtf8, randomKey, seededRandom } from './random-keys.js';

describe('compareStorageKeys', () => {
  it('orders 5000 random key pairs exactly as their UTF-8 bytes compare', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 5000; i++) {
      const a = randomKey(random);
      const b = randomKey(random);
      expect(Math.sign(compareStorageKeys(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(Math.sign(compareUtf8(a, b)));
    }
  });

  it('puts U+E000–U+FFFF before astral characters, unlike the default UTF-16 sort', () => {
    expect(['\u{1F600}', '\uFFFD', '\uE000', 'z'].sort(compareStorageKeys)).toEqual(['z', '\uE000', '\uFFFD', '\u{1F600}']);
  });
});

describe('storagePrefixUpperBound', () => {
  it.each([
    { prefix: 'link/', bound: 'link0' },
    { prefix: 'a\u{10FFFF}', bound: 'b' },
    { prefix: '\uD7FF', bound: '\uE000' },
    { prefix: '\uFFFF', bound: '\u{10000}' },
    { prefix: 'x😀', bound: 'x😁' },
    { prefix: '\u{10FFFF}\u{10FFFF}', bound: undefined },
    { prefix: '', bound: undefined },
  ])('bounds keys starting with $prefix by $bound', ({ prefix, bound }) => {
    expect(storagePrefixUpperBound(prefix)).toBe(bound);
  });

  it('is greater than every key with the prefix and not greater than any key after them', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 2000; i++) {
      const prefix = randomKey(random);
      const key = randomKey(random);
      const bound = storagePrefixUpperBound(prefix);
      const inRange = compareUtf8(key, prefix) >= 0 && (bound === undefined || compareUtf8(key, bound) < 0);
      expect(inRange, `${JSON.stringify(key)} in range of prefix ${JSON.stringify(prefix)}`).toBe(key.startsWith(prefix));
    }
  });
});
