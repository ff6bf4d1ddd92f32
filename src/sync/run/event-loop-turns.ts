/** A record pass lets the event loop turn at least this often (in records worked through). */
export const RECORDS_PER_TURN = 100;

/**
 * Resolves on a later task of the event loop, once everything queued as a microtask now has run.
 * A message port rather than a timer: a user's test with fake timers must not stall a run.
 */
export function nextTurn(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

/**
 * Lets the event loop turn every {@link RECORDS_PER_TURN} records of a pass. Records that need no
 * API call (a pair found equal, a match with nothing to write) over a storage that answers at once
 * (better-sqlite3, MemoryStorage) settle in microtasks only: a pass could work through tens of
 * thousands of them without one turn. What is let go of on the next turn (pairs done with, links
 * held for a page) would pile up meanwhile — every pair of a first run's matches in memory at
 * once — and the caller's own timers would wait. `onTurn` runs at the start of the new turn, when
 * no task is between a lookup it loaded and its use (as a timer's callback would).
 */
export class TurnTaker {
  readonly #onTurn: () => void;
  #since = 0;
  #turn: Promise<void> | undefined;

  constructor(onTurn: () => void) {
    this.#onTurn = onTurn;
  }

  /**
   * Counts one record; every {@link RECORDS_PER_TURN}, resolves after a turn of the event loop and
   * `onTurn`. Every task that counts a record meanwhile waits for the same turn, so a pool of them
   * cannot keep the loop from turning between themselves.
   */
  async counted(): Promise<void> {
    if (this.#turn === undefined) {
      this.#since += 1;
      if (this.#since < RECORDS_PER_TURN) return;
      this.#since = 0;
      this.#turn = nextTurn().then(() => {
        this.#turn = undefined;
        this.#onTurn();
      });
    }
    await this.#turn;
  }
}
