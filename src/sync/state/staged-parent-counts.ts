import { timeOf } from '../merge/conflict-policies.js';
import { PackedNumberMap } from '../collections/packed-number-map.js';

// A count and a second packed in one number: count × 2^32 + whole epoch seconds (0: unknown).
const SECONDS = 2 ** 32;

/** Whole epoch seconds of a record's time; 0 when it has none (or it does not parse). */
function secondOf(time: string | undefined): number {
  const ms = timeOf(time);
  return ms === undefined || ms <= 0 ? 0 : Math.floor(ms / 1000) % SECONDS;
}

/**
 * Per customer of a unit's staged contact persons: how many are staged and not visited yet, and
 * the second they were read at (their customer's time), when they all agree. One number a
 * customer, not an object and a time string: a first run stages the persons of tens of thousands.
 * The time's text is not kept: the caller compares seconds and takes the text from a record it
 * holds (two texts of one second name the same time: Zoho's times have whole seconds). Held
 * outside the heap ({@link PackedNumberMap}).
 */
export class StagedParentCounts {
  readonly #packed = new PackedNumberMap();

  /** A staged child of `parentId`, read at `time`. */
  add(parentId: string, time: string | undefined): void {
    const second = secondOf(time);
    const known = this.#packed.get(parentId);
    if (known === undefined) {
      this.#packed.set(parentId, SECONDS + second);
      return;
    }
    const agreed = known % SECONDS;
    this.#packed.set(parentId, (Math.floor(known / SECONDS) + 1) * SECONDS + (agreed === second ? agreed : 0));
  }

  /** One child fewer (taken out of the stage, or visited); never below 0. */
  remove(parentId: string): void {
    const known = this.#packed.get(parentId);
    if (known === undefined || known < SECONDS) return;
    this.#packed.set(parentId, known - SECONDS);
  }

  /** Whether the parent had staged children (visited ones included). */
  has(parentId: string): boolean {
    return this.#packed.has(parentId);
  }

  /** The staged children of the parent not visited yet. */
  count(parentId: string): number {
    return Math.floor((this.#packed.get(parentId) ?? 0) / SECONDS);
  }

  /**
   * The second all the parent's staged children were read at; 0 when they disagree or one had no
   * time; `undefined` when it had none staged.
   */
  second(parentId: string): number | undefined {
    const known = this.#packed.get(parentId);
    return known === undefined ? undefined : known % SECONDS;
  }

  /** Whether `time` is the second the parent's staged children were all read at. */
  agrees(parentId: string, time: string | undefined): boolean {
    const second = this.second(parentId);
    return second !== undefined && second !== 0 && second === secondOf(time);
  }

  /** The parents with staged children. */
  keys(): Generator<string> {
    return this.#packed.keys();
  }
}
