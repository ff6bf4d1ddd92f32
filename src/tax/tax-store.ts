import type { Storage, StorageOp } from '../storage/storage.js';
import type { TaxConfig, TaxObjectKind } from './tax-config.js';

/**
 * One row of the id map: which finance object an FSM tax, group, authority or exemption is.
 * `status` says how it got there: `pending` — an intent written before a create whose reply has
 * not arrived (no `financeId` yet); `created` by push; `matched` — push found it already in the
 * finance org (same name and rate); `pulled` from an existing finance org.
 */
export interface TaxIdMapEntry {
  kind: TaxObjectKind;
  fsmId: string;
  financeId?: string;
  name: string;
  /** Percent, for taxes and groups. */
  rate?: string;
  status: 'pending' | 'created' | 'matched' | 'pulled';
  /** When the row was written (ms since the epoch, on the client's clock). */
  at: number;
}

/**
 * Where TaxSync keeps its state, per finance organisation, under `tax/<organizationId>/`:
 * `config` (the FSM tax configuration), `map/<fsmId>` (the id map) and `finance/<kind>/<financeId>`
 * (the reverse index, written in the same batch as the map row).
 */
export class TaxStore {
  readonly #storage: Storage;
  readonly #prefix: string;

  constructor(storage: Storage, organizationId: string) {
    this.#storage = storage;
    this.#prefix = `tax/${organizationId}/`;
  }

  #mapKey(fsmId: string): string {
    return `${this.#prefix}map/${fsmId}`;
  }

  #reverseKey(kind: TaxObjectKind, financeId: string): string {
    return `${this.#prefix}finance/${kind}/${financeId}`;
  }

  config(): Promise<TaxConfig | undefined> {
    return this.#storage.get<TaxConfig>(`${this.#prefix}config`);
  }

  entry(fsmId: string): Promise<TaxIdMapEntry | undefined> {
    return this.#storage.get<TaxIdMapEntry>(this.#mapKey(fsmId));
  }

  /** Every row of the id map, in FSM id order. */
  async entries(): Promise<TaxIdMapEntry[]> {
    return (await this.#storage.list<TaxIdMapEntry>(`${this.#prefix}map/`)).map((e) => e.value);
  }

  /** The FSM id of a finance object, from the reverse index. */
  fsmIdOf(kind: TaxObjectKind, financeId: string): Promise<string | undefined> {
    return this.#storage.get<string>(this.#reverseKey(kind, financeId));
  }

  /**
   * Writes a row (and its reverse index row once it has a finance id). `replacedFinanceId`: the
   * finance object the FSM id named before (deleted in Books and created again), whose reverse row goes.
   */
  async put(entry: TaxIdMapEntry, replacedFinanceId?: string): Promise<void> {
    const ops = this.#putOps(entry);
    if (replacedFinanceId !== undefined && replacedFinanceId !== entry.financeId) ops.unshift({ type: 'delete', key: this.#reverseKey(entry.kind, replacedFinanceId) });
    await this.#storage.batch(ops);
  }

  /** Writes the configuration. */
  async putConfig(config: TaxConfig): Promise<void> {
    await this.#storage.batch([{ type: 'put', key: `${this.#prefix}config`, value: config }]);
  }

  /** Replaces the configuration and the whole id map at once (a pull). */
  async replaceAll(config: TaxConfig, entries: readonly TaxIdMapEntry[]): Promise<void> {
    const stale = await this.#storage.list<unknown>(this.#prefix);
    const ops: StorageOp[] = stale.map((e) => ({ type: 'delete', key: e.key }));
    ops.push({ type: 'put', key: `${this.#prefix}config`, value: config });
    for (const entry of entries) ops.push(...this.#putOps(entry));
    await this.#storage.batch(ops);
  }

  #putOps(entry: TaxIdMapEntry): StorageOp[] {
    const ops: StorageOp[] = [{ type: 'put', key: this.#mapKey(entry.fsmId), value: entry }];
    if (entry.financeId !== undefined) ops.push({ type: 'put', key: this.#reverseKey(entry.kind, entry.financeId), value: entry.fsmId });
    return ops;
  }
}
