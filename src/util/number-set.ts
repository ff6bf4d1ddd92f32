// Slot values: 0 never used, -1 emptied by a delete, else a value + 1 (exact up to 2^53).
const EMPTY = 0;
const DELETED = -1;
const INITIAL_SLOTS = 64;

/**
 * A set of whole numbers from 0 to 2^53 − 2 (hashes, mostly) in one typed array: 8 bytes a slot and
 * at most three quarters of the slots in use, 11–21 bytes a number, where a `Set` holds each such
 * number as a heap object of its own. Linear probing: at that load a lookup reads a few slots of
 * one array, about 2.5 for a number held and 8.5 for one not held.
 */
export class NumberSet {
  #slots = new Float64Array(INITIAL_SLOTS);
  #size = 0;
  // Slots not EMPTY (live and deleted): what decides when to grow.
  #taken = 0;

  /** How many numbers the set holds. */
  get size(): number {
    return this.#size;
  }

  /** Adds a number (a no-op when held). */
  add(value: number): this {
    const stored = slotValue(value);
    const at = this.#find(stored);
    if (at >= 0) return this;
    if ((this.#taken + 1) * 4 > this.#slots.length * 3) this.#grow();
    const free = this.#freeSlot(stored);
    if (this.#slots[free] === EMPTY) this.#taken += 1;
    this.#slots[free] = stored;
    this.#size += 1;
    return this;
  }

  /** Whether the number is held. */
  has(value: number): boolean {
    return this.#find(slotValue(value)) >= 0;
  }

  /** Removes a number; whether it was held. */
  delete(value: number): boolean {
    const at = this.#find(slotValue(value));
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
    const length = this.#size * 8 > old.length * 3 ? old.length * 2 : old.length;
    this.#slots = new Float64Array(length);
    this.#taken = 0;
    for (const value of old) {
      if (value === EMPTY || value === DELETED) continue;
      this.#slots[this.#freeSlot(value)] = value;
      this.#taken += 1;
    }
  }
}

function slotValue(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER - 1) throw new RangeError(`NumberSet holds whole numbers from 0 to 2^53 − 2; got ${value}.`);
  return value + 1;
}
