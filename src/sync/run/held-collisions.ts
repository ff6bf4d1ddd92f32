import type { SyncSide } from '../state/sync-keys.js';

/** A create refused for a unique value another record holds, kept back until the delete pass is done. */
interface Held {
  readonly to: SyncSide;
  /** Tries the create again (the delete pass deleted a record on its side). */
  readonly retry: () => Promise<void>;
  /** Reports and remembers the refusal, as it would have been at once. */
  readonly refuse: () => Promise<void>;
}

/**
 * Creates a unit run saw refused because another record holds one of their unique values (a
 * name, a SKU). Within one run creates come before the delete pass, and that pass may delete the
 * very record holding the value (policy `propagate`: the user deleted its counterpart). Such a
 * refusal is held back; once the delete pass has deleted a record on the create's side, the create
 * is tried once more, so the run leaves nothing for the next one. Refusals no delete of the run
 * could have freed are reported and remembered as usual.
 */
export class HeldCollisions {
  readonly #held: Held[] = [];
  readonly #deleted = { fsm: new Set<string>(), finance: new Set<string>() };
  #open = true;

  /** Holds a refusal back; false once the delete pass is over (the caller reports it at once). */
  hold(held: Held): boolean {
    if (!this.#open) return false;
    this.#held.push(held);
    return true;
  }

  /** A record the delete pass deleted: whatever unique value it held is free. */
  deleted(side: SyncSide, id: string): void {
    this.#deleted[side].add(id);
  }

  /** Whether this run deleted the record (its values no longer stand in the way of a create). */
  wasDeleted(side: SyncSide, id: string): boolean {
    return this.#deleted[side].has(id);
  }

  /**
   * After the delete pass: tries again the creates on a side where something was deleted, and
   * reports the others. A run told to stop only reports.
   */
  async settle(stop: () => boolean): Promise<void> {
    this.#open = false;
    for (const held of this.#held.splice(0)) {
      if (!stop() && this.#deleted[held.to].size > 0) await held.retry();
      else await held.refuse();
    }
  }

  /** A run that stopped before its delete pass: the refusals held so far are reported. */
  async release(): Promise<void> {
    this.#open = false;
    for (const held of this.#held.splice(0)) await held.refuse();
  }
}
