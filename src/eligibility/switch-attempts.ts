import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import { SWITCH_ATTEMPTS_PER_HOUR } from './switch-rules.js';

const HOUR_MS = 3_600_000;
const MAX_RACES = 20;

/**
 * The times of the switch attempts of the last hour, in Storage so the limit holds across
 * processes ("within an hour, only a maximum of three organization switch attempts").
 */
export class SwitchAttempts {
  readonly #storage: Storage;
  readonly #key: string;
  readonly #clock: Clock;

  constructor(storage: Storage, prefix: string, clock: Clock) {
    this.#storage = storage;
    this.#key = `${prefix}switch-attempts`;
    this.#clock = clock;
  }

  /** How many attempts were made in the hour before now. */
  async recent(): Promise<number> {
    return this.#window(await this.#storage.get<number[]>(this.#key)).length;
  }

  /** Counts one attempt; false (and nothing counted) when the hour's attempts are used up. */
  async record(): Promise<boolean> {
    for (let race = 0; race < MAX_RACES; race++) {
      const stored = await this.#storage.get<number[]>(this.#key);
      const window = this.#window(stored);
      if (window.length >= SWITCH_ATTEMPTS_PER_HOUR) return false;
      if (await this.#storage.compareAndSet(this.#key, stored, [...window, this.#clock.now()])) return true;
    }
    // Twenty lost races in a row means many concurrent switches: refusing is the safe answer.
    return false;
  }

  #window(stored: number[] | undefined): number[] {
    const since = this.#clock.now() - HOUR_MS;
    return (stored ?? []).filter((at) => at > since);
  }
}
