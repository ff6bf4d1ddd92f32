import { PackedKeyTable, packable } from './packed-key-table.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A map of strings to strings held as UTF-8 bytes outside the heap ({@link PackedKeyTable}): for
 * the parents a read left children of out as unchanged, with their time, and the customers a run
 * wrote, with theirs. A value is rewritten in place while it fits the room of the key's first one.
 */
export class PackedTextMap extends PackedKeyTable<string> {
  /** The value of `key`, or `undefined`. */
  get(key: string): string | undefined {
    const entry = this.entryOf(key);
    if (entry < 0) return this.asideValue(key)?.value;
    return decoder.decode(this.valueBytes(entry).subarray(0, this.valueLength(entry)));
  }

  /** Sets `key` to `value`. */
  set(key: string, value: string): this {
    if (!packable(key) || !packable(value)) {
      this.setAside(key, value);
      return this;
    }
    const bytes = encoder.encode(value);
    const entry = this.entryFor(key, bytes.length);
    this.valueBytes(entry).set(bytes);
    this.setValueLength(entry, bytes.length);
    return this;
  }

  /** The entries as `[key, value]`, in the order of {@link PackedKeyTable.keys}. */
  *entries(): Generator<[string, string]> {
    for (const key of this.keys()) yield [key, this.get(key) as string];
  }
}
