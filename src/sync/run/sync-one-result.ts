import { TypedEmitter } from '../../events.js';
import type { ConflictChoice, SyncConflict } from '../merge/conflict-policies.js';
import type { SyncDirection } from '../report/report.js';
import type { RecordWrite, SyncEvents } from './run-context.js';
import type { SyncOneOutcome } from './sync-one.js';
import type { SyncSide } from '../state/sync-keys.js';
import type { SyncEntity } from './sync-units.js';

/** Options of `BidirectionalSyncer.syncOne()`. */
export interface SyncOneOptions {
  /** Stops before the next step (never inside a write); `syncOne()` then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * While a `run()` (or another `syncOne()`) of the binding holds the lease, try again for up to
   * this long (ms on the syncer's clock) before throwing `SyncLeaseError` `SYNC_ALREADY_RUNNING`.
   * Default 0: throw at once.
   */
  waitMs?: number | undefined;
  /**
   * A finance contact person (`entity: 'contacts'`, `side: 'finance'` under sync types III and
   * IV): the id of the customer it belongs to. Not needed once the person is linked. Under type IV
   * a finance id given without it is an individual customer.
   */
  parentId?: string | undefined;
}

/** What `syncOne()` did to the pair of the record. */
export type SyncOneAction =
  /** The counterpart did not exist: it was created on the other side and linked. */
  | 'created'
  /**
   * The record was paired with an existing record of the other side: the one with the same match
   * key (`duplicates: 'overwrite'`), or the one an earlier create whose reply was lost made.
   * Differing fields were merged (the later-modified record wins, as on a first run).
   */
  | 'linked'
  /** Linked already: changed fields were written to one side or both. */
  | 'updated'
  /** Linked already, and in sync: nothing was written. */
  | 'unchanged'
  /** One record of the pair was gone: the delete policy deleted the other one. */
  | 'deleted'
  /** One record of the pair was gone: the delete policy marked the other one inactive. */
  | 'deactivated'
  /** One record of the pair was gone: the link was dropped and the survivor left alone. */
  | 'unlinked'
  /** Nothing to sync: see `skipped` (a Type III contact without a company, a record unlinked on purpose). */
  | 'skipped'
  /**
   * The record failed (bad data, a refusal of the other side, the API): see `failure`. No pair was
   * formed; for a linked pair, `fsm` and `finance` show what was written before the failure.
   */
  | 'failed';

/** What happened to one side's record. */
export interface SyncOneSide {
  /** The record's id on this side (`undefined` when it has no counterpart). */
  id: string | undefined;
  /** What was done to it: `none` when nothing was written. */
  action: 'created' | 'updated' | 'deleted' | 'deactivated' | 'unlinked' | 'none';
  /** The fields sent to this side (a create's whole payload, an update's changed fields). */
  written?: Record<string, unknown>;
}

/**
 * What `BidirectionalSyncer.syncOne()` did. `fsm` and `finance` say what was written to each side;
 * `counterpartId` is the record's id on the other side once linked.
 */
export interface SyncOneResult {
  /** Id of this sync in the sync log (`syncer.log.get(runId)`). */
  runId: string;
  entity: SyncEntity;
  /** The sync unit: `companies`, `contacts` (individual customers), `contact_persons` or `items`. */
  module: string;
  /** The side `id` lives on. */
  side: SyncSide;
  id: string;
  /** The linked record on the other side, if any after this sync. */
  counterpartId: string | undefined;
  action: SyncOneAction;
  fsm: SyncOneSide;
  finance: SyncOneSide;
  /** True conflicts met while merging, and how each was settled (`manual`: stored for `conflicts.resolve`). */
  conflicts: Array<{ conflict: SyncConflict; resolution: ConflictChoice | 'manual' }>;
  /** Why the record failed (the same reason codes as a run's report). */
  failure?: { reason: string; title: string; message: string; direction: SyncDirection };
  /** Why nothing was synced, with `action: 'skipped'`. */
  skipped?: string;
  /** A contact person's company, synced first because it was not linked yet. */
  parent?: SyncOneResult;
}

/** What a `syncOne` saw happen, from the events and writes of its context. */
export interface SyncObservations {
  readonly writes: RecordWrite[];
  readonly conflicts: Array<SyncEvents['conflict']>;
  readonly errors: Array<SyncEvents['error']>;
}

/**
 * An emitter that passes every event on to the syncer's listeners and keeps what `syncOne`
 * reports, with the write hook of its context.
 */
export function observeSync(listeners: TypedEmitter<SyncEvents>): { observed: SyncObservations; events: TypedEmitter<SyncEvents>; onWrite: (write: RecordWrite) => void } {
  const observed: SyncObservations = { writes: [], conflicts: [], errors: [] };
  class Tap extends TypedEmitter<SyncEvents> {
    override emit<E extends keyof SyncEvents & string>(event: E, payload: SyncEvents[E]): void {
      if (event === 'conflict') observed.conflicts.push(payload as SyncEvents['conflict']);
      if (event === 'error') observed.errors.push(payload as SyncEvents['error']);
      listeners.emit(event, payload);
    }
  }
  return { observed, events: new Tap(), onWrite: (write) => observed.writes.push(write) };
}

function sideResult(id: string | undefined, writes: readonly RecordWrite[]): SyncOneSide {
  const created = writes.find((w) => w.action === 'created');
  const last = writes.at(-1);
  const action = created ? 'created' : (last?.action ?? 'none');
  const fields = writes.filter((w) => w.action === 'created' || w.action === 'updated').map((w) => w.fields ?? {});
  return { id, action, ...(fields.length > 0 ? { written: Object.assign({}, ...fields) as Record<string, unknown> } : {}) };
}

/** Builds the result of a `syncOne` from what its pair logic did and what was observed. */
export function syncOneResult(runId: string, request: { entity: SyncEntity; side: SyncSide; id: string }, outcome: SyncOneOutcome, observed: SyncObservations, titles: ReadonlyMap<string, string>): SyncOneResult {
  const { unit, fsmId, financeId } = outcome;
  const ours = (e: { module: string; fsmId?: string | undefined; financeId?: string | undefined }) =>
    e.module === unit.module && ((fsmId !== undefined && e.fsmId === fsmId) || (financeId !== undefined && e.financeId === financeId));
  const writes = observed.writes.filter((w) => w.module === unit.module && ours(w));
  const error = observed.errors.find(ours);
  const created = writes.some((w) => w.action === 'created');
  const dropped = writes.find((w) => w.action === 'deleted' || w.action === 'deactivated' || w.action === 'unlinked');
  const action: SyncOneAction = outcome.skipped !== undefined ? 'skipped'
    : created ? 'created'
    : dropped ? (dropped.action as 'deleted' | 'deactivated' | 'unlinked')
    : !outcome.linkedBefore && outcome.linkedAfter ? 'linked'
    : error ? 'failed'
    : writes.some((w) => w.action === 'updated') ? 'updated'
    : outcome.linkedAfter ? 'unchanged'
    : 'skipped';
  const counterpartId = request.side === 'fsm' ? financeId : fsmId;
  return {
    runId,
    entity: request.entity,
    module: unit.module,
    side: request.side,
    id: request.id,
    counterpartId,
    action,
    fsm: sideResult(fsmId, writes.filter((w) => w.target === 'fsm')),
    finance: sideResult(financeId, writes.filter((w) => w.target === 'finance')),
    conflicts: observed.conflicts.filter((c) => c.conflict.module === unit.module && c.conflict.fsmId === fsmId).map(({ conflict, resolution }) => ({ conflict, resolution })),
    ...(error ? { failure: { reason: error.reason, title: titles.get(error.reason) ?? error.reason, message: error.message, direction: error.direction } } : {}),
    ...(outcome.skipped !== undefined ? { skipped: outcome.skipped } : action === 'skipped' ? { skipped: 'Nothing was synced.' } : {}),
    ...(outcome.parent ? { parent: syncOneResult(runId, { entity: 'companies', side: request.side, id: request.side === 'fsm' ? (outcome.parent.fsmId ?? '') : (outcome.parent.financeId ?? '') }, outcome.parent, observed, titles) } : {}),
  };
}
