import type { Clock } from '../clock.js';
import { ConfigError } from '../errors/config-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { nextUtcMidnight } from './daily-budget.js';
import type { ZohoPlan } from './plan-limits.js';

/**
 * Per-organisation limits the client enforces on itself. Zoho allows 100 requests a minute per
 * organisation, 5 calls at once on the free plan and 10 on paid plans, and a daily cap by plan
 * (free 1000, standard 2000, professional 5000, premium and above 10000).
 */
export interface RateLimits {
  /** Requests started in any 60-second window. Default: the plan's (100). */
  perMinute?: number;
  /** Requests in flight at once. Default: the plan's (5 free, 10 paid). */
  concurrency?: number;
  /**
   * Requests per UTC day. Default: the plan's cap. `false`: no client-side cap (Zoho's own code 45
   * still stops calls the same way).
   */
  perDay?: number | false;
  /**
   * Where the limits not given above come from. `'auto'` (default): the finance organisation's
   * plan, read from Zoho (`GET /organizations/{id}`) before its first call and cached in storage;
   * the free plan's pace until it is known or when it cannot be read. A plan name: that plan's
   * limits, nothing read.
   */
  plan?: 'auto' | ZohoPlan;
  /** How long a plan read stays valid before it is read again. Default 6 hours. */
  planTtlMs?: number;
}

/** The limits of one key (organisation) that differ from the limiter's defaults. */
export interface KeyLimits {
  perMinute?: number | undefined;
  concurrency?: number | undefined;
}

/** Why a request waits, reported to `onWait`. */
export interface RateLimitWait {
  key: string;
  kind: 'minute' | 'paused';
  waitMs: number;
}

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Requests started in any 60-second window, per key. Default 100. */
  perMinute?: number;
  /** Requests in flight at once, per key. Default 10. */
  concurrency?: number;
  /** Requests per UTC day, per key, counted in memory. Default: no cap. */
  perDay?: number;
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
  perMinute: number;
  concurrency: number;
}

/**
 * Keeps calls inside Zoho's limits per organisation: requests queue for a slot instead of failing.
 * One limiter can be shared by several clients of the same organisation (pass it as `limiter`).
 * A spent daily cap fails every call at once with `RateLimitError('day')`, instead of a retry storm.
 * `setLimits` gives one key its own pace (the client sets each organisation's from its plan).
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

  /**
   * Gives `key` its own per-minute and concurrency limits (undefined: the limiter's defaults).
   * Takes effect for the next request started; calls in flight are not interrupted.
   */
  setLimits(key: string, limits: KeyLimits): void {
    const state = this.#state(key);
    state.perMinute = limits.perMinute === undefined ? this.perMinute : positiveInteger('limits.perMinute', limits.perMinute);
    state.concurrency = limits.concurrency === undefined ? this.concurrency : positiveInteger('limits.concurrency', limits.concurrency);
    // A new budget (a plan upgrade) may lift a day spent under the old one; Zoho's code 45 marks it again if not.
    state.dayExhaustedUntil = 0;
    this.#pump(key, state);
  }

  /** The per-minute and concurrency limits in force for `key`. */
  limitsOf(key: string): { perMinute: number; concurrency: number } {
    const state = this.#state(key);
    return { perMinute: state.perMinute, concurrency: state.concurrency };
  }

  /** Stops starting requests under `key` for `ms` (Zoho answered code 44 or 1070 anyway). */
  pause(key: string, ms: number): void {
    const state = this.#state(key);
    state.pausedUntil = Math.max(state.pausedUntil, this.#clock.now() + ms);
  }

  /** Marks the day's budget of `key` as spent (Zoho answered code 45) until `until`, by default the next UTC midnight. */
  exhaustDay(key: string, until?: number): void {
    const state = this.#state(key);
    state.dayExhaustedUntil = until ?? nextUtcMidnight(this.#clock.now());
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
      state = { starts: [], inFlight: 0, queue: [], day: -1, dayCount: 0, pausedUntil: 0, dayExhaustedUntil: 0, wakeScheduled: false, perMinute: this.perMinute, concurrency: this.concurrency };
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
      if (state.inFlight >= state.concurrency) return; // a release pumps again
      const windowFreeAt = state.starts.length >= state.perMinute ? (state.starts[0] ?? now) + this.#window : now;
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
    const until = state.dayExhaustedUntil > now ? state.dayExhaustedUntil : nextUtcMidnight(now);
    const waiters = state.queue.splice(0);
    for (const waiter of waiters) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(
        new RateLimitError(
          `The daily API budget of ${describeKey(key)} is spent${this.perDay !== undefined ? ` (limits.perDay = ${this.perDay})` : ' (Zoho answered code 45)'}. Calls resume after ${new Date(until).toISOString()}; upgrade the Zoho plan for a larger cap.`,
          { status: 429, kind: 'day', retryAfterMs: until - now, resumeAt: until, details: { key } },
        ),
      );
    }
  }
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
