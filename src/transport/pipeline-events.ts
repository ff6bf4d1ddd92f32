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
  /** A new access token was obtained (never the token itself). */
  'token-refreshed': { expiresAt: number; source: 'accounts' | 'storage' };
}
