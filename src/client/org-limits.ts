import { SharedFlight } from '../auth/shared-flight.js';
import type { Clock } from '../clock.js';
import { ConfigError } from '../errors/config-error.js';
import { isDailyLimitError, type RateLimitError } from '../errors/rate-limit-error.js';
import type { TypedEmitter } from '../events.js';
import type { Storage } from '../storage/storage.js';
import { DailyBudget, nextUtcMidnight } from '../transport/daily-budget.js';
import type { LimitGate } from '../transport/limit-gate.js';
import type { ClientEvents, LimitsSource } from '../transport/pipeline-events.js';
import { PLAN_LIMITS, planFromName, UNKNOWN_PLAN_LIMITS, type ResolvedLimits, type ZohoPlan } from '../transport/plan-limits.js';
import type { RateLimiter, RateLimits } from '../transport/rate-limiter.js';
import type { ApiRequest } from '../transport/request-pipeline.js';
import type { FinanceApp } from './finance/finance-context.js';

/** The `plan_name` and `plan_type` an organisation reports. */
export interface PlanFacts {
  planName: string | undefined;
  planType: number | undefined;
}

/**
 * `plan_name` and `plan_type` from a `GET /organizations/{id}` reply body; a field of another type
 * counts as absent (the plan then falls back, it never fails the call that needed it).
 *
 * @example
 * ```ts
 * planFacts({ organization: { plan_name: 'FREE', plan_type: 0 } }); // { planName: 'FREE', planType: 0 }
 * ```
 */
export function planFacts(body: unknown): PlanFacts {
  const org = typeof body === 'object' && body !== null ? (body as { organization?: unknown }).organization : undefined;
  const fields = typeof org === 'object' && org !== null ? (org as { plan_name?: unknown; plan_type?: unknown }) : {};
  const planType = typeof fields.plan_type === 'string' && fields.plan_type.trim() !== '' ? Number(fields.plan_type) : fields.plan_type;
  return {
    planName: typeof fields.plan_name === 'string' ? fields.plan_name : undefined,
    planType: typeof planType === 'number' && Number.isFinite(planType) ? planType : undefined,
  };
}

/** The limits in force for one finance organisation, and where they come from. */
export interface OrgLimitsInfo extends ResolvedLimits {
  organizationId: string;
  /** The plan the limits follow, when known. */
  plan: ZohoPlan | undefined;
  /** `plan_name` as Zoho reported it (also when this SDK does not know the plan). */
  planName: string | undefined;
  /** `'plan'`: read from Zoho; `'fallback'`: the plan could not be read (see `reason`); `'configured'`: from `limits`. */
  source: LimitsSource;
  /** Why the plan could not be used (`source: 'fallback'`). */
  reason: string | undefined;
  /** Calls sent to the organisation this UTC day, by every client on the same storage. */
  usedToday: number;
  /** When the day's budget is spent: when calls may go on (epoch ms). */
  resumeAt: number | undefined;
}

/** What is kept under `limits/plan/<organizationId>`. */
interface StoredPlan {
  plan: ZohoPlan | null;
  planName: string | null;
  planType: number | null;
  checkedAt: number;
  expiresAt: number;
  reason?: string;
}

interface Resolved {
  limits: ResolvedLimits;
  plan: ZohoPlan | undefined;
  planName: string | undefined;
  source: LimitsSource;
  reason: string | undefined;
  expiresAt: number;
}

/** Options of {@link OrgLimits}. */
export interface OrgLimitsOptions {
  storage: Storage;
  clock: Clock;
  limiter: RateLimiter;
  events: TypedEmitter<ClientEvents>;
  limits: RateLimits;
  /** Reads an organisation's plan (`GET /organizations/{id}`). */
  readPlan: (app: FinanceApp, organizationId: string) => Promise<PlanFacts>;
}

/** How long a plan read stays valid by default: plans change rarely, and an upgrade shows within this. */
export const DEFAULT_PLAN_TTL_MS = 6 * 3_600_000;
/** After a failed plan read, the fallback holds this long before the plan is read again. */
const FALLBACK_TTL_MS = 15 * 60_000;
const FINANCE_KEY = 'finance:';

/**
 * Per finance organisation: the limits its plan allows (read once per TTL and cached in storage),
 * any `limits` given explicitly on top, and the day's budget counted in storage. Until the plan is
 * known, calls go at the free plan's pace.
 *
 * @example
 * ```ts
 * // Built by IntegrationClient; read it through the client:
 * const limits = await client.limitsFor();
 * console.log(limits.plan, limits.concurrency, limits.perDay, limits.usedToday);
 * ```
 */
export class OrgLimits implements LimitGate {
  readonly #options: OrgLimitsOptions;
  readonly #budget: DailyBudget;
  readonly #ttlMs: number;
  readonly #resolved = new Map<string, Resolved>();
  /** One plan read per organisation at a time, shared by every call waiting for it. */
  readonly #flights = new Map<string, SharedFlight<Resolved>>();

  constructor(options: OrgLimitsOptions) {
    this.#options = options;
    this.#budget = new DailyBudget({ storage: options.storage, clock: options.clock });
    const ttl = options.limits.planTtlMs ?? DEFAULT_PLAN_TTL_MS;
    if (!(typeof ttl === 'number' && ttl > 0)) throw new ConfigError(`limits.planTtlMs must be a positive number of milliseconds; got ${String(ttl)}.`, { details: { option: 'limits.planTtlMs' } });
    this.#ttlMs = ttl;
    const { plan, perDay } = options.limits;
    if (plan !== undefined && plan !== 'auto' && planFromName(plan) !== plan) {
      throw new ConfigError(`limits.plan must be 'auto' or one of ${Object.keys(PLAN_LIMITS).join(', ')}; got ${JSON.stringify(plan)}.`, { details: { option: 'limits.plan' } });
    }
    if (perDay !== undefined && perDay !== false && !(Number.isInteger(perDay) && perDay > 0)) {
      throw new ConfigError(`limits.perDay must be a positive whole number or false; got ${String(perDay)}.`, { details: { option: 'limits.perDay', value: perDay } });
    }
  }

  async ready(request: ApiRequest, key: string): Promise<void> {
    const organizationId = organizationOf(key);
    if (organizationId === undefined || request.service === 'fsm') return;
    const known = this.#resolved.get(organizationId);
    if (known && known.expiresAt > this.#options.clock.now()) return;
    // The plan is read from /organizations: those calls go at the current (or fallback) pace.
    if (request.path.startsWith('/organizations') && !this.#configured()) {
      if (!known) this.#apply(organizationId, this.#unknown());
      return;
    }
    await this.#resolve(request.service, organizationId, false, request.signal);
  }

  async spend(request: ApiRequest, key: string): Promise<void> {
    const organizationId = organizationOf(key);
    if (organizationId === undefined || request.service === 'fsm') return;
    const perDay = this.#resolved.get(organizationId)?.limits.perDay;
    try {
      await this.#budget.spend(organizationId, perDay);
    } catch (error) {
      if (isDailyLimitError(error)) this.#options.limiter.exhaustDay(key, error.resumeAt);
      throw error;
    }
  }

  async blocked(_request: ApiRequest, key: string, error: RateLimitError): Promise<void> {
    const organizationId = organizationOf(key);
    if (organizationId === undefined) return;
    await this.#budget.block(organizationId, error.resumeAt ?? nextUtcMidnight(this.#options.clock.now()));
  }

  /** The limits of one organisation, reading its plan first when not known (or when `refresh`). */
  async info(app: FinanceApp, organizationId: string, refresh: boolean): Promise<OrgLimitsInfo> {
    const resolved = await this.#resolve(app, organizationId, refresh);
    const usage = await this.#budget.usage(organizationId);
    const spent = resolved.limits.perDay !== undefined && usage.used >= resolved.limits.perDay ? nextUtcMidnight(this.#options.clock.now()) : undefined;
    return {
      organizationId,
      ...resolved.limits,
      plan: resolved.plan,
      planName: resolved.planName,
      source: resolved.source,
      reason: resolved.reason,
      usedToday: usage.used,
      resumeAt: usage.blockedUntil ?? spent,
    };
  }

  #resolve(app: FinanceApp, organizationId: string, refresh: boolean, signal?: AbortSignal): Promise<Resolved> {
    const known = this.#resolved.get(organizationId);
    if (!refresh && known && known.expiresAt > this.#options.clock.now()) return Promise.resolve(known);
    let flight = this.#flights.get(organizationId);
    if (!flight) {
      flight = new SharedFlight<Resolved>();
      this.#flights.set(organizationId, flight);
    }
    return flight.join(() => this.#load(app, organizationId, refresh), signal);
  }

  async #load(app: FinanceApp, organizationId: string, refresh: boolean): Promise<Resolved> {
    const { limits, clock, storage } = this.#options;
    if (this.#configured()) {
      const fixed = limits.plan === 'auto' ? undefined : limits.plan;
      const resolved = this.#combine(fixed, undefined, 'configured', undefined, Number.POSITIVE_INFINITY);
      this.#apply(organizationId, resolved);
      return resolved;
    }
    const key = `limits/plan/${organizationId}`;
    let stored = refresh ? undefined : await storage.get<StoredPlan>(key);
    if (!stored || stored.expiresAt <= clock.now()) {
      if (!this.#resolved.has(organizationId)) this.#apply(organizationId, this.#unknown());
      stored = await this.#read(app, organizationId);
      await storage.batch([{ type: 'put', key, value: stored }]);
    }
    const resolved = this.#combine(stored.plan ?? undefined, stored.planName ?? undefined, stored.plan ? 'plan' : 'fallback', stored.reason, stored.expiresAt);
    this.#apply(organizationId, resolved);
    return resolved;
  }

  /** Reads the plan; a failure (other than a spent day) gives a fallback that is read again later. */
  async #read(app: FinanceApp, organizationId: string): Promise<StoredPlan> {
    const now = this.#options.clock.now();
    // The read names no organisation (Zoho takes none on /organizations), but it is counted against
    // this one's day: a cap must hold whatever Zoho counts it against.
    await this.#budget.spend(organizationId, this.#resolved.get(organizationId)?.limits.perDay ?? this.#combine(undefined, undefined, 'fallback', undefined, 0).limits.perDay);
    try {
      const facts = await this.#options.readPlan(app, organizationId);
      const plan = planFromName(facts.planName);
      const base = { planName: facts.planName ?? null, planType: facts.planType ?? null, checkedAt: now };
      if (plan) return { ...base, plan, expiresAt: now + this.#ttlMs };
      const reason = facts.planName === undefined ? 'the organisation reports no plan_name' : `plan_name ${JSON.stringify(facts.planName.slice(0, 40))} is not a plan this SDK knows`;
      return { ...base, plan: null, expiresAt: now + this.#ttlMs, reason };
    } catch (error) {
      if (isDailyLimitError(error)) throw error;
      const reason = `the plan could not be read (${error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown error'}); a missing ZohoBooks.settings.READ scope, or an app that does not report it`;
      return { plan: null, planName: null, planType: null, checkedAt: now, expiresAt: now + FALLBACK_TTL_MS, reason };
    }
  }

  /** Nothing to read: a plan is named, or every limit is given. */
  #configured(): boolean {
    const { plan, perMinute, concurrency, perDay } = this.#options.limits;
    return (plan !== undefined && plan !== 'auto') || (perMinute !== undefined && concurrency !== undefined && perDay !== undefined);
  }

  #unknown(): Resolved {
    return this.#combine(undefined, undefined, 'fallback', 'the plan is not read yet', 0);
  }

  /** The plan's limits (or the unknown-plan ones) with the explicit `limits` on top. */
  #combine(plan: ZohoPlan | undefined, planName: string | undefined, source: LimitsSource, reason: string | undefined, expiresAt: number): Resolved {
    const base: ResolvedLimits = plan ? PLAN_LIMITS[plan] : UNKNOWN_PLAN_LIMITS;
    const given = this.#options.limits;
    const limits: ResolvedLimits = {
      perMinute: given.perMinute ?? base.perMinute,
      concurrency: given.concurrency ?? base.concurrency,
      perDay: given.perDay === false ? undefined : (given.perDay ?? base.perDay),
    };
    return { limits, plan, planName: planName ?? (plan ? plan.toUpperCase() : undefined), source, reason, expiresAt };
  }

  #apply(organizationId: string, resolved: Resolved): void {
    const before = this.#resolved.get(organizationId);
    this.#resolved.set(organizationId, resolved);
    this.#options.limiter.setLimits(`${FINANCE_KEY}${organizationId}`, { perMinute: resolved.limits.perMinute, concurrency: resolved.limits.concurrency });
    const changed = !before || before.source !== resolved.source || before.plan !== resolved.plan || before.reason !== resolved.reason;
    if (changed && resolved.expiresAt !== 0) {
      this.#options.events.emit('limits', {
        organizationId,
        source: resolved.source,
        plan: resolved.plan,
        planName: resolved.planName,
        perMinute: resolved.limits.perMinute,
        concurrency: resolved.limits.concurrency,
        perDay: resolved.limits.perDay,
        ...(resolved.reason === undefined ? {} : { reason: resolved.reason }),
      });
    }
  }
}

function organizationOf(key: string): string | undefined {
  if (!key.startsWith(FINANCE_KEY)) return undefined;
  const id = key.slice(FINANCE_KEY.length);
  return id === 'none' || id === '' ? undefined : id;
}
