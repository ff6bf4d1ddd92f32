import { ApiError } from '../../errors/api-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { StorageOp } from '../../storage/storage.js';
import { COMPANY_CHANGE_TITLE, RecordRefusal } from '../report/failure-reasons.js';
import { applyLink, type StoredLink } from '../state/link-store.js';
import { syncPair } from './pair-sync.js';
import { clearMarkOps } from '../state/retry-marks.js';
import { commit, count, failed, isFatal, type RunContext, shouldStop, wrote } from './run-context.js';
import { otherSide, type SyncSide } from '../state/sync-keys.js';
import { missingFromCompleteRead, snapshotOf, type UnitState } from './unit-state.js';

/** A linked pair one of whose records is gone. */
interface Gone {
  fsmId: string;
  financeId: string;
  parentId: string | undefined;
  deleted: SyncSide;
}

// Books refuses to delete a contact with transactions (code 3000).
function hasTransactions(error: unknown): boolean {
  return error instanceof ApiError && (error.zohoCode === 3000 || error.zohoCode === '3000');
}

/**
 * Finds linked records deleted on one side — reported as tombstones, answered "does not exist" to
 * an update this run, or missing from a complete read and confirmed gone with a `get` (a walk can
 * skip a row when another is deleted meanwhile: such a pair, still there, is synced with the record
 * fetched) — and applies the delete policy to the survivor:
 * - `unlink`: forget the link; the survivor stays, marked so it is not recreated.
 * - `deactivate`: mark the survivor inactive where its side can; else unlink.
 * - `propagate`: delete the survivor; Books refusing (code 3000, transactions) marks it inactive.
 *   A survivor edited since the last sync is kept and unlinked instead: an edit is not lost to a delete.
 */
export async function syncDeletes(ctx: RunContext, state: UnitState): Promise<void> {
  const { unit } = state;
  const gone: Gone[] = [];
  const candidates = new Map<string, Gone>();
  for await (const [fsmId, link] of linksToCheck(ctx, state)) {
    if (state.fresh.has(fsmId)) {
      // Linked this run, so in neither read: only a write that found a record gone says it is.
      const told = state.gone.fsm.has(fsmId) ? 'fsm' : state.gone.finance.has(link.financeId) ? 'finance' : undefined;
      if (told) candidates.set(fsmId, { fsmId, financeId: link.financeId, parentId: link.parentId, deleted: told });
      continue;
    }
    const fsmMissing = state.fsm.deleted.has(fsmId) || state.gone.fsm.has(fsmId) || (state.fsm.complete && !state.fsmAll.has(fsmId));
    const financeMissing = state.finance.deleted.has(link.financeId) || state.gone.finance.has(link.financeId) || missingFromCompleteRead(state, 'finance', link.financeId, link.parentId);
    if (state.fsm.complete && state.fsmAll.has(fsmId) && !state.fsm.records.has(fsmId) && !state.fsm.unchanged.has(fsmId)) {
      // Type IV: the contact moved between "with company" and "without company".
      failed(ctx, unit, 'finance', new RecordRefusal('COMPANY_CHANGE_NOT_ALLOWED', COMPANY_CHANGE_TITLE, `${COMPANY_CHANGE_TITLE}: FSM contact ${fsmId} gained or lost its company after it was synced.`), { fsmId, financeId: link.financeId });
      continue;
    }
    if (fsmMissing) candidates.set(fsmId, { fsmId, financeId: link.financeId, parentId: link.parentId, deleted: 'fsm' });
    else if (financeMissing) candidates.set(fsmId, { fsmId, financeId: link.financeId, parentId: link.parentId, deleted: 'finance' });
  }
  // A link found by the storage scan joins the window, so forgetting it is counted.
  await state.links.ensure({ fsm: candidates.keys() });
  await state.bases.ensure(candidates.keys());
  for (const candidate of candidates.values()) {
    if (shouldStop(ctx)) return;
    const side = candidate.deleted;
    const id = side === 'fsm' ? candidate.fsmId : candidate.financeId;
    try {
      const told = state[side].deleted.has(id) || state.gone[side].has(id);
      const still = told ? undefined : await ctx.sources[side].get(state.collections[side], id, { parentId: candidate.parentId, signal: ctx.signal });
      if (still === undefined) {
        gone.push(candidate);
        continue;
      }
      // The read skipped a live record: the pair was left alone as possibly deleted; sync it now.
      await syncPair(ctx, state, {
        fsmId: candidate.fsmId,
        financeId: candidate.financeId,
        parentId: candidate.parentId,
        fsmRecord: side === 'fsm' ? still : state.fsm.records.get(candidate.fsmId),
        financeRecord: side === 'finance' ? still : state.finance.records.get(candidate.financeId),
        base: state.bases.get(candidate.fsmId),
        newLink: false,
        ops: [],
      });
      // Deleted between the `get` and the write: settled now rather than next run.
      if (state.gone.fsm.has(candidate.fsmId)) gone.push({ ...candidate, deleted: 'fsm' });
      else if (state.gone.finance.has(candidate.financeId)) gone.push({ ...candidate, deleted: 'finance' });
    } catch (error) {
      if (isFatal(ctx, error)) throw error;
      failed(ctx, unit, otherSide(side), error, { fsmId: candidate.fsmId, financeId: candidate.financeId });
    }
  }
  for (const pair of gone) {
    if (shouldStop(ctx)) return;
    await ctx.lease?.renewIfDue();
    state.unchanged.examined(pair.fsmId);
    await applyDelete(ctx, state, pair);
  }
  // Pairs the reads left out as unchanged, and nothing examined since: unchanged both ways.
  count(ctx, unit, 'toFinance', 'unchanged', state.unchanged.untouched);
  count(ctx, unit, 'toFsm', 'unchanged', state.unchanged.untouched);
}

/**
 * The links that may have lost a record: after a read from a cursor, those of the records in
 * play (the run's window holds them: read, tombstoned, written); after a complete read, every
 * link of the unit, from storage a page at a time past the window's own.
 */
async function* linksToCheck(ctx: RunContext, state: UnitState): AsyncGenerator<[string, StoredLink]> {
  const { links } = state;
  yield* [...links.byFsm];
  if (links.complete || (!state.fsm.complete && !state.finance.complete)) return;
  for await (const page of ctx.stores.links.scan(state.unit.module)) {
    for (const entry of page) if (!links.loaded('fsm', entry[0])) yield entry;
  }
}

async function applyDelete(ctx: RunContext, state: UnitState, pair: Gone): Promise<void> {
  const { unit } = state;
  const survivor = otherSide(pair.deleted);
  const survivorId = survivor === 'fsm' ? pair.fsmId : pair.financeId;
  const ids = { fsmId: pair.fsmId, financeId: pair.financeId };
  const survivorSource = ctx.sources[survivor];
  const caps = state.caps[survivor];
  const policy = ctx.policy.deletes;
  // The pair's stored conflicts go with its link: there is no pair left to settle them on.
  const conflicts = state.conflicts.of(pair.fsmId).map((c) => c.conflict.id);
  const ops: StorageOp[] = [
    ...ctx.stores.links.unlinkOps(unit.module, pair.fsmId, pair.financeId, pair.parentId),
    ...ctx.stores.bases.deleteOps(unit.module, pair.fsmId),
    ...conflicts.flatMap((id) => ctx.stores.conflicts.deleteOps(id)),
    // A failure remembered for either record has nothing left to retry.
    ...clearMarkOps(ctx, state, { fsm: pair.fsmId, finance: pair.financeId }),
  ];
  const detach = () => ctx.stores.links.detachOps(unit.module, survivor, survivorId, { detached: true, at: ctx.clock.now(), reason: `${pair.deleted === 'fsm' ? 'FSM' : 'finance'} record deleted` });
  const read = state[survivor];
  const survivorGone = read.deleted.has(survivorId) || missingFromCompleteRead(state, survivor, survivorId, pair.parentId);
  try {
    let outcome: 'deleted' | 'deactivated' | 'unlinked' = 'unlinked';
    if (survivorGone) {
      // Both records are gone: only the link remains to forget.
    } else if (policy === 'propagate' && caps.delete && !editedSinceSync(state, survivor, pair)) {
      try {
        if (!ctx.dryRun) await survivorSource.delete(state.collections[survivor], survivorId, { parentId: pair.parentId });
        outcome = 'deleted';
      } catch (error) {
        if (!hasTransactions(error) || !caps.deactivate) throw error;
        if (!ctx.dryRun) await survivorSource.deactivate(state.collections[survivor], survivorId, { parentId: pair.parentId });
        outcome = 'deactivated';
      }
    } else if (policy === 'deactivate' && caps.deactivate) {
      if (!ctx.dryRun) await survivorSource.deactivate(state.collections[survivor], survivorId, { parentId: pair.parentId });
      outcome = 'deactivated';
    }
    if (outcome !== 'deleted' && !survivorGone) ops.push(...detach());
    await forget(ctx, state, pair, ops, survivor, outcome);
  } catch (error) {
    if (isFatal(ctx, error)) throw error;
    if (error instanceof NotFoundError) {
      // The survivor is gone too (deleted since the read, which did not show it): only the link
      // remains to forget, whatever the policy meant to do to it.
      await forget(ctx, state, pair, ops, survivor, 'unlinked');
      return;
    }
    failed(ctx, unit, survivor, error, ids);
  }
}

async function forget(ctx: RunContext, state: UnitState, pair: Gone, ops: StorageOp[], survivor: SyncSide, outcome: 'deleted' | 'deactivated' | 'unlinked'): Promise<void> {
  await commit(ctx, ops);
  if (!ctx.dryRun) {
    applyLink(state.links, pair.fsmId, undefined, pair.financeId);
    state.bases.delete(pair.fsmId);
    state.conflicts.dropPair(pair.fsmId);
    if (outcome !== 'deleted') state.links.detached[survivor].add(survivor === 'fsm' ? pair.fsmId : pair.financeId);
  }
  if (outcome === 'deleted') state.collisions?.deleted(survivor, survivor === 'fsm' ? pair.fsmId : pair.financeId);
  wrote(ctx, state.unit, survivor, outcome, { fsmId: pair.fsmId, financeId: pair.financeId });
}

// The survivor's mapped fields differ from the last synced base: someone edited it.
function editedSinceSync(state: UnitState, survivor: SyncSide, pair: Gone): boolean {
  const base = state.bases.get(pair.fsmId);
  const record = state[survivor].records.get(survivor === 'fsm' ? pair.fsmId : pair.financeId);
  if (!base || !record) return false;
  if (record.partial) return record.modifiedTime !== undefined && record.modifiedTime !== base[survivor].modifiedTime;
  return snapshotOf(state, survivor, record.data).hash !== base[survivor].hash;
}
