import type { Storage, StorageOp } from '../storage/storage.js';
import { listAll } from './storage-scan.js';
import { type SyncKeys, type SyncSide, SyncKeys as Keys } from './sync-keys.js';

/** A link as stored under the FSM id: which finance record the FSM record is. */
export interface StoredLink {
  financeId: string;
  /** Contact persons: the customer the person lives under. */
  parentId?: string;
  /** When the pair was linked (ms on the syncer's clock). */
  linkedAt: number;
}

/** A record left without a counterpart on purpose (its counterpart was deleted under `deletes: 'unlink'`). */
export interface DetachedMarker {
  detached: true;
  at: number;
  reason: string;
}

/** The links of one sync unit, loaded at once. */
export interface LinkIndex {
  readonly byFsm: Map<string, StoredLink>;
  readonly byFinance: Map<string, string>;
  /** Records that must not be paired or recreated again, per side. */
  readonly detached: { fsm: Set<string>; finance: Set<string> };
}

function isDetached(value: unknown): value is DetachedMarker {
  return typeof value === 'object' && value !== null && (value as { detached?: unknown }).detached === true;
}

/**
 * Which FSM record is which finance record, per sync unit, in both directions
 * (`link/<unit>/fsm/<id>` → the finance id, `link/<unit>/finance/<id>` → the FSM id). Writes are
 * returned as ops so a link is committed in the same `storage.batch` as its base snapshot.
 */
export class LinkStore {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;

  constructor(storage: Storage, keys: SyncKeys) {
    this.#storage = storage;
    this.#keys = keys;
  }

  /** Every link and detached marker of a unit. */
  async load(unit: string): Promise<LinkIndex> {
    const index: LinkIndex = { byFsm: new Map(), byFinance: new Map(), detached: { fsm: new Set(), finance: new Set() } };
    for (const { key, value } of await listAll<StoredLink | DetachedMarker>(this.#storage, this.#keys.link(unit, 'fsm'))) {
      const id = Keys.idOf(key);
      if (isDetached(value)) index.detached.fsm.add(id);
      else {
        index.byFsm.set(id, value);
        index.byFinance.set(value.financeId, id);
      }
    }
    for (const { key, value } of await listAll<{ fsmId: string } | DetachedMarker>(this.#storage, this.#keys.link(unit, 'finance'))) {
      if (isDetached(value)) index.detached.finance.add(Keys.idOf(key));
    }
    return index;
  }

  /** Ops that link two records. */
  linkOps(unit: string, fsmId: string, link: StoredLink): StorageOp[] {
    return [
      { type: 'put', key: this.#keys.link(unit, 'fsm', fsmId), value: link },
      { type: 'put', key: this.#keys.link(unit, 'finance', link.financeId), value: { fsmId } },
    ];
  }

  /** Ops that forget a link. */
  unlinkOps(unit: string, fsmId: string, financeId: string): StorageOp[] {
    return [
      { type: 'delete', key: this.#keys.link(unit, 'fsm', fsmId) },
      { type: 'delete', key: this.#keys.link(unit, 'finance', financeId) },
    ];
  }

  /** Ops that mark a record as deliberately unlinked, so it is neither matched nor recreated. */
  detachOps(unit: string, side: SyncSide, id: string, marker: DetachedMarker): StorageOp[] {
    return [{ type: 'put', key: this.#keys.link(unit, side, id), value: marker }];
  }
}

/** Applies link ops to a loaded index, so later records of the same run see them. */
export function applyLink(index: LinkIndex, fsmId: string, link: StoredLink | undefined, previousFinanceId?: string): void {
  if (previousFinanceId !== undefined) index.byFinance.delete(previousFinanceId);
  if (link === undefined) {
    index.byFsm.delete(fsmId);
    return;
  }
  index.byFsm.set(fsmId, link);
  index.byFinance.set(link.financeId, fsmId);
}
