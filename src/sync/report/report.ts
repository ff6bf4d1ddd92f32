import type { SyncConflict } from '../merge/conflict-policies.js';
import type { SyncEstimate } from '../run/estimate.js';

/** A direction of the sync log ("Books/Invoice → FSM" and "FSM → Books/Invoice"). */
export type SyncDirection = 'toFinance' | 'toFsm';

/** What one direction of one run did. */
export interface DirectionCounts {
  created: number;
  updated: number;
  /** Pairs examined with nothing to write this way. */
  unchanged: number;
  deleted: number;
  deactivated: number;
  /** Pairs whose link was dropped because a side was deleted (`deletes: 'unlink'`, or an edited survivor). */
  unlinked: number;
  /** True conflicts this way: settled for the value that flowed here, or left manual. */
  conflicts: number;
  failed: number;
}

/** One failed record. */
export interface FailedRecord {
  entity: string;
  module: string;
  direction: SyncDirection;
  fsmId?: string | undefined;
  financeId?: string | undefined;
  /** The record's match key value (name, email), to find it in the UI. */
  name?: string | undefined;
  message: string;
}

/** Failures sharing a reason (failed records "grouped by Failure Reason"). */
export interface FailureGroup {
  /** Stable reason code: `MANDATORY_FIELDS_EMPTY`, `CONTACT_EMAIL_IN_COMPANY`, `DUPLICATE_NAME`, `ZOHO_<code>`, ... */
  reason: string;
  /** The reason as a person reads it. */
  title: string;
  direction: SyncDirection;
  count: number;
  /** The records (the first 1000 in a stored log). */
  records: FailedRecord[];
}

/** What one entity (sync unit) did. */
export interface EntityReport {
  entity: string;
  module: string;
  toFinance: DirectionCounts;
  toFsm: DirectionCounts;
  /** Pairs formed by match key (first run "Overwrite"). */
  matched: number;
  /** Records left out, with the reason (e.g. a contact without company under Type III). */
  skipped: number;
}

/** A write a dry run would make. */
export interface PlannedChange {
  entity: string;
  module: string;
  direction: SyncDirection;
  action: 'create' | 'update' | 'delete' | 'deactivate' | 'unlink' | 'link';
  fsmId?: string | undefined;
  financeId?: string | undefined;
  /** The fields that would be sent (for create and update). */
  fields?: Record<string, unknown>;
}

/**
 * The report of one run, also kept in the sync log. `status` is `completed`, `aborted` (the
 * AbortSignal fired; the run stopped between records) or `stopped` (the API kept failing, or the
 * finance organisation's daily API budget is spent; `stoppedReason` says why).
 *
 * A run stopped by the daily budget has `stopped: 'daily-limit'` and `resumeAt`: what it did is
 * committed, no record is counted as failed for it, and a run after `resumeAt` goes on from there.
 */
export interface SyncReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  dryRun: boolean;
  status: 'completed' | 'aborted' | 'stopped';
  stoppedReason?: string;
  /** Why a `stopped` run stopped, when it can simply go on later: `'daily-limit'`. */
  stopped?: 'daily-limit';
  /** With `stopped: 'daily-limit'`: when the next run can go on (ISO 8601, UTC). */
  resumeAt?: string;
  toFinance: DirectionCounts;
  toFsm: DirectionCounts;
  entities: EntityReport[];
  conflicts: { total: number; settled: number; manual: number; items: SyncConflict[] };
  failures: FailureGroup[];
  /** API calls made by the two sources during the run (every attempt, retries included). */
  apiCalls: { fsm: number; finance: number; total: number };
  /** Dry runs: what would be written. */
  plan?: PlannedChange[];
  /**
   * Dry runs that completed or stopped cleanly: the calls the real run needs per side and entity,
   * and how long they take at the organisations' limits (as `syncer.estimate()` gives it).
   */
  estimate?: SyncEstimate;
  /** Present on the entry of a `syncOne()`: the one record it was asked to sync. */
  scope?: { kind: 'one'; entity: string; side: 'fsm' | 'finance'; id: string };
}

/** Zero counts. */
export function emptyCounts(): DirectionCounts {
  return { created: 0, updated: 0, unchanged: 0, deleted: 0, deactivated: 0, unlinked: 0, conflicts: 0, failed: 0 };
}

const MAX_RECORDS_PER_GROUP = 1000;
const MAX_CONFLICTS_LISTED = 1000;

/** Collects a run's counts as it goes. */
export class ReportBuilder {
  readonly #entities = new Map<string, EntityReport>();
  /** Modules in the order the run syncs them: the report lists entities in that order. */
  readonly #order: readonly string[];
  readonly #failures = new Map<string, FailureGroup>();
  readonly #conflicts: SyncConflict[] = [];
  readonly #plan: PlannedChange[] = [];
  #settled = 0;
  #manual = 0;

  constructor(order: readonly string[] = []) {
    this.#order = order;
  }

  entity(entity: string, module: string): EntityReport {
    let report = this.#entities.get(module);
    if (!report) {
      report = { entity, module, toFinance: emptyCounts(), toFsm: emptyCounts(), matched: 0, skipped: 0 };
      this.#entities.set(module, report);
    }
    return report;
  }

  count(entity: string, module: string, direction: SyncDirection, what: Exclude<keyof DirectionCounts, 'failed'>, n = 1): void {
    this.entity(entity, module)[direction][what] += n;
  }

  fail(failure: FailedRecord, reason: string, title: string): void {
    this.entity(failure.entity, failure.module)[failure.direction].failed += 1;
    const key = `${failure.direction}:${reason}`;
    let group = this.#failures.get(key);
    if (!group) {
      group = { reason, title, direction: failure.direction, count: 0, records: [] };
      this.#failures.set(key, group);
    }
    group.count += 1;
    if (group.records.length < MAX_RECORDS_PER_GROUP) group.records.push(failure);
  }

  conflict(conflict: SyncConflict, resolution: 'fsm' | 'finance' | 'manual'): void {
    if (resolution === 'manual') this.#manual += 1;
    else this.#settled += 1;
    if (this.#conflicts.length < MAX_CONFLICTS_LISTED) this.#conflicts.push(conflict);
  }

  plan(change: PlannedChange): void {
    this.#plan.push(change);
  }

  build(meta: Pick<SyncReport, 'runId' | 'startedAt' | 'finishedAt' | 'durationMs' | 'dryRun' | 'status' | 'apiCalls'> & Pick<Partial<SyncReport>, 'stopped' | 'resumeAt' | 'scope'> & { stoppedReason?: string | undefined }): SyncReport {
    // A unit may count for a later one (contact persons created with their customer): unit order, not first touch.
    const rank = (module: string) => (this.#order.includes(module) ? this.#order.indexOf(module) : this.#order.length);
    const entities = [...this.#entities.values()].sort((a, b) => rank(a.module) - rank(b.module));
    const total = (direction: SyncDirection): DirectionCounts => {
      const sum = emptyCounts();
      for (const e of entities) for (const key of Object.keys(sum) as Array<keyof DirectionCounts>) sum[key] += e[direction][key];
      return sum;
    };
    const { stoppedReason, ...rest } = meta;
    return {
      ...rest,
      ...(stoppedReason === undefined ? {} : { stoppedReason }),
      toFinance: total('toFinance'),
      toFsm: total('toFsm'),
      entities,
      conflicts: { total: this.#settled + this.#manual, settled: this.#settled, manual: this.#manual, items: [...this.#conflicts] },
      failures: [...this.#failures.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      ...(meta.dryRun ? { plan: [...this.#plan] } : {}),
    };
  }
}
