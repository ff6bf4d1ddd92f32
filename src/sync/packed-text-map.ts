import { hash53 } from './content-hash.js';

// An entry in the byte log: key length (u32), value room (u32), value length (u32), then the key's
// UTF-8 bytes and `room` bytes for the value.
const HEADER = 12;
const INITIAL_BYTES = 4096;
const INITIAL_SLOTS = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A map of strings to strings held as UTF-8 bytes in one growing buffer, outside the JavaScript
 * heap, with an index of 53-bit hashes beside it: about the bytes of the two texts plus 30 a key,
 * where a `Map` holds each key and value as strings of their own (~40 bytes each) and an entry (~40)
 * in the heap — which the collector lets grow to several times what is live. For what a read
 * gathers by the tens of thousands and keeps until the unit ends (the parents of the children it
 * left out as unchanged, with their time).
 *
 * Exact: a key is found by its hash, then its bytes are compared. Keys are iterated in the order
 * they were first set, except that a key whose value outgrew its first one moves to the end.
 * Nothing is deleted (no such use yet).
 */
export class PackedTextMap {
  #bytes = new Uint8Array(INITIAL_BYTES);
  #view = new DataView(this.#bytes.buffer);
  #used = 0;
  // Per slot: the entry's offset + 1 (0: empty), and its key's hash.
  #slots = new Float64Array(INITIAL_SLOTS);
  #hashes = new Float64Array(INITIAL_SLOTS);
  #size = 0;
  // The key last encoded for a lookup: compared with the bytes of the entries its hash finds.
  #probe = new Uint8Array(256);
  #probeLength = 0;

  /** How many keys the map holds. */
  get size(): number {
    return this.#size;
  }

  /** The value of `key`, or `undefined`. */
  get(key: string): string | undefined {
    const at = this.#find(key, hash53(key));
    return at < 0 ? undefined : this.#valueAt(this.#entryAt(at));
  }

  /** Whether `key` is held. */
  has(key: string): boolean {
    return this.#find(key, hash53(key)) >= 0;
  }

  /** Sets `key` to `value`: in place when it fits the room of the key's first value, else as a new entry. */
  set(key: string, value: string): this {
    const hash = hash53(key);
    const at = this.#find(key, hash);
    if (at >= 0) {
      const entry = this.#entryAt(at);
      const room = this.#view.getUint32(entry + 4);
      const keyLength = this.#view.getUint32(entry);
      const written = encoder.encodeInto(value, this.#bytes.subarray(entry + HEADER + keyLength, entry + HEADER + keyLength + room));
      if (written.read === value.length) {
        this.#view.setUint32(entry + 8, written.written);
        return this;
      }
      // The new value needs more room: a new entry takes the slot; the old one stays unreachable.
      this.#slots[at] = this.#append(key, value) + 1;
      return this;
    }
    if ((this.#size + 1) * 4 > this.#slots.length * 3) this.#grow();
    const free = this.#emptySlot(hash);
    this.#slots[free] = this.#append(key, value) + 1;
    this.#hashes[free] = hash;
    this.#size += 1;
    return this;
  }

  /** The keys, in the order they were first set (see the class). */
  *keys(): Generator<string> {
    for (let entry = 0; entry < this.#used; entry = this.#next(entry)) {
      const key = this.#keyAt(entry);
      // An entry a grown value replaced is skipped: the slot points at the newer one.
      if (this.#slots[this.#find(key, hash53(key))] === entry + 1) yield key;
    }
  }

  /** The entries as `[key, value]`, in the order of {@link PackedTextMap.keys}. */
  *entries(): Generator<[string, string]> {
    for (const key of this.keys()) yield [key, this.get(key) as string];
  }

  #append(key: string, value: string): number {
    // UTF-8 takes at most 3 bytes a UTF-16 unit.
    this.#reserve(HEADER + 3 * (key.length + value.length));
    const entry = this.#used;
    const keyWritten = encoder.encodeInto(key, this.#bytes.subarray(entry + HEADER)).written;
    const valueWritten = encoder.encodeInto(value, this.#bytes.subarray(entry + HEADER + keyWritten)).written;
    this.#view.setUint32(entry, keyWritten);
    this.#view.setUint32(entry + 4, valueWritten);
    this.#view.setUint32(entry + 8, valueWritten);
    this.#used = entry + HEADER + keyWritten + valueWritten;
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

  #valueAt(entry: number): string {
    const start = entry + HEADER + this.#view.getUint32(entry);
    return decoder.decode(this.#bytes.subarray(start, start + this.#view.getUint32(entry + 8)));
  }

  // The slot of `key` (whose hash is `hash`), or -1.
  #find(key: string, hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let encoded = false;
    for (let i = hash % slots.length; ; i = (i + 1) & mask) {
      const stored = slots[i] ?? 0;
      if (stored === 0) return -1;
      if (this.#hashes[i] !== hash) continue;
      if (!encoded) {
        this.#encodeProbe(key);
        encoded = true;
      }
      if (this.#keyEquals(stored - 1)) return i;
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

  #emptySlot(hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = hash % slots.length; ; i = (i + 1) & mask) if (slots[i] === 0) return i;
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
    this.#slots = new Float64Array(slots.length * 2);
    this.#hashes = new Float64Array(slots.length * 2);
    for (let i = 0; i < slots.length; i += 1) {
      if (slots[i] === 0) continue;
      const free = this.#emptySlot(hashes[i] ?? 0);
      this.#slots[free] = slots[i] ?? 0;
      this.#hashes[free] = hashes[i] ?? 0;
    }
  }
}
