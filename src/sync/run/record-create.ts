import { NotFoundError } from '../../errors/not-found-error.js';
import type { StorageOp } from '../../storage/storage.js';
import type { BaseSnapshot } from '../state/base-store.js';
import { contentHash } from '../merge/content-hash.js';
import { ambiguousWrite, failureReason, ReferenceGone } from '../report/failure-reasons.js';
import { project } from '../merge/field-paths.js';
import { withDerivedWrites } from './derived-writes.js';
import { inlineCommitted, inlineIntentClearOps, inlineIntentOps, inlineLinkOps, inlinePersons } from './inline-persons.js';
import type { CreateIntent } from '../state/intent-store.js';
import { applyLink } from '../state/link-store.js';
import { syncPair } from './pair-sync.js';
import { type PairWrites, payloadOf } from './pair-writes.js';
import type { SourceRecord, WriteResult } from '../sources/record-source.js';
import { commit, failed, isFatal, report, type RunContext, wrote } from './run-context.js';
import { clearMarkOps, collidingValues, isCollision, markFailed, refusedForCollision, stillRefused } from '../state/retry-marks.js';
import { otherSide, type SyncSide } from '../state/sync-keys.js';
import { fsmContactsByEmail, matchKeyOf, type RetryMark, snapshotOf, type UnitState, withKey } from './unit-state.js';
import { checkRequired } from './validation.js';

// Contact persons live under the customers of the companies unit.
const PARENT_UNIT = 'companies';

/** The side's collection and source. */
function sideOf(ctx: RunContext, state: UnitState, side: SyncSide) {
  return { source: ctx.sources[side], collection: state.collections[side], caps: state.caps[side] };
}

/** The raw match value to search by after a lost reply (the mapper's normalised value). */
function searchValue(ctx: RunContext, state: UnitState, side: SyncSide, payload: Record<string, unknown>): string | undefined {
  return ctx.mapper.matchValue(state.unit.module, side, payload);
}

// The new record's fields are changes the sync made: one-way entries reading them flow back
// (a Books contact_name becomes FSM's Company_Name, and that one Books' company_name).
function derivedOf(ctx: RunContext, state: UnitState, from: SyncSide, data: Record<string, unknown>, created: Record<string, unknown>): PairWrites {
  const to = otherSide(from);
  return withDerivedWrites({
    entries: state.entries,
    toFinance: (r) => state.converter.toFinance(r, { resolve: ctx.resolver }),
    toFsm: (r) => state.converter.toFsm(r, { resolve: ctx.resolver }),
    fsm: from === 'fsm' ? data : created,
    finance: from === 'fsm' ? created : data,
    writes: { toFsm: [], toFinance: [] },
    fresh: to,
    computed: state.computed,
  });
}

/**
 * A contact person's create answered "does not exist" (code 1002): its customer was deleted in
 * Books since the companies unit read it (a read from a cursor does not list deletes). The
 * customer is marked for a re-read, which finds it gone, so the next run applies the delete policy
 * to the company's pair; the person fails as an unresolved reference, tried again next run.
 */
async function parentGone(ctx: RunContext, state: UnitState, to: SyncSide, parentId: string | undefined, error: unknown): Promise<unknown> {
  if (!(error instanceof NotFoundError) || to !== 'finance' || !state.unit.parent || parentId === undefined) return error;
  const mark: RetryMark = { at: ctx.clock.now() };
  await commit(ctx, [{ type: 'put', key: ctx.keys.retry(PARENT_UNIT, 'finance', parentId), value: mark }]);
  return new ReferenceGone(`The Books customer ${parentId} this contact person belongs under does not exist any more (deleted in Books): the next run applies the delete policy to its company.`, { cause: error });
}

/**
 * Creates the counterpart of an unlinked record on the other side: maps it, checks the target's
 * mandatory fields (and FSM's one-email-per-company rule), writes an intent, creates, and commits
 * link + base + intent removal in one batch. After a lost reply it looks the record up by its
 * match key before giving up, so a create is never repeated blindly.
 */
export async function createCounterpart(ctx: RunContext, state: UnitState, from: SyncSide, record: SourceRecord): Promise<void> {
  const { unit } = state;
  const to = otherSide(from);
  // Another record holds a unique value this one needs: the run's delete pass may yet free it.
  const retry = () => createCounterpart(ctx, state, from, record);
  const ids = from === 'fsm' ? { fsmId: record.id } : { financeId: record.id };
  const fingerprint = record.partial ? `t:${record.modifiedTime ?? ''}` : `h:${contentHash(project(record.data, state.paths[from]))}`;
  const refused = await stillRefused(ctx, state, from, record.id, fingerprint);
  if (refused) {
    const tell = () => report(ctx, unit, to, refused, { ...ids, name: ctx.mapper.matchValue(unit.module, from, record.data) }, undefined);
    if (refusedForCollision(state, from, record.id) && state.collisions?.hold({ to, retry, refuse: async () => tell() })) return;
    tell();
    return;
  }
  // The customer a contact person goes under: known once the record is mapped.
  let parentId: string | undefined;
  // The payload sent, for a refusal that names the values another record holds.
  let sent: Record<string, unknown> | undefined;
  try {
    let data = record.data;
    let modifiedTime = record.modifiedTime;
    if (record.partial) {
      const full = await ctx.sources[from].get(state.collections[from], record.id, { parentId: record.parentId, signal: ctx.signal });
      if (!full) return;
      data = full.data;
      modifiedTime = full.modifiedTime ?? modifiedTime;
    }
    const options = { resolve: ctx.resolver };
    const payload = from === 'fsm' ? state.converter.toFinance(data, options) : state.converter.toFsm(data, options);
    sent = payload;
    const target = sideOf(ctx, state, to);
    checkRequired(payload, target.caps.requiredOnCreate);
    if (to === 'fsm' && state.emails) await state.emails.check(undefined, payload, fsmContactsByEmail(ctx, state));
    parentId = to === 'finance' && unit.parent ? (typeof payload.contact_id === 'string' ? payload.contact_id : undefined) : from === 'finance' ? record.parentId : undefined;
    const key = matchKeyOf(ctx, state.unit, to, payload, to === 'finance' ? parentId : record.parentId);
    // The target's unlinked records of this key (held whole or staged) that the create did not make.
    const known = key === undefined ? [] : [...(state.unlinked[to].get(key) ?? []), ...((await state.stage?.byKey(to, key)) ?? [])].map((r) => r.id);
    const intent: CreateIntent = {
      target: to,
      ...(key === undefined ? {} : { key }),
      ...(known.length === 0 ? {} : { known }),
      hash: contentHash(project(payload, state.paths[to])),
      payload,
      ...(parentId === undefined ? {} : { parentId }),
      at: ctx.clock.now(),
      runId: ctx.runId,
    };
    if (ctx.dryRun) {
      wrote(ctx, unit, to, 'created', ids, payload);
      const derived = derivedOf(ctx, state, from, data, payload);
      for (const side of ['fsm', 'finance'] as const) {
        const writes = side === 'fsm' ? derived.toFsm : derived.toFinance;
        if (writes.length > 0) wrote(ctx, unit, side, 'updated', ids, payloadOf(writes, side === from ? data : payload).payload);
      }
      return;
    }
    // A new customer takes its company's FSM contacts along (one call, not one per person), each
    // with an intent of its own in the contact persons unit.
    const persons = from === 'fsm' ? await inlinePersons(ctx, state, record.id) : [];
    const body = persons.length === 0 ? payload : { ...payload, contact_persons: persons.map((p) => p.payload) };
    await commit(ctx, [...ctx.stores.intents.putOps(unit.module, from, record.id, persons.length === 0 ? intent : { ...intent, payload: body }), ...inlineIntentOps(ctx, record.id, persons)]);
    let result: WriteResult | undefined;
    try {
      // Writes get no signal: an abort stops the run between records, never inside a write.
      result = await target.source.create(target.collection, body, { parentId });
    } catch (error) {
      if (!ambiguousWrite(error)) {
        await commit(ctx, [...ctx.stores.intents.clearOps(unit.module, from, record.id), ...inlineIntentClearOps(ctx, persons)]);
        throw error;
      }
      // The create may have happened: look for it before reporting (the intent stays either way
      // until the record is linked, so the next run finds it too).
      const value = searchValue(ctx, state, to, payload);
      const rows = value !== undefined && target.source.findByKey ? await target.source.findByKey(target.collection, value, { parentId, signal: ctx.signal }) : [];
      await state.links.ensure({ [to]: rows.map((r) => r.id) });
      // Only a record of the key sent: a contact of another company holding the email is not this create's.
      const found = (await withKey(ctx, state, to, rows, key)).find((r) => !known.includes(r.id) && !(to === 'fsm' ? state.links.byFsm.has(r.id) : state.links.byFinance.has(r.id)));
      if (!found) throw error;
      // A search row is partial: the base needs the whole record, with the ids Zoho gave its
      // nested elements (a contact person's id), or a later update would add a second person.
      const full = found.partial ? await target.source.get(target.collection, found.id, { parentId, signal: ctx.signal }) : found;
      result = { id: found.id, modifiedTime: full?.modifiedTime ?? found.modifiedTime, ...(full && !full.partial ? { data: full.data } : {}) };
    }
    const created = result.data ?? payload;
    const fsmId = from === 'fsm' ? record.id : result.id;
    const financeId = from === 'fsm' ? result.id : record.id;
    const derived = derivedOf(ctx, state, from, data, created);
    const pending = derived.toFsm.length + derived.toFinance.length > 0;
    const fromSnapshot = snapshotOf(state, from, data, { modifiedTime });
    const toSnapshot = result.data
      ? snapshotOf(state, to, result.data, { modifiedTime: result.modifiedTime })
      : snapshotOf(state, to, payload, { modifiedTime: result.modifiedTime, unknown: [...state.computed[to]] });
    const base: BaseSnapshot = {
      fsm: from === 'fsm' ? fromSnapshot : toSnapshot,
      finance: from === 'fsm' ? toSnapshot : fromSnapshot,
      mappingVersion: state.converter.version,
      syncedAt: ctx.clock.now(),
      // Committed before the derived writes: a crash or failure in between is finished next run.
      ...(pending ? { pending: to } : {}),
    };
    const link = { financeId, ...(parentId === undefined ? {} : { parentId }), linkedAt: ctx.clock.now() };
    const inline = inlineLinkOps(ctx, { id: financeId, data: result.data, modifiedTime: result.modifiedTime }, persons);
    const ops: StorageOp[] = [
      ...ctx.stores.links.linkOps(unit.module, fsmId, link),
      ...ctx.stores.bases.putOps(unit.module, fsmId, base),
      ...ctx.stores.intents.clearOps(unit.module, from, record.id),
      ...inline.ops,
    ];
    ops.push(...clearMarkOps(ctx, state, { [from]: record.id }));
    await commit(ctx, ops);
    applyLink(state.links, fsmId, link);
    state.fresh.add(fsmId);
    state.bases.set(fsmId, base);
    if (to === 'fsm' && state.emails) state.emails.add(payload);
    wrote(ctx, unit, to, 'created', { fsmId, financeId }, payload);
    inlineCommitted(ctx, inline.linked, financeId);
    if (pending) {
      const fromRecord: SourceRecord = { id: record.id, data, ...(modifiedTime === undefined ? {} : { modifiedTime }) };
      // FSM answers a create with ids only: read the new record, so the write-back sees its computed
      // fields and a refusal is remembered against the record as every later run reads it.
      const stored = result.data ? undefined : await target.source.get(target.collection, result.id, { ...(to === 'finance' && parentId !== undefined ? { parentId } : {}), signal: ctx.signal });
      const toRecord: SourceRecord = stored ?? { id: result.id, data: created, ...(result.modifiedTime === undefined ? {} : { modifiedTime: result.modifiedTime }) };
      await syncPair(ctx, state, {
        fsmId,
        financeId,
        parentId,
        fsmRecord: from === 'fsm' ? fromRecord : toRecord,
        financeRecord: from === 'fsm' ? toRecord : fromRecord,
        base,
        newLink: false,
        ops: [],
        followUp: true,
      });
    }
  } catch (error) {
    if (isFatal(ctx, error)) throw error;
    const cause = await parentGone(ctx, state, to, parentId, error);
    const payload = sent;
    const refuse = async () => {
      const reason = failed(ctx, unit, to, cause, { ...ids, name: ctx.mapper.matchValue(unit.module, from, record.data) });
      // Only where every read is complete (a scanned side): a cursor-fed side would see the value
      // freed on its daily full read only, and a quiet run and a full run must agree.
      const collides = payload === undefined || state.caps[to].changeFeed !== 'scan' ? undefined : collidingValues(reason, state.caps[to].uniqueFields, payload);
      await markFailed(ctx, state, from, record.id, { parentId: record.parentId, fingerprint, reason, collides });
    };
    if (isCollision(failureReason(cause)) && state.collisions?.hold({ to, retry, refuse })) return;
    await refuse();
  }
}
