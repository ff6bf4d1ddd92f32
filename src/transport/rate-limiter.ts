import type { Clock } from '../clock.js';
import { ConfigError } from '../errors/config-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';

/** Zoho's per-organisation limits (zoho-api.md §2.7), as the client enforces them on itself. */
export interface RateLimits {
  /** Requests started in any 60-second window. Zoho: 100 per organisation. Default 100. */
  perMinute?: number;
  /** Requests in flight at once. Zoho: 5 on the free plan, 10 on paid plans. Default 10. */
  concurrency?: number;
  /** Requests per UTC day; the plan's cap (free 1000 … premium 10000). Default: no client-side cap. */
  perDay?: number;
}

/** Why a request waits, reported to `onWait`. */
export interface RateLimitWait {
  key: string;
  kind: 'minute' | 'paused';
  waitMs: number;
}

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions extends RateLimits {
  clock: Clock;
  /**
   * Extra spacing added to the 60-second window so requests that reach Zoho a little later than
   * they left still fall inside its count. Default 250 ms.
   */
  windowMarginMs?: number;
  /** Called when a request has to wait for a slot. */
  onWait?: (wait: RateLimitWait) => void;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface KeyState {
  starts: number[];
  inFlight: number;
  queue: Waiter[];
  day: number;
  dayCount: number;
  pausedUntil: number;
  dayExhaustedUntil: number;
  wakeScheduled: boolean;
}

/**
 * Keeps calls inside Zoho's limits per organisation: requests queue for a slot instead of failing.
 * One limiter can be shared by several clients of the same organisation (pass it as `limiter`).
 * A spent daily cap fails every call at once with `RateLimitError('day')`, instead of a retry storm.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ clock: systemClock, perMinute: 100, concurrency: 10, perDay: 5000 });
 * const a = new IntegrationClient({ ..., limiter });
 * const b = new IntegrationClient({ ..., limiter }); // same org, same budget
 * ```
 */
export class RateLimiter {
  readonly perMinute: number;
  readonly concurrency: number;
  readonly perDay: number | undefined;
  readonly #clock: Clock;
  readonly #window: number;
  readonly #onWait: ((wait: RateLimitWait) => void) | undefined;
  readonly #keys = new Map<string, KeyState>();

  constructor(options: RateLimiterOptions) {
    this.perMinute = positiveInteger('limits.perMinute', options.perMinute ?? 100);
    this.concurrency = positiveInteger('limits.concurrency', options.concurrency ?? 10);
    this.perDay = options.perDay === undefined ? undefined : positiveInteger('limits.perDay', options.perDay);
    this.#clock = options.clock;
    this.#window = MINUTE + (options.windowMarginMs ?? 250);
    this.#onWait = options.onWait;
  }

  /**
   * Waits for a slot under `key` (an organisation) and returns the function that frees it.
   * @throws RateLimitError kind 'day' at once when the day's budget is spent.
   */
  acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = this.#state(key);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          state.queue = state.queue.filter((w) => w !== waiter);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      state.queue.push(waiter);
      this.#pump(key, state);
    });
  }

  /** Stops starting requests under `key` for `ms` (Zoho answered code 44 or 1070 anyway). */
  pause(key: string, ms: number): void {
    const state = this.#state(key);
    state.pausedUntil = Math.max(state.pausedUntil, this.#clock.now() + ms);
  }

  /** Marks the day's budget of `key` as spent (Zoho answered code 45) until the next UTC midnight. */
  exhaustDay(key: string): void {
    const state = this.#state(key);
    state.dayExhaustedUntil = nextUtcMidnight(this.#clock.now());
    this.#pump(key, state);
  }

  /** Requests started under `key` in the current window and in flight now; for dashboards and tests. */
  usage(key: string): { lastMinute: number; inFlight: number; today: number; queued: number } {
    const state = this.#state(key);
    this.#prune(state, this.#clock.now());
    return { lastMinute: state.starts.length, inFlight: state.inFlight, today: state.dayCount, queued: state.queue.length };
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (!state) {
      state = { starts: [], inFlight: 0, queue: [], day: -1, dayCount: 0, pausedUntil: 0, dayExhaustedUntil: 0, wakeScheduled: false };
      this.#keys.set(key, state);
    }
    return state;
  }

  #prune(state: KeyState, now: number): void {
    let drop = 0;
    while (drop < state.starts.length && (state.starts[drop] ?? 0) <= now - this.#window) drop++;
    if (drop > 0) state.starts.splice(0, drop);
    const day = Math.floor(now / DAY);
    if (day !== state.day) {
      state.day = day;
      state.dayCount = 0;
    }
  }

  #pump(key: string, state: KeyState): void {
    for (;;) {
      const head = state.queue[0];
      if (!head) return;
      const now = this.#clock.now();
      this.#prune(state, now);
      if (now < state.dayExhaustedUntil || (this.perDay !== undefined && state.dayCount >= this.perDay)) {
        this.#failAllForTheDay(key, state, now);
        return;
      }
      if (state.inFlight >= this.concurrency) return; // a release pumps again
      const windowFreeAt = state.starts.length >= this.perMinute ? (state.starts[0] ?? now) + this.#window : now;
      const startAt = Math.max(windowFreeAt, state.pausedUntil);
      if (startAt > now) {
        this.#wakeAt(key, state, startAt, state.pausedUntil > windowFreeAt ? 'paused' : 'minute');
        return;
      }
      state.queue.shift();
      head.signal?.removeEventListener('abort', head.onAbort);
      state.starts.push(now);
      state.inFlight++;
      state.dayCount++;
      let released = false;
      head.resolve(() => {
        if (released) return;
        released = true;
        state.inFlight--;
        this.#pump(key, state);
      });
    }
  }

  #wakeAt(key: string, state: KeyState, at: number, kind: 'minute' | 'paused'): void {
    if (state.wakeScheduled) return;
    state.wakeScheduled = true;
    const waitMs = at - this.#clock.now();
    this.#onWait?.({ key, kind, waitMs });
    void this.#clock.sleep(waitMs).then(() => {
      state.wakeScheduled = false;
      this.#pump(key, state);
    });
  }

  #failAllForTheDay(key: string, state: KeyState, now: number): void {
    const until = Math.max(state.dayExhaustedUntil, nextUtcMidnight(now));
    const waiters = state.queue.splice(0);
    for (const waiter of waiters) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(
        new RateLimitError(
          `The daily API budget of ${describeKey(key)} is spent${this.perDay !== undefined ? ` (limits.perDay = ${this.perDay})` : ' (Zoho answered code 45)'}. Calls resume after ${new Date(until).toISOString()}; upgrade the Zoho plan for a larger cap.`,
          { status: 429, kind: 'day', retryAfterMs: until - now, details: { key } },
        ),
      );
    }
  }
}

function nextUtcMidnight(now: number): number {
  return (Math.floor(now / DAY) + 1) * DAY;
}

function describeKey(key: string): string {
  return key.startsWith('finance:') ? `organisation ${key.slice('finance:'.length)}` : key;
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${option} must be a positive whole number; got ${String(value)}.`, { details: { option, value } });
  }
  return value;
}
