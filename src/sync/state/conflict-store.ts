import type { Clock } from '../../clock.js';
import { ConflictNotFoundError } from '../../errors/conflict-not-found-error.js';
import type { Storage, StorageOp } from '../../storage/storage.js';
import type { ConflictChoice, SyncConflict } from '../merge/conflict-policies.js';
import { listAll } from './storage-scan.js';
import type { SyncKeys } from './sync-keys.js';

/** A stored conflict of the `manual` policy, and the user's choice once made. */
export interface StoredConflict {
  conflict: SyncConflict;
  /** Set by `resolve`; the next run writes that side's value to the other side. */
  choice?: ConflictChoice;
  resolvedAt?: string;
}

/**
 * The conflicts left for a person to settle (`conflicts: 'manual'`, or a policy function that
 * returned `'manual'`). The record's other fields keep syncing; the field itself stays as it is on
 * both sides until resolved.
 *
 * @example
 * ```ts
 * for (const c of await syncer.conflicts.list()) {
 *   console.log(c.field.fsm, c.fsmValue, 'vs', c.financeValue);
 *   await syncer.conflicts.resolve(c.id, 'finance'); // applied by the next run
 * }
 * ```
 */
export class ConflictStore {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;
  readonly #clock: Clock;

  constructor(storage: Storage, keys: SyncKeys, clock: Clock) {
    this.#storage = storage;
    this.#keys = keys;
    this.#clock = clock;
  }

  /** Open conflicts (without a choice yet), oldest first. */
  async list(): Promise<SyncConflict[]> {
    return (await this.#all()).filter((c) => c.choice === undefined).map((c) => c.conflict).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
  }

  /** Every stored conflict, with choices. */
  async #all(): Promise<StoredConflict[]> {
    return (await listAll<StoredConflict>(this.#storage, this.#keys.conflict())).map((e) => e.value);
  }

  /** One stored conflict by id. */
  get(id: string): Promise<StoredConflict | undefined> {
    return this.#storage.get<StoredConflict>(this.#keys.conflict(id));
  }

  /**
   * Settles a conflict: the chosen side's value is written to the other side by the next run.
   * @throws ConflictNotFoundError when no open conflict has that id.
   */
  async resolve(id: string, choice: ConflictChoice): Promise<void> {
    if (choice !== 'fsm' && choice !== 'finance') throw new TypeError(`A conflict is resolved with 'fsm' or 'finance'; got ${JSON.stringify(choice)}.`);
    for (;;) {
      const current = await this.get(id);
      if (current === undefined || current.choice !== undefined) {
        throw new ConflictNotFoundError(`No open sync conflict has id ${JSON.stringify(id)}: it was resolved already or the values converged. List open ones with syncer.conflicts.list().`, { details: { id } });
      }
      const next: StoredConflict = { ...current, choice, resolvedAt: new Date(this.#clock.now()).toISOString() };
      if (await this.#storage.compareAndSet(this.#keys.conflict(id), current, next)) return;
    }
  }

  /** Ops that store (or refresh) an open conflict, keeping its first detection time. */
  putOps(conflict: SyncConflict, previous: StoredConflict | undefined): StorageOp[] {
    const detectedAt = previous?.conflict.detectedAt ?? conflict.detectedAt;
    return [{ type: 'put', key: this.#keys.conflict(conflict.id), value: { conflict: { ...conflict, detectedAt } } satisfies StoredConflict }];
  }

  /** Ops that forget a conflict (applied, or converged). */
  deleteOps(id: string): StorageOp[] {
    return [{ type: 'delete', key: this.#keys.conflict(id) }];
  }

  /** Stored conflicts of one unit, by id and by FSM record. */
  async loadUnit(unit: string): Promise<UnitConflicts> {
    const entries = await listAll<StoredConflict>(this.#storage, this.#keys.conflict(`${unit}/`));
    return new UnitConflicts(entries.map((e) => e.value));
  }
}

/**
 * One unit's stored conflicts, indexed by conflict id and by the FSM record they belong to, so a
 * pair finds its own in constant time however many are left open (under `'manual'` they pile up).
 */
export class UnitConflicts {
  readonly #byId = new Map<string, StoredConflict>();
  readonly #byRecord = new Map<string, StoredConflict[]>();

  constructor(stored: Iterable<StoredConflict>) {
    for (const item of stored) {
      this.#byId.set(item.conflict.id, item);
      const list = this.#byRecord.get(item.conflict.fsmId);
      if (list) list.push(item);
      else this.#byRecord.set(item.conflict.fsmId, [item]);
    }
  }

  /** A stored conflict by id. */
  get(id: string): StoredConflict | undefined {
    return this.#byId.get(id);
  }

  /** The stored conflicts of one FSM record's pair. */
  of(fsmId: string): readonly StoredConflict[] {
    return this.#byRecord.get(fsmId) ?? [];
  }

  /** Forgets a pair's conflicts (its link was dropped). */
  dropPair(fsmId: string): void {
    for (const item of this.of(fsmId)) this.#byId.delete(item.conflict.id);
    this.#byRecord.delete(fsmId);
  }

  /** How many are stored. */
  get size(): number {
    return this.#byId.size;
  }
}
