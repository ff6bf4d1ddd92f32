import type { BaseSnapshot } from './base-store.js';
import { timeOf } from '../merge/conflict-policies.js';
import type { RunContext } from '../run/run-context.js';
import { snapshotOf, type UnitState } from '../run/unit-state.js';

/** Per unit run: the parents whose time some other change than one record's may have moved. */
interface ParentChanges {
  /** Parent id → ids of its records that changed, appeared or disappeared since their last sync. */
  changed: Map<string, Set<string>>;
  /** Parent id → when the sync last merged a change of the parent's own pair (epoch ms), when known. */
  merged: Map<string, number | undefined>;
}

const seen = new WeakMap<UnitState, ParentChanges>();

// Taken once per unit run, before the first merge commits a new base: a record merged earlier in
// the run would otherwise look unchanged, and its change would be put on another record.
function parentChanges(state: UnitState): ParentChanges {
  const known = seen.get(state);
  if (known) return known;
  const changed = new Map<string, Set<string>>();
  const mark = (parentId: string | undefined, id: string) => {
    if (parentId === undefined) return;
    const ids = changed.get(parentId) ?? new Set<string>();
    ids.add(id);
    changed.set(parentId, ids);
  };
  const readParents = new Set<string>();
  for (const record of state.finance.records.values()) {
    if (record.parentId === undefined) continue;
    readParents.add(record.parentId);
    // A survivor the sync no longer pairs (its counterpart was deleted) is nobody's change now.
    if (state.links.detached.finance.has(record.id)) continue;
    const fsmId = state.links.byFinance.get(record.id);
    const base = fsmId === undefined ? undefined : state.bases.get(fsmId);
    // A record new to the sync (unlinked, or linked without a base yet) is a change of its parent too.
    if (!base || snapshotOf(state, 'finance', record.data).hash !== base.finance.hash) mark(record.parentId, record.id);
  }
  // A linked record missing from its parent's read was deleted: that moved the parent's time.
  // (A parent of staged records was read too.)
  for (const [parentId, financeIds] of state.missingChildren) {
    if (readParents.has(parentId) || state.stage?.parents.has(parentId) === true) for (const id of financeIds) mark(parentId, id);
  }
  const out: ParentChanges = { changed, merged: new Map() };
  seen.set(state, out);
  return out;
}

/**
 * Takes the unit run's view of which parents changed, before any record is synced: the passes let
 * go of a pair's base once it is done (so a lookup later would not find it), and a merge commits
 * new bases. For units whose finance records carry their parent's time only.
 */
export function noteParentChanges(state: UnitState): void {
  if (state.caps.finance.parentTime === true && !state.narrow) parentChanges(state);
}

async function parentMergedAt(ctx: RunContext, changes: ParentChanges, parentId: string): Promise<number | undefined> {
  if (changes.merged.has(parentId)) return changes.merged.get(parentId);
  const companyId = ctx.links.get('companies')?.byFinance.get(parentId);
  const base = companyId === undefined ? undefined : await ctx.storage.get<BaseSnapshot>(ctx.keys.base('companies', companyId));
  changes.merged.set(parentId, base?.syncedAt);
  return base?.syncedAt;
}

/** What {@link financeTimeForMerge} needs of one pair. */
export interface PairTimeInput {
  financeId: string;
  parentId: string | undefined;
  /** The finance record's time as read (for a record with `parentTime`, its parent's). */
  modifiedTime: string | undefined;
  /** The pair's last synced state; `undefined` for a first pairing. */
  base: BaseSnapshot | undefined;
  /** Whether the finance record's mapped content differs from the base. */
  changed: boolean;
}

/**
 * The finance time latest-wins (and a first pairing) may compare for a pair. Most records carry
 * their own time. A record whose collection has `parentTime` (Books contact persons: Zoho keeps no
 * time per person, and the walk gives each its customer's) gets its parent's time only when that
 * time can be put on it: the pair has a base, the record's content changed since, no other record
 * of the same parent changed, appeared or disappeared since its last sync, and the sync has not
 * merged a change of the parent's own pair (a write of ours, or an edit of the customer's fields)
 * at or after that time. Otherwise the time is unknown, and the FSM side's known time wins. It
 * is unknown too in `syncOne`, which reads no other record of the parent.
 *
 * @example
 * ```ts
 * const financeModifiedTime = await financeTimeForMerge(ctx, state, { financeId, parentId, modifiedTime, base, changed: true });
 * latestSide({ fsmModifiedTime, financeModifiedTime });
 * ```
 */
export async function financeTimeForMerge(ctx: RunContext, state: UnitState, input: PairTimeInput): Promise<string | undefined> {
  if (state.caps.finance.parentTime !== true) return input.modifiedTime;
  const at = timeOf(input.modifiedTime);
  if (at === undefined || !input.base || !input.changed || input.parentId === undefined) return undefined;
  // One record synced on demand: the other records of its parent were not read, so whether one of
  // them moved the time is unknown.
  if (state.narrow) return undefined;
  const changes = parentChanges(state);
  const others = [...(changes.changed.get(input.parentId) ?? [])].filter((id) => id !== input.financeId);
  // Staged records are new to the sync: a change of their parent's too.
  if (others.length > 0 || state.stage?.parents.has(input.parentId) === true) return undefined;
  const merged = await parentMergedAt(ctx, changes, input.parentId);
  // Zoho's times have whole seconds: a merge in the same second may be what moved the time.
  if (merged !== undefined && merged >= at) return undefined;
  return input.modifiedTime;
}
