
/** Up to this many pending changes are spliced in one by one; more are merged in one pass. */
const SPLICE_LIMIT = 64;

/**
 * The keys of a {@link MemoryStorage} in code point order, kept lazily: writes only note which keys
 * appeared or vanished, and the next listing folds them in (by binary-search splices when few, by
 * one sort-and-merge when many). A bulk load of 100k keys therefore costs one sort, and a listing
 * after a few writes costs a few splices, never a full re-sort.
 *
 * Keys are held in a "sortable" spelling whose plain `<` order is code point order (see
 * {@link toSortable}), so sorting and searching use the engine's native string comparison, several
 * times faster than a comparator written in JavaScript.
 */
export class SortedKeyIndex {
  #sorted: string[] = [];
  /** Keys that exist but are not in #sorted yet. */
  readonly #added = new Set<string>();
  /** Keys in #sorted that no longer exist. */
  readonly #removed = new Set<string>();

  /** Notes that `key` now exists; call only when it did not. */
  add(key: string): void {
    const sortable = toSortable(key);
    if (!this.#removed.delete(sortable)) this.#added.add(sortable);
  }

  /** Notes that `key` no longer exists; call only when it did. */
  remove(key: string): void {
    const sortable = toSortable(key);
    if (!this.#added.delete(sortable)) this.#removed.add(sortable);
  }

  /**
   * Up to `limit` keys that start with `prefix` and are greater than `after` (when given), in order.
   */
  select(prefix: string, after: string | undefined, limit: number): string[] {
    this.#settle();
    const sorted = this.#sorted;
    const from = toSortable(prefix);
    const past = after === undefined ? undefined : toSortable(after);
    let index = past !== undefined && past >= from ? firstIndex(sorted, (key) => key > past) : firstIndex(sorted, (key) => key >= from);
    const keys: string[] = [];
    // In any lexicographic order the keys sharing a prefix are contiguous: stop at the first miss.
    for (; index < sorted.length && keys.length < limit; index++) {
      const key = sorted[index] as string;
      if (!key.startsWith(from)) break;
      keys.push(fromSortable(key));
    }
    return keys;
  }

  #settle(): void {
    if (this.#added.size + this.#removed.size === 0) return;
    if (this.#added.size + this.#removed.size <= SPLICE_LIMIT) this.#splice();
    else this.#merge();
    this.#added.clear();
    this.#removed.clear();
  }

  #splice(): void {
    const sorted = this.#sorted;
    for (const key of this.#removed) {
      sorted.splice(firstIndex(sorted, (k) => k >= key), 1);
    }
    for (const key of this.#added) {
      sorted.splice(firstIndex(sorted, (k) => k > key), 0, key);
    }
  }

  #merge(): void {
    const removed = this.#removed;
    const kept = removed.size > 0 ? this.#sorted.filter((key) => !removed.has(key)) : this.#sorted;
    const fresh = [...this.#added].sort();
    if (kept.length === 0) {
      this.#sorted = fresh;
      return;
    }
    const merged = new Array<string>(kept.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < fresh.length) {
      const a = kept[i] as string;
      const b = fresh[j] as string;
      if (a <= b) {
        merged[k++] = a;
        i++;
      } else {
        merged[k++] = b;
        j++;
      }
    }
    while (i < kept.length) merged[k++] = kept[i++] as string;
    while (j < fresh.length) merged[k++] = fresh[j++] as string;
    this.#sorted = merged;
  }
}

/** The first index whose key satisfies `isAtOrAfter` (a predicate that is monotone over `sorted`). */
function firstIndex(sorted: readonly string[], isAtOrAfter: (key: string) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrAfter(sorted[middle] as string)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Code units where UTF-16 order and code point order can disagree. */
const REORDERED_UNITS = /[\uD800-\uFFFF]/;

/**
 * Respells `key` so that UTF-16 order of the result is code point order of `key`: U+E000–U+FFFF
 * move down to D800–F7FF and surrogates (code points above U+FFFF) move up to F800–FFFF. One unit
 * maps to one unit, so prefixes stay prefixes. Most keys have no such unit and come back as is.
 */
function toSortable(key: string): string {
  if (!REORDERED_UNITS.test(key)) return key;
  let result = '';
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    result += String.fromCharCode(unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);
  }
  return result;
}

/** The inverse of {@link toSortable}. */
function fromSortable(sortable: string): string {
  if (!REORDERED_UNITS.test(sortable)) return sortable;
  let result = '';
  for (let i = 0; i < sortable.length; i++) {
    const unit = sortable.charCodeAt(i);
    result += String.fromCharCode(unit < 0xd800 ? unit : unit >= 0xf800 ? unit - 0x2000 : unit + 0x800);
  }
  return result;
}
