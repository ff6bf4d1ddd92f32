import type { ZohoPlan } from './plan-limits.js';
import type { HttpMethod } from './transport.js';
import type { ZohoService } from './zoho-reply.js';

/**
 * Events of an {@link IntegrationClient} (`client.on(name, listener)`). Payloads never hold a token
 * or secret; URLs are the called URLs (organisation id and query included, no credentials).
 */
export interface ClientEvents {
  /** A request is about to be sent (once per attempt). */
  request: { requestId: string; service: ZohoService; method: HttpMethod; url: string; attempt: number };
  /** A reply arrived (any status), or the attempt failed without one (`status: 0`). */
  response: {
    requestId: string;
    service: ZohoService;
    method: HttpMethod;
    url: string;
    attempt: number;
    status: number;
    durationMs: number;
    /** Zoho's error code, when the reply carried one. */
    zohoCode?: number | string;
  };
  /** A failed attempt will be retried after `delayMs`. */
  retry: { requestId: string; method: HttpMethod; url: string; attempt: number; delayMs: number; reason: string; errorCode: string };
  /**
   * Calls are held back: by the client's own limiter (`source: 'client'`), because Zoho
   * answered 429 (`source: 'zoho'`), or because 10 access tokens were minted in 10 minutes
   * (`kind: 'token'`, `source: 'client'`).
   */
  'rate-limited': { key: string; kind: 'minute' | 'concurrency' | 'day' | 'paused' | 'token'; waitMs: number; source: 'client' | 'zoho' };
  /**
   * The limits a finance organisation is paced by were set: from its plan (`source: 'plan'`), from
   * the `limits` option alone (`'configured'`), or, when the plan could not be read or is not one
   * this SDK knows, the free plan's pace (`'fallback'`, with the `reason`).
   */
  limits: {
    organizationId: string;
    source: LimitsSource;
    plan: ZohoPlan | undefined;
    planName: string | undefined;
    perMinute: number;
    concurrency: number;
    /** Calls per UTC day the client allows itself; undefined: only Zoho's code 45 stops the day. */
    perDay: number | undefined;
    reason?: string;
  };
  /** A new access token was obtained (never the token itself). */
  'token-refreshed': { expiresAt: number; source: 'accounts' | 'storage' };
}

/** Where an organisation's limits come from: its plan, the `limits` option, or the unknown-plan fallback. */
export type LimitsSource = 'plan' | 'configured' | 'fallback';
