import { ApiError, type ApiErrorInit } from './api-error.js';

/** Which of Zoho's limits was hit (zoho-api.md §2.7). */
export type RateLimitKind = 'minute' | 'day' | 'concurrency';

/**
 * Thrown when a Zoho rate limit stops a call and retrying cannot help within the retry budget.
 *
 * - `kind: 'minute'` (code 44) and `'concurrency'` (code 1070) are normally absorbed by the
 *   client's limiter and retries; you see this error only once retries are exhausted.
 * - `kind: 'day'` (code 45, or the client's own `limits.perDay`) fails at once: the plan's daily
 *   cap is spent and nothing will succeed before `retryAfterMs` has passed.
 */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  readonly kind: RateLimitKind;
  /** How long to wait before calling again, in milliseconds, when known. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: ApiErrorInit & { kind: RateLimitKind; retryAfterMs?: number | undefined }) {
    super(message, { ...init, details: { kind: init.kind, retryAfterMs: init.retryAfterMs, ...init.details } }, 'RATE_LIMITED');
    this.kind = init.kind;
    this.retryAfterMs = init.retryAfterMs;
  }
}
