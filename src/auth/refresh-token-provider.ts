import type { Clock } from '../clock.js';
import { ApiError } from '../errors/api-error.js';
import { ConfigError } from '../errors/config-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { Storage } from '../storage/storage.js';
import type { Transport } from '../transport/transport.js';
import { deriveAuthStorageKeys, type AuthStorageKeys } from './auth-storage-keys.js';
import { asCachedToken, isFresh, type CachedToken } from './cached-token.js';
import { MintBudget } from './mint-budget.js';
import { RefreshLease } from './refresh-lease.js';
import { SharedFlight } from './shared-flight.js';
import { requestAccessToken, type TokenAttempt, type TokenRequestContext } from './token-request.js';
import type { AccessToken, GetTokenOptions, TokenProvider } from './token-provider.js';

/** Payload of {@link RefreshTokenProviderOptions.onRefresh}. Never holds the token. */
export interface TokenRefreshInfo {
  /** Expiry of the new token, ms since the epoch. */
  expiresAt: number;
  /** `accounts`: this provider minted it; `storage`: another process (or an earlier run) did and cached it. */
  source: 'accounts' | 'storage';
}

/** Payload of {@link RefreshTokenProviderOptions.onThrottled}. */
export interface TokenThrottleInfo {
  /** How long the provider waits before minting, in ms. */
  waitMs: number;
}

/** Options of {@link RefreshTokenProvider}. */
export interface RefreshTokenProviderOptions {
  /** From https://api-console.zoho.com. */
  clientId: string;
  clientSecret: string;
  /** A refresh token from an `access_type=offline` authorisation in the same data centre. */
  refreshToken: string;
  /** Origin of the data centre's accounts server: `regionHosts(region).accounts`. */
  accountsServer: string;
  transport: Transport;
  /** Where the token, the refresh lease and the mint log live; share it to share tokens across processes. */
  storage: Storage;
  clock: Clock;
  /** Refresh this long before the token expires. Default: 5 minutes. */
  refreshMarginMs?: number;
  /** Called when the provider starts using a new token. */
  onRefresh?: (info: TokenRefreshInfo) => void;
  /** Called when the 10-tokens-per-10-minutes budget makes the provider wait. */
  onThrottled?: (info: TokenThrottleInfo) => void;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
/** Covers one request to the accounts server; a holder that crashed blocks the others this long at most. */
const LEASE_TTL_MS = 30_000;
/** How often a process waiting for another one's refresh looks at the cache again. */
const LEASE_POLL_MS = 250;
/** Retries after a 5xx or a network failure; each attempt counts as a mint. */
const MAX_RETRIES = 2;
const RETRY_BASE_DELAY_MS = 1_000;
/**
 * After a refresh that failed every attempt (an accounts outage), calls fail at once, without a
 * request, for this long; it doubles with each failed refresh in a row, up to OUTAGE_MAX_MS. With
 * at most 3 requests a refresh, an outage costs a handful of mints in 10 minutes, not the budget.
 */
const OUTAGE_BASE_MS = 10_000;
const OUTAGE_MAX_MS = 5 * 60_000;
/** Refused tokens remembered, so none comes back from a lagging cache. */
const REFUSED_MEMORY = 32;

interface SharedState {
  keys: AuthStorageKeys;
  lease: RefreshLease;
  budget: MintBudget;
}

/**
 * Gets access tokens with Zoho's OAuth refresh flow and caches them in Storage.
 *
 * - A cached token is used until 5 minutes (`refreshMarginMs`) before it expires; every process
 *   sharing the Storage uses the same token.
 * - Concurrent calls share one refresh, in this process and, through a lease in Storage, across
 *   processes.
 * - It never mints more than 10 tokens per 10 minutes per refresh token (Zoho blocks the client
 *   beyond that): it waits instead, and tells `onThrottled`.
 * - 5xx replies and network failures are retried twice with back-off; after that, calls fail at
 *   once without a request for 10 s, doubling with each failed refresh in a row up to 5 minutes,
 *   so an accounts outage costs a few mints, never the budget. Refusals throw `AuthError`
 *   (`TOKEN_REFRESH_FAILED`) saying what to fix. No error or callback ever holds a token or secret.
 *
 * @example
 * ```ts
 * const auth = new RefreshTokenProvider({
 *   clientId, clientSecret, refreshToken,
 *   accountsServer: regionHosts('in').accounts,
 *   transport: createFetchTransport(), storage, clock: systemClock,
 *   onRefresh: ({ expiresAt, source }) => log.info('zoho token', { expiresAt, source }),
 * });
 * const { token } = await auth.getToken();
 * ```
 */
export class RefreshTokenProvider implements TokenProvider {
  readonly #context: TokenRequestContext;
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #marginMs: number;
  readonly #onRefresh: ((info: TokenRefreshInfo) => void) | undefined;
  readonly #onThrottled: ((info: TokenThrottleInfo) => void) | undefined;
  readonly #flight = new SharedFlight<AccessToken>();
  readonly #refused = new Set<string>();
  #state: Promise<SharedState> | undefined;
  #memory: CachedToken | undefined;
  #lastSeen: string | undefined;
  #outage: { until: number; failedRefreshes: number; error: NetworkError | ApiError } | undefined;

  constructor(options: RefreshTokenProviderOptions) {
    for (const name of ['clientId', 'clientSecret', 'refreshToken'] as const) {
      if (typeof options[name] !== 'string' || options[name] === '') {
        throw new ConfigError(`RefreshTokenProvider needs a non-empty string \`${name}\`.`, { details: { option: name } });
      }
    }
    const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    if (!Number.isFinite(margin) || margin < 0) {
      throw new ConfigError('`refreshMarginMs` must be a number of milliseconds, 0 or more.', {
        details: { option: 'refreshMarginMs', value: options.refreshMarginMs },
      });
    }
    this.#context = {
      accountsServer: accountsOrigin(options.accountsServer),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: options.refreshToken,
      transport: options.transport,
      clock: options.clock,
    };
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#marginMs = margin;
    this.#onRefresh = options.onRefresh;
    this.#onThrottled = options.onThrottled;
  }

  /**
   * A token valid for at least the refresh margin: from memory, from Storage, or freshly minted.
   * @throws AuthError `TOKEN_REFRESH_FAILED` when the accounts server refuses the credentials.
   * @throws NetworkError / ApiError when the accounts server stayed unreachable or failing after retries.
   */
  async getToken(options: GetTokenOptions = {}): Promise<AccessToken> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    const memory = this.#memory;
    if (memory && this.#usable(memory)) return { token: memory.token, expiresAt: memory.expiresAt };
    return this.#flight.join((flightSignal) => this.#obtain(flightSignal), signal);
  }

  /**
   * Forgets `token` after Zoho refused it. The cached copy in Storage is dropped only if it is
   * still that token, so a late 401 for an old token does not throw away a newer one.
   */
  async invalidate(token: string): Promise<void> {
    this.#refused.add(token);
    if (this.#refused.size > REFUSED_MEMORY) {
      const oldest = this.#refused.values().next();
      if (oldest.done !== true) this.#refused.delete(oldest.value);
    }
    if (this.#memory?.token === token) this.#memory = undefined;
    const { keys } = await this.#shared();
    const stored = await this.#storage.get<unknown>(keys.token);
    if (asCachedToken(stored)?.token === token) await this.#storage.compareAndSet<unknown>(keys.token, stored, undefined);
  }

  /** One refresh on behalf of every waiting caller: cache, lease, budget, request, in that order. */
  async #obtain(signal: AbortSignal): Promise<AccessToken> {
    const { keys, lease, budget } = await this.#shared();
    const outage = this.#outage;
    if (outage && this.#clock.now() < outage.until) {
      // Another process may have minted meanwhile; otherwise fail without asking the accounts server.
      const cached = await this.#readCache(keys.token);
      if (cached) return this.#adopt(cached, 'storage');
      throw duringOutage(outage.error, outage.until);
    }
    let failures = 0;
    let lastError = outage?.error;
    for (;;) {
      const cached = await this.#readCache(keys.token);
      if (cached) return this.#adopt(cached, 'storage');
      const held = await lease.tryAcquire();
      if (!held) {
        await this.#clock.sleep(LEASE_POLL_MS, signal);
        continue;
      }
      let step: TokenAttempt | { kind: 'cached'; record: CachedToken } | { kind: 'throttled'; waitMs: number };
      try {
        const again = await this.#readCache(keys.token);
        const waitMs = again ? 0 : await budget.tryReserve();
        if (again) step = { kind: 'cached', record: again };
        else if (waitMs > 0) step = { kind: 'throttled', waitMs };
        else step = await requestAccessToken(this.#context, signal);
        if (step.kind === 'token') await this.#storage.batch([{ type: 'put', key: keys.token, value: step.record }]);
      } finally {
        await held.release();
      }
      if (step.kind === 'token') return this.#adopt(step.record, 'accounts');
      if (step.kind === 'cached') return this.#adopt(step.record, 'storage');
      if (step.kind === 'throttled') {
        if (lastError) {
          // The budget went on failed attempts: fail now instead of holding the call for minutes.
          this.#outage = { until: this.#clock.now() + step.waitMs, failedRefreshes: (this.#outage?.failedRefreshes ?? 0) + 1, error: lastError };
          throw duringOutage(lastError, this.#outage.until);
        }
        notify(this.#onThrottled, { waitMs: step.waitMs });
        await this.#clock.sleep(step.waitMs, signal);
        continue;
      }
      failures++;
      lastError = step.error;
      if (failures > MAX_RETRIES) {
        const failedRefreshes = (this.#outage?.failedRefreshes ?? 0) + 1;
        const backoff = Math.min(OUTAGE_MAX_MS, OUTAGE_BASE_MS * 2 ** (failedRefreshes - 1));
        this.#outage = { until: this.#clock.now() + backoff, failedRefreshes, error: step.error };
        throw step.error;
      }
      await this.#clock.sleep(RETRY_BASE_DELAY_MS * 2 ** (failures - 1), signal);
    }
  }

  async #readCache(key: string): Promise<CachedToken | undefined> {
    const record = asCachedToken(await this.#storage.get<unknown>(key));
    return record && this.#usable(record) ? record : undefined;
  }

  #usable(record: CachedToken): boolean {
    return !this.#refused.has(record.token) && isFresh(record, this.#clock.now(), this.#marginMs);
  }

  #adopt(record: CachedToken, source: TokenRefreshInfo['source']): AccessToken {
    this.#memory = record;
    this.#outage = undefined;
    if (record.token !== this.#lastSeen) {
      this.#lastSeen = record.token;
      notify(this.#onRefresh, { expiresAt: record.expiresAt, source });
    }
    return { token: record.token, expiresAt: record.expiresAt };
  }

  #shared(): Promise<SharedState> {
    this.#state ??= deriveAuthStorageKeys(this.#context.accountsServer, this.#context.clientId, this.#context.refreshToken).then(
      (keys) => ({
        keys,
        lease: new RefreshLease({ storage: this.#storage, clock: this.#clock, key: keys.lease, ttlMs: LEASE_TTL_MS }),
        budget: new MintBudget({ storage: this.#storage, clock: this.#clock, key: keys.mints }),
      }),
    );
    return this.#state;
  }
}

/** A fresh copy of the last outage failure, saying when the next refresh is tried. It holds no secret. */
function duringOutage(last: NetworkError | ApiError, until: number): NetworkError | ApiError {
  const retryAt = new Date(until).toISOString();
  const message = `${last.message} No new attempt is made before ${retryAt}: until then calls fail at once, without a request to the accounts server.`;
  if (last instanceof NetworkError) return new NetworkError(message, { timeout: last.code === 'TIMEOUT', details: { ...last.details, retryAt }, cause: last });
  return new ApiError(message, { status: last.status, method: 'POST', url: typeof last.details['url'] === 'string' ? last.details['url'] : undefined, details: { retryAt }, cause: last });
}

/** Calls an observer; one that throws must not change what it observes. */
function notify<T>(listener: ((info: T) => void) | undefined, info: T): void {
  try {
    listener?.(info);
  } catch {
    // Deliberately dropped.
  }
}

function accountsOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigError('`accountsServer` must be the origin of a Zoho accounts server, e.g. regionHosts(\'in\').accounts.', {
      details: { option: 'accountsServer' },
    });
  }
  return url.origin;
}
