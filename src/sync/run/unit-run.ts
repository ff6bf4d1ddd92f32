import type { StorageOp } from '../../storage/storage.js';
import { nextSideCursor } from '../state/cursor-store.js';
import { syncDeletes } from './delete-sync.js';
import { commit, type RunContext, shouldStop } from './run-context.js';
import { linkedPair, type PairInput, syncPair } from './pair-sync.js';
import { noteParentChanges } from '../state/person-times.js';
import { otherSide, type SyncSide } from '../state/sync-keys.js';
import type { SyncUnit } from './sync-units.js';
import { DonePairs } from './done-pairs.js';
import { TurnTaker } from './event-loop-turns.js';
import { releaseInlinePersons } from './inline-persons.js';
import { createCounterpart } from './record-create.js';
import { findCreated, isLinked, keyOf, pairOrCreate, settleIntent, take, unlinkedByKey, withParentResolved } from '../state/unlinked-records.js';
import { inPool, KeyLocks } from './record-pool.js';
import type { SourceRecord } from '../sources/record-source.js';
import { ParentVisits } from './settled-parents.js';
import { StagedParents } from './staged-parents.js';
import { knownGone, loadUnit, type UnitState } from './unit-state.js';
import { UnitProgress } from './unit-progress.js';

// Settled parents are committed this many at a time.
const SETTLED_BATCH = 50;

// Contact persons live under the customers of the companies unit.
const PARENT_UNIT = 'companies';

/** How a unit run fits with the units running beside it. */
export interface RunUnitOptions {
  /**
   * The FSM pass (mostly writes to Books) starts once this settles; the finance records it cannot
   * reach (mostly writes to FSM) start at once. Lets a unit fill FSM's quota while another unit
   * keeps Books busy, and keep its Books writes for later.
   */
  readonly fsmPassAfter?: Promise<unknown>;
}

/**
 * Runs one unit: read both sides, settle open create intents, sync linked pairs, pair or create
 * unlinked records, apply deletes, then commit the cursors. Returns false when the run stopped
 * (abort, or the API kept failing) before the unit finished: its cursor is then left as it was.
 */
export async function runUnit(ctx: RunContext, unit: SyncUnit, options: RunUnitOptions = {}): Promise<boolean> {
  const state = await loadUnit(ctx, unit);
  const visits = ParentVisits.of(ctx, state);
  try {
    await visits?.settleChildless((ops) => commit(ctx, ops));
    return await syncUnit(ctx, state, visits, options);
  } finally {
    // Refusals held back for a delete pass the run did not reach are reported (best effort, as below).
    await state.collisions?.release().catch(() => undefined);
    // Best effort too: a stage left behind is removed before the unit's next read.
    await state.stage?.clear().catch(() => undefined);
    if (unit.module === PARENT_UNIT) releaseInlinePersons(ctx);
    // Parents settled before a stop count for the next run (a daily limit, an abort). Best effort:
    // a marker not written only means that parent's children are read again.
    if (visits && visits.pending > 0) await commit(ctx, visits.take()).catch(() => undefined);
  }
}

async function syncUnit(ctx: RunContext, state: UnitState, visits: ParentVisits | undefined, options: RunUnitOptions): Promise<boolean> {
  const { unit } = state;
  const handled = { fsm: new Set<string>(), finance: new Set<string>() };
  const pending: PairInput[] = [];
  const index = state.unlinked;
  for (const side of ['fsm', 'finance'] as const) for (const [key, list] of unlinkedByKey(ctx, state, side)) index[side].set(key, list);
  // Taken while every pair of the reads is in the windows (a pair done is let go of: DonePairs).
  noteParentChanges(state);
  const donePairs = new DonePairs(state);

  // 1. Open intents: a create whose outcome is unknown. Find the created record before anything
  //    could create it again; its link and base are committed with the pair below.
  const parentPending = await parentCreatesOpen(ctx, state);
  for (const from of ['fsm', 'finance'] as const) {
    for (const [sourceId, stored] of state.intents[from]) {
      const intent = withParentResolved(ctx, state, stored);
      // A person sent inside a customer whose create is itself still open (its reply lost, and its
      // pair not committed yet, e.g. a failed write-back): the customer may exist with the person
      // in it. Kept for the run that links the customer; clearing it now would create the person
      // a second time.
      if (intent.parentOf !== undefined && intent.parentId === undefined && parentPending.has(intent.parentOf)) continue;
      const found = isLinked(state, from, sourceId) ? undefined : await findCreated(ctx, state, index[otherSide(from)], intent);
      const settled = await settleIntent(ctx, state, from, sourceId, intent, found);
      if (settled.kind === 'detached') {
        handled[settled.side].add(settled.id);
        if (settled.side === 'finance') visits?.visit(settled.id);
      }
      if (settled.kind === 'pair') {
        handled.fsm.add(settled.pair.fsmId);
        handled.finance.add(settled.pair.financeId);
        pending.push(settled.pair);
      }
    }
  }

  const staged = { fsm: state.stage?.count('fsm') ?? 0, finance: state.stage?.count('finance') ?? 0 };
  const total = state.fsm.records.size + staged.fsm + staged.finance + [...state.finance.records.keys()].filter((id) => !state.fsm.records.has(state.links.byFinance.get(id) ?? '')).length;
  const reporter = new UnitProgress(ctx.events, unit);
  reporter.syncing(total);
  // A match or a recovered intent settles two counted records at once; done never passes total.
  const progress = (settled = 1) => reporter.settled(settled);
  // A pass that stops or fails halts the one running beside it at its next record (or before it
  // starts, when it waits for `fsmPassAfter`).
  let halted = false;
  let wake = () => {};
  const halting = new Promise<void>((resolve) => (wake = resolve));
  const halt = () => {
    halted = true;
    wake();
  };
  // What waits for the next turn is let go of then, however long a pass runs without I/O.
  const turns = new TurnTaker(() => {
    donePairs.flush();
    state.links.letGoOfHeld();
    ctx.links.get(PARENT_UNIT)?.letGoOfHeld();
  });
  const step = async (work: () => Promise<void>): Promise<boolean> => {
    if (halted || shouldStop(ctx)) return false;
    await ctx.lease?.renewIfDue();
    await work();
    progress();
    if (visits && visits.pending >= SETTLED_BATCH) await commit(ctx, visits.take());
    await turns.counted();
    return true;
  };

  // Records are synced a few at a time, so both organisations' quotas are used at once; two that
  // share a record, a match key or (contact persons) a customer never run together.
  const size = ctx.concurrency;
  const pairsDone = await inPool(pending, size, (pair) => [`fsm:${pair.fsmId}`, `finance:${pair.financeId}`, ...parentLock(pair.parentId)], async (pair) => {
    if (!(await step(() => syncPair(ctx, state, pair)))) return false;
    visits?.visit(pair.financeId);
    donePairs.add(pair.fsmId);
    progress();
    return true;
  });
  if (!pairsDone) return false;

  // 2. The FSM records and, beside them, the finance records no FSM record can reach (3a); then
  //    the finance records left (3b). The FSM pass writes mostly to Books and the finance pass to
  //    FSM, so running them together keeps both organisations' quotas busy; they share the
  //    records at once and the keys' locks. One record at a time (a dry run), the finance pass
  //    waits for the FSM pass as a whole.
  const pass: Pass = { ctx, state, visits, handled, locks: new KeyLocks(), step, progress, done: donePairs, parents: new StagedParents(ctx, state) };
  // Side by side, the passes share the records at once: half each.
  const half = { fsm: Math.ceil(size / 2), finance: Math.floor(size / 2) };
  const beside = half.finance > 0 ? financePass(pass, unreached(pass), half.finance) : Promise.resolve(true);
  const fsmSize = half.finance > 0 ? half.fsm : size;
  const fsmDone = options.fsmPassAfter === undefined ? fsmPass(pass, fsmSize) : Promise.race([options.fsmPassAfter, halting]).then(() => fsmPass(pass, fsmSize));
  if (!(await sideBySide([fsmDone, beside], halt))) return false;
  if (!(await financePass(pass, concat(unhandled(state.finance.records, handled.finance), stagedRecords(pass, 'finance')), size))) return false;

  // 4. Deletes, then the cursors (in one batch: the unit is complete).
  donePairs.flush();
  if (visits && visits.pending > 0) await commit(ctx, visits.take());
  await syncDeletes(ctx, state);
  await state.collisions?.settle(() => shouldStop(ctx));
  if (shouldStop(ctx)) return false;
  const now = ctx.clock.now();
  const ops: StorageOp[] = ctx.stores.cursors.putOps(unit.module, {
    fsm: nextSideCursor(state.cursor.fsm, state.fsm, now),
    finance: nextSideCursor(state.cursor.finance, state.finance, now),
    mappingVersion: state.converter.version,
  });
  await commit(ctx, ops);
  reporter.synced();
  return true;
}

/**
 * Awaits passes running side by side; the first to stop or fail calls `halt`, so the others stop
 * at their next record. Throws the first failure once all settled; false when one stopped.
 */
async function sideBySide(passes: readonly Promise<boolean>[], halt: () => void): Promise<boolean> {
  const settled = await Promise.allSettled(passes.map((run) => run.then((go) => {
    if (!go) halt();
    return go;
  }, (error: unknown) => {
    halt();
    throw error;
  })));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.every((r) => r.status === 'fulfilled' && r.value);
}

/** What the record passes of one unit run share. */
interface Pass {
  readonly ctx: RunContext;
  readonly state: UnitState;
  readonly visits: ParentVisits | undefined;
  /** Records met already (a finance record through its FSM record), per side. */
  readonly handled: { readonly fsm: Set<string>; readonly finance: Set<string> };
  /** The keys of the records running, over the passes that run side by side. */
  readonly locks: KeyLocks;
  /** Runs one record's work unless the run stops; counts it. */
  readonly step: (work: () => Promise<void>) => Promise<boolean>;
  /** Counts records settled besides the one of a step (the other side of a match). */
  readonly progress: (settled?: number) => void;
  /** Pairs done with, let go of from the windows. */
  readonly done: DonePairs;
  /** The companies' links of the staged records in flight (contact persons). */
  readonly parents: StagedParents;
}

/**
 * The FSM records: linked ones merge with their counterpart; unlinked ones pair by match key
 * ("Overwrite") or get a counterpart. Returns false when the run stopped.
 */
function fsmPass(pass: Pass, size: number): Promise<boolean> {
  const { ctx, state, visits, handled, step, progress, done, parents } = pass;
  const index = state.unlinked;
  const locksOf = (record: SourceRecord): string[] => {
    const link = state.links.byFsm.get(record.id);
    if (link) return [`fsm:${record.id}`, `finance:${link.financeId}`, ...parentLock(link.parentId)];
    const { key, parentId } = keyOf(ctx, state, 'fsm', record);
    return [`fsm:${record.id}`, ...(key === undefined ? [] : [`key:${key}`]), ...parentLock(parentId)];
  };
  return inPool(concat(unhandled(state.fsm.records, handled.fsm), stagedRecords(pass, 'fsm')), size, locksOf, (record) => step(async () => {
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
      const pair = linkedPair(state, record.id, { fsm: record, finance: financeRecord });
      if (pair) await syncPair(ctx, state, pair);
      visits?.visit(link.financeId);
      done.add(record.id);
      return;
    }
    if (state.links.detached.fsm.has(record.id)) return;
    const outcome = await pairOrCreate(ctx, state, 'fsm', record, async (key) => take(index.finance, key, (r) => !handled.finance.has(r.id)) ?? (await takeStaged(state, 'finance', key)));
    if (outcome.kind === 'matched') {
      // A staged record is taken out of the stage: no pass reaches it again.
      if (!state.stage?.holds(outcome.other)) handled.finance.add(outcome.other.id);
      visits?.visitRecord(outcome.other);
      progress();
    }
    if (outcome.kind !== 'skipped') done.add(record.id);
  }).finally(() => parents.done(record)), pass.locks);
}

/**
 * Finance records not met through an FSM record: linked ones merge; unlinked ones get an FSM
 * counterpart. Returns false when the run stopped.
 */
function financePass(pass: Pass, records: Iterable<SourceRecord> | AsyncIterable<SourceRecord>, size: number): Promise<boolean> {
  const { ctx, state, visits, step, done } = pass;
  const locksOf = (record: SourceRecord): string[] => {
    const fsmId = state.links.byFinance.get(record.id);
    if (fsmId !== undefined) return [`finance:${record.id}`, `fsm:${fsmId}`, ...parentLock(record.parentId)];
    const { key } = keyOf(ctx, state, 'finance', record);
    return [`finance:${record.id}`, ...(key === undefined ? [] : [`key:${key}`]), ...parentLock(record.parentId)];
  };
  return inPool(records, size, locksOf, async (record) => {
    const ok = await step(async () => {
      const fsmId = state.links.byFinance.get(record.id);
      if (fsmId !== undefined) {
        // Linked, and its FSM record was not in the FSM read: unchanged there since the cursor,
        // unless it is known gone or the FSM read was complete (then it is gone, or out of this
        // unit under type IV): the delete pass handles it, and nothing is written to it.
        if ((state.fsm.complete && !state.fsm.unchanged.has(fsmId)) || knownGone(state, 'fsm', fsmId)) return;
        const pair = linkedPair(state, fsmId, { finance: record });
        if (pair) await syncPair(ctx, state, pair);
        done.add(fsmId);
        return;
      }
      if (state.links.detached.finance.has(record.id)) return;
      await createCounterpart(ctx, state, 'finance', record);
      const created = state.links.byFinance.get(record.id);
      if (created !== undefined) done.add(created);
    }).finally(() => pass.parents.done(record));
    if (ok) visits?.visitRecord(record);
    return ok;
  }, pass.locks);
}

/**
 * The finance records the FSM pass can never reach, each marked handled as it is taken (so the
 * pass after the FSM pass leaves it out): linked to an FSM record that is not in this read, or
 * unlinked with no unlinked FSM record of its match key (the FSM pass pairs only by that key; what
 * it creates is new on Books, not in this read). The FSM pass does not change either condition:
 * it links only finance records it takes by such a key.
 */
async function* unreached(pass: Pass): AsyncGenerator<SourceRecord> {
  const { ctx, state, handled } = pass;
  for (const record of state.finance.records.values()) {
    if (handled.finance.has(record.id)) continue;
    const fsmId = state.links.byFinance.get(record.id);
    if (fsmId !== undefined ? state.fsm.records.has(fsmId) : hasFsmMatch(pass, keyOf(ctx, state, 'finance', record).key)) continue;
    handled.finance.add(record.id);
    yield record;
  }
  // Staged ones (all unlinked) are taken out of the stage, so the pass after leaves them out.
  const stage = state.stage;
  if (!stage) return;
  for await (const page of stage.pages('finance')) {
    const taken = page.map((record) => ({ record, key: keyOf(ctx, state, 'finance', record).key })).filter(({ key }) => !hasFsmMatch(pass, key));
    if (taken.length === 0) continue;
    await stage.take('finance', taken);
    await state.links.ensure({ finance: taken.map(({ record }) => record.id) });
    await pass.parents.hold('finance', taken.map(({ record }) => record));
    for (const { record } of taken) yield record;
  }
}

/**
 * Whether an unlinked FSM record of the read could pair with a finance record of this match key:
 * one held whole, or a staged one (by its key's hash: a false yes only leaves the finance record
 * to the pass after the FSM pass).
 */
function hasFsmMatch(pass: Pass, key: string | undefined): boolean {
  if (key === undefined) return false;
  return (pass.state.unlinked.fsm.get(key)?.length ?? 0) > 0 || pass.state.stage?.mayHold('fsm', key) === true;
}

/** The staged records of a side not taken yet, a page at a time, each page's links looked up (and its parents' held) for the pass. */
async function* stagedRecords(pass: Pass, side: SyncSide): AsyncGenerator<SourceRecord> {
  const { state } = pass;
  if (!state.stage) return;
  for await (const page of state.stage.pages(side)) {
    await state.links.ensure({ [side]: page.map((record) => record.id) });
    await pass.parents.hold(side, page);
    yield* page;
  }
}

/** Takes the first staged record of `side` filed under `key` out of the stage (for a match), its link looked up. */
async function takeStaged(state: UnitState, side: SyncSide, key: string | undefined): Promise<SourceRecord | undefined> {
  if (key === undefined || !state.stage) return undefined;
  const [first] = await state.stage.byKey(side, key);
  if (!first) return undefined;
  await state.stage.take(side, [{ record: first, key }]);
  await state.links.ensure({ [side]: [first.id] });
  return first;
}

/** The items of one iterable, then those of another. */
async function* concat<T>(first: Iterable<T>, second: AsyncIterable<T>): AsyncGenerator<T> {
  yield* first;
  yield* second;
}

/** The FSM companies whose customer's create is still open (an intent of the companies unit), when this unit's intents wait on one. */
async function parentCreatesOpen(ctx: RunContext, state: UnitState): Promise<ReadonlySet<string>> {
  const waiting = [...state.intents.fsm.values(), ...state.intents.finance.values()].some((intent) => intent.parentOf !== undefined);
  if (!waiting || state.unit.module === PARENT_UNIT) return new Set();
  const parents = await ctx.stores.intents.load(PARENT_UNIT);
  return new Set(parents.fsm.keys());
}

/** The records of a read not handled yet, checked as each is reached (earlier steps add to `handled`). */
function* unhandled(records: ReadonlyMap<string, SourceRecord>, handled: ReadonlySet<string>): Generator<SourceRecord> {
  for (const record of records.values()) if (!handled.has(record.id)) yield record;
}

// Contact persons of one customer are written one at a time (Books makes the first one primary).
function parentLock(parentId: string | undefined): string[] {
  return parentId === undefined ? [] : [`parent:${parentId}`];
}

/** A contact person whose customer is no longer linked (its pair was dropped by a delete). */
function orphaned(ctx: RunContext, state: UnitState, parentId: string | undefined): boolean {
  const parents = ctx.links.get(PARENT_UNIT);
  return state.unit.parent && parentId !== undefined && parents !== undefined && !parents.byFinance.has(parentId);
}
