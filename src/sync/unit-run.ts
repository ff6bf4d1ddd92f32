import type { StorageOp } from '../storage/storage.js';
import { nextSideCursor } from './cursor-store.js';
import { syncDeletes } from './delete-sync.js';
import { timeOf } from './conflict-policies.js';
import { contentHash } from './content-hash.js';
import { project } from './field-paths.js';
import type { CreateIntent } from './intent-store.js';
import { createCounterpart } from './record-create.js';
import type { SourceRecord } from './record-source.js';
import { commit, type RunContext, shouldStop, wrote } from './run-context.js';
import { type PairInput, syncPair } from './pair-sync.js';
import { otherSide, type SyncSide } from './sync-keys.js';
import type { SyncUnit } from './sync-units.js';
import { knownGone, loadUnit, matchKeyOf, parentOf, type UnitState } from './unit-state.js';

// Contact persons live under the customers of the companies unit.
const PARENT_UNIT = 'companies';

/** A record's match key and parent on its side. */
function keyOf(ctx: RunContext, state: UnitState, side: SyncSide, record: SourceRecord): { key: string | undefined; parentId: string | undefined } {
  const parentId = !state.unit.parent ? undefined : side === 'fsm' ? parentOf(ctx, record.data) : record.parentId;
  return { key: matchKeyOf(ctx, state, side, record.data, parentId), parentId };
}

/** Unlinked, not detached records of a side, by match key. */
function unlinkedByKey(ctx: RunContext, state: UnitState, side: SyncSide): Map<string, SourceRecord[]> {
  const index = new Map<string, SourceRecord[]>();
  for (const record of state[side].records.values()) {
    if (isLinked(state, side, record.id) || state.links.detached[side].has(record.id)) continue;
    const { key } = keyOf(ctx, state, side, record);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(record);
    else index.set(key, [record]);
  }
  return index;
}

function isLinked(state: UnitState, side: SyncSide, id: string): boolean {
  return side === 'fsm' ? state.links.byFsm.has(id) : state.links.byFinance.has(id);
}

function take(index: Map<string, SourceRecord[]>, key: string | undefined, accept: (r: SourceRecord) => boolean = () => true): SourceRecord | undefined {
  if (key === undefined) return undefined;
  const list = index.get(key);
  const at = list?.findIndex(accept) ?? -1;
  if (!list || at < 0) return undefined;
  const [found] = list.splice(at, 1);
  return found;
}

/**
 * Runs one unit: read both sides, settle open create intents, sync linked pairs, pair or create
 * unlinked records, apply deletes, then commit the cursors. Returns false when the run stopped
 * (abort, or the API kept failing) before the unit finished: its cursor is then left as it was.
 */
export async function runUnit(ctx: RunContext, unit: SyncUnit): Promise<boolean> {
  const state = await loadUnit(ctx, unit);
  const handled = { fsm: new Set<string>(), finance: new Set<string>() };
  const pending: PairInput[] = [];
  const index = state.unlinked;
  for (const side of ['fsm', 'finance'] as const) for (const [key, list] of unlinkedByKey(ctx, state, side)) index[side].set(key, list);

  // 1. Open intents: a create whose outcome is unknown. Find the created record before anything
  //    could create it again; its link and base are committed with the pair below.
  for (const from of ['fsm', 'finance'] as const) {
    for (const [sourceId, intent] of state.intents[from]) {
      if (isLinked(state, from, sourceId)) {
        await commit(ctx, ctx.stores.intents.clearOps(unit.module, from, sourceId));
        continue;
      }
      const found = await findCreated(ctx, state, index[otherSide(from)], intent);
      const clear = ctx.stores.intents.clearOps(unit.module, from, sourceId);
      if (!found) {
        // Never created: the source record is created afresh below (a new intent is written first).
        await commit(ctx, clear);
        continue;
      }
      const fsmId = from === 'fsm' ? sourceId : found.id;
      const financeId = from === 'fsm' ? found.id : sourceId;
      if (knownGone(state, from, sourceId)) {
        // The source was deleted before its copy was linked: the copy stays (it may have been edited
        // since), detached like a survivor under 'unlink', so it is neither paired nor copied back.
        const target = otherSide(from);
        await commit(ctx, [...clear, ...ctx.stores.links.detachOps(unit.module, target, found.id, { detached: true, at: ctx.clock.now(), reason: `${from === 'fsm' ? 'FSM' : 'finance'} record deleted before its copy was linked` })]);
        if (!ctx.dryRun) state.links.detached[target].add(found.id);
        handled[target].add(found.id);
        wrote(ctx, unit, target, 'unlinked', { fsmId, financeId });
        continue;
      }
      handled.fsm.add(fsmId);
      handled.finance.add(financeId);
      pending.push({
        fsmId,
        financeId,
        parentId: intent.parentId ?? (from === 'finance' ? state.finance.records.get(financeId)?.parentId : undefined),
        fsmRecord: state.fsm.records.get(fsmId) ?? (from === 'finance' ? found : undefined),
        financeRecord: state.finance.records.get(financeId) ?? (from === 'fsm' ? found : undefined),
        base: undefined,
        newLink: true,
        ops: clear,
      });
    }
  }

  const total = state.fsm.records.size + [...state.finance.records.keys()].filter((id) => !state.fsm.records.has(state.links.byFinance.get(id) ?? '')).length;
  let done = 0;
  // A match or a recovered intent settles two counted records at once; done never passes total.
  const progress = (settled = 1) => {
    done = Math.min(total, done + settled);
    ctx.events.emit('progress', { entity: unit.entity, module: unit.module, phase: 'sync', done, total });
  };
  const step = async (work: () => Promise<void>): Promise<boolean> => {
    if (shouldStop(ctx)) return false;
    await ctx.lease?.renewIfDue();
    await work();
    progress();
    return true;
  };

  for (const pair of pending) {
    if (!(await step(() => syncPair(ctx, state, pair)))) return false;
    progress();
  }

  // 2. FSM records: linked ones merge with their counterpart; unlinked ones pair by match key
  //    ("Overwrite") or get a counterpart.
  for (const record of state.fsm.records.values()) {
    if (handled.fsm.has(record.id)) continue;
    const ok = await step(async () => {
      const link = state.links.byFsm.get(record.id);
      if (link) {
        handled.finance.add(link.financeId);
        let financeRecord = state.finance.records.get(link.financeId);
        // Not in the read is "unchanged since the cursor" only while the record may still exist: a
        // record known deleted is never written to (the update would fail); the delete pass
        // settles the pair by the policy.
        if (!financeRecord && knownGone(state, 'finance', link.financeId)) return;
        if (!financeRecord && orphaned(ctx, state, link.parentId)) {
          // Its customer's pair was dropped by a delete: a person goes with its deleted customer.
          financeRecord = await ctx.sources.finance.get(state.collections.finance, link.financeId, { parentId: link.parentId, signal: ctx.signal });
          if (!financeRecord) {
            state.gone.finance.add(link.financeId);
            return;
          }
        }
        await syncPair(ctx, state, {
          fsmId: record.id, financeId: link.financeId, parentId: link.parentId,
          fsmRecord: record, financeRecord,
          base: state.bases.get(record.id), newLink: false, ops: [],
        });
        return;
      }
      if (state.links.detached.fsm.has(record.id)) return;
      const { key, parentId } = keyOf(ctx, state, 'fsm', record);
      if (unit.parent && parentId === undefined && !hasCompanyLink(record)) {
        ctx.report.entity(unit.entity, unit.module).skipped += 1;
        return;
      }
      const match = ctx.policy.duplicates === 'overwrite' ? take(index.finance, key, (r) => !handled.finance.has(r.id)) : undefined;
      if (match) {
        handled.finance.add(match.id);
        progress();
        await syncPair(ctx, state, { fsmId: record.id, financeId: match.id, parentId: match.parentId, fsmRecord: record, financeRecord: match, base: undefined, newLink: true, ops: [] });
        return;
      }
      await createCounterpart(ctx, state, 'fsm', record);
    });
    if (!ok) return false;
  }

  // 3. Finance records not met through an FSM record.
  for (const record of state.finance.records.values()) {
    if (handled.finance.has(record.id)) continue;
    const ok = await step(async () => {
      const fsmId = state.links.byFinance.get(record.id);
      if (fsmId !== undefined) {
        // Linked, and its FSM record was not in the FSM read: unchanged there since the cursor,
        // unless it is known gone or the FSM read was complete (then it is gone, or out of this
        // unit under type IV): the delete pass handles it, and nothing is written to it.
        if (state.fsm.complete || knownGone(state, 'fsm', fsmId)) return;
        const link = state.links.byFsm.get(fsmId);
        await syncPair(ctx, state, {
          fsmId, financeId: record.id, parentId: link?.parentId ?? record.parentId,
          fsmRecord: undefined, financeRecord: record, base: state.bases.get(fsmId), newLink: false, ops: [],
        });
        return;
      }
      if (state.links.detached.finance.has(record.id)) return;
      await createCounterpart(ctx, state, 'finance', record);
    });
    if (!ok) return false;
  }

  // 4. Deletes, then the cursors (in one batch: the unit is complete).
  await syncDeletes(ctx, state);
  if (shouldStop(ctx)) return false;
  const now = ctx.clock.now();
  const ops: StorageOp[] = ctx.stores.cursors.putOps(unit.module, {
    fsm: nextSideCursor(state.cursor.fsm, state.fsm, now),
    finance: nextSideCursor(state.cursor.finance, state.finance, now),
    mappingVersion: state.converter.version,
  });
  await commit(ctx, ops);
  return true;
}

/** A contact person whose customer is no longer linked (its pair was dropped by a delete). */
function orphaned(ctx: RunContext, state: UnitState, parentId: string | undefined): boolean {
  const parents = ctx.links.get(PARENT_UNIT);
  return state.unit.parent && parentId !== undefined && parents !== undefined && !parents.byFinance.has(parentId);
}

function hasCompanyLink(record: SourceRecord): boolean {
  const company = record.data.Company;
  return company !== undefined && company !== null && company !== '';
}

/**
 * The record an interrupted create made, among the target side's unlinked records: by the match
 * key sent, else by the content of what was sent; failing both, by asking the target
 * (`findByKey`) when its read might not list it.
 */
async function findCreated(ctx: RunContext, state: UnitState, index: Map<string, SourceRecord[]>, intent: CreateIntent): Promise<SourceRecord | undefined> {
  const target = intent.target;
  // Among records with the sent key (clones share it), the one holding what was sent; else the
  // newest, which the create made.
  const known = new Set(intent.known ?? []);
  const candidates = (intent.key === undefined ? [] : (index.get(intent.key) ?? [])).filter((r) => !known.has(r.id));
  const sameContent = candidates.find((r) => !r.partial && contentHash(project(r.data, state.paths[target])) === intent.hash);
  const newest = [...candidates].sort((a, b) => (timeOf(b.modifiedTime) ?? 0) - (timeOf(a.modifiedTime) ?? 0))[0];
  const chosen = sameContent ?? newest;
  if (chosen) return take(index, intent.key, (r) => r === chosen);
  if (intent.key === undefined) {
    for (const record of state[target].records.values()) {
      if (record.partial || isLinked(state, target, record.id)) continue;
      if (contentHash(project(record.data, state.paths[target])) === intent.hash) return record;
    }
  }
  const source = ctx.sources[target];
  if (state[target].full || intent.key === undefined || !source.findByKey) return undefined;
  const value = ctx.mapper.matchValue(state.unit.module, target, intent.payload);
  if (value === undefined) return undefined;
  const found = await source.findByKey(state.collections[target], value, { parentId: intent.parentId, signal: ctx.signal });
  return found.find((r) => !isLinked(state, target, r.id) && !known.has(r.id));
}
