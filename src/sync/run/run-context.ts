import type { IdHashSet } from '../collections/id-hash-set.js';
import type { Clock } from '../../clock.js';
import { NotLoadedError } from '../state/loaded-window.js';
import { isDailyLimitError } from '../../errors/rate-limit-error.js';
import type { TypedEmitter } from '../../events.js';
import type { ReferenceResolver } from '../../mapping/references.js';
import type { Storage, StorageOp } from '../../storage/storage.js';
import type { BaseStore } from '../state/base-store.js';
import type { ConflictPolicy, SyncConflict } from '../merge/conflict-policies.js';
import type { ConflictStore } from '../state/conflict-store.js';
import type { CursorStore } from '../state/cursor-store.js';
import { type FailureReason, failureReason } from '../report/failure-reasons.js';
import type { IntentStore } from '../state/intent-store.js';
import type { LinkIndex, LinkStore } from '../state/link-store.js';
import type { DirectionCounts, PlannedChange, ReportBuilder, SyncDirection } from '../report/report.js';
import type { RunLease } from '../../storage/run-lease.js';
import type { RunMemo } from '../state/run-memo.js';
import type { GuardedSource } from '../sources/source-guard.js';
import type { SyncMapper } from '../merge/sync-mapper.js';
import type { SyncKeys, SyncSide } from '../state/sync-keys.js';
import type { SyncUnit } from './sync-units.js';

/** What happens to the counterpart of a deleted record. */
export type DeletePolicy = 'unlink' | 'deactivate' | 'propagate';

/** First-run handling of records with the same match key on both sides. */
export type DuplicatePolicy = 'clone' | 'overwrite';

/** Progress of one side's read of an entity. */
export interface ReadProgress {
  entity: string;
  module: string;
  phase: 'read';
  side: SyncSide;
  /** Records read so far. */
  done: number;
  /** `undefined` while the side is being read (Zoho's list replies carry no count); `done` once its last page is in. */
  total: number | undefined;
}

/** Progress of an entity's records being synced after the reads. */
export interface SettleProgress {
  entity: string;
  module: string;
  phase: 'sync';
  /** Records settled so far. */
  done: number;
  /** Records to settle, known when the phase starts; the last event of a unit that completes has `done === total`. */
  total: number;
}

/** Events of a {@link BidirectionalSyncer}. */
export interface SyncEvents {
  /**
   * Progress of one entity, sent only when a figure moves: {@link ReadProgress} while a side is read
   * (both at once), then {@link SettleProgress} while its records are synced.
   */
  progress: ReadProgress | SettleProgress;
  /** A record was written (or, in a dry run, would be). */
  record: {
    entity: string;
    module: string;
    direction: SyncDirection;
    action: 'created' | 'updated' | 'deleted' | 'deactivated' | 'unlinked' | 'linked';
    fsmId?: string | undefined;
    financeId?: string | undefined;
    dryRun: boolean;
  };
  /** A true conflict, and how it was settled (`manual`: stored for `conflicts.resolve`). */
  conflict: { conflict: SyncConflict; resolution: 'fsm' | 'finance' | 'manual' };
  /** A record failed; the run goes on. */
  error: { entity: string; module: string; direction: SyncDirection; reason: string; message: string; fsmId?: string | undefined; financeId?: string | undefined; error: unknown };
}

/** One write as {@link wrote} counts it. */
export interface RecordWrite {
  module: string;
  target: SyncSide;
  action: 'created' | 'updated' | 'deleted' | 'deactivated' | 'unlinked';
  fsmId?: string | undefined;
  financeId?: string | undefined;
  /** The fields sent (creates and updates). */
  fields?: Record<string, unknown> | undefined;
}

/** Everything one run shares between its units. */
export interface RunContext {
  readonly runId: string;
  /** When the run began, ms on the clock: every read of the run started at or after it. */
  readonly startedAt: number;
  readonly storage: Storage;
  readonly keys: SyncKeys;
  readonly clock: Clock;
  readonly mapper: SyncMapper;
  /** The two sides, behind the source guard: every record they give has been checked. */
  readonly sources: { readonly fsm: GuardedSource; readonly finance: GuardedSource };
  readonly stores: { links: LinkStore; bases: BaseStore; intents: IntentStore; cursors: CursorStore; conflicts: ConflictStore };
  readonly policy: { conflicts: ConflictPolicy; duplicates: DuplicatePolicy; deletes: DeletePolicy };
  readonly fullScanIntervalMs: number;
  /** A record the other side refused is sent again only once it changed, or after this long. */
  readonly retryRefusedAfterMs: number;
  readonly fullScan: boolean;
  readonly dryRun: boolean;
  readonly signal: AbortSignal | undefined;
  /** Links per unit, kept across units: the contacts unit resolves companies through them. */
  readonly links: Map<string, LinkIndex>;
  readonly resolver: ReferenceResolver;
  readonly report: ReportBuilder;
  readonly events: TypedEmitter<SyncEvents>;
  readonly lease: RunLease | undefined;
  /** Told of each write (or planned write) with the fields sent: how `syncOne` reports what it wrote. */
  readonly onWrite?: ((write: RecordWrite) => void) | undefined;
  /** Records of a unit synced at once. */
  readonly concurrency: number;
  /** Records of each side a unit's read holds whole; past them, unlinked ones are staged in storage (`RecordStage`). */
  readonly recordsInMemory: number;
  /** The units this run syncs, in order. */
  readonly units: readonly SyncUnit[];
  /**
   * FSM ids linked by an earlier unit of this run in a later unit's module (contact persons created
   * with their customer), as hashes: an id taken for one by a shared hash is only counted as
   * created rather than unchanged, and left to a later run's delete detection.
   */
  readonly linkedThisRun: Map<string, IdHashSet>;
  /** Transient failures in a row; the run stops at {@link MAX_TRANSIENT_IN_A_ROW}. */
  transientInARow: number;
  stoppedReason: string | undefined;
  /** The finance source's memo (`ReadOptions.memo`); its pending writes go with every commit. Absent in a dry run. */
  readonly memo?: RunMemo | undefined;
}

/** After this many network / 5xx / rate-limit failures in a row, the API is down: stop cleanly. */
export const MAX_TRANSIENT_IN_A_ROW = 5;

/** The direction a write to `target` goes. */
export function directionTo(target: SyncSide): SyncDirection {
  return target === 'finance' ? 'toFinance' : 'toFsm';
}

/** Counts one outcome in the report. */
export function count(ctx: RunContext, unit: SyncUnit, direction: SyncDirection, what: Exclude<keyof DirectionCounts, 'failed'>, n = 1): void {
  ctx.report.count(unit.entity, unit.module, direction, what, n);
}

/** Counts and announces one write (or planned write). */
export function wrote(
  ctx: RunContext,
  unit: SyncUnit,
  target: SyncSide,
  action: 'created' | 'updated' | 'deleted' | 'deactivated' | 'unlinked',
  ids: { fsmId?: string | undefined; financeId?: string | undefined },
  fields?: Record<string, unknown>,
): void {
  const direction = directionTo(target);
  count(ctx, unit, direction, action);
  ctx.transientInARow = 0;
  if (ctx.dryRun) {
    const planned: PlannedChange['action'] = action === 'created' ? 'create' : action === 'updated' ? 'update' : action === 'deleted' ? 'delete' : action === 'deactivated' ? 'deactivate' : 'unlink';
    ctx.report.plan({ entity: unit.entity, module: unit.module, direction, action: planned, ...ids, ...(fields ? { fields } : {}) });
  }
  ctx.events.emit('record', { entity: unit.entity, module: unit.module, direction, action, ...ids, dryRun: ctx.dryRun });
  ctx.onWrite?.({ module: unit.module, target, action, ...ids, ...(fields ? { fields } : {}) });
}

/** Records a failed record (and, after too many transient failures in a row, stops the run). */
export function failed(
  ctx: RunContext,
  unit: SyncUnit,
  target: SyncSide,
  error: unknown,
  ids: { fsmId?: string | undefined; financeId?: string | undefined; name?: string | undefined },
): FailureReason {
  const reason = failureReason(error);
  report(ctx, unit, target, reason, ids, error);
  if (reason.transient) {
    ctx.transientInARow += 1;
    if (ctx.transientInARow >= MAX_TRANSIENT_IN_A_ROW) ctx.stoppedReason = `${MAX_TRANSIENT_IN_A_ROW} records in a row failed with ${reason.reason} (${reason.message}); the run stopped and the next one continues.`;
  } else {
    ctx.transientInARow = 0;
  }
  return reason;
}

/** Reports a failure (a fresh one, or a refusal remembered from an earlier run). */
export function report(
  ctx: RunContext,
  unit: SyncUnit,
  target: SyncSide,
  reason: Pick<FailureReason, 'reason' | 'title' | 'message'>,
  ids: { fsmId?: string | undefined; financeId?: string | undefined; name?: string | undefined },
  error: unknown,
): void {
  const direction = directionTo(target);
  ctx.report.fail({ entity: unit.entity, module: unit.module, direction, ...ids, message: reason.message }, reason.reason, reason.title);
  ctx.events.emit('error', { entity: unit.entity, module: unit.module, direction, reason: reason.reason, message: reason.message, fsmId: ids.fsmId, financeId: ids.financeId, error });
}

/**
 * A failure that ends the run rather than one record: storage refused a write (progress can no
 * longer be kept), the lease was lost, or the run was aborted. `run()` rethrows the cause.
 */
export class FatalRunError extends Error {
  override name = 'FatalRunError';

  constructor(cause: unknown) {
    super('The sync run cannot go on', { cause });
  }
}

/** Whether an error must end the run instead of failing one record. */
export function isFatal(ctx: RunContext, error: unknown): boolean {
  // A spent daily API budget stops the run (clean, resumable): no record is failed for it.
  return error instanceof FatalRunError || error instanceof NotLoadedError || (error instanceof Error && error.name === 'SyncLeaseError') || isDailyLimitError(error) || ctx.signal?.aborted === true;
}

/** Commits ops in one batch (nothing in a dry run). A storage failure ends the run. */
export async function commit(ctx: RunContext, ops: readonly StorageOp[]): Promise<void> {
  if (ctx.dryRun || ops.length === 0) return;
  try {
    await (ctx.memo ? ctx.memo.along((memoOps) => ctx.storage.batch([...ops, ...memoOps])) : ctx.storage.batch(ops));
  } catch (error) {
    throw new FatalRunError(error);
  }
}

/** Whether the run should stop before the next record. */
export function shouldStop(ctx: RunContext): boolean {
  return ctx.signal?.aborted === true || ctx.stoppedReason !== undefined;
}
