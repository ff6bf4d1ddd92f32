import type { StorageOp } from '../../storage/storage.js';
import { timeOf } from '../merge/conflict-policies.js';
import type { RunContext } from './run-context.js';
import { getInChunks } from '../state/loaded-window.js';
import { listPages } from '../state/storage-scan.js';
import { SyncKeys } from '../state/sync-keys.js';
import { readAfterSecond } from '../merge/whole-seconds.js';
import type { RecordStage } from '../state/record-stage.js';
import type { SourceRecord } from '../sources/record-source.js';
import type { UnitState } from './unit-state.js';
import type { PackedTextMap } from '../collections/packed-text-map.js';

/**
 * A parent (a Books customer) all of whose children (its contact persons) a unit run has synced
 * while the parent's modified time was `time`. A change of a child moves its parent's time, so
 * while the time stays, the children need no read: a run, and the daily full read, leave them out.
 */
export interface SettledParent {
  /** The parent's modified time its children were synced at. */
  time: string;
  /** When the run that read them began (ms on the syncer's clock). */
  readAt: number;
  /**
   * Set when the children were seen in the reply to a write of the parent (the sync created it with
   * its children, or updated it): exact at `time`, so the marker counts at once.
   */
  exact?: true;
}

/**
 * Parent id → the time its children were settled at, for the markers of a unit a read may rely on.
 * Zoho's times have whole seconds: a change made later in the second a run read would leave the
 * time as the run saw it, so a marker counts only once its run began after that second was over
 * (with room for clock skew), or when its children were seen in the reply to a write of the parent.
 * Parents in `relist` (an open create of a child under them) have none: their children are listed.
 * Read a page of markers at a time: what is kept is the id and the time.
 */
export async function trustedParentTimes(ctx: RunContext, unit: string, relist: ReadonlySet<string> | undefined): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  for await (const page of listPages<SettledParent>(ctx.storage, ctx.keys.settled(unit))) {
    for (const { key, value: marker } of page) {
      if (relist?.has(SyncKeys.idOf(key)) !== true && trusted(marker)) times.set(SyncKeys.idOf(key), marker.time);
    }
  }
  return times;
}

/**
 * The same times for some parents only, looked up in storage (a page of a read at a time):
 * {@link ReadOptions.parentTimesOf} for sources that take parents a page at a time.
 */
export async function trustedParentTimesOf(ctx: RunContext, unit: string, relist: ReadonlySet<string> | undefined, parentIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(parentIds)].filter((id) => relist?.has(id) !== true);
  const markers = await getInChunks((keys) => ctx.storage.getMany<SettledParent>(keys), ids.map((id) => ctx.keys.settled(unit, id)));
  const times = new Map<string, string>();
  ids.forEach((id, i) => {
    const marker = markers[i];
    if (marker !== undefined && trusted(marker)) times.set(id, marker.time);
  });
  return times;
}

// A marker the read may rely on: exact (from a write reply), or read after its second was over.
function trusted(marker: SettledParent): boolean {
  const at = timeOf(marker.time);
  return at !== undefined && (marker.exact === true || readAfterSecond(at, marker.readAt));
}

/** The op that marks a parent settled. */
export function settledOps(ctx: RunContext, unit: string, parentId: string, marker: SettledParent): StorageOp[] {
  return [{ type: 'put', key: ctx.keys.settled(unit, parentId), value: marker }];
}

/** Markers of parents settled with no child to visit, written this many at a time. */
const CHILDLESS_BATCH = 500;

/**
 * Tracks, during one unit run, which parents listed in the read have had every child synced:
 * each becomes a {@link SettledParent} as its last child is done. A parent one of whose linked
 * children is missing from its listing is left for the delete pass, and is not settled this run
 * (the next read lists it again, so the delete is seen). Nothing is settled in a dry run, nor
 * from a read the source guard refused records of (their parents are read again, so they are
 * retried).
 */
export class ParentVisits {
  readonly #ctx: RunContext;
  readonly #unit: string;
  // Children not visited yet, per parent (a count: `#parentOf` knows which), and the time they
  // were read at: those held whole. The stage counts its own (`RecordStage.parents`), and the
  // read those it left out as unchanged (`siftedParents`): looked up there, not copied.
  readonly #left = new Map<string, number>();
  readonly #time = new Map<string, string>();
  readonly #parentOf = new Map<string, string>();
  readonly #exact: ReadonlyMap<string, string>;
  readonly #sifted: PackedTextMap;
  // Parents a linked child of which is missing from their listing: left for the delete pass.
  readonly #blocked: ReadonlyMap<string, unknown>;
  readonly #stage: RecordStage | undefined;
  #ready: StorageOp[] = [];

  private constructor(ctx: RunContext, state: UnitState) {
    this.#ctx = ctx;
    this.#unit = state.unit.module;
    this.#exact = state.finance.exactParents;
    this.#sifted = state.finance.siftedParents;
    this.#blocked = state.missingChildren;
    this.#stage = state.stage;
    for (const record of state.finance.records.values()) {
      const parentId = record.parentId;
      if (parentId === undefined || record.modifiedTime === undefined) continue;
      const time = this.#time.get(parentId);
      // Children read at different times of their parent (a read that saw it twice): not settled.
      if (time !== undefined && time !== record.modifiedTime) this.#time.set(parentId, '');
      else this.#time.set(parentId, record.modifiedTime);
      this.#left.set(parentId, (this.#left.get(parentId) ?? 0) + 1);
      this.#parentOf.set(record.id, parentId);
    }
  }

  /**
   * Settles, as they are, the parents with no child left to visit: a write reply showed them with
   * no child, or each of their children was left out as unchanged. Their markers go to `write` a
   * batch at a time, before the passes: a daily full read leaves out the persons of tens of
   * thousands of customers, and their markers are never all held at once.
   */
  async settleChildless(write: (ops: StorageOp[]) => Promise<void>): Promise<void> {
    for (const parentId of this.#exact.keys()) await this.#settleChildless(parentId, write);
    for (const parentId of this.#sifted.keys()) if (!this.#exact.has(parentId)) await this.#settleChildless(parentId, write);
    if (this.#ready.length > 0) await write(this.take());
  }

  async #settleChildless(parentId: string, write: (ops: StorageOp[]) => Promise<void>): Promise<void> {
    this.#settleIfDone(parentId);
    if (this.#ready.length >= CHILDLESS_BATCH) await write(this.take());
  }

  /** The tracker of a unit run, or `undefined` when its parents are not to be settled. */
  static of(ctx: RunContext, state: UnitState): ParentVisits | undefined {
    if (ctx.dryRun || !state.unit.parent || state.caps.finance.parentTime !== true || state.finance.refused.length > 0) return undefined;
    return new ParentVisits(ctx, state);
  }

  /** A finance record of the unit's reads is done: {@link ParentVisits.visit}, or a staged child of its parent. */
  visitRecord(record: SourceRecord): void {
    if (this.#stage?.holds(record) !== true) {
      this.visit(record.id);
      return;
    }
    // The stage counts its records per parent (`RecordStage.parents`); each is taken once.
    const parentId = record.parentId;
    if (parentId === undefined || this.#stage.parents.count(parentId) <= 0) return;
    this.#stage.parents.remove(parentId);
    this.#settleIfDone(parentId, record.modifiedTime);
  }

  /** A finance child is done (synced, created, failed and marked for retry, or skipped on purpose). */
  visit(financeId: string): void {
    const parentId = this.#parentOf.get(financeId);
    if (parentId === undefined) return;
    this.#parentOf.delete(financeId);
    this.#done(parentId);
  }

  #done(parentId: string): void {
    const left = (this.#left.get(parentId) ?? 0) - 1;
    if (left > 0) {
      this.#left.set(parentId, left);
      return;
    }
    this.#left.delete(parentId);
    this.#settleIfDone(parentId);
  }

  // `stagedTime`: the time of the staged child just visited, when it was one.
  #settleIfDone(parentId: string, stagedTime?: string): void {
    if (this.#left.has(parentId) || (this.#stage?.parents.count(parentId) ?? 0) > 0) return;
    this.#settle(parentId, stagedTime);
  }

  // The time all the parent's children were read at (held whole, staged, left out as unchanged),
  // else the one of a write reply that showed it with none; '' when they disagree. The stage keeps
  // its children's second only: the text comes from another source, or the staged child at hand.
  #timeOf(parentId: string, stagedTime: string | undefined): string {
    if (this.#blocked.has(parentId)) return '';
    let time: string | undefined;
    for (const seen of [this.#time.get(parentId), this.#sifted.get(parentId)]) {
      if (seen === undefined) continue;
      if (time !== undefined && time !== seen) return '';
      time = seen;
    }
    const parents = this.#stage?.parents;
    if (parents?.has(parentId) !== true) return time ?? this.#exact.get(parentId) ?? '';
    const candidate = time ?? stagedTime ?? this.#exact.get(parentId);
    return parents.agrees(parentId, candidate) ? (candidate as string) : '';
  }

  #settle(parentId: string, stagedTime?: string): void {
    const time = this.#timeOf(parentId, stagedTime);
    if (!time) return;
    const exact = this.#exact.get(parentId) === time;
    this.#ready.push(...settledOps(this.#ctx, this.#unit, parentId, { time, readAt: this.#ctx.startedAt, ...(exact ? { exact: true as const } : {}) }));
  }

  /** How many settled parents wait to be committed. */
  get pending(): number {
    return this.#ready.length;
  }

  /** The ops of the parents settled since the last call. */
  take(): StorageOp[] {
    const ops = this.#ready;
    this.#ready = [];
    return ops;
  }
}
