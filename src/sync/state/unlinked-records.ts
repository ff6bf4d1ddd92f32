import type { StorageOp } from '../../storage/storage.js';
import { timeOf } from '../merge/conflict-policies.js';
import { contentHash } from '../merge/content-hash.js';
import { project } from '../merge/field-paths.js';
import type { CreateIntent } from './intent-store.js';
import { type PairInput, syncPair } from '../run/pair-sync.js';
import { createCounterpart } from '../run/record-create.js';
import type { SourceRecord } from '../sources/record-source.js';
import { commit, type RunContext, wrote } from '../run/run-context.js';
import { otherSide, type SyncSide } from './sync-keys.js';
import { knownGone, matchKeyOf, recordKeyOf, type UnitState, withKey } from '../run/unit-state.js';

/** A record's match key and parent on its side. */
export function keyOf(ctx: RunContext, state: UnitState, side: SyncSide, record: SourceRecord): { key: string | undefined; parentId: string | undefined } {
  return recordKeyOf(ctx, state.unit, side, record);
}

/** Unlinked, not detached records of a side, by match key. */
export function unlinkedByKey(ctx: RunContext, state: UnitState, side: SyncSide, records: Iterable<SourceRecord> = state[side].records.values()): Map<string, SourceRecord[]> {
  const index = new Map<string, SourceRecord[]>();
  for (const record of records) {
    if (isLinked(state, side, record.id) || state.links.detached[side].has(record.id)) continue;
    const { key } = keyOf(ctx, state, side, record);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(record);
    else index.set(key, [record]);
  }
  return index;
}

export function isLinked(state: UnitState, side: SyncSide, id: string): boolean {
  return side === 'fsm' ? state.links.byFsm.has(id) : state.links.byFinance.has(id);
}

/** Takes the first record of a key that `accept` accepts out of the index. */
export function take(index: Map<string, SourceRecord[]>, key: string | undefined, accept: (r: SourceRecord) => boolean = () => true): SourceRecord | undefined {
  if (key === undefined) return undefined;
  const list = index.get(key);
  const at = list?.findIndex(accept) ?? -1;
  if (!list || at < 0) return undefined;
  const [found] = list.splice(at, 1);
  return found;
}

/** An FSM contact that names a company (linked or not). */
export function hasCompanyLink(record: SourceRecord): boolean {
  const company = record.data.Company;
  return company !== undefined && company !== null && company !== '';
}

/**
 * The record an interrupted create made, among the target side's unlinked records: by the match
 * key sent, else by the content of what was sent; failing both, by asking the target
 * (`findByKey`) when its read might not list it.
 */
export async function findCreated(ctx: RunContext, state: UnitState, index: Map<string, SourceRecord[]>, intent: CreateIntent): Promise<SourceRecord | undefined> {
  const target = intent.target;
  if (intent.createdId !== undefined) return findById(ctx, state, index, intent, intent.createdId);
  // Among records with the sent key (clones share it), the one holding what was sent; else the
  // newest, which the create made. Held whole or staged.
  const known = new Set(intent.known ?? []);
  const staged = intent.key === undefined || !state.stage ? [] : await state.stage.byKey(target, intent.key);
  const candidates = [...(intent.key === undefined ? [] : (index.get(intent.key) ?? [])), ...staged].filter((r) => !known.has(r.id));
  const sameContent = candidates.find((r) => !r.partial && sameHash(state, target, r, intent.hash));
  const newest = [...candidates].sort((a, b) => (timeOf(b.modifiedTime) ?? 0) - (timeOf(a.modifiedTime) ?? 0))[0];
  const chosen = sameContent ?? newest;
  if (chosen) return state.stage?.holds(chosen) === true ? takeFromStage(ctx, state, target, chosen) : take(index, intent.key, (r) => r === chosen);
  if (intent.key === undefined) {
    for (const record of state[target].records.values()) {
      if (record.partial || isLinked(state, target, record.id)) continue;
      if (sameHash(state, target, record, intent.hash)) return record;
    }
    for await (const page of state.stage?.pages(target) ?? []) {
      const found = page.find((record) => !record.partial && sameHash(state, target, record, intent.hash));
      if (found) return takeFromStage(ctx, state, target, found);
    }
  }
  const source = ctx.sources[target];
  if (state[target].full || intent.key === undefined || !source.findByKey) return undefined;
  const value = ctx.mapper.matchValue(state.unit.module, target, intent.payload);
  if (value === undefined) return undefined;
  const found = await source.findByKey(state.collections[target], value, { parentId: intent.parentId, signal: ctx.signal });
  await state.links.ensure({ [target]: found.map((r) => r.id) });
  const ofKey = await withKey(ctx, state, target, found, intent.key);
  return ofKey.find((r) => !isLinked(state, target, r.id) && !known.has(r.id));
}

// A staged record an open create made: out of the stage (no pass reaches it again), its link looked up.
async function takeFromStage(ctx: RunContext, state: UnitState, side: SyncSide, record: SourceRecord): Promise<SourceRecord> {
  await state.stage?.take(side, [{ record, key: keyOf(ctx, state, side, record).key }]);
  await state.links.ensure({ [side]: [record.id] });
  return record;
}

// The record an earlier settlement found, by id: taken from the unlinked records read (held whole
// or staged), else read from its side (an incremental read may not list it). Gone, it is undefined
// like a create that never happened.
async function findById(ctx: RunContext, state: UnitState, index: Map<string, SourceRecord[]>, intent: CreateIntent, id: string): Promise<SourceRecord | undefined> {
  const target = intent.target;
  if (isLinked(state, target, id)) return undefined;
  for (const key of index.keys()) {
    const found = take(index, key, (r) => r.id === id);
    if (found) return found;
  }
  const read = state[target].records.get(id);
  if (read) return read;
  const staged = await state.stage?.get(target, id);
  if (staged) return takeFromStage(ctx, state, target, staged);
  if (state[target].full) return undefined;
  return ctx.sources[target].get(state.collections[target], id, { parentId: intent.parentId, signal: ctx.signal });
}

function sameHash(state: UnitState, side: SyncSide, record: SourceRecord, hash: string): boolean {
  return contentHash(project(record.data, state.paths[side])) === hash;
}


/**
 * An intent of a person sent inside its customer's create, with the customer's id and the person's
 * match key filled in from the company's link (made by the companies unit, which runs first). Left
 * as it is while the company is not linked: the customer was not made, so neither was the person.
 */
export function withParentResolved(ctx: RunContext, state: UnitState, intent: CreateIntent): CreateIntent {
  if (intent.parentOf === undefined || intent.parentId !== undefined) return intent;
  const parentId = ctx.links.get('companies')?.byFsm.get(intent.parentOf)?.financeId;
  if (parentId === undefined) return intent;
  const key = matchKeyOf(ctx, state.unit, intent.target, intent.payload, parentId);
  return { ...intent, parentId, ...(key === undefined ? {} : { key }) };
}

/** What an open intent became: nothing left to do, a copy kept detached, or a pair to sync. */
export type SettledIntent = { kind: 'cleared' } | { kind: 'detached'; side: SyncSide; id: string } | { kind: 'pair'; pair: PairInput };

/**
 * Settles an open create intent once its created record was looked for (`found`): already linked
 * or never created, the intent is cleared (a record never created is created afresh, with a new
 * intent first); a source deleted before its copy was linked leaves the copy detached; otherwise
 * the pair to sync, whose batch clears the intent.
 */
export async function settleIntent(ctx: RunContext, state: UnitState, from: SyncSide, sourceId: string, intent: CreateIntent, found: SourceRecord | undefined): Promise<SettledIntent> {
  const { unit } = state;
  const clear = ctx.stores.intents.clearOps(unit.module, from, sourceId);
  if (isLinked(state, from, sourceId) || !found) {
    await commit(ctx, clear);
    return { kind: 'cleared' };
  }
  const fsmId = from === 'fsm' ? sourceId : found.id;
  const financeId = from === 'fsm' ? found.id : sourceId;
  if (knownGone(state, from, sourceId)) {
    // The source was deleted before its copy was linked: the copy stays (it may have been edited
    // since), detached like a survivor under 'unlink', so it is neither paired nor copied back.
    const target = otherSide(from);
    await commit(ctx, [...clear, ...ctx.stores.links.detachOps(unit.module, target, found.id, { detached: true, at: ctx.clock.now(), reason: `${from === 'fsm' ? 'FSM' : 'finance'} record deleted before its copy was linked` })]);
    if (!ctx.dryRun) state.links.detached[target].add(found.id);
    wrote(ctx, unit, target, 'unlinked', { fsmId, financeId });
    return { kind: 'detached', side: target, id: found.id };
  }
  if (intent.createdId !== found.id) {
    // Recorded before the pair sync writes to it: if that write renames it and the run dies before
    // the link, the next run still finds it.
    await commit(ctx, ctx.stores.intents.putOps(unit.module, from, sourceId, { ...intent, createdId: found.id }));
  }
  return {
    kind: 'pair',
    pair: {
      fsmId,
      financeId,
      parentId: intent.parentId ?? (from === 'finance' ? state.finance.records.get(financeId)?.parentId : undefined),
      fsmRecord: state.fsm.records.get(fsmId) ?? (from === 'finance' ? found : undefined),
      financeRecord: state.finance.records.get(financeId) ?? (from === 'fsm' ? found : undefined),
      base: undefined,
      newLink: true,
      ops: clear as StorageOp[],
    },
  };
}

/**
 * An unlinked record of `from`: under `duplicates: 'overwrite'` paired with the unlinked record of
 * the other side that `match` gives for its match key, else its counterpart is created. An FSM
 * contact naming no company, in a unit of contact persons, is skipped. Returns what it did (the
 * record paired with, for a match).
 */
export async function pairOrCreate(
  ctx: RunContext,
  state: UnitState,
  from: SyncSide,
  record: SourceRecord,
  match: (key: string | undefined) => Promise<SourceRecord | undefined>,
): Promise<{ kind: 'skipped' } | { kind: 'matched'; other: SourceRecord } | { kind: 'created' }> {
  const { unit } = state;
  const { key, parentId } = keyOf(ctx, state, from, record);
  if (from === 'fsm' && unit.parent && parentId === undefined && !hasCompanyLink(record)) {
    ctx.report.entity(unit.entity, unit.module).skipped += 1;
    return { kind: 'skipped' };
  }
  const other = ctx.policy.duplicates === 'overwrite' ? await match(key) : undefined;
  if (other) {
    const [fsmRecord, financeRecord] = from === 'fsm' ? [record, other] : [other, record];
    await syncPair(ctx, state, { fsmId: fsmRecord.id, financeId: financeRecord.id, parentId: financeRecord.parentId, fsmRecord, financeRecord, base: undefined, newLink: true, ops: [] });
    return { kind: 'matched', other };
  }
  await createCounterpart(ctx, state, from, record);
  return { kind: 'created' };
}
