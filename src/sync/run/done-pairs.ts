import type { UnitState } from './unit-state.js';

/**
 * The pairs a unit run is done with (each record is reached once), let go of from the link and
 * base windows so the run's memory follows the records in flight, not every pair it wrote. The
 * letting go waits for the next turn of the event loop: a task that loaded ids (`ensure`) and looks
 * them up in the same turn always finds them, whatever other tasks finish meanwhile. Kept: a pair
 * the delete pass needs from memory (a record of it deleted or found gone). A later lookup loads
 * the pair again (`ensure`) or fails loudly (`NotLoadedError`), never reads "not linked".
 */
export class DonePairs {
  readonly #state: UnitState;
  #ids: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(state: UnitState) {
    this.#state = state;
  }

  /** A pair (by its FSM id) the run is done with. */
  add(fsmId: string): void {
    this.#ids.push(fsmId);
    this.#timer ??= setTimeout(() => this.flush(), 0);
  }

  /** Lets go of the pairs added so far, now. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const ids = this.#ids;
    this.#ids = [];
    const state = this.#state;
    const done: string[] = [];
    for (const fsmId of ids) {
      if (state.fsm.deleted.has(fsmId) || state.gone.fsm.has(fsmId)) continue;
      if (!state.links.loaded('fsm', fsmId)) continue;
      const link = state.links.byFsm.get(fsmId);
      if (link !== undefined && (state.finance.deleted.has(link.financeId) || state.gone.finance.has(link.financeId))) continue;
      done.push(fsmId);
    }
    state.links.evict(done);
    state.bases.evict(done);
  }
}
