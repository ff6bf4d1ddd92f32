import { parseZohoTimestamp } from '../../schemas/timestamps.js';
import type { SyncSide } from '../state/sync-keys.js';

/**
 * A field changed differently on both sides since the last sync. Values are each side's own
 * (FSM names and formats on `fsm`, finance on `finance`); `base*` are the values of the last sync.
 */
export interface SyncConflict {
  /** Stable for the same record and field: `<unit>/<fsmId>/<fsm field>`. */
  id: string;
  /** `companies`, `contacts` or `items`. */
  entity: string;
  /** The mapping module (`contact_persons` for contacts under Type III). */
  module: string;
  fsmId: string;
  financeId: string;
  field: { fsm: string; finance: string };
  fsmValue: unknown;
  financeValue: unknown;
  baseFsmValue: unknown;
  baseFinanceValue: unknown;
  fsmModifiedTime?: string | undefined;
  financeModifiedTime?: string | undefined;
  /** ISO time the conflict was seen (first seen, for stored conflicts). */
  detectedAt: string;
}

/** Which side's value a conflict takes. */
export type ConflictChoice = SyncSide;

/**
 * How true conflicts are settled:
 * - `'latest-wins'` — Zoho's rule: the value of the record modified last;
 *   a tie, or a side without a modified time, goes to FSM. A Books contact person has no time of
 *   its own: its customer's counts only when the change can be put on that person (docs/sync.md,
 *   "Contact persons and times").
 * - `'fsm-wins'` / `'finance-wins'` — one side always wins.
 * - `'manual'` — nothing is written for that field; the conflict is stored for
 *   `syncer.conflicts.resolve(id, 'fsm' | 'finance')`, and the record's other fields still sync.
 * - a function — decides per conflict; it may return `'manual'`.
 *
 * @example
 * ```ts
 * // Prices are owned by Books; everything else goes to the record modified last.
 * const policy: ConflictPolicy = (c) => (c.field.fsm === 'Unit_Price' ? 'finance' : latestSide(c));
 * ```
 */
export type ConflictPolicy = 'latest-wins' | 'fsm-wins' | 'finance-wins' | 'manual' | ((conflict: SyncConflict) => ConflictChoice | 'manual');

/** Epoch ms of a Zoho or ISO timestamp, or `undefined` when absent or unreadable. */
export function timeOf(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return parseZohoTimestamp(text);
  } catch {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : undefined;
  }
}

/**
 * The side whose record was modified last (Zoho: "the record with the latest
 * modified time"). FSM wins a tie and when the finance time is unknown (Books items carry none); finance wins only when it is known to be later.
 *
 * @example
 * ```ts
 * latestSide({ fsmModifiedTime: '2026-01-02T10:00:00+00:00', financeModifiedTime: '2026-01-02T10:00:05+0000' }); // 'finance'
 * ```
 */
export function latestSide(times: { fsmModifiedTime?: string | undefined; financeModifiedTime?: string | undefined }): ConflictChoice {
  const fsm = timeOf(times.fsmModifiedTime);
  const finance = timeOf(times.financeModifiedTime);
  if (finance === undefined) return 'fsm';
  if (fsm === undefined) return 'finance';
  return finance > fsm ? 'finance' : 'fsm';
}

/** Applies a policy to one conflict. A throwing policy function makes the conflict manual. */
export function decideConflict(policy: ConflictPolicy, conflict: SyncConflict): ConflictChoice | 'manual' {
  switch (policy) {
    case 'latest-wins': return latestSide(conflict);
    case 'fsm-wins': return 'fsm';
    case 'finance-wins': return 'finance';
    case 'manual': return 'manual';
    default: {
      try {
        const choice = policy(conflict);
        return choice === 'fsm' || choice === 'finance' ? choice : 'manual';
      } catch {
        return 'manual';
      }
    }
  }
}
