import pRetry from 'p-retry';
import type { TokenProvider } from '../auth/token-provider.js';
import type { Clock } from '../clock.js';
import { ApiError } from '../errors/api-error.js';
import { AuthError } from '../errors/auth-error.js';
import { ConfigError } from '../errors/config-error.js';
import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { NetworkError } from '../errors/network-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { RedirectRefusedError } from '../errors/redirect-refused-error.js';
import type { TypedEmitter } from '../events.js';
import type { RegionHosts } from '../regions.js';
import type { LimitGate } from './limit-gate.js';
import type { ClientEvents } from './pipeline-events.js';
import type { RateLimiter } from './rate-limiter.js';
import { decideRetry, type ResolvedRetryOptions } from './retry-policy.js';
import type { HttpMethod, Transport, TransportResponse } from './transport.js';
import { refuseCallerOrganization } from './organization-param.js';
import { assertNoDotSegments } from './dot-segments.js';
import { redactText, scrubSecret } from './scrub-secret.js';
import { interpretReply, type ZohoService } from './zoho-reply.js';

/** One call to a Zoho API, before auth, org id and retries are added. */
export interface ApiRequest {
  service: ZohoService;
  method: HttpMethod;
  /** Path below the service's base URL, ids already encoded: `/contacts/460000000026049`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** The finance organisation; required for Books and Invoice calls other than listing organisations. */
  organizationId?: string | undefined;
  /** Marks a POST as safe to repeat (it cannot create twice), so it is retried like a GET. */
  retrySafe?: boolean;
  /** At most this many retries for this call (default: the client's `retry.retries`). */
  retries?: number;
  signal?: AbortSignal | undefined;
}

/** What the pipeline is built from; resolved once by the client. */
export interface PipelineConfig {
  hosts: RegionHosts;
  transport: Transport;
  tokens: TokenProvider;
  limiter: RateLimiter;
  clock: Clock;
  retry: ResolvedRetryOptions;
  events: TypedEmitter<ClientEvents>;
  /** Plan-based limits and the daily budget; none: the limiter alone. */
  gate?: LimitGate | undefined;
}

// Invoice reads the organisation from this header; Books from a query param.
const INVOICE_ORG_HEADER = 'X-com-zoho-invoice-organizationid';

/**
 * Failures of the token step. The provider already retried them with back-off under the mint
 * budget; repeating them from here would multiply token requests (7 attempts × 3 = 21 during an
 * accounts outage), so the pipeline passes them on at once.
 */
const tokenFailures = new WeakSet<object>();

/** Visible ASCII only: anything else (CR, LF, NUL, non-ASCII) cannot be a Zoho token and could split a header. */
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/**
 * The one path every call takes: limiter slot → access token → send → interpret the envelope,
 * with a token refresh and a single replay on HTTP 401, and retries (p-retry) on rate limits,
 * 5xx and network failures as {@link decideRetry} allows.
 */
export class RequestPipeline {
  readonly #config: PipelineConfig;
  #sequence = 0;

  constructor(config: PipelineConfig) {
    this.#config = config;
  }

  /** Sends `request` and resolves with the reply body (envelope included), or throws a typed error. */
  async send(request: ApiRequest): Promise<unknown> {
    const url = this.#url(request);
    const key = limiterKey(request);
    const requestId = `req_${(++this.#sequence).toString(36)}`;
    const { retry, clock, events, limiter } = this.#config;
    let attempt = 0;
    let ambiguousFailure = false;

    return pRetry(
      async () => {
        attempt++;
        try {
          return await this.#exchange(request, url, key, requestId, attempt);
        } catch (error) {
          // A DELETE replayed after a lost reply finds nothing: the first attempt did the work.
          if (error instanceof NotFoundError && request.method === 'DELETE' && ambiguousFailure) return undefined;
          if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) ambiguousFailure = true;
          throw error;
        }
      },
      {
        retries: request.retries ?? retry.retries,
        minTimeout: 0,
        factor: 1,
        ...(request.signal ? { signal: request.signal } : {}),
        onFailedAttempt: async ({ error, retriesLeft, retriesConsumed }) => {
          if (!(error instanceof FsmBillingError) || tokenFailures.has(error)) throw error;
          if (error instanceof RateLimitError && error.kind === 'day') {
            // Never retried: every later call to the organisation fails at once until resumeAt.
            limiter.exhaustDay(key, error.resumeAt);
            const fromZoho = error.zohoCode === 45;
            if (fromZoho) await this.#config.gate?.blocked(request, key, error);
            events.emit('rate-limited', { key, kind: 'day', waitMs: Math.max(0, (error.resumeAt ?? clock.now()) - clock.now()), source: fromZoho ? 'zoho' : 'client' });
            throw error;
          }
          const decision = decideRetry(error, { method: request.method, retrySafe: request.retrySafe ?? false, retriesConsumed }, retry);
          if (!decision.retry || retriesLeft <= 0) throw error;
          if (error instanceof RateLimitError) {
            limiter.pause(key, decision.delayMs);
            events.emit('rate-limited', { key, kind: error.kind, waitMs: decision.delayMs, source: 'zoho' });
          }
          events.emit('retry', { requestId, method: request.method, url, attempt, delayMs: decision.delayMs, reason: decision.reason, errorCode: error.code });
          await clock.sleep(decision.delayMs, request.signal);
        },
      },
    );
  }

  /** One attempt: a slot, a token, the HTTP exchange; on 401 one fresh token and one replay. */
  async #exchange(request: ApiRequest, url: string, key: string, requestId: string, attempt: number): Promise<unknown> {
    let response = await this.#sendOnce(request, url, key, requestId, attempt);
    if (response.reply.status === 401) {
      await this.#config.tokens.invalidate(response.token);
      response = await this.#sendOnce(request, url, key, requestId, attempt);
      if (response.reply.status === 401) throw unauthorized(request, url, withoutToken(response.reply, response.token));
    }
    return interpretReply(withoutToken(response.reply, response.token), { service: request.service, method: request.method, url, now: this.#config.clock.now() });
  }

  async #sendOnce(request: ApiRequest, url: string, key: string, requestId: string, attempt: number): Promise<{ reply: TransportResponse; token: string }> {
    const { transport, tokens, limiter, clock, events, gate } = this.#config;
    await gate?.ready(request, key);
    const release = await limiter.acquire(key, request.signal);
    const started = clock.now();
    try {
      // Counted once it holds a slot, so a call refused here was never sent.
      await gate?.spend(request, key);
      const token = await tokenFrom(tokens, request.signal).catch((error: unknown) => {
        if (typeof error === 'object' && error !== null) tokenFailures.add(error);
        throw error;
      });
      const headers: Record<string, string> = { accept: 'application/json', authorization: `Zoho-oauthtoken ${token}` };
      if (request.service === 'invoice' && request.organizationId) headers[INVOICE_ORG_HEADER] = request.organizationId;
      // Payloads are built only for an event someone listens to.
      if (events.listenerCount('request') > 0) events.emit('request', { requestId, service: request.service, method: request.method, url, attempt });
      let reply: TransportResponse;
      try {
        reply = await transport.send({
          method: request.method,
          url,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        if (events.listenerCount('response') > 0) events.emit('response', { requestId, service: request.service, method: request.method, url, attempt, status: 0, durationMs: clock.now() - started });
        throw transportFailure(error, request, url, token);
      }
      // A custom transport that follows redirects, or reports them: refused, never taken as Zoho's reply.
      if (reply.status >= 300 && reply.status < 400) throw new RedirectRefusedError(reply.status, request.method, url);
      if (events.listenerCount('response') > 0) {
        const zohoCode = zohoCodeOf(reply.body);
        events.emit('response', {
          requestId,
          service: request.service,
          method: request.method,
          url,
          attempt,
          status: reply.status,
          durationMs: clock.now() - started,
          ...(zohoCode === undefined ? {} : { zohoCode }),
        });
      }
      return { reply, token };
    } finally {
      release();
    }
  }

  #url(request: ApiRequest): string {
    const { hosts } = this.#config;
    assertNoDotSegments(request.path);
    const base = hosts[request.service];
    const url = new URL(base + request.path);
    // The query is built apart and written back once: each set on url.searchParams re-serialises the URL.
    const params = new URLSearchParams(url.search);
    refuseCallerOrganization(`${request.method} ${request.path}`, request.query, params);
    let changed = false;
    if (request.service === 'books' && request.organizationId) {
      params.set('organization_id', request.organizationId);
      changed = true;
    }
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      params.set(name, String(value));
      changed = true;
    }
    if (changed) url.search = params.toString();
    if (request.service !== 'fsm' && !request.organizationId && !request.path.startsWith('/organizations')) {
      throw new ConfigError(
        `${request.method} ${request.path} needs a finance organisation id. Set finance.organizationId in the IntegrationClient options, or use client.financeFor(app, organizationId).`,
        { details: { option: 'finance.organizationId' } },
      );
    }
    // Hosts come only from the region table: a path that escapes the base is refused.
    if (!url.href.startsWith(base + '/')) {
      throw new ConfigError(`Refusing to call ${url.origin}${url.pathname}: it is outside ${base}.`, { details: { path: request.path } });
    }
    return url.href;
  }
}

/** Asks the provider for a token; a user provider's failure or bad value becomes an AuthError. */
async function tokenFrom(tokens: TokenProvider, signal: AbortSignal | undefined): Promise<string> {
  let value: unknown;
  try {
    value = await tokens.getToken(signal ? { signal } : {});
  } catch (error) {
    if (error instanceof FsmBillingError || signal?.aborted) throw error;
    throw new AuthError('The TokenProvider failed to supply an access token. Check your provider; the cause holds its error.', {
      code: 'TOKEN_PROVIDER_FAILED',
      cause: error,
    });
  }
  const token = (value as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token.length === 0) {
    throw new AuthError('The TokenProvider returned no access token: getToken() must resolve with { token: string, expiresAt?: number }.', {
      code: 'TOKEN_PROVIDER_FAILED',
    });
  }
  // Checked before any header is built: fetch quotes a bad header value whole in its error.
  if (!HEADER_SAFE_TOKEN.test(token)) {
    throw new AuthError(
      'The access token holds a character that cannot go in an HTTP header (only printable ASCII is allowed: no space, CR, LF or NUL); it was not sent and is not shown. Check your TokenProvider or the token you passed.',
      { code: 'INVALID_ACCESS_TOKEN', details: { length: token.length } },
    );
  }
  return token;
}

/**
 * A transport's rejection, safe to pass on: the caller's abort reason as is; a NetworkError or
 * any other error rebuilt from its name and message with the access token redacted (a custom
 * transport may quote the request's headers), so no token reaches a message, a cause, a run's
 * `stoppedReason` or the sync log.
 */
function transportFailure(error: unknown, request: ApiRequest, url: string, token: string): unknown {
  if (request.signal?.aborted) return error;
  const secrets = [`Zoho-oauthtoken ${token}`, token, encodeURIComponent(token)];
  if (error instanceof FsmBillingError && !(error instanceof NetworkError)) return error;
  const original = error instanceof Error ? error : new Error(String(error));
  if (original instanceof NetworkError && !mentionsAny(original, secrets)) return error;
  const cause = new Error(redactText(original.message, secrets));
  cause.name = original.name;
  return new NetworkError(
    original instanceof NetworkError
      ? cause.message
      : `The transport failed during ${request.method} ${new URL(url).pathname} (${cause.name}: ${cause.message}). The call may be retried; a write may or may not have been applied.`,
    { timeout: original instanceof NetworkError && original.code === 'TIMEOUT', details: { method: request.method, url }, cause },
  );
}

/**
 * The reply with the access token scrubbed out, when it is an error reply that could quote it back.
 * Success replies are passed through untouched: scanning every page of records would cost more than
 * the risk, and nothing from a success reply goes into an error.
 */
function withoutToken(reply: TransportResponse, token: string): TransportResponse {
  const body = reply.body;
  const failed = reply.status >= 300 || typeof body === 'string' || (typeof body === 'object' && body !== null && 'code' in body && (body as { code: unknown }).code !== 0);
  return failed ? { ...reply, body: scrubSecret(body, token) } : reply;
}

function limiterKey(request: ApiRequest): string {
  return request.service === 'fsm' ? 'fsm' : `finance:${request.organizationId ?? 'none'}`;
}

function zohoCodeOf(body: unknown): number | string | undefined {
  if (typeof body !== 'object' || body === null || !('code' in body)) return undefined;
  const code = (body as { code: unknown }).code;
  return (typeof code === 'number' && code !== 0) || typeof code === 'string' ? code : undefined;
}

function unauthorized(request: ApiRequest, url: string, reply: TransportResponse): AuthError {
  const body = reply.body as { code?: unknown; message?: unknown } | undefined;
  const zohoCode = typeof body?.code === 'number' || typeof body?.code === 'string' ? body.code : undefined;
  const zohoMessage = typeof body?.message === 'string' ? body.message : undefined;
  return new AuthError(
    `Zoho refused a freshly issued access token for ${request.method} ${new URL(url).pathname} (HTTP 401${zohoCode === undefined ? '' : `, code ${String(zohoCode)}`}${zohoMessage ? `: "${zohoMessage}"` : ''}). The refresh token may be revoked, lack the scope for this call, or belong to another data centre than the client's region: authorise again.`,
    { code: 'AUTH_FAILED', details: { status: 401, zohoCode, zohoMessage, method: request.method, url } },
  );
}

/** Whether an error's message, details or cause's message holds one of `secrets`. */
function mentionsAny(error: FsmBillingError, secrets: readonly string[]): boolean {
  let details: string;
  try {
    details = JSON.stringify(error.details);
  } catch {
    return true; // unreadable details: rebuild rather than trust them
  }
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? '');
  const text = `${error.message} ${details} ${cause}`;
  return secrets.some((secret) => text.includes(secret));
}
