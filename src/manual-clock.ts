import type { Clock } from './clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Options of {@link ManualClock}. */
export interface ManualClockOptions {
  /** Start time in ms since the epoch. Default: 2026-01-01T00:00:00Z. */
  start?: number;
  /**
   * When true, time jumps to the next pending timer whenever the program is idle (every pending
   * sleep is waiting), so code that waits minutes runs in milliseconds. Default: false — call
   * {@link ManualClock.advance} yourself.
   */
  autoAdvance?: boolean;
}

/**
 * A clock whose time moves only when told to (or, with `autoAdvance`, whenever everything is
 * waiting on it). Tests and benchmarks use it to run rate limits and back-offs without waiting.
 *
 * @example
 * ```ts
 * const clock = new ManualClock({ autoAdvance: true });
 * const client = new IntegrationClient({ ..., clock });
 * ```
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;
  #autoAdvance: boolean;
  #idleCheckScheduled = false;

  constructor(options: ManualClockOptions = {}) {
    this.#now = options.start ?? Date.UTC(2026, 0, 1);
    this.#autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve: () => resolve() };
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      timer.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
      this.#scheduleIdleCheck();
    });
  }

  /** Number of sleeps not yet resolved. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, resolving every sleep that falls due, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Moves time to `target` (never backwards), resolving due sleeps in order. */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      const next = this.#nextTimer();
      if (!next || next.at > target) break;
      this.#fire(next);
      await settle();
    }
    this.#now = Math.max(this.#now, target);
  }

  /** Fires every pending sleep in time order, including ones scheduled while running. */
  async runAll(limit = 100_000): Promise<void> {
    for (let i = 0; i < limit; i++) {
      const next = this.#nextTimer();
      if (!next) return;
      this.#fire(next);
      await settle();
    }
  }

  #nextTimer(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  #fire(timer: Timer): void {
    this.#timers = this.#timers.filter((t) => t !== timer);
    this.#now = Math.max(this.#now, timer.at);
    timer.resolve();
  }

  #scheduleIdleCheck(): void {
    if (!this.#autoAdvance || this.#idleCheckScheduled) return;
    this.#idleCheckScheduled = true;
    void idle().then(() => {
      this.#idleCheckScheduled = false;
      const next = this.#nextTimer();
      if (!next) return;
      this.#fire(next);
      if (this.#timers.length > 0) this.#scheduleIdleCheck();
    });
  }
}

/** Lets pending promise chains run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Waits until the event loop has nothing else queued: a few macrotask turns, so that promise chains
 * and in-process fetch handlers started by the resolved sleeps reach their next await on the clock.
 */
async function idle(): Promise<void> {
  for (let i = 0; i < 5; i++) await settle();
}
