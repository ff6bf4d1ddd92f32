import { canonicalValue } from './field-paths.js';

/**
 * Serialises a value with sorted keys after {@link canonicalValue}, so two records with the same
 * mapped content give the same text whatever their key order or number formatting.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? 'null';
}

// cyrb53 (public domain, bryc): a fast 53-bit string hash. Two seeds give ~106 bits, plenty to
// tell "this record's mapped fields changed" without keeping a cryptographic dependency; pure, so
// it runs in every runtime the core supports.
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A 53-bit hash of a string (an exact number): for sets of many keys held as numbers, not strings. */
export function hash53(text: string): number {
  return cyrb53(text, 1);
}

/**
 * A stable content hash of mapped fields: equal content gives an equal hash, in any runtime.
 * Not for security; for change detection.
 *
 * @example
 * ```ts
 * contentHash({ b: 2, a: 'x' }) === contentHash({ a: 'x', b: '2' }); // true
 * ```
 */
export function contentHash(value: unknown): string {
  const text = stableJson(value);
  return `${cyrb53(text, 1).toString(36)}.${cyrb53(text, 2).toString(36)}`;
}
