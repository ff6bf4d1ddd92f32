import type { Storage, StorageOp } from '../../storage/storage.js';
import { getInChunks, toLoad, WindowMap } from './loaded-window.js';
import { listAll } from './storage-scan.js';
import { SyncKeys, type SyncSide } from './sync-keys.js';

/** What one side of a pair looked like when it was last in sync. */
export interface SideSnapshot {
  /** {@link contentHash} of `fields`. */
  hash: string;
  /** The mapped fields, as a sparse record (see `project`). */
  fields: Record<string, unknown>;
  /** The side's modified time after the last sync, when known: for partial reads, "unchanged" means this did not move. */
  modifiedTime?: string;
  /** Computed fields whose value after our write is unknown: the next read's value is taken as is. */
  unknown?: string[];
  /**
   * Fields in a manual conflict: their value at the last sync, by path. `fields` always holds the
   * side's current values; the merge compares these paths against the held value instead, so the
   * conflict is seen again until resolved.
   */
  held?: Record<string, unknown>;
  /**
   * Values, by path, the sync was about to write to this side when it last stored this base (a
   * write-ahead note, committed before the write): a crash between the write and the next commit
   * leaves them here. A field holding its written value has not been changed by a person — the
   * value is the sync's own — so it is not mistaken for an edit that conflicts.
   */
  written?: Record<string, unknown[]>;
}

/** The last synced value of a field: the held one for a field in manual conflict. */
export function baseValue(snapshot: SideSnapshot, path: { text: string }, read: (fields: Record<string, unknown>) => unknown): unknown {
  if (snapshot.held && Object.hasOwn(snapshot.held, path.text)) return snapshot.held[path.text];
  return read(snapshot.fields);
}

/** The snapshot with a write-ahead note of values about to be written (a field may end holding any of them). */
export function withWritten(snapshot: SideSnapshot, writes: ReadonlyArray<{ path: { text: string }; value: unknown }>): SideSnapshot {
  if (writes.length === 0) return snapshot;
  const written: Record<string, unknown[]> = { ...snapshot.written };
  for (const { path, value } of writes) written[path.text] = [...(written[path.text] ?? []), value];
  return { ...snapshot, written };
}

/** The snapshot without write-ahead notes. */
export function withoutWritten(snapshot: SideSnapshot): SideSnapshot {
  if (snapshot.written === undefined) return snapshot;
  const { written: _written, ...rest } = snapshot;
  return rest;
}

/**
 * The base of the three-way merge: both sides of a linked pair as they were after the last sync,
 * and the mapping version they were mapped with (for the backfill of mapping changes).
 */
export interface BaseSnapshot {
  fsm: SideSnapshot;
  finance: SideSnapshot;
  mappingVersion: number;
  syncedAt: number;
  /**
   * A side the sync created whose one-way followers are not written back yet: a create commits its
   * link before it writes the new record's derived fields to the origin (see `withDerivedWrites`),
   * so a crash or failure in between is finished by the next run.
   */
  pending?: SyncSide;
}

/**
 * Base snapshots per sync unit, keyed by the FSM id (`base/<unit>/<fsmId>`). Written as ops in the
 * same batch as the link they belong to: the syncer stores what it wrote instead of re-reading it.
 */
export class BaseStore {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;

  constructor(storage: Storage, keys: SyncKeys) {
    this.#storage = storage;
    this.#keys = keys;
  }

  /** Every snapshot of a unit, loaded at once. */
  async load(unit: string): Promise<BaseIndex> {
    const index = new BaseIndex();
    for (const { key, value } of await listAll<BaseSnapshot>(this.#storage, this.#keys.base(unit))) index.set(SyncKeys.idOf(key), value);
    return index;
  }

  /** A unit's snapshots as a window: empty until {@link BaseIndex.ensure} loads the pairs a run works on. */
  window(unit: string): BaseIndex {
    return new BaseIndex((ids) => getInChunks((keys) => this.#storage.getMany<BaseSnapshot>(keys), ids.map((id) => this.#keys.base(unit, id))));
  }

  putOps(unit: string, fsmId: string, snapshot: BaseSnapshot): StorageOp[] {
    return [{ type: 'put', key: this.#keys.base(unit, fsmId), value: snapshot }];
  }

  deleteOps(unit: string, fsmId: string): StorageOp[] {
    return [{ type: 'delete', key: this.#keys.base(unit, fsmId) }];
  }
}

/**
 * Base snapshots by FSM id: all of a unit's, or a window of the pairs a run works on, filled by
 * {@link BaseIndex.ensure}. A lookup in a window of an id never loaded throws `NotLoadedError`.
 */
export class BaseIndex extends WindowMap<BaseSnapshot> {
  readonly #read: ((ids: readonly string[]) => Promise<Array<BaseSnapshot | undefined>>) | undefined;
  readonly #loaded = new Set<string>();

  constructor(read?: (ids: readonly string[]) => Promise<Array<BaseSnapshot | undefined>>) {
    super('base snapshot', (id) => read === undefined || this.#loaded.has(id));
    this.#read = read;
  }

  /** Loads the snapshots of these FSM ids, once each (an id set meanwhile keeps the newer value). */
  async ensure(fsmIds: Iterable<string>): Promise<void> {
    const read = this.#read;
    if (read === undefined) return;
    // Loaded ids may be let go of while a read waits (DonePairs, a turn later): read until none is missing.
    const wanted = [...fsmIds];
    let ids = toLoad(wanted, this.#loaded);
    while (ids.length > 0) {
      const values = await read(ids);
      ids.forEach((id, i) => {
        if (this.#loaded.has(id)) return;
        this.#loaded.add(id);
        const value = values[i];
        if (value !== undefined) super.set(id, value);
      });
      ids = toLoad(wanted, this.#loaded);
    }
  }

  /** Forgets loaded snapshots (a window only): looked up again, they are loaded again. */
  evict(fsmIds: Iterable<string>): void {
    if (this.#read === undefined) return;
    for (const id of fsmIds) {
      super.delete(id);
      this.#loaded.delete(id);
    }
  }

  override set(fsmId: string, snapshot: BaseSnapshot): this {
    this.#loaded.add(fsmId);
    return super.set(fsmId, snapshot);
  }

  override delete(fsmId: string): boolean {
    this.#loaded.add(fsmId);
    return super.delete(fsmId);
  }
}
