import { hash53 } from '../merge/content-hash.js';

// An entry in the byte log: key length (u32), value room (u32), value length (u32), then the key's
// UTF-8 bytes and `room` bytes for the value.
const HEADER = 12;
const INITIAL_BYTES = 4096;
const INITIAL_SLOTS = 64;
// Slot values: 0 never used, -1 emptied by a delete, else the entry's offset + 1.
const EMPTY = 0;
const DELETED = -1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// A lone surrogate: UTF-8 cannot carry it (the encoder writes U+FFFD), so such a string is kept aside.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether UTF-8 carries `text` exactly (no lone surrogate). */
export function packable(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * String keys, each with room for a value, held as UTF-8 bytes in one growing buffer outside the
 * JavaScript heap, found through an index of 53-bit hashes (then their bytes compared: exact). The
 * maps built on it ({@link PackedTextMap}, {@link PackedNumberMap}) take about the bytes of a key
 * and its value plus 30, where a `Map` holds each key as a string of its own (~40 bytes) and an
 * entry (~40) in the heap, which the collector lets grow to several times what is live. For what a
 * run gathers by the tens of thousands and keeps until a unit ends.
 *
 * Keys are iterated in the order they were first set, except that a key set again after a delete,
 * or whose value outgrew the room of its first one, moves to the end. A deleted or replaced
 * entry's bytes stay until the table is emptied ({@link PackedKeyTable.clear}). A key or value
 * with a lone surrogate (which UTF-8 cannot carry) is kept in a `Map` beside, and such keys come last.
 */
export abstract class PackedKeyTable<V> {
  // Entries UTF-8 cannot carry exactly: never in the byte log at the same time as there.
  readonly #aside = new Map<string, V>();
  #bytes = new Uint8Array(INITIAL_BYTES);
  #view = new DataView(this.#bytes.buffer);
  #used = 0;
  #slots = new Float64Array(INITIAL_SLOTS);
  #hashes = new Float64Array(INITIAL_SLOTS);
  #size = 0;
  // Slots not EMPTY (live and deleted): what decides when to grow.
  #taken = 0;
  // The key last encoded for a lookup: compared with the bytes of the entries its hash finds.
  #probe = new Uint8Array(256);
  #probeLength = 0;

  /** How many keys the table holds. */
  get size(): number {
    return this.#size + this.#aside.size;
  }

  /** Whether `key` is held. */
  has(key: string): boolean {
    return this.#aside.has(key) || this.#find(key, hash53(key)) >= 0;
  }

  /** Removes `key`; whether it was held. */
  delete(key: string): boolean {
    return this.#aside.delete(key) || this.#deletePacked(key);
  }

  #deletePacked(key: string): boolean {
    const slot = this.#find(key, hash53(key));
    if (slot < 0) return false;
    this.#slots[slot] = DELETED;
    this.#size -= 1;
    return true;
  }

  /** Removes every key, and the bytes they took. */
  clear(): void {
    this.#aside.clear();
    this.#bytes = new Uint8Array(INITIAL_BYTES);
    this.#view = new DataView(this.#bytes.buffer);
    this.#used = 0;
    this.#slots = new Float64Array(INITIAL_SLOTS);
    this.#hashes = new Float64Array(INITIAL_SLOTS);
    this.#size = 0;
    this.#taken = 0;
  }

  /** The keys, in the order they were first set (see the class). */
  *keys(): Generator<string> {
    for (let entry = 0; entry < this.#used; entry = this.#next(entry)) {
      const key = this.#keyAt(entry);
      // A deleted or replaced entry is skipped: its key finds nothing, or a newer entry.
      const slot = this.#find(key, hash53(key));
      if (slot >= 0 && this.#entryAt(slot) === entry) yield key;
    }
    yield* this.#aside.keys();
  }

  /** The value of `key` when it is kept aside (a lone surrogate in it or in its value). */
  protected asideValue(key: string): { value: V } | undefined {
    return this.#aside.has(key) ? { value: this.#aside.get(key) as V } : undefined;
  }

  /** Keeps `key` and `value` aside, out of the byte log. */
  protected setAside(key: string, value: V): void {
    this.#deletePacked(key);
    this.#aside.set(key, value);
  }

  /** The entry of `key` (an offset for {@link PackedKeyTable.valueBytes}), or -1 (kept aside included). */
  protected entryOf(key: string): number {
    const slot = this.#find(key, hash53(key));
    return slot < 0 ? -1 : this.#entryAt(slot);
  }

  /**
   * The entry `key` (packable) gets for a value of `room` bytes: its own when the room fits, else a
   * new one (the key added, or moved to the end; out of the entries kept aside). Its value bytes
   * are left as they were: the caller writes them.
   */
  protected entryFor(key: string, room: number): number {
    this.#aside.delete(key);
    const hash = hash53(key);
    const slot = this.#find(key, hash);
    if (slot >= 0) {
      const entry = this.#entryAt(slot);
      if (this.#view.getUint32(entry + 4) >= room) return entry;
      const moved = this.#append(key, room);
      this.#slots[slot] = moved + 1;
      return moved;
    }
    if ((this.#taken + 1) * 4 > this.#slots.length * 3) this.#grow();
    const free = this.#freeSlot(hash);
    if (this.#slots[free] === EMPTY) this.#taken += 1;
    const entry = this.#append(key, room);
    this.#slots[free] = entry + 1;
    this.#hashes[free] = hash;
    this.#size += 1;
    return entry;
  }

  /** The value bytes of an entry: its room, of which the first `valueLength` are in use. */
  protected valueBytes(entry: number): Uint8Array {
    const start = entry + HEADER + this.#view.getUint32(entry);
    return this.#bytes.subarray(start, start + this.#view.getUint32(entry + 4));
  }

  /** How many of an entry's value bytes are in use. */
  protected valueLength(entry: number): number {
    return this.#view.getUint32(entry + 8);
  }

  protected setValueLength(entry: number, length: number): void {
    this.#view.setUint32(entry + 8, length);
  }

  /** The number in the first 8 value bytes of an entry. */
  protected numberAt(entry: number): number {
    return this.#view.getFloat64(entry + HEADER + this.#view.getUint32(entry));
  }

  /** Writes a number in the first 8 value bytes of an entry (its room must hold them). */
  protected setNumberAt(entry: number, value: number): void {
    this.#view.setFloat64(entry + HEADER + this.#view.getUint32(entry), value);
    this.#view.setUint32(entry + 8, 8);
  }

  #append(key: string, room: number): number {
    // UTF-8 takes at most 3 bytes a UTF-16 unit.
    this.#reserve(HEADER + 3 * key.length + room);
    const entry = this.#used;
    const keyLength = encoder.encodeInto(key, this.#bytes.subarray(entry + HEADER)).written;
    this.#view.setUint32(entry, keyLength);
    this.#view.setUint32(entry + 4, room);
    this.#view.setUint32(entry + 8, 0);
    this.#used = entry + HEADER + keyLength + room;
    return entry;
  }

  #entryAt(slot: number): number {
    return (this.#slots[slot] ?? 0) - 1;
  }

  #next(entry: number): number {
    return entry + HEADER + this.#view.getUint32(entry) + this.#view.getUint32(entry + 4);
  }

  #keyAt(entry: number): string {
    return decoder.decode(this.#bytes.subarray(entry + HEADER, entry + HEADER + this.#view.getUint32(entry)));
  }

  // The slot of `key` (whose hash is `hash`), or -1. A key with a lone surrogate is never in the
  // byte log, though its bytes (U+FFFD) may equal a key's there: checked only then, not per lookup.
  #find(key: string, hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let encoded = false;
    for (let i = hash % slots.length; ; i = (i + 1) & mask) {
      const stored = slots[i] ?? EMPTY;
      if (stored === EMPTY) return -1;
      if (stored === DELETED || this.#hashes[i] !== hash) continue;
      if (!encoded) {
        this.#encodeProbe(key);
        encoded = true;
      }
      if (this.#keyEquals(stored - 1)) return packable(key) ? i : -1;
    }
  }

  #encodeProbe(key: string): void {
    if (this.#probe.length < 3 * key.length) this.#probe = new Uint8Array(3 * key.length);
    this.#probeLength = encoder.encodeInto(key, this.#probe).written;
  }

  #keyEquals(entry: number): boolean {
    const length = this.#probeLength;
    if (this.#view.getUint32(entry) !== length) return false;
    const bytes = this.#bytes;
    const probe = this.#probe;
    const start = entry + HEADER;
    for (let i = 0; i < length; i += 1) if (bytes[start + i] !== probe[i]) return false;
    return true;
  }

  // The first slot a new key of this hash may take: a deleted one on its probe path, else the empty one ending it.
  #freeSlot(hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = hash % slots.length; ; i = (i + 1) & mask) {
      const stored = slots[i] ?? EMPTY;
      if (stored === EMPTY || stored === DELETED) return i;
    }
  }

  #reserve(bytes: number): void {
    if (this.#used + bytes <= this.#bytes.length) return;
    let length = this.#bytes.length * 2;
    while (length < this.#used + bytes) length *= 2;
    const grown = new Uint8Array(length);
    grown.set(this.#bytes.subarray(0, this.#used));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  #grow(): void {
    const slots = this.#slots;
    const hashes = this.#hashes;
    // Deletes leave slots taken: a table mostly deleted is rebuilt at its size, not doubled.
    const length = this.#size * 8 > slots.length * 3 ? slots.length * 2 : slots.length;
    this.#slots = new Float64Array(length);
    this.#hashes = new Float64Array(length);
    this.#taken = 0;
    for (let i = 0; i < slots.length; i += 1) {
      const stored = slots[i] ?? EMPTY;
      if (stored === EMPTY || stored === DELETED) continue;
      const free = this.#freeSlot(hashes[i] ?? 0);
      this.#slots[free] = stored;
      this.#hashes[free] = hashes[i] ?? 0;
      this.#taken += 1;
    }
  }
}
