import { NotFoundError } from '../../errors/not-found-error.js';
import { ValidationError } from '../../errors/validation-error.js';
import { readSide, type SideRead } from './change-detection.js';
import { contentHash } from '../merge/content-hash.js';
import { syncDeletes } from './delete-sync.js';
import { COMPANY_CHANGE_TITLE, RecordRefusal } from '../report/failure-reasons.js';
import { project } from '../merge/field-paths.js';
import type { CreateIntent } from '../state/intent-store.js';
import { linkedPair, syncPair } from './pair-sync.js';
import type { SourceRecord } from '../sources/record-source.js';
import { failed, type RunContext } from './run-context.js';
import { otherSide, type SyncSide } from '../state/sync-keys.js';
import type { SyncEntity, SyncUnit } from './sync-units.js';
import { findCreated, keyOf, pairOrCreate, settleIntent, take, unlinkedByKey } from '../state/unlinked-records.js';
import { hasCompany, loadUnit, ofUnitKind, type UnitState } from './unit-state.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { PackedTextMap } from '../collections/packed-text-map.js';

// Contact persons live under the customers of the companies unit.
const PARENT_UNIT = 'companies';

/** The record `syncOne` was asked to sync. */
export interface SyncOneRequest {
  entity: SyncEntity;
  side: SyncSide;
  id: string;
  /** A finance contact person's customer. */
  parentId?: string | undefined;
}

/** What {@link syncOneRecord} did, for the result to be built from what was observed. */
export interface SyncOneOutcome {
  unit: SyncUnit;
  /** The pair's ids: as linked at the end, or as they were before a delete dropped the link. */
  fsmId: string | undefined;
  financeId: string | undefined;
  linkedBefore: boolean;
  linkedAfter: boolean;
  skipped?: string;
  parent?: SyncOneOutcome;
}

function emptyRead(): SideRead {
  return { records: new Map(), complete: false, deleted: new Set(), cursor: undefined, full: false, refused: [], refusedIds: new Set(), unchangedParents: new IdHashSet(), exactParents: new Map(), unchanged: new IdHashSet(), siftedParents: new PackedTextMap() };
}

function companyIdOf(record: SourceRecord): string | undefined {
  const company = record.data.Company;
  const id = typeof company === 'string' ? company : typeof company === 'object' && company !== null ? (company as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function invalid(message: string, path: string): ValidationError {
  return new ValidationError(message, [{ path: [path], message }]);
}

/**
 * The unit a record belongs to. Under Type IV `contacts` is two units: a linked record stays in
 * the unit it is linked in (a contact that gained or lost its company is refused there, as in a
 * run); otherwise an FSM contact goes by whether it names a company, a finance id by whether a
 * customer (`parentId`) is given.
 */
async function unitOf(ctx: RunContext, units: readonly SyncUnit[], request: SyncOneRequest): Promise<SyncUnit> {
  const candidates = units.filter((u) => u.entity === request.entity);
  const [first, second] = candidates;
  if (!first) throw invalid(`This syncer does not sync ${request.entity} (sync type ${ctx.mapper.syncType}, and the syncer's "entities" option): syncOne cannot sync one.`, 'entity');
  if (!second) return first;
  for (const unit of candidates) {
    const links = await ctx.stores.links.load(unit.module);
    if (request.side === 'fsm' ? links.byFsm.has(request.id) : links.byFinance.has(request.id)) return unit;
  }
  const persons = candidates.find((u) => u.parent) ?? first;
  const individuals = candidates.find((u) => !u.parent) ?? second;
  if (request.side === 'finance') return request.parentId === undefined ? individuals : persons;
  const record = await ctx.sources.fsm.get(persons.fsmCollection, request.id, { signal: ctx.signal });
  if (!record) throw notFound(ctx, individuals, request);
  return hasCompany(record) ? persons : individuals;
}

function notFound(ctx: RunContext, unit: SyncUnit, request: SyncOneRequest, why = 'it does not exist (deleted, or the id is of another record type or organisation)'): NotFoundError {
  const collection = request.side === 'fsm' ? unit.fsmCollection : unit.financeCollection;
  return new NotFoundError(
    `syncOne: no ${collection} record ${request.id} on the ${request.side === 'fsm' ? 'FSM' : 'finance'} side (${ctx.sources[request.side].id}): ${why}. Check the id, the entity and the side.`,
    { status: 404, details: { entity: request.entity, module: unit.module, side: request.side, id: request.id } },
  );
}

// A Zoho finance customer of the other kind (business for individual) is not a record of this unit.
function ofOtherKind(unit: SyncUnit, side: SyncSide, record: SourceRecord): boolean {
  if (side !== 'finance' || (unit.financeCollection !== 'companies' && unit.financeCollection !== 'contacts')) return false;
  const subType = record.data.customer_sub_type;
  return typeof subType === 'string' && (subType === 'individual') !== (unit.financeCollection === 'contacts');
}

/** Reads a side's whole collection into the state (a create to settle that has no match key, or a source without `findByKey`). */
async function readInFull(ctx: RunContext, state: UnitState, side: SyncSide): Promise<SourceRecord[]> {
  if (state[side].full) return [...state[side].records.values()];
  const read = await readSide(ctx.sources[side], state.collections[side], state.cursor[side], { full: true, signal: ctx.signal });
  const records = [...read.records.values()].filter((r) => side === 'finance' || ofUnitKind(state.unit, r));
  for (const record of records) if (!state[side].records.has(record.id)) state[side].records.set(record.id, record);
  state[side].full = true;
  return records;
}

/** The unlinked records of the other side with the record's match key, into the state's index. */
async function lookUpMatches(ctx: RunContext, state: UnitState, side: SyncSide, record: SourceRecord): Promise<void> {
  const other = otherSide(side);
  const { unit } = state;
  const { key, parentId } = keyOf(ctx, state, side, record);
  if (key === undefined) return;
  const source = ctx.sources[other];
  let candidates: SourceRecord[];
  if (source.findByKey) {
    const value = ctx.mapper.matchValue(unit.module, side, record.data);
    if (value === undefined) return;
    const found = await source.findByKey(state.collections[other], value, { parentId, signal: ctx.signal });
    candidates = found.filter((r) => other === 'finance' || ofUnitKind(unit, r));
    for (const candidate of candidates) if (!state[other].records.has(candidate.id)) state[other].records.set(candidate.id, candidate);
  } else {
    candidates = await readInFull(ctx, state, other);
  }
  await state.links.ensure({ [other]: candidates.map((r) => r.id) });
  for (const [k, list] of unlinkedByKey(ctx, state, other, candidates)) state.unlinked[other].set(k, list);
}

// An open intent of the other side that may have created this record: same match key (and not a
// record that already had it when the intent was written), or, without a key, the same content.
function mayHaveMade(ctx: RunContext, state: UnitState, side: SyncSide, record: SourceRecord, intent: CreateIntent): boolean {
  if (intent.target !== side) return false;
  if (intent.key !== undefined) return intent.key === keyOf(ctx, state, side, record).key && !(intent.known ?? []).includes(record.id);
  return contentHash(project(record.data, state.paths[side])) === intent.hash;
}

/**
 * Settles the open create intents that concern an unlinked record: its own (a create of its
 * counterpart whose reply was lost: the counterpart is looked for before anything could create it
 * again) and one of the other side that may have made it. True when the record is settled (paired
 * or detached); false when its counterpart is still to be matched or created.
 */
async function settleIntentsOf(ctx: RunContext, state: UnitState, side: SyncSide, record: SourceRecord): Promise<boolean> {
  const other = otherSide(side);
  const own = state.intents[side].get(record.id);
  if (own) {
    if (own.key === undefined || !ctx.sources[other].findByKey) {
      for (const [k, list] of unlinkedByKey(ctx, state, other, await readInFull(ctx, state, other))) state.unlinked[other].set(k, list);
    }
    const settled = await settleIntent(ctx, state, side, record.id, own, await findCreated(ctx, state, state.unlinked[other], own));
    if (settled.kind === 'pair') await syncPair(ctx, state, settled.pair);
    if (settled.kind !== 'cleared') return true;
  }
  for (const [sourceId, intent] of state.intents[other]) {
    if (!mayHaveMade(ctx, state, side, record, intent)) continue;
    const source = await ctx.sources[other].get(state.collections[other], sourceId, { parentId: intent.parentId, signal: ctx.signal });
    if (source) state[other].records.set(source.id, source);
    else state.gone[other].add(sourceId);
    const found = await findCreated(ctx, state, unlinkedByKey(ctx, state, side, [record]), intent);
    if (found?.id !== record.id) continue;
    const settled = await settleIntent(ctx, state, other, sourceId, intent, found);
    if (settled.kind === 'pair') await syncPair(ctx, state, settled.pair);
    return true;
  }
  return false;
}

/**
 * Syncs the unlinked parent of a contact person first: the FSM contact's company, or the finance
 * person's customer. Nothing when the parent is linked, or companies are not synced by this syncer
 * (the person then fails as an unresolved reference, as in a run).
 */
async function syncParent(ctx: RunContext, units: readonly SyncUnit[], unit: SyncUnit, side: SyncSide, record: SourceRecord | undefined, parentId: string | undefined): Promise<SyncOneOutcome | undefined> {
  if (!unit.parent || !units.some((u) => u.module === PARENT_UNIT)) return undefined;
  const parents = ctx.links.get(PARENT_UNIT);
  const id = side === 'fsm' ? (record ? companyIdOf(record) : undefined) : parentId;
  if (id === undefined || (side === 'fsm' ? parents?.byFsm.has(id) : parents?.byFinance.has(id))) return undefined;
  return syncOneRecord(ctx, units, { entity: 'companies', side, id });
}

/**
 * Syncs one record with its counterpart, with the pair logic of a run: a linked pair is merged
 * against its base (or settled by the delete policy when a side is gone); an unlinked record has
 * its open intents settled, then is paired by match key (`duplicates: 'overwrite'`) or gets its
 * counterpart created (intent first; link, base and intent removal in one batch). The reads hold
 * only the records involved (see `UnitState.narrow`); no cursor moves.
 *
 * @throws NotFoundError when the record does not exist and is not linked.
 * @throws ValidationError `INVALID_INPUT` for an entity this syncer does not sync, or a finance
 *   contact person given without its customer.
 */
export async function syncOneRecord(ctx: RunContext, units: readonly SyncUnit[], request: SyncOneRequest): Promise<SyncOneOutcome> {
  const { side, id } = request;
  const other = otherSide(side);
  const unit = await unitOf(ctx, units, request);
  if (unit.parent && !ctx.links.has(PARENT_UNIT)) ctx.links.set(PARENT_UNIT, await ctx.stores.links.load(PARENT_UNIT));
  // A linked finance person's customer is in its link.
  const links = await ctx.stores.links.load(unit.module);
  const linkedFsmId = side === 'fsm' ? id : links.byFinance.get(id);
  const stored = linkedFsmId === undefined ? undefined : links.byFsm.get(linkedFsmId);
  const parentId = side === 'finance' && unit.parent ? (request.parentId ?? stored?.parentId) : undefined;
  if (side === 'finance' && unit.parent && parentId === undefined) {
    throw invalid(`syncOne: the finance contact person ${id} is not linked; give the customer it belongs to as options.parentId.`, 'parentId');
  }
  const collection = side === 'fsm' ? unit.fsmCollection : unit.financeCollection;
  let record = await ctx.sources[side].get(collection, id, { parentId, signal: ctx.signal });
  if (record && ofOtherKind(unit, side, record)) {
    if (!stored) throw notFound(ctx, unit, request, `it is a ${unit.financeCollection === 'contacts' ? 'business' : 'individual'} customer`);
    record = undefined;
  }
  if (!record && !stored) throw notFound(ctx, unit, request);
  ctx.signal?.throwIfAborted();
  const parent = await syncParent(ctx, units, unit, side, record, parentId);
  ctx.signal?.throwIfAborted();

  let counterpartId: string | undefined;
  const state = await loadUnit(ctx, unit, async (_ctx, _unit, { links: current }) => {
    const reads = { fsm: emptyRead(), finance: emptyRead() };
    if (record) reads[side].records.set(record.id, record);
    await current.ensure(side === 'fsm' ? { fsm: [id] } : { finance: [id] });
    const fsmId = side === 'fsm' ? id : current.byFinance.get(id);
    const link = fsmId === undefined ? undefined : current.byFsm.get(fsmId);
    if (link && fsmId !== undefined) {
      counterpartId = side === 'fsm' ? link.financeId : fsmId;
      const found = await ctx.sources[other].get(other === 'fsm' ? unit.fsmCollection : unit.financeCollection, counterpartId, { parentId: link.parentId, signal: ctx.signal });
      if (found) reads[other].records.set(found.id, found);
    }
    return reads;
  });
  const pairIds = () => {
    const fsmId = side === 'fsm' ? id : state.links.byFinance.get(id);
    return { fsmId, financeId: side === 'finance' ? id : fsmId === undefined ? undefined : state.links.byFsm.get(fsmId)?.financeId };
  };
  const linkedBefore = counterpartId !== undefined;
  const outcome = (extra: Partial<SyncOneOutcome> = {}): SyncOneOutcome => {
    const now = pairIds();
    const linkedAfter = now.fsmId !== undefined && now.financeId !== undefined;
    const before = side === 'fsm' ? { fsmId: id, financeId: counterpartId } : { fsmId: counterpartId, financeId: id };
    return { unit, ...(linkedAfter ? now : before), linkedBefore, linkedAfter, ...(parent ? { parent } : {}), ...extra };
  };

  if (linkedBefore && counterpartId !== undefined) {
    const fsmId = side === 'fsm' ? id : counterpartId;
    const financeId = side === 'fsm' ? counterpartId : id;
    // One side is gone: the delete policy settles the pair, as a run's delete pass does.
    if (!state[side].records.has(id) || !state[other].records.has(counterpartId)) {
      if (state.fsmAll.has(fsmId) && !state.fsm.records.has(fsmId)) {
        // Type IV: the contact gained or lost its company after it was synced.
        failed(ctx, unit, 'finance', new RecordRefusal('COMPANY_CHANGE_NOT_ALLOWED', COMPANY_CHANGE_TITLE, `${COMPANY_CHANGE_TITLE}: FSM contact ${fsmId} gained or lost its company after it was synced.`), { fsmId, financeId });
        return outcome();
      }
      if (!state.fsm.records.has(fsmId)) state.gone.fsm.add(fsmId);
      else state.gone.finance.add(financeId);
      await ctx.lease?.renewIfDue();
      await syncDeletes(ctx, state);
      return outcome();
    }
    const pair = linkedPair(state, fsmId, { fsm: state.fsm.records.get(fsmId), finance: state.finance.records.get(financeId) });
    await ctx.lease?.renewIfDue();
    if (pair) await syncPair(ctx, state, pair);
    return outcome();
  }

  if (!record) throw notFound(ctx, unit, request);
  if (state.links.detached[side].has(id)) {
    return outcome({ skipped: 'The record is unlinked on purpose (its counterpart was deleted under the delete policy): it is neither paired nor copied again.' });
  }
  await ctx.lease?.renewIfDue();
  if (await settleIntentsOf(ctx, state, side, record)) return outcome();
  await lookUpMatches(ctx, state, side, record);
  ctx.signal?.throwIfAborted();
  await ctx.lease?.renewIfDue();
  const done = await pairOrCreate(ctx, state, side, record, async (key) => take(state.unlinked[other], key));
  if (done.kind === 'skipped') return outcome({ skipped: `An FSM contact without a company has no contact person under sync type ${ctx.mapper.syncType}: it is not synced (run() skips it too).` });
  return outcome();
}
