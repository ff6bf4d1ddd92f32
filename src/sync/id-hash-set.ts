import { hash53 } from './content-hash.js';

// Slot values: 0 never used, -1 emptied by a delete, else a hash + 1 (exact up to 2^53).
const EMPTY = 0;
const DELETED = -1;
const INITIAL_SLOTS = 64;

/**
 * A set of ids (or other keys) held as 53-bit hashes in one typed array, 8 bytes a slot and at most
 * half the slots in use: ~16 bytes a key, where a `Set` of strings takes ~60 (the string, its
 * entry). For the ids a read sees by the tens of thousands.
 *
 * Two keys may share a hash — about one chance in 10^11 for a key among 50,000 — and `has` then
 * answers yes for a key never added. Used only where such a yes costs no record: an id a read
 * "saw" that it did not is taken as present (a delete noticed by no later read while that other id
 * lives, as when a read skips a row), and a company-email pair found is confirmed with FSM before
 * a write is refused.
 */
export class IdHashSet {
  #slots = new Float64Array(INITIAL_SLOTS);
  #size = 0;
  // Slots not EMPTY (live and deleted): what decides when to grow.
  #taken = 0;

  /** How many ids the set holds. */
  get size(): number {
    return this.#size;
  }

  /** Adds an id (a no-op when it, or an id of the same hash, is held). */
  add(id: string): this {
    const stored = hash53(id) + 1;
    const at = this.#find(stored);
    if (at >= 0) return this;
    if ((this.#taken + 1) * 2 > this.#slots.length) this.#grow();
    const free = this.#freeSlot(stored);
    if (this.#slots[free] === EMPTY) this.#taken += 1;
    this.#slots[free] = stored;
    this.#size += 1;
    return this;
  }

  /** Whether the id was added and not deleted (or an id of the same hash was). */
  has(id: string): boolean {
    return this.#find(hash53(id) + 1) >= 0;
  }

  /** Removes an id; whether it was held. */
  delete(id: string): boolean {
    const at = this.#find(hash53(id) + 1);
    if (at < 0) return false;
    this.#slots[at] = DELETED;
    this.#size -= 1;
    return true;
  }

  // The slot holding `stored`, or -1.
  #find(stored: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = stored % slots.length; ; i = (i + 1) & mask) {
      const value = slots[i];
      if (value === stored) return i;
      if (value === EMPTY) return -1;
    }
  }

  // The first slot `stored` may go to: a deleted one on its probe path, else the empty one ending it.
  #freeSlot(stored: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = stored % slots.length; ; i = (i + 1) & mask) {
      const value = slots[i];
      if (value === EMPTY || value === DELETED) return i;
    }
  }

  #grow(): void {
    const old = this.#slots;
    // Deletes leave slots taken: a set mostly deleted is rebuilt at its size, not doubled.
    const length = this.#size * 4 > old.length ? old.length * 2 : old.length;
    this.#slots = new Float64Array(length);
    this.#taken = 0;
    for (const value of old) {
      if (value === EMPTY || value === DELETED) continue;
      this.#slots[this.#freeSlot(value)] = value;
      this.#taken += 1;
    }
  }
}
