import type { ReadOptions, SourceMemo, SourceRecord, SyncCollection } from '../sources/record-source.js';
import type { SideSnapshot } from '../state/base-store.js';
import type { SideCursor } from '../state/cursor-store.js';
import type { GuardedSource, RefusedRecord } from '../sources/source-guard.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { PackedTextMap } from '../collections/packed-text-map.js';
import { leanRecord } from '../merge/lean-records.js';
import type { Sift } from '../state/unchanged-records.js';

/** What one side's read of a unit gave. */
export interface SideRead {
  /** Records by id, the last copy read winning (a walk may see a record twice). */
  records: Map<string, SourceRecord>;
  /** The read listed every live record: linked ids it lacks were deleted. */
  complete: boolean;
  /** Ids the source reported deleted. */
  deleted: Set<string>;
  cursor: string | undefined;
  /** Whether the read started from scratch (`since` undefined). */
  full: boolean;
  /** Records the source guard refused (each a failure of its own); those with an id are not in `records`. */
  refused: RefusedRecord[];
  /** The ids of `refused`: present on the side, so never taken as deleted, and their pairs are left alone. */
  refusedIds: Set<string>;
  /**
   * Parents whose children the read left out as unchanged (`SourcePage.unchangedParents`): those
   * children are present. Hashes (a daily read names every settled customer): a hash shared with
   * another parent only leaves a child's delete to a later read.
   */
  unchangedParents: IdHashSet;
  /** Parents whose children the read gives as a write reply returned them, with the parent's time in it (`SourcePage.exactParents`). */
  exactParents: Map<string, string>;
  /**
   * Records read and left out as equal to their pair's base (`UnchangedRecords`): present and
   * unchanged, like a record a cursor read did not list. Held as hashes (a whole side's ids on a
   * full read).
   */
  unchanged: IdHashSet;
  /**
   * The parents of children left out as unchanged (`unchanged`), with the time those children were
   * read at ('' when they disagree): listed parents, each of those children done. Held as bytes
   * outside the heap: a daily full read leaves out the persons of tens of thousands of customers.
   */
  siftedParents: PackedTextMap;
}

/**
 * Reads a side's changes: from its cursor for a `cursor` feed, or everything for a `scan` feed or
 * when a full read is due (first run, periodic delete detection, mapping backfill). Checks the
 * signal between pages. With `keep`, each record is reduced to those fields of its data as it
 * arrives (see `keptFields`); with `stage`, some of the records the sift kept may go to storage
 * instead of `records` (see `RecordStage`): `stage` returns those to hold.
 */
export async function readSide(
  source: GuardedSource,
  collection: SyncCollection,
  cursor: SideCursor,
  options: { full: boolean; signal?: AbortSignal | undefined; onPage?: (count: number) => void; runId?: string | undefined; runStartedAt?: number | undefined; parentTimes?: ReadonlyMap<string, string> | undefined; parentTimesOf?: ReadOptions['parentTimesOf']; relistParents?: ReadonlySet<string> | undefined; keep?: ReadonlySet<string> | undefined; memo?: SourceMemo | undefined; sift?: Sift | undefined; seen?: ((records: readonly SourceRecord[]) => void) | undefined; stage?: ((records: readonly SourceRecord[], read: SideRead) => Promise<readonly SourceRecord[]>) | undefined; unstage?: ((ids: readonly string[]) => Promise<void>) | undefined },
): Promise<SideRead> {
  const feed = source.capabilities(collection)?.changeFeed ?? 'scan';
  const since = options.full || feed === 'scan' ? undefined : cursor.since;
  const read: SideRead = { records: new Map(), complete: false, deleted: new Set(), cursor: undefined, full: since === undefined, refused: [], refusedIds: new Set(), unchangedParents: new IdHashSet(), exactParents: new Map(), unchanged: new IdHashSet(), siftedParents: new PackedTextMap() };
  const sift = options.sift;
  const readOptions = { since, signal: options.signal, ...(options.runId === undefined ? {} : { runId: options.runId }), ...(options.runStartedAt === undefined ? {} : { runStartedAt: options.runStartedAt }), ...(options.parentTimes === undefined ? {} : { parentTimes: options.parentTimes }), ...(options.parentTimesOf === undefined ? {} : { parentTimesOf: options.parentTimesOf }), ...(options.relistParents === undefined ? {} : { relistParents: options.relistParents }), ...(options.memo === undefined ? {} : { memo: options.memo }) };
  for await (const page of source.read(collection, readOptions)) {
    options.signal?.throwIfAborted();
    const refusedNow: string[] = [];
    for (const bad of page.refused) {
      if (bad.id !== undefined) {
        // Refused once is refused for the whole read: a copy on another page is not synced either.
        if (read.refusedIds.has(bad.id)) continue;
        read.refusedIds.add(bad.id);
        read.records.delete(bad.id);
        read.unchanged.delete(bad.id);
        refusedNow.push(bad.id);
      }
      read.refused.push(bad);
    }
    if (refusedNow.length > 0) await options.unstage?.(refusedNow);
    const records = page.records.filter((record) => !read.refusedIds.has(record.id)).map((record) => leanRecord(record, options.keep));
    options.seen?.(records);
    const same = sift ? await sift(records) : undefined;
    // The records kept; those the stage took wait in storage instead.
    const kept = same === undefined ? records : records.filter((record) => !same.has(record.id));
    const held = options.stage && kept.length > 0 ? new Set(await options.stage(kept, read)) : undefined;
    for (const record of records) {
      // A walk may list a record twice: its last copy decides.
      if (same?.has(record.id)) {
        read.unchanged.add(record.id);
        read.records.delete(record.id);
        if (record.parentId !== undefined && record.modifiedTime !== undefined) {
          const time = read.siftedParents.get(record.parentId);
          read.siftedParents.set(record.parentId, time === undefined || time === record.modifiedTime ? record.modifiedTime : '');
        }
        continue;
      }
      read.unchanged.delete(record.id);
      if (held && !held.has(record)) continue;
      read.records.set(record.id, record);
    }
    for (const id of page.deleted ?? []) read.deleted.add(id);
    for (const id of page.unchangedParents ?? []) read.unchangedParents.add(id);
    for (const [id, time] of Object.entries(page.exactParents ?? {})) read.exactParents.set(id, time);
    if (page.cursor !== undefined) read.cursor = page.cursor;
    if (page.complete === true) read.complete = true;
    options.onPage?.(read.records.size);
  }
  return read;
}

/**
 * Whether a summary (partial) record is known unchanged since the last sync without fetching it:
 * its modified time has not moved from the one stored with the base.
 */
export function unchangedByTime(record: SourceRecord, base: SideSnapshot | undefined): boolean {
  return base?.modifiedTime !== undefined && record.modifiedTime !== undefined && record.modifiedTime === base.modifiedTime;
}

/** Whether a side is due a full read for delete detection. */
export function fullReadDue(cursor: SideCursor, now: number, intervalMs: number): boolean {
  return cursor.since === undefined || cursor.fullScanAt === undefined || now - cursor.fullScanAt >= intervalMs;
}
