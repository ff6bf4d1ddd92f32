import { resolveTokenProvider, type AuthOptions } from '../auth/resolve-auth.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { systemClock, type Clock } from '../clock.js';
import { ConfigError } from '../errors/config-error.js';
import { TypedEmitter, type Listener } from '../events.js';
import { regionHosts, type Region, type RegionHosts } from '../regions.js';
import { MemoryStorage } from '../storage/memory-storage.js';
import type { Storage } from '../storage/storage.js';
import { createFetchTransport } from '../transport/fetch-transport.js';
import type { ClientEvents } from '../transport/pipeline-events.js';
import { RateLimiter, type RateLimits } from '../transport/rate-limiter.js';
import { type ApiRequest, RequestPipeline } from '../transport/request-pipeline.js';
import { resolveRetryOptions, type RetryOptions } from '../transport/retry-policy.js';
import type { Transport } from '../transport/transport.js';
import { FinanceApi } from './finance/finance-api.js';
import { OrgLimits, planFacts, type OrgLimitsInfo } from './org-limits.js';
import type { FinanceApp } from './finance/finance-context.js';
import { FsmApi } from './fsm/fsm-api.js';
import { healthGuardFor, type HealthGuardOptions } from './fsm/finance-health-guard.js';

/** Which finance product and organisation the client works with. */
export interface FinanceTarget {
  /** `'books'` (Zoho Books) or `'invoice'` (Zoho Invoice). */
  app: FinanceApp;
  /** The organisation id (digits). Optional until one is chosen: only `organizations` calls work without it. */
  organizationId?: string;
}

/** Options of {@link IntegrationClient}. Resolved and checked once, at construction. */
export interface IntegrationClientOptions {
  /** The Zoho data centre of the account: `us eu in au jp ca cn sa uk`. Every host comes from it. */
  region: Region;
  /** The finance app and organisation. Default `{ app: 'books' }` with no organisation. */
  finance?: FinanceTarget;
  /** Credentials: `{ clientId, clientSecret, refreshToken }`, `{ accessToken }`, or a TokenProvider. */
  auth: AuthOptions;
  /** Where tokens are cached (and, for other components, state kept). Default: a new MemoryStorage. */
  storage?: Storage;
  /** How HTTP is sent. Default: `createFetchTransport()` over the global fetch. */
  transport?: Transport;
  /** Time source for limits, retries and token expiry. Default: the system clock. */
  clock?: Clock;
  /**
   * Per-organisation limits. Default `'plan'`: each finance organisation's plan is read before its
   * first call (cached in `storage`) and its limits followed — per minute, at once, per UTC day
   * (tracked in `storage`). A number given here overrides the plan's for that limit. See docs/client.md.
   */
  limits?: RateLimits | 'plan';
  /** A limiter shared with other clients of the same organisations (overrides `limits`; no plan is read). */
  limiter?: RateLimiter;
  /** Retry behaviour. Default: 6 retries, 0.5 s doubling to 30 s, with jitter. */
  retry?: RetryOptions;
  /**
   * Before creating a work order, service appointment or asset, check that the finance
   * organisation still exists, and refuse with `IntegrationHealthError` (`FINANCE_ORG_DELETED`)
   * when it was deleted, as FSM does. One `GET /organizations` per create (concurrent creates share
   * one), or per `ttlMs` when you set one; a failed check lets the create through unless `onCheckError: 'block'`. Reads and updates are
   * never checked. Default on when `finance.organizationId` is set; `false` turns it off (or pass
   * `{ skipHealthCheck: true }` to one create). See docs/client.md.
   */
  healthGuard?: boolean | HealthGuardOptions;
}

const ORGANIZATION_ID = /^\d{1,20}$/;

/**
 * One client for Zoho Books, Zoho Invoice and Zoho FSM in one data centre: typed resources,
 * auto-pagination, OAuth refresh, per-organisation rate limiting and retries.
 *
 * @example
 * ```ts
 * const client = new IntegrationClient({
 *   region: 'in',
 *   finance: { app: 'books', organizationId: '60012345' },
 *   auth: { clientId, clientSecret, refreshToken },
 * });
 * for await (const contact of client.finance.contacts.list({ sortColumn: 'last_modified_time' })) {
 *   console.log(contact.contact_name);
 * }
 * const company = await client.fsm.companies.create({ Company_Name: 'Acme' });
 * client.on('retry', (e) => console.warn(`retry ${e.attempt} in ${e.delayMs} ms: ${e.reason}`));
 * ```
 */
export class IntegrationClient {
  /** The data centre. */
  readonly region: Region;
  /** The hosts every call goes to. */
  readonly hosts: RegionHosts;
  /** The configured finance app and organisation (`finance` option). */
  readonly finance: FinanceApi;
  /** Zoho FSM. */
  readonly fsm: FsmApi;
  /** The state store given in the options (or the default MemoryStorage). */
  readonly storage: Storage;
  /** The clock in use. */
  readonly clock: Clock;
  /** The per-organisation limiter in use. */
  readonly limiter: RateLimiter;
  readonly #events = new TypedEmitter<ClientEvents>();
  readonly #pipeline: RequestPipeline;
  readonly #tokens: TokenProvider;
  readonly #orgLimits: OrgLimits | undefined;

  constructor(options: IntegrationClientOptions) {
    if (typeof options !== 'object' || options === null) throw new ConfigError('IntegrationClient needs an options object: { region, auth, finance? }.');
    this.region = options.region;
    this.hosts = regionHosts(options.region);
    this.storage = options.storage ?? new MemoryStorage();
    this.clock = options.clock ?? systemClock;
    const transport = options.transport ?? createFetchTransport();
    this.#tokens = resolveTokenProvider(options.auth, {
      region: options.region,
      transport,
      storage: this.storage,
      clock: this.clock,
      onRefresh: (info) => this.#events.emit('token-refreshed', { expiresAt: info.expiresAt, source: info.source }),
      onThrottled: (info) => this.#events.emit('rate-limited', { key: 'auth', kind: 'token', waitMs: info.waitMs, source: 'client' }),
    });
    const limits = options.limits === 'plan' || options.limits === undefined ? {} : options.limits;
    this.limiter =
      options.limiter ??
      new RateLimiter({
        ...(limits.perMinute === undefined ? {} : { perMinute: limits.perMinute }),
        ...(limits.concurrency === undefined ? {} : { concurrency: limits.concurrency }),
        clock: this.clock,
        onWait: (wait) => this.#events.emit('rate-limited', { key: wait.key, kind: wait.kind, waitMs: wait.waitMs, source: 'client' }),
      });
    this.#orgLimits = options.limiter
      ? undefined
      : new OrgLimits({
          storage: this.storage,
          clock: this.clock,
          limiter: this.limiter,
          events: this.#events,
          limits,
          // One attempt: a failed read only means the free plan's pace for a while, not a retry storm.
          readPlan: async (app, organizationId) => planFacts(await this.#pipeline.send({ service: app, method: 'GET', path: `/organizations/${organizationId}`, retries: 0 })),
        });
    this.#pipeline = new RequestPipeline({
      hosts: this.hosts,
      transport,
      tokens: this.#tokens,
      limiter: this.limiter,
      clock: this.clock,
      retry: resolveRetryOptions(options.retry),
      events: this.#events,
      gate: this.#orgLimits,
    });
    const target = checkFinanceTarget(options.finance ?? { app: 'books' });
    this.finance = new FinanceApi({ pipeline: this.#pipeline, app: target.app, organizationId: target.organizationId });
    const guard = healthGuardFor(options.healthGuard, target, {
      clock: this.clock,
      listOrganizations: (signal) => this.financeFor(target.app).organizations.list(signal ? { signal } : {}),
    });
    // A finance reply refusing the org (HTTP 403) may mean it was deleted: check again before the next create.
    if (guard) this.#events.on('response', (e) => e.service === target.app && e.status === 403 && guard.noteRefusal());
    this.fsm = new FsmApi(this.#pipeline, guard);
  }

  /**
   * The same finance surface for another app or organisation, sharing this client's auth,
   * limiter and events: e.g. to list both Books and Invoice organisations of a user.
   *
   * @example
   * ```ts
   * const invoiceOrgs = await client.financeFor('invoice').organizations.list();
   * const books = client.financeFor('books', '60012345');
   * ```
   */
  financeFor(app: FinanceApp, organizationId?: string): FinanceApi {
    const target = checkFinanceTarget(organizationId === undefined ? { app } : { app, organizationId });
    return new FinanceApi({ pipeline: this.#pipeline, app: target.app, organizationId: target.organizationId });
  }

  /**
   * Sends a raw call through the same pipeline (auth, organisation id, limits, retries, envelope
   * checks) for endpoints the typed resources do not cover. Resolves with the reply body.
   */
  request(request: ApiRequest): Promise<unknown> {
    if (request.organizationId !== undefined) checkFinanceTarget({ app: 'books', organizationId: request.organizationId });
    return this.#pipeline.send(request);
  }

  /**
   * The limits the client keeps a finance organisation to (default: the configured one): its plan,
   * per minute, at once and per UTC day, and the calls already spent today. Reads the plan when it
   * is not known yet, or again with `refresh: true` (after a plan change, instead of waiting for
   * `limits.planTtlMs`).
   *
   * @example
   * ```ts
   * const { plan, concurrency, perDay, usedToday, resumeAt } = await client.limitsFor();
   * ```
   * @throws ConfigError when no organisation is given or configured, or the client uses a shared `limiter`.
   */
  limitsFor(organizationId?: string, options: { refresh?: boolean } = {}): Promise<OrgLimitsInfo> {
    const id = organizationId ?? this.finance.organizationId;
    const target = checkFinanceTarget(id === undefined ? { app: this.finance.app } : { app: this.finance.app, organizationId: id });
    if (target.organizationId === undefined) throw new ConfigError('limitsFor() needs a finance organisation id: pass one, or set finance.organizationId.', { details: { option: 'finance.organizationId' } });
    if (!this.#orgLimits) throw new ConfigError('limitsFor() is not available with a shared `limiter`: its limits are the ones it was built with.', { details: { option: 'limiter' } });
    return this.#orgLimits.info(target.app, target.organizationId, options.refresh === true);
  }

  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): () => void {
    return this.#events.on(event, listener);
  }

  /** Listens to the next occurrence of an event only. */
  once<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): () => void {
    return this.#events.once(event, listener);
  }

  /** Stops a listener added with {@link IntegrationClient.on}. */
  off<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): void {
    this.#events.off(event, listener);
  }
}

function checkFinanceTarget(target: FinanceTarget): { app: FinanceApp; organizationId: string | undefined } {
  if (target.app !== 'books' && target.app !== 'invoice') {
    throw new ConfigError(`finance.app must be 'books' or 'invoice'; got ${JSON.stringify(target.app)}.`, { details: { option: 'finance.app' } });
  }
  if (target.organizationId !== undefined && !ORGANIZATION_ID.test(String(target.organizationId))) {
    throw new ConfigError(
      `finance.organizationId must be the organisation's numeric id (Settings > Organization Profile in Zoho); got ${JSON.stringify(String(target.organizationId).slice(0, 40))}.`,
      { details: { option: 'finance.organizationId' } },
    );
  }
  return { app: target.app, organizationId: target.organizationId === undefined ? undefined : String(target.organizationId) };
}
