import type { RateLimitError } from '../errors/rate-limit-error.js';
import type { ApiRequest } from './request-pipeline.js';

/**
 * What the request pipeline asks about an organisation's limits around each call, beyond the
 * in-memory {@link RateLimiter}: the client's plan-based limits and its daily budget in storage.
 * Every method may resolve at once for keys it does not govern (FSM).
 */
export interface LimitGate {
  /** Resolves once the limiter holds the limits of `key` (the first call may read the plan). */
  ready(request: ApiRequest, key: string): Promise<void>;
  /** Counts one call about to be sent, or throws `RateLimitError` `DAILY_LIMIT_REACHED` to stop it. */
  spend(request: ApiRequest, key: string): Promise<void>;
  /** Zoho answered code 45: remember the spent day where other clients see it. */
  blocked(request: ApiRequest, key: string, error: RateLimitError): Promise<void>;
}
