/**
 * Zoho Books subscription plans, by the `plan_name` an organisation reports (lower-cased).
 * Zoho Invoice does not publish its own limits; the client applies this table to it too.
 */
export type ZohoPlan = 'free' | 'standard' | 'professional' | 'premium' | 'elite' | 'ultimate';

/** Limits with every value decided. `perDay: undefined` means no client-side daily cap. */
export interface ResolvedLimits {
  /** Requests started in any 60-second window. */
  perMinute: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests per UTC day, or undefined when the client does not cap the day itself. */
  perDay: number | undefined;
}

// Zoho Books' published API limits: 100 requests a minute per organisation on every plan; 5 calls
// at once on the free plan and 10 on paid plans; a daily cap that grows with the plan.
const PER_MINUTE = 100;

/**
 * Each plan's limits, as Zoho Books publishes them.
 *
 * @example
 * ```ts
 * PLAN_LIMITS.free; // { perMinute: 100, concurrency: 5, perDay: 1000 }
 * ```
 */
export const PLAN_LIMITS: Readonly<Record<ZohoPlan, Readonly<Required<ResolvedLimits>> & { perDay: number }>> = /* @__PURE__ */ Object.freeze({
  free: { perMinute: PER_MINUTE, concurrency: 5, perDay: 1000 },
  standard: { perMinute: PER_MINUTE, concurrency: 10, perDay: 2000 },
  professional: { perMinute: PER_MINUTE, concurrency: 10, perDay: 5000 },
  premium: { perMinute: PER_MINUTE, concurrency: 10, perDay: 10_000 },
  elite: { perMinute: PER_MINUTE, concurrency: 10, perDay: 10_000 },
  ultimate: { perMinute: PER_MINUTE, concurrency: 10, perDay: 10_000 },
});

/**
 * The limits used while an organisation's plan is unknown (not read yet, or unreadable): the free
 * plan's pace, which no plan forbids. The daily cap is left to Zoho (its code 45 stops the run just
 * as cleanly): capping an unknown plan at the free plan's 1000 would stop runs a paid plan allows.
 */
export const UNKNOWN_PLAN_LIMITS: Readonly<ResolvedLimits> = /* @__PURE__ */ (() => Object.freeze({ perMinute: PER_MINUTE, concurrency: PLAN_LIMITS.free.concurrency, perDay: undefined }))();

/**
 * The plan a `plan_name` stands for (`'PROFESSIONAL'` → `'professional'`), or undefined for a name
 * this SDK does not know. `plan_type` is not used: Zoho does not publish what its numbers mean.
 *
 * @example
 * ```ts
 * planFromName('PREMIUM'); // 'premium'
 * planFromName('SOMETHING NEW'); // undefined
 * ```
 */
export function planFromName(planName: unknown): ZohoPlan | undefined {
  if (typeof planName !== 'string') return undefined;
  const name = planName.trim().toLowerCase();
  return Object.hasOwn(PLAN_LIMITS, name) ? (name as ZohoPlan) : undefined;
}
