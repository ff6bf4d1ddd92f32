import type { Clock } from '../../clock.js';
import { SharedFlight } from '../../auth/shared-flight.js';
import { ConfigError } from '../../errors/config-error.js';
import { financeOrgDeletedMessage, IntegrationHealthError, type CreatableRecord } from '../../errors/integration-health-error.js';
import type { FinanceOrganization } from '../../schemas/finance/index.js';
import type { FinanceApp } from '../finance/finance-context.js';

/**
 * The `healthGuard` option of `IntegrationClient`: how the client checks its finance organisation
 * before creating work orders, service appointments and assets.
 */
export interface HealthGuardOptions {
  /**
   * How long a verdict is reused, in milliseconds on the client's clock. Default 0: every create
   * checks (concurrent creates share one check), so the create right after a deletion is refused,
   * as FSM refuses it. A larger value saves calls when many records are created in a row (60 000:
   * at most one `GET /organizations` a minute) at the price of noticing a deletion up to that late.
   */
  ttlMs?: number;
  /**
   * What a create does when the check itself fails (network, 5xx, rate limit, refused token):
   * `'allow'` (default) creates anyway and tries the check again after `ttlMs`; `'block'` throws
   * the check's error and checks again on the next create.
   */
  onCheckError?: 'allow' | 'block';
}

/** What the guard knows about the finance organisation. */
export interface FinanceHealthVerdict {
  /** `healthy`: listed; `deleted`: not among the user's organisations any more; `unknown`: the check failed. */
  readonly state: 'healthy' | 'deleted' | 'unknown';
  /** When the check ran (ms since the epoch, the client's clock). */
  readonly checkedAt: number;
  /** Until when the verdict is reused. */
  readonly expiresAt: number;
  /** The check's error, for `unknown`. */
  readonly error?: unknown;
}

/** What the guard needs from the client. */
export interface FinanceHealthGuardInit {
  app: FinanceApp;
  organizationId: string;
  clock: Clock;
  /** `GET /organizations` of the app: the organisations of the token's user. */
  listOrganizations: (signal: AbortSignal | undefined) => Promise<FinanceOrganization[]>;
  options?: HealthGuardOptions | undefined;
}

// Zoho's product refuses the very next create after a deletion; a cache would let some through.
const DEFAULT_TTL_MS = 0;

/**
 * Refuses to create work orders, service appointments and assets while the client's finance
 * organisation is deleted, as FSM does (the setup page: once the integrated Books organisation is
 * deleted, they cannot be created). Built by `IntegrationClient` when `finance.organizationId` is
 * set; reach it as `client.fsm.healthGuard`.
 *
 * The check is one `GET /organizations` (Zoho drops a deleted organisation from that list, which is
 * also how `OrgSelector.health()` tells): an organisation missing from it is `deleted` at once.
 * Every create checks by default (`ttlMs` 0); concurrent creates share one check, and a larger
 * `ttlMs` keeps a verdict for that long. A finance reply refusing the
 * organisation (HTTP 403) drops a `healthy` verdict early, so the next create checks again.
 *
 * A failed check does not block by default: a Books outage or an exhausted rate limit must not
 * stop field work being recorded in FSM, and a deletion, being permanent, is caught by the next
 * check that succeeds. Set `onCheckError: 'block'` to refuse instead.
 *
 * @example
 * ```ts
 * const verdict = await client.fsm.healthGuard?.check();
 * if (verdict?.state === 'deleted') showSwitchDialog();
 * ```
 */
export class FinanceHealthGuard {
  readonly app: FinanceApp;
  readonly organizationId: string;
  readonly ttlMs: number;
  readonly #clock: Clock;
  readonly #list: FinanceHealthGuardInit['listOrganizations'];
  readonly #onCheckError: 'allow' | 'block';
  #verdict: FinanceHealthVerdict | undefined;
  /** Concurrent creates share one check; it is cancelled only when every waiting create left. */
  readonly #flight = new SharedFlight<FinanceHealthVerdict>();
  /** The org's name from the last check that listed it, for messages once it is gone. */
  #name: string | undefined;

  constructor(init: FinanceHealthGuardInit) {
    const ttlMs = init.options?.ttlMs ?? DEFAULT_TTL_MS;
    if (!(Number.isFinite(ttlMs) && ttlMs >= 0)) {
      throw new ConfigError(`healthGuard.ttlMs must be a number of milliseconds >= 0; got ${JSON.stringify(init.options?.ttlMs)}.`, { details: { option: 'healthGuard.ttlMs' } });
    }
    const onCheckError = init.options?.onCheckError ?? 'allow';
    if (onCheckError !== 'allow' && onCheckError !== 'block') {
      throw new ConfigError(`healthGuard.onCheckError must be 'allow' or 'block'; got ${JSON.stringify(onCheckError)}.`, { details: { option: 'healthGuard.onCheckError' } });
    }
    this.app = init.app;
    this.organizationId = init.organizationId;
    this.ttlMs = ttlMs;
    this.#clock = init.clock;
    this.#list = init.listOrganizations;
    this.#onCheckError = onCheckError;
  }

  /** The verdict in use: the cached one while it lasts, else a fresh check (one API call). */
  async check(options: { signal?: AbortSignal | undefined } = {}): Promise<FinanceHealthVerdict> {
    const cached = this.#verdict;
    if (cached !== undefined && this.#clock.now() < cached.expiresAt) return cached;
    return this.#flight.join((signal) => this.#run(signal), options.signal);
  }

  /**
   * Resolves when `record` may be created; throws `IntegrationHealthError` (`FINANCE_ORG_DELETED`)
   * when the organisation is deleted, or the check's error under `onCheckError: 'block'`.
   */
  async assertCanCreate(record: CreatableRecord, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    const verdict = await this.check(options);
    if (verdict.state === 'healthy') return;
    if (verdict.state === 'unknown') {
      if (this.#onCheckError === 'block') throw verdict.error;
      return;
    }
    const problem = { code: 'FINANCE_ORG_DELETED' as const, blocking: true, message: financeOrgDeletedMessage({ app: this.app, organizationId: this.organizationId, name: this.#name }) };
    throw IntegrationHealthError.createBlocked(record, problem, { organizationId: this.organizationId, checkedAt: verdict.checkedAt });
  }

  /** Drops the cached verdict: the next create checks again (after restoring or switching the org). */
  forget(): void {
    this.#verdict = undefined;
  }

  /** A finance reply refused the org: a `healthy` verdict may be stale, so it is dropped. */
  noteRefusal(): void {
    if (this.#verdict?.state === 'healthy') this.#verdict = undefined;
  }

  async #run(signal: AbortSignal): Promise<FinanceHealthVerdict> {
    let state: FinanceHealthVerdict['state'];
    let error: unknown;
    try {
      const org = (await this.#list(signal)).find((o) => o.organization_id === this.organizationId);
      if (org !== undefined && typeof org.name === 'string') this.#name = org.name;
      state = org === undefined ? 'deleted' : 'healthy';
    } catch (caught) {
      // Every waiting create left: no verdict to keep, the next create checks afresh.
      if (signal.aborted) throw caught;
      state = 'unknown';
      error = caught;
    }
    const checkedAt = this.#clock.now();
    const verdict: FinanceHealthVerdict = { state, checkedAt, expiresAt: checkedAt + this.ttlMs, ...(state === 'unknown' ? { error } : {}) };
    // Under 'block' a failed check is not kept: the next create must not pass, nor wait out ttlMs.
    if (!(state === 'unknown' && this.#onCheckError === 'block')) this.#verdict = verdict;
    return verdict;
  }
}

/**
 * The guard a client gets from its `healthGuard` option: none when it is `false` or when no finance
 * organisation is configured (there is nothing to check; `OrgSelector.assertCanCreate()` covers an
 * FSM organisation not bound yet).
 */
export function healthGuardFor(
  option: boolean | HealthGuardOptions | undefined,
  target: { app: FinanceApp; organizationId: string | undefined },
  init: Pick<FinanceHealthGuardInit, 'clock' | 'listOrganizations'>,
): FinanceHealthGuard | undefined {
  if (option === false || target.organizationId === undefined) return undefined;
  if (option !== undefined && option !== true && (typeof option !== 'object' || option === null)) {
    throw new ConfigError(`healthGuard must be true, false or { ttlMs?, onCheckError? }; got ${JSON.stringify(option)}.`, { details: { option: 'healthGuard' } });
  }
  return new FinanceHealthGuard({ app: target.app, organizationId: target.organizationId, ...init, options: typeof option === 'object' ? option : undefined });
}
