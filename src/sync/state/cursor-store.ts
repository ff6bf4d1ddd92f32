import type { Storage, StorageOp } from '../../storage/storage.js';
import type { SyncKeys, SyncSide } from './sync-keys.js';

/** Where one side's reads of a unit resume. */
export interface SideCursor {
  /** The source's cursor from the last complete read. */
  since?: string;
  /** When the last full read (every record, for delete detection) finished, ms on the clock. */
  fullScanAt?: number;
}

/** The cursors of one unit, and the mapping version its bases were built with. */
export interface UnitCursor {
  fsm: SideCursor;
  finance: SideCursor;
  mappingVersion?: number;
}

/** Cursors per unit (`cursor/<unit>`), committed in the batch of the unit's last record. */
export class CursorStore {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;

  constructor(storage: Storage, keys: SyncKeys) {
    this.#storage = storage;
    this.#keys = keys;
  }

  async load(unit: string): Promise<UnitCursor> {
    return (await this.#storage.get<UnitCursor>(this.#keys.cursor(unit))) ?? { fsm: {}, finance: {} };
  }

  putOps(unit: string, cursor: UnitCursor): StorageOp[] {
    return [{ type: 'put', key: this.#keys.cursor(unit), value: cursor }];
  }
}

/** A side's cursor after a read. */
export function nextSideCursor(previous: SideCursor, read: { cursor: string | undefined; complete: boolean }, now: number): SideCursor {
  const next: SideCursor = {};
  const since = read.cursor ?? previous.since;
  if (since !== undefined) next.since = since;
  const fullScanAt = read.complete ? now : previous.fullScanAt;
  if (fullScanAt !== undefined) next.fullScanAt = fullScanAt;
  return next;
}

/** Whose cursor is whose. */
export type CursorSide = SyncSide;
