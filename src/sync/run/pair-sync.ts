import type { StorageOp } from '../../storage/storage.js';
import { type BaseSnapshot, baseValue, type SideSnapshot, withoutWritten, withWritten } from '../state/base-store.js';
import { unchangedByTime } from './change-detection.js';
import { decideConflict, latestSide, type SyncConflict } from '../merge/conflict-policies.js';
import { COMPANY_CHANGE_TITLE, RecordRefusal } from '../report/failure-reasons.js';
import { type FieldPath, fieldPath, readPath, sameValue } from '../merge/field-paths.js';
import { withDerivedWrites } from './derived-writes.js';
import { applyLink } from '../state/link-store.js';
import { applied, type FieldWrite, payloadOf } from './pair-writes.js';
import { financeTimeForMerge } from '../state/person-times.js';
import type { SourceRecord, WriteResult } from '../sources/record-source.js';
import { commit, count, directionTo, failed, isFatal, report, type RunContext, wrote } from './run-context.js';
import { clearMarkOps, markFailed, stillRefused } from '../state/retry-marks.js';
import type { SyncSide } from '../state/sync-keys.js';
import { type MergeEntry, mergeRecord } from '../merge/three-way-merge.js';
import { deletedOnWrite, fsmContactsByEmail, noBaseEntries, parentOf, snapshotOf, type UnitState } from './unit-state.js';

/** One pair to bring in sync. */
export interface PairInput {
  fsmId: string;
  financeId: string;
  parentId: string | undefined;
  /** The records as read this run; `undefined` when a side was not in the read (unchanged since its cursor). */
  fsmRecord: SourceRecord | undefined;
  financeRecord: SourceRecord | undefined;
  /** The last synced state; `undefined` for a pair formed this run (match key or intent). */
  base: BaseSnapshot | undefined;
  /** The pair was formed this run: its link goes in the same batch as its base. */
  newLink: boolean;
  /** More ops for the same batch (clearing the intent that formed the pair). */
  ops: StorageOp[];
  /** The pair was just created this run and counted: only the writes made now count (the derived ones). */
  followUp?: boolean;
}

/**
 * A linked pair as stored (its link and base) with the records read of it; a side left out was
 * not in the read (unchanged since its cursor). `undefined` when the FSM id is not linked.
 */
export function linkedPair(state: UnitState, fsmId: string, records: { fsm?: SourceRecord | undefined; finance?: SourceRecord | undefined }): PairInput | undefined {
  const link = state.links.byFsm.get(fsmId);
  if (!link) return undefined;
  return {
    fsmId, financeId: link.financeId, parentId: link.parentId ?? records.finance?.parentId,
    fsmRecord: records.fsm, financeRecord: records.finance,
    base: state.bases.get(fsmId), newLink: false, ops: [],
  };
}

// A field left in manual conflict keeps its last synced value as the merge base (held), so it is
// seen again next run; the snapshot's fields stay the side's true current values.
function hold(snapshot: SideSnapshot, base: SideSnapshot | undefined, paths: readonly FieldPath[]): SideSnapshot {
  if (!base || paths.length === 0) return snapshot;
  const held: Record<string, unknown> = {};
  for (const path of paths) held[path.text] = baseValue(base, path, (f) => readPath(f, path)) ?? null;
  return { ...snapshot, held };
}

/**
 * A side's record as it was before the sync's own writes that landed in a run which stopped before
 * the rest of its pair's writes (fields now holding a value the write-ahead note holds), or
 * `undefined` when there are none: the one-way entries that read those fields are still owed.
 */
function beforeLandedWrites(snapshot: SideSnapshot | undefined, full: Record<string, unknown>): Record<string, unknown> | undefined {
  if (snapshot?.written === undefined) return undefined;
  const reverts: FieldWrite[] = [];
  for (const [text, values] of Object.entries(snapshot.written)) {
    const path = fieldPath(text);
    const now = readPath(full, path);
    if (!values.some((value) => sameValue(value, now))) continue;
    const was = baseValue(snapshot, path, (fields) => readPath(fields, path)) ?? null;
    if (!sameValue(was, now)) reverts.push({ path, value: was });
  }
  return reverts.length === 0 ? undefined : applied(full, reverts, full);
}

/**
 * Brings one linked pair in sync: reads what is needed (a partial finance row is fetched only when
 * its modified time moved), merges three-way, writes each side at most once, and commits the link,
 * the new base and any conflict changes in one batch. Failures are recorded, never thrown.
 */
export async function syncPair(ctx: RunContext, state: UnitState, pair: PairInput): Promise<void> {
  const { unit } = state;
  const ids = { fsmId: pair.fsmId, financeId: pair.financeId };
  state.unchanged.examined(pair.fsmId);
  let target: SyncSide = 'finance';
  let fingerprint: string | undefined;
  try {
    const base = pair.base;
    const noBase = base ? await noBaseEntries(ctx, state, base.mappingVersion) : new Set<string>();
    const pending = base?.pending;
    const resolvedConflicts = state.conflicts.of(pair.fsmId).filter((c) => c.choice !== undefined);

    // FSM side: the record read, or (not read: unchanged since the cursor) the base.
    const fsmFull = pair.fsmRecord?.data ?? base?.fsm.fields;
    // Finance side: full record, or the base when a partial row's modified time has not moved.
    let financeFull: Record<string, unknown> | undefined;
    let financeModified = pair.financeRecord?.modifiedTime ?? base?.finance.modifiedTime;
    const finRecord = pair.financeRecord;
    if (finRecord && !finRecord.partial) financeFull = finRecord.data;
    else if (finRecord === undefined || (unchangedByTime(finRecord, base?.finance) && noBase.size === 0 && !pending)) financeFull = base?.finance.fields;
    if (financeFull === undefined) {
      const fetched = await ctx.sources.finance.get(state.collections.finance, pair.financeId, { parentId: pair.parentId, signal: ctx.signal });
      if (!fetched) return; // deleted since the list: the delete pass of the next full read handles it
      financeFull = fetched.data;
      financeModified = fetched.modifiedTime ?? financeModified;
    }
    if (fsmFull === undefined) return;

    if (unit.parent && pair.fsmRecord) {
      // A synced contact cannot move to another company (its contact person lives under one customer).
      const parent = parentOf(ctx, pair.fsmRecord.data);
      if (pair.parentId !== undefined && parent !== pair.parentId) {
        target = 'finance';
        throw new RecordRefusal('COMPANY_CHANGE_NOT_ALLOWED', COMPANY_CHANGE_TITLE, `${COMPANY_CHANGE_TITLE}: FSM contact ${pair.fsmId} now points at another company than its synced contact person's customer.`);
      }
    }

    const fsmNow = snapshotOf(state, 'fsm', fsmFull);
    const financeNow = snapshotOf(state, 'finance', financeFull);
    fingerprint = `${fsmNow.hash}|${financeNow.hash}`;
    const refused = await stillRefused(ctx, state, 'fsm', pair.fsmId, fingerprint);
    if (refused) {
      report(ctx, unit, 'finance', refused, ids, undefined);
      return;
    }
    const fsmChanged = !base || noBase.size > 0 || fsmNow.hash !== base.fsm.hash;
    const financeChanged = !base || noBase.size > 0 || financeNow.hash !== base.finance.hash;
    if (base && !fsmChanged && !financeChanged && resolvedConflicts.length === 0 && !pending) {
      count(ctx, unit, 'toFinance', 'unchanged');
      count(ctx, unit, 'toFsm', 'unchanged');
      // Remember a moved modified time, so the row is not fetched again next run; drop write-ahead
      // notes (neither side holds anything new, so they are settled).
      const notes = base.fsm.written !== undefined || base.finance.written !== undefined;
      if ((financeModified !== base.finance.modifiedTime || notes) && !ctx.dryRun) {
        const finance = withoutWritten(base.finance);
        const next: BaseSnapshot = { ...base, fsm: withoutWritten(base.fsm), finance: { ...finance, ...(financeModified === undefined ? {} : { modifiedTime: financeModified }) } };
        await commit(ctx, [...ctx.stores.bases.putOps(unit.module, pair.fsmId, next), ...clearMarkOps(ctx, state, { fsm: pair.fsmId, finance: pair.financeId })]);
        state.bases.set(pair.fsmId, next);
      }
      return;
    }

    // A side is converted only when the merge may read it: it changed, a held conflict field is
    // settled, or a derived write is pending.
    const held = base !== undefined && (base.fsm.held !== undefined || base.finance.held !== undefined || pending !== undefined);
    const options = { resolve: ctx.resolver };
    // A side with fields of unknown base value (computed, after our write) is compared through its conversion.
    const fsmAsFinance = fsmChanged || held || base?.fsm.unknown !== undefined ? state.converter.toFinance(fsmFull, options) : {};
    const financeAsFsm = financeChanged || held || base?.finance.unknown !== undefined ? state.converter.toFsm(financeFull, options) : {};
    const fsmModified = pair.fsmRecord?.modifiedTime ?? base?.fsm.modifiedTime;
    const financeTime = await financeTimeForMerge(ctx, state, { financeId: pair.financeId, parentId: pair.parentId, modifiedTime: financeModified, base, changed: financeChanged });
    const times = { fsmModifiedTime: fsmModified, financeModifiedTime: financeTime };
    const conflictOps: StorageOp[] = [];
    const seenConflicts = new Set<string>();
    const merged = mergeRecord({
      entries: state.entries,
      fsm: fsmNow.fields,
      finance: financeNow.fields,
      base: base ? { fsm: base.fsm, finance: base.finance } : undefined,
      noBase,
      fsmAsFinance,
      financeAsFsm,
      recordWinner: latestSide(times),
      onConflict: (entry: MergeEntry, values) => {
        const conflict: SyncConflict = {
          id: `${unit.module}/${pair.fsmId}/${entry.fsm.text}`,
          entity: unit.entity,
          module: unit.module,
          ...ids,
          field: { fsm: entry.fsm.text, finance: entry.finance.text },
          ...values,
          ...times,
          detectedAt: new Date(ctx.clock.now()).toISOString(),
        };
        seenConflicts.add(conflict.id);
        const stored = state.conflicts.get(conflict.id);
        if (stored?.choice !== undefined) {
          conflictOps.push(...ctx.stores.conflicts.deleteOps(conflict.id));
          ctx.report.conflict(conflict, stored.choice);
          ctx.events.emit('conflict', { conflict, resolution: stored.choice });
          return stored.choice;
        }
        const choice = decideConflict(ctx.policy.conflicts, conflict);
        if (choice === 'manual') conflictOps.push(...ctx.stores.conflicts.putOps(conflict, stored));
        ctx.report.conflict(conflict, choice);
        ctx.events.emit('conflict', { conflict, resolution: choice });
        return choice;
      },
    });
    const result = {
      ...merged,
      ...withDerivedWrites({
        entries: state.entries,
        toFinance: (record) => state.converter.toFinance(record, options),
        toFsm: (record) => state.converter.toFsm(record, options),
        fsm: fsmFull,
        finance: financeFull,
        writes: merged,
        fresh: pending,
        computed: state.computed,
        before: { fsm: beforeLandedWrites(base?.fsm, fsmFull), finance: beforeLandedWrites(base?.finance, financeFull) },
      }),
    };
    // Stored conflicts of this record that no longer conflict have converged or been applied.
    for (const stored of state.conflicts.of(pair.fsmId)) {
      if (!seenConflicts.has(stored.conflict.id)) conflictOps.push(...ctx.stores.conflicts.deleteOps(stored.conflict.id));
    }
    for (const settled of result.settled) count(ctx, unit, directionTo(settled.winner === 'fsm' ? 'finance' : 'fsm'), 'conflicts');
    // A field left for a person is held on both sides: it counts in both directions.
    for (let i = 0; i < result.manual.length; i++) {
      count(ctx, unit, 'toFinance', 'conflicts');
      count(ctx, unit, 'toFsm', 'conflicts');
    }

    const toFsm = payloadOf(result.toFsm, fsmFull);
    const toFinance = payloadOf(result.toFinance, financeFull);
    if (result.toFsm.length > 0 && state.emails && (Object.hasOwn(toFsm.payload, 'Email') || Object.hasOwn(toFsm.payload, 'Company'))) {
      target = 'fsm';
      await state.emails.check(pair.fsmId, { ...fsmFull, ...toFsm.payload }, fsmContactsByEmail(ctx, state));
    }

    // Write-ahead: the values about to be sent go into the base first, so a crash between a write
    // and the commit below does not make the sync's own value look like a person's edit next run.
    if (base && !ctx.dryRun && (result.toFsm.length > 0 || result.toFinance.length > 0)) {
      const noted: BaseSnapshot = { ...base, fsm: withWritten(base.fsm, result.toFsm), finance: withWritten(base.finance, result.toFinance) };
      await commit(ctx, ctx.stores.bases.putOps(unit.module, pair.fsmId, noted));
      state.bases.set(pair.fsmId, noted);
    }
    let fsmWrite: WriteResult | undefined;
    let financeWrite: WriteResult | undefined;
    if (result.toFsm.length > 0) {
      target = 'fsm';
      if (!ctx.dryRun) fsmWrite = await ctx.sources.fsm.update(state.collections.fsm, pair.fsmId, toFsm.payload, { current: fsmFull });
      wrote(ctx, unit, 'fsm', 'updated', ids, toFsm.payload);
      if (state.emails) state.emails.add({ ...fsmFull, ...toFsm.payload });
    } else if ((!pair.newLink || base) && !pair.followUp) {
      count(ctx, unit, 'toFsm', 'unchanged');
    }
    if (result.toFinance.length > 0) {
      target = 'finance';
      // The record as known (read, or its base) goes along: Zoho wants fields in every update that
      // a patch lacks, and the source fills them from it instead of reading the record again.
      if (!ctx.dryRun) financeWrite = await ctx.sources.finance.update(state.collections.finance, pair.financeId, toFinance.payload, { parentId: pair.parentId, current: financeFull });
      wrote(ctx, unit, 'finance', 'updated', ids, toFinance.payload);
    } else if ((!pair.newLink || base) && !pair.followUp) {
      count(ctx, unit, 'toFinance', 'unchanged');
    }
    if (pair.newLink && !base) ctx.report.entity(unit.entity, unit.module).matched += 1;

    const manualPaths = { fsm: result.manual.map((e) => e.fsm), finance: result.manual.map((e) => e.finance) };
    const fsmFields = applied(fsmNow.fields, result.toFsm, fsmFull);
    const financeFields = financeWrite?.data ? snapshotOf(state, 'finance', financeWrite.data).fields : applied(financeNow.fields, result.toFinance, financeFull);
    const fsmUnknown = fsmWrite ? [...state.computed.fsm] : pair.fsmRecord ? [] : (base?.fsm.unknown ?? []);
    const next: BaseSnapshot = {
      fsm: hold(snapshotOf(state, 'fsm', fsmFields, { modifiedTime: fsmWrite?.modifiedTime ?? fsmModified, unknown: fsmUnknown }), base?.fsm, manualPaths.fsm),
      finance: hold(snapshotOf(state, 'finance', financeFields, { modifiedTime: financeWrite?.modifiedTime ?? financeModified }), base?.finance, manualPaths.finance),
      mappingVersion: state.converter.version,
      syncedAt: ctx.clock.now(),
    };
    const link = { financeId: pair.financeId, ...(pair.parentId === undefined ? {} : { parentId: pair.parentId }), linkedAt: ctx.clock.now() };
    const ops: StorageOp[] = [
      ...(pair.newLink ? ctx.stores.links.linkOps(unit.module, pair.fsmId, link) : []),
      ...ctx.stores.bases.putOps(unit.module, pair.fsmId, next),
      ...conflictOps,
      ...pair.ops,
      ...clearMarkOps(ctx, state, { fsm: pair.fsmId, finance: pair.financeId }),
    ];
    if (pair.newLink && ctx.dryRun) ctx.report.plan({ entity: unit.entity, module: unit.module, direction: 'toFinance', action: 'link', ...ids });
    await commit(ctx, ops);
    if (!ctx.dryRun) {
      if (pair.newLink) {
        applyLink(state.links, pair.fsmId, link);
        state.fresh.add(pair.fsmId);
      }
      state.bases.set(pair.fsmId, next);
    }
  } catch (error) {
    if (isFatal(ctx, error)) throw error;
    // Deleted since the read: not a failure, the delete pass settles the pair by the policy.
    if (deletedOnWrite(state, target, target === 'fsm' ? pair.fsmId : pair.financeId, error)) return;
    const reason = failed(ctx, unit, target, error, ids);
    await markFailed(ctx, state, 'fsm', pair.fsmId, { fingerprint, reason });
    await markFailed(ctx, state, 'finance', pair.financeId, { parentId: pair.parentId });
  }
}
