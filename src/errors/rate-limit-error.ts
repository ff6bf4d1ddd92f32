import { ApiError, type ApiErrorInit } from './api-error.js';

/** Which of Zoho's limits was hit: per minute (code 44), per day (code 45), calls at once (code 1070). */
export type RateLimitKind = 'minute' | 'day' | 'concurrency';

/**
 * Thrown when a Zoho rate limit stops a call and retrying cannot help within the retry budget.
 *
 * - `kind: 'minute'` (code 44) and `'concurrency'` (code 1070) are normally absorbed by the
 *   client's limiter and retries; you see this error only once retries are exhausted. Code
 *   `RATE_LIMITED`.
 * - `kind: 'day'`: the organisation's daily call budget is spent — Zoho answered code 45, or the
 *   client refused to send a call that would pass the plan's cap. Code `DAILY_LIMIT_REACHED`; never
 *   retried. `resumeAt` (epoch ms; `details.resumeAt` as an ISO string) says when calls may go on.
 *
 * @example
 * ```ts
 * try { await client.finance.contacts.get(id); }
 * catch (error) {
 *   if (error instanceof RateLimitError && error.code === 'DAILY_LIMIT_REACHED') scheduleAt(error.resumeAt);
 * }
 * ```
 */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  readonly kind: RateLimitKind;
  /** How long to wait before calling again, in milliseconds, when known. */
  readonly retryAfterMs: number | undefined;
  /** Daily limit: when calls may go on (epoch ms). */
  readonly resumeAt: number | undefined;

  constructor(message: string, init: ApiErrorInit & { kind: RateLimitKind; retryAfterMs?: number | undefined; resumeAt?: number | undefined }) {
    const resumeAt = init.resumeAt;
    super(
      message,
      {
        ...init,
        details: {
          kind: init.kind,
          retryAfterMs: init.retryAfterMs,
          ...(resumeAt === undefined ? {} : { resumeAt: new Date(resumeAt).toISOString() }),
          ...init.details,
        },
      },
      init.kind === 'day' ? 'DAILY_LIMIT_REACHED' : 'RATE_LIMITED',
    );
    this.kind = init.kind;
    this.retryAfterMs = init.retryAfterMs;
    this.resumeAt = resumeAt;
  }
}

/**
 * True when `error` says the organisation's daily call budget is spent: nothing more can be sent
 * to it before `error.resumeAt`.
 *
 * @example
 * ```ts
 * if (isDailyLimitError(error)) console.log('go on after', new Date(error.resumeAt ?? 0));
 * ```
 */
export function isDailyLimitError(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError && error.kind === 'day';
}
