import type { Clock } from '../clock.js';
import { json, type Reply } from './reply.js';
import { PLAN_DAILY_CAPS, type SandboxPlan } from './org-state.js';

/** Options of the per-organisation API limits. `false` turns one off. */
export interface LimitOptions {
  /** Calls per organisation in any 60-second window (code 44). Default: 100. */
  perMinute?: number | false;
  /** Calls per organisation per UTC day, by plan (code 45). Default: Zoho's caps (free 1000 … ultimate 10000). */
  perDay?: Partial<Record<SandboxPlan, number>> | false;
  /** Calls in flight at once per organisation (code 1070). Default: 5 on the free plan, 10 on paid plans. */
  concurrency?: { free?: number; paid?: number } | false;
  /**
   * Add a `Retry-After` header (seconds) to these 429s. Zoho's docs do not confirm one,
   * so the default is false.
   */
  retryAfterHeader?: boolean;
}

/** The organisation facts the limiter reads. */
export interface LimitedOrg {
  organizationId: string;
  plan: SandboxPlan;
}

/** A granted call: call `release()` when its reply is sent. */
export interface LimitPermit {
  release(): void;
}

/** Usage of one organisation right now, for inspection. */
export interface LimitUsage {
  lastMinute: number;
  today: number;
  inFlight: number;
}

// Verbatim from Zoho's Books introduction.
const MESSAGE_44 =
  'For security reasons your organization has been blocked as it have exceeded the maximum number of requests per minute that can originate from an organization.';
const MESSAGE_1070 = 'You have reached the maximum number of in process requests allowed. Kindly try again after some time.';
const message45 = (cap: number) => `The API call for this organization has exceeded the maximum call rate limit of ${cap}.`;

/** A 429 reply with Zoho's code and message for one limit. */
export function rateLimitReply(code: 44 | 45 | 1070, cap: number, retryAfterSeconds?: number): Reply {
  const message = code === 44 ? MESSAGE_44 : code === 45 ? message45(cap) : MESSAGE_1070;
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  return json(429, { code, message }, headers);
}

interface OrgUsage {
  minute: number[];
  dayKey: string;
  day: number;
  inFlight: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Zoho's three per-organisation limits on the injected clock: a sliding 60-second window (44),
 * a daily cap by plan (45), and calls in flight (1070). Only calls that pass count.
 */
export class OrgLimiter {
  readonly #options: LimitOptions;
  readonly #clock: Clock;
  readonly #usage = new Map<string, OrgUsage>();

  constructor(options: LimitOptions, clock: Clock) {
    this.#options = options;
    this.#clock = clock;
  }

  /** Takes a slot for one call, or the 429 reply that refuses it. */
  acquire(org: LimitedOrg): LimitPermit | Reply {
    const now = this.#clock.now();
    const usage = this.#usageOf(org.organizationId, now);
    const dayCap = this.#dayCap(org.plan);
    if (dayCap !== undefined && usage.day >= dayCap) {
      return this.#refuse(45, dayCap, Math.ceil((DAY - (now % DAY)) / 1000));
    }
    const perMinute = this.#options.perMinute ?? 100;
    if (perMinute !== false && usage.minute.length >= perMinute) {
      const oldest = usage.minute[0] ?? now;
      return this.#refuse(44, perMinute, Math.max(1, Math.ceil((oldest + MINUTE - now) / 1000)));
    }
    const concurrency = this.#concurrencyCap(org.plan);
    if (concurrency !== undefined && usage.inFlight >= concurrency) return this.#refuse(1070, concurrency, 1);
    usage.minute.push(now);
    usage.day += 1;
    usage.inFlight += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        usage.inFlight -= 1;
      },
    };
  }

  /** Current usage of an organisation. */
  usage(organizationId: string): LimitUsage {
    const usage = this.#usageOf(organizationId, this.#clock.now());
    return { lastMinute: usage.minute.length, today: usage.day, inFlight: usage.inFlight };
  }

  /** Forgets the counted calls of one organisation, or of all. Calls in flight stay counted. */
  reset(organizationId?: string): void {
    for (const [id, usage] of this.#usage) {
      if (organizationId !== undefined && id !== organizationId) continue;
      usage.minute = [];
      usage.day = 0;
    }
  }

  /**
   * The limit a 429 of `code` quotes for an organisation of `plan` (an injected fault has no
   * organisation when the call names none: the free plan's figures, as Zoho's own example quotes).
   */
  capFor(code: 44 | 45 | 1070, plan: SandboxPlan | undefined): number {
    if (code === 44) return this.#options.perMinute === false ? 100 : (this.#options.perMinute ?? 100);
    const quoted = plan ?? 'free';
    if (code === 45) return this.#dayCap(quoted) ?? PLAN_DAILY_CAPS[quoted];
    return this.#concurrencyCap(quoted) ?? (quoted === 'free' ? 5 : 10);
  }

  #refuse(code: 44 | 45 | 1070, cap: number, retryAfterSeconds: number): Reply {
    return rateLimitReply(code, cap, this.#options.retryAfterHeader === true ? retryAfterSeconds : undefined);
  }

  #dayCap(plan: SandboxPlan): number | undefined {
    const perDay = this.#options.perDay;
    if (perDay === false) return undefined;
    return perDay?.[plan] ?? PLAN_DAILY_CAPS[plan];
  }

  #concurrencyCap(plan: SandboxPlan): number | undefined {
    const concurrency = this.#options.concurrency;
    if (concurrency === false) return undefined;
    return plan === 'free' ? (concurrency?.free ?? 5) : (concurrency?.paid ?? 10);
  }

  #usageOf(organizationId: string, now: number): OrgUsage {
    const dayKey = new Date(now).toISOString().slice(0, 10);
    let usage = this.#usage.get(organizationId);
    if (!usage) {
      usage = { minute: [], dayKey, day: 0, inFlight: 0 };
      this.#usage.set(organizationId, usage);
    }
    if (usage.dayKey !== dayKey) {
      usage.dayKey = dayKey;
      usage.day = 0;
    }
    while (usage.minute.length > 0 && (usage.minute[0] ?? 0) <= now - MINUTE) usage.minute.shift();
    return usage;
  }
}

/** True when `value` is a refusal rather than a permit. */
export function isRefusal(value: LimitPermit | Reply): value is Reply {
  return 'status' in value;
}
