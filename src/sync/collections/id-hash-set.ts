import { NumberSet } from '../../util/number-set.js';
import { hash53 } from '../merge/content-hash.js';

/**
 * A set of ids (or other keys) held as 53-bit hashes ({@link NumberSet}): 11–21 bytes a key, where a
 * `Set` of strings takes ~60 (the string, its entry). For the ids a read sees by the tens of
 * thousands.
 *
 * Two keys may share a hash — about one chance in 10^11 for a key among 50,000 — and `has` then
 * answers yes for a key never added. Used only where such a yes costs no record: an id a read
 * "saw" that it did not is taken as present (a delete noticed by no later read while that other id
 * lives, as when a read skips a row), and a company-email pair found is confirmed with FSM before
 * a write is refused.
 */
export class IdHashSet {
  readonly #hashes = new NumberSet();

  /** How many ids the set holds. */
  get size(): number {
    return this.#hashes.size;
  }

  /** Adds an id (a no-op when it, or an id of the same hash, is held). */
  add(id: string): this {
    this.#hashes.add(hash53(id));
    return this;
  }

  /** Whether the id was added and not deleted (or an id of the same hash was). */
  has(id: string): boolean {
    return this.#hashes.has(hash53(id));
  }

  /** Removes an id; whether it was held. */
  delete(id: string): boolean {
    return this.#hashes.delete(hash53(id));
  }
}
