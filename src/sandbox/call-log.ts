import type { SandboxApp } from './faults.js';

/** One call the sandbox received. */
export interface SandboxCall {
  /** 1-based arrival number. */
  seq: number;
  /** Clock time of arrival, ms. */
  at: number;
  method: string;
  app: SandboxApp | 'unknown';
  host: string;
  /** Path below the API base, e.g. `/contacts/460000000000003`. */
  path: string;
  /** Endpoint template, e.g. `/contacts/{id}` (the raw path when no route matched). */
  endpoint: string;
  /** The organisation the call addressed, when known. */
  organizationId?: string;
  /** HTTP status sent, or `'no-reply'` when the connection dropped or the reply was lost. */
  status?: number | 'no-reply';
}

/** Filters of {@link CallLog.count}. Every given field must match. */
export interface CallFilter {
  method?: string;
  app?: SandboxApp | 'unknown';
  /** A path or an endpoint template (`/contacts/{id}`). */
  endpoint?: string;
  organizationId?: string;
  status?: number | 'no-reply';
}

/**
 * Every call the sandbox received, in order: tests count calls per endpoint to prove a sync
 * spent what it should (no re-read after a write, one page per 200 records...).
 *
 * @example
 * ```ts
 * expect(sandbox.calls.count({ method: 'GET', endpoint: '/contacts' })).toBe(5);
 * sandbox.calls.byEndpoint(); // { 'GET books /contacts': 5, 'POST accounts /oauth/v2/token': 1 }
 * ```
 */
export class CallLog {
  readonly #calls: SandboxCall[] = [];

  /** Records a call; returns it so the caller can fill in status and org later. */
  add(call: Omit<SandboxCall, 'seq'>): SandboxCall {
    const entry: SandboxCall = { ...call, seq: this.#calls.length + 1 };
    this.#calls.push(entry);
    return entry;
  }

  /** Number of calls received. */
  get total(): number {
    return this.#calls.length;
  }

  /** Every call, oldest first. */
  list(filter: CallFilter = {}): SandboxCall[] {
    return this.#calls.filter((c) => matches(c, filter)).map((c) => ({ ...c }));
  }

  /** Number of calls matching `filter`. */
  count(filter: CallFilter = {}): number {
    return this.#calls.reduce((n, c) => (matches(c, filter) ? n + 1 : n), 0);
  }

  /** Calls per `"<METHOD> <app> <endpoint>"`. */
  byEndpoint(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const c of this.#calls) {
      const key = `${c.method} ${c.app} ${c.endpoint}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Forgets every call (arrival numbers keep counting from 1 again). */
  reset(): void {
    this.#calls.length = 0;
  }
}

function matches(call: SandboxCall, filter: CallFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== call.method) return false;
  if (filter.app !== undefined && filter.app !== call.app) return false;
  if (filter.endpoint !== undefined && filter.endpoint !== call.endpoint && filter.endpoint !== call.path) return false;
  if (filter.organizationId !== undefined && filter.organizationId !== call.organizationId) return false;
  if (filter.status !== undefined && filter.status !== call.status) return false;
  return true;
}
