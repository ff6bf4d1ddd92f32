import type { Storage, StorageOp } from '../../storage/storage.js';
import { listAll } from './storage-scan.js';
import { SyncKeys, type SyncSide } from './sync-keys.js';

/**
 * Written before a remote create and removed in the batch that links the created record: if the
 * reply is lost or the process dies in between, the next run finds the record by this intent and
 * its match key instead of creating it again.
 */
export interface CreateIntent {
  /** The side the record is being created on. */
  target: SyncSide;
  /** The normalised match key value sent (Company Name, Email, Item Name), when there is one. */
  key?: string;
  /** Content hash of the mapped fields sent: finds the record when it has no match key. */
  hash: string;
  /** The payload sent, as the base snapshot if the record is found. */
  payload: Record<string, unknown>;
  /** Contact persons: the customer it was created under. */
  parentId?: string;
  /**
   * Contact persons sent inside their customer's create: the FSM id of the company whose customer
   * that is. The customer's id (and so the person's match key) is known once the company is linked.
   */
  parentOf?: string;
  /**
   * Unlinked target records that already had this key when the intent was written (clones share
   * names): never taken for the record this create made.
   */
  known?: string[];
  /**
   * The record the create made, once a later run found it and before it writes to it: from then
   * on it is taken by id, so an edit of it (a rename included) cannot hide it from a run that
   * settles the intent after a crash.
   */
  createdId?: string;
  at: number;
  runId: string;
}

/** Open create intents per unit, keyed by the source record (`intent/<unit>/<sourceSide>/<id>`). */
export class IntentStore {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;

  constructor(storage: Storage, keys: SyncKeys) {
    this.#storage = storage;
    this.#keys = keys;
  }

  /** Open intents of a unit, by source side and source id. */
  async load(unit: string): Promise<{ fsm: Map<string, CreateIntent>; finance: Map<string, CreateIntent> }> {
    const out = { fsm: new Map<string, CreateIntent>(), finance: new Map<string, CreateIntent>() };
    for (const side of ['fsm', 'finance'] as const) {
      for (const { key, value } of await listAll<CreateIntent>(this.#storage, this.#keys.intent(unit, side))) out[side].set(SyncKeys.idOf(key), value);
    }
    return out;
  }

  /** Ops that record the intent: committed alone, before the create is sent. */
  putOps(unit: string, sourceSide: SyncSide, sourceId: string, intent: CreateIntent): StorageOp[] {
    return [{ type: 'put', key: this.#keys.intent(unit, sourceSide, sourceId), value: intent }];
  }

  clearOps(unit: string, sourceSide: SyncSide, sourceId: string): StorageOp[] {
    return [{ type: 'delete', key: this.#keys.intent(unit, sourceSide, sourceId) }];
  }
}
