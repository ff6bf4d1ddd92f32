import type { Clock } from '../clock.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { Storage } from '../storage/storage.js';

/** What is kept per organisation under `limits/day/<organizationId>`. */
interface DayRecord {
  /** The UTC day counted, `YYYY-MM-DD`. */
  day: string;
  /** Calls sent to the organisation that day (by every client sharing the storage). */
  used: number;
  /** Zoho answered code 45: nothing is sent before this time (epoch ms). */
  blockedUntil?: number;
}

/** The day's usage of one organisation. */
export interface DailyUsage {
  /** The UTC day counted, `YYYY-MM-DD`. */
  day: string;
  /** Calls sent to the organisation that day. */
  used: number;
  /** When the day's budget is spent: when calls may go on (epoch ms). */
  blockedUntil: number | undefined;
}

const DAY = 86_400_000;

/**
 * The next UTC midnight after `now`: when a daily budget is assumed to reset. Zoho does not say
 * when its daily count starts again; UTC midnight is this SDK's assumption.
 */
export function nextUtcMidnight(now: number): number {
  return (Math.floor(now / DAY) + 1) * DAY;
}

// The last day formatted: every call of a day asks for the same string.
let lastDayNumber = Number.NaN;
let lastDay = '';
function utcDay(now: number): string {
  const dayNumber = Math.floor(now / DAY);
  if (dayNumber !== lastDayNumber) {
    lastDay = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    lastDayNumber = dayNumber;
  }
  return lastDay;
}

/**
 * Counts the calls sent to each finance organisation per UTC day in {@link Storage}, so a restart,
 * and every other process on the same storage, sees what was already spent. `spend` refuses a call
 * that would pass the cap before it is sent; `block` remembers Zoho's own code 45.
 *
 * Counting is a compare-and-set per call, chained per organisation within a process so calls of
 * one process do not fight over the same key.
 *
 * @example
 * ```ts
 * const budget = new DailyBudget({ storage, clock });
 * await budget.spend('60012345', 1000); // throws RateLimitError DAILY_LIMIT_REACHED at the 1001st call of the day
 * ```
 */
export class DailyBudget {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #chains = new Map<string, Promise<unknown>>();
  /** The value last read or written per organisation: the expected value of the next write. */
  readonly #known = new Map<string, DayRecord | undefined>();

  constructor(options: { storage: Storage; clock: Clock }) {
    this.#storage = options.storage;
    this.#clock = options.clock;
  }

  /**
   * Counts one call to `organizationId`, or throws `RateLimitError` (`DAILY_LIMIT_REACHED`) without
   * counting when the day's `cap` is reached or Zoho blocked the day. `cap` undefined: count only.
   */
  spend(organizationId: string, cap: number | undefined): Promise<void> {
    return this.#serial(organizationId, () =>
      this.#update(organizationId, (record, now) => {
        const resumeAt = record.blockedUntil !== undefined && record.blockedUntil > now ? record.blockedUntil : cap !== undefined && record.used >= cap ? nextUtcMidnight(now) : undefined;
        if (resumeAt !== undefined) throw dailyLimitError(organizationId, cap, record.used, resumeAt, now);
        return { ...record, used: record.used + 1 };
      }),
    );
  }

  /** Zoho said the day's budget is spent (code 45): refuse calls to the organisation until `until`. */
  block(organizationId: string, until: number): Promise<void> {
    return this.#serial(organizationId, () => this.#update(organizationId, (record) => ({ ...record, blockedUntil: Math.max(until, record.blockedUntil ?? 0) })));
  }

  /** Today's usage of an organisation, as stored. */
  async usage(organizationId: string): Promise<DailyUsage> {
    const now = this.#clock.now();
    const record = current(await this.#storage.get<DayRecord>(keyOf(organizationId)), now);
    return { day: record.day, used: record.used, blockedUntil: record.blockedUntil !== undefined && record.blockedUntil > now ? record.blockedUntil : undefined };
  }

  async #update(organizationId: string, change: (record: DayRecord, now: number) => DayRecord): Promise<void> {
    const key = keyOf(organizationId);
    for (;;) {
      const expected = this.#known.has(organizationId) ? this.#known.get(organizationId) : await this.#storage.get<DayRecord>(key);
      const now = this.#clock.now();
      const next = change(current(expected, now), now);
      if (await this.#storage.compareAndSet(key, expected, next)) {
        this.#known.set(organizationId, next);
        return;
      }
      // Another process wrote in between: read again.
      this.#known.delete(organizationId);
    }
  }

  #serial<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#chains.get(organizationId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#chains.set(organizationId, settled);
    void settled.then(() => {
      if (this.#chains.get(organizationId) === settled) this.#chains.delete(organizationId);
    });
    return result;
  }
}

function keyOf(organizationId: string): string {
  return `limits/day/${organizationId}`;
}

/** The record for today: a record of an earlier day counts as a fresh day (the block stays if still running). */
function current(record: DayRecord | undefined, now: number): DayRecord {
  const day = utcDay(now);
  if (record?.day === day) return record;
  const blocked = record?.blockedUntil !== undefined && record.blockedUntil > now ? { blockedUntil: record.blockedUntil } : {};
  return { day, used: 0, ...blocked };
}

function dailyLimitError(organizationId: string, cap: number | undefined, used: number, resumeAt: number, now: number): RateLimitError {
  const why = cap !== undefined && used >= cap ? `${used} of its ${cap} calls for the day are spent` : 'Zoho answered that its daily call limit is reached (code 45)';
  return new RateLimitError(
    `Not sent: organisation ${organizationId} has reached its daily API limit (${why}). Calls may go on after ${new Date(resumeAt).toISOString()} (the next UTC midnight is assumed to reset the count), or sooner after a plan upgrade.`,
    { status: 429, kind: 'day', retryAfterMs: resumeAt - now, resumeAt, details: { organizationId, used, cap, source: 'client' } },
  );
}
