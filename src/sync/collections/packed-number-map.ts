import { PackedKeyTable, packable } from './packed-key-table.js';

const NUMBER_BYTES = 8;

/**
 * A map of strings to numbers held outside the heap ({@link PackedKeyTable}): the key's UTF-8
 * bytes and 8 for its number, where a `Map` holds a string and an entry in the heap (and a heap
 * object for a number past 2^31). For counts kept per customer by the tens of thousands.
 */
export class PackedNumberMap extends PackedKeyTable<number> {
  /** The number of `key`, or `undefined`. */
  get(key: string): number | undefined {
    const entry = this.entryOf(key);
    return entry < 0 ? this.asideValue(key)?.value : this.numberAt(entry);
  }

  /** Sets `key` to `value`, in place when the key is held. */
  set(key: string, value: number): this {
    if (!packable(key)) {
      this.setAside(key, value);
      return this;
    }
    this.setNumberAt(this.entryFor(key, NUMBER_BYTES), value);
    return this;
  }
}
