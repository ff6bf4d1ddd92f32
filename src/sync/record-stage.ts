import type { Storage, StorageOp } from '../storage/storage.js';
import type { SourceRecord } from './record-source.js';
import { FatalRunError } from './run-context.js';
import { listPages } from './storage-scan.js';
import { encodeKeySegment, type SyncKeys, type SyncSide } from './sync-keys.js';

type Data = Record<string, unknown>;

/** A part of a unit's stage: a side's read, or (companies) the FSM contacts going inside new customers. */
export type StagePart = SyncSide | 'inline';

/**
 * A record whose data waits in the stage: its class tells it apart (no per-record bookkeeping), and
 * `data` holds only the fields the unit reads of it before its turn.
 */
class Shell implements SourceRecord {
  readonly id: string;
  readonly data: Data;
  readonly modifiedTime?: string | undefined;
  readonly parentId?: string | undefined;

  constructor(record: SourceRecord) {
    this.id = record.id;
    this.data = record.data;
    if (record.modifiedTime !== undefined) this.modifiedTime = record.modifiedTime;
    if (record.parentId !== undefined) this.parentId = record.parentId;
  }
}

/** Staged records a pass loads at once. */
const LOAD_BATCH = 200;

/**
 * The records of a unit's reads kept in the sync's storage rather than in memory, under
 * `sync/<binding>/stage/<unit>/<part>/<id>`. A first run (or any read with many records no link
 * knows) holds every record it lists until the unit has matched or copied it; past the first
 * `recordsInMemory` of a side, such a record is written here as its page arrives and the read holds
 * a shell of it: id, parent, modified time and the few fields the unit matches and checks by (its
 * match key, its unique fields, its company). The record's data comes back when its turn comes
 * ({@link RecordStage.load}). The stage is removed when the unit ends, and a stage a killed run
 * left is removed before the unit reads again.
 */
export class RecordStage {
  readonly #storage: Storage;
  readonly #prefix: string;
  readonly #inMemory: number;
  readonly #held = new Map<StagePart, number>();

  /** The stage of `unit`, keeping whole the first `inMemory` records of each side. */
  constructor(storage: Storage, keys: SyncKeys, unit: string, inMemory: number) {
    this.#storage = storage;
    this.#prefix = `${keys.root}stage/${unit}/`;
    this.#inMemory = inMemory;
  }

  /**
   * The records of one read page to hold: each record past the first `recordsInMemory` of its side
   * that `shellOf` gives a shell for is written to the stage, and its shell is held instead.
   */
  async page(part: StagePart, records: readonly SourceRecord[], shellOf: (record: SourceRecord) => SourceRecord | undefined): Promise<SourceRecord[]> {
    const held: SourceRecord[] = [];
    const ops: StorageOp[] = [];
    let whole = this.#held.get(part) ?? 0;
    for (const record of records) {
      const shell = whole < this.#inMemory ? undefined : shellOf(record);
      if (shell === undefined) {
        whole += 1;
        held.push(record);
        continue;
      }
      ops.push({ type: 'put', key: this.#key(part, record.id), value: record.data });
      held.push(new Shell(shell));
    }
    this.#held.set(part, whole);
    if (ops.length > 0) {
      try {
        await this.#storage.batch(ops);
      } catch (error) {
        throw new FatalRunError(error);
      }
    }
    return held;
  }

  /** Whether a page of `count` records of `part` may stage some (the first `recordsInMemory` are held whole). */
  staging(part: StagePart, count: number): boolean {
    return (this.#held.get(part) ?? 0) + count > this.#inMemory;
  }

  /** Whether a record is a shell whose data is in the stage. */
  holds(record: SourceRecord): boolean {
    return record instanceof Shell;
  }

  /** The record with its data: a shell's from the stage (a copy: the read keeps the shell), any other as it is. */
  async load(part: StagePart, record: SourceRecord): Promise<SourceRecord> {
    const [loaded] = await this.loadMany(part, [record]);
    return loaded ?? record;
  }

  /** {@link RecordStage.load} for many records, a storage read per {@link LOAD_BATCH} shells. */
  async loadMany(part: StagePart, records: readonly SourceRecord[]): Promise<SourceRecord[]> {
    const out = [...records];
    const shells = records.flatMap((record, at) => (record instanceof Shell ? [at] : []));
    for (let from = 0; from < shells.length; from += LOAD_BATCH) {
      const batch = shells.slice(from, from + LOAD_BATCH);
      const data = await this.#storage.getMany<Data>(batch.map((at) => this.#key(part, (records[at] as SourceRecord).id)));
      batch.forEach((at, i) => {
        const shell = records[at] as SourceRecord;
        const stored = data[i];
        // Written before its shell was held: missing only if the storage lost it.
        if (stored === undefined) throw new FatalRunError(new Error(`The staged ${part} record ${shell.id} is missing from storage (sync key prefix ${this.#prefix}); the next run reads it again.`));
        out[at] = { id: shell.id, data: stored, ...(shell.modifiedTime === undefined ? {} : { modifiedTime: shell.modifiedTime }), ...(shell.parentId === undefined ? {} : { parentId: shell.parentId }) };
      });
    }
    return out;
  }

  /** Removes every staged record of the unit (its own, or those a killed run left). */
  async clear(): Promise<void> {
    for await (const page of listPages(this.#storage, this.#prefix)) {
      if (page.length > 0) await this.#storage.batch(page.map((entry) => ({ type: 'delete' as const, key: entry.key })));
    }
  }

  #key(part: StagePart, id: string): string {
    return `${this.#prefix}${part}/${encodeKeySegment(id)}`;
  }
}
