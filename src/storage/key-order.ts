/**
 * Compares two storage keys in Unicode code point order — the order of their UTF-8 bytes, which is
 * what SQLite's BINARY collation, Redis sorted sets and most databases give.
 *
 * JavaScript's default `sort()` compares UTF-16 code units instead, and puts every character above
 * U+FFFF (emoji, rare CJK) before U+E000–U+FFFF; every adapter must agree on one order or paging
 * with `after` skips or repeats keys.
 *
 * @returns a negative number when `a` sorts first, 0 when equal, a positive number otherwise.
 * @example
 * ```ts
 * ['\u{1F600}', '\uFFFD'].sort(compareStorageKeys); // ['\uFFFD', '\u{1F600}']
 * ```
 */
export function compareStorageKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Only when both units are >= U+D800 can UTF-16 order differ from code point order.
      return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
    }
  }
  return a.length - b.length;
}

/** Moves surrogates (which encode code points >= U+10000) above U+E000–U+FFFF. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest key greater than every key that starts with `prefix`, or `undefined` when no such
 * key exists (an empty prefix, or one made only of U+10FFFF). Lets an adapter list a prefix with a
 * range query (`key >= prefix AND key < bound`) instead of `LIKE`, where `%` and `_` are wildcards.
 *
 * @example
 * ```ts
 * storagePrefixUpperBound('link/'); // 'link0'
 * ```
 */
export function storagePrefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()?.codePointAt(0) ?? MAX_CODE_POINT;
    if (last < MAX_CODE_POINT) {
      // U+D800–U+DFFF are not characters: the successor of U+D7FF is U+E000.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}
