import type { Storage, StorageOp } from '../../storage/storage.js';
import type { SourceRecord } from '../sources/record-source.js';
import { FatalRunError } from '../run/run-context.js';
import { StagedParentCounts } from './staged-parent-counts.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { listPages } from './storage-scan.js';
import { encodeKeySegment, type SyncKeys, type SyncSide } from './sync-keys.js';

type Data = Record<string, unknown>;

/** A part of a unit's stage: a side's read, or (companies) the FSM contacts going inside new customers. */
export type StagePart = SyncSide | 'inline';

/** A staged record as stored: its id, data, parent, time, and whether the data is a list summary. */
interface StagedValue {
  id: string;
  d: Data;
  p?: string;
  t?: string;
  s?: true;
}

/**
 * A record read back from a stage, with its number there, so a pass can take it. Private: a copy
 * of the record is not taken for it. Not a WeakMap beside the stage: its table would keep the size
 * of every record read back through the unit (a first run reads back tens of thousands).
 */
class StagedRecord implements SourceRecord {
  declare modifiedTime?: string;
  declare parentId?: string;
  declare partial?: boolean;
  id: string;
  data: Data;
  readonly #stage: RecordStage;
  readonly #seq: number;

  constructor(stage: RecordStage, seq: number, value: StagedValue) {
    this.id = value.id;
    this.data = value.d;
    if (value.t !== undefined) this.modifiedTime = value.t;
    if (value.p !== undefined) this.parentId = value.p;
    if (value.s === true) this.partial = true;
    this.#stage = stage;
    this.#seq = seq;
  }

  /** The record's number in `stage`, when it was read back from that stage. */
  static seqIn(stage: RecordStage, record: SourceRecord): number | undefined {
    return record instanceof StagedRecord && record.#stage === stage ? record.#seq : undefined;
  }
}

/** A page of staged records read back. */
const PAGE = 500;

/** Digits of a staged record's number in its key: read order is key order. */
const SEQ_DIGITS = 10;

/**
 * The records of a unit's reads kept in the sync's storage rather than in memory. A first run (or
 * any read with many records no link knows) holds every record it lists until the unit has matched
 * or copied it; past the first `recordsInMemory` of a side, such a record goes to storage as its
 * page arrives, and memory keeps nothing of it but a 53-bit hash of its id (`has`) and counts:
 *
 * - `sync/<binding>/stage/<unit>/<part>/r/<n>`: the record (id, data, parent, time, summary or whole), `n` its number
 *   in read order, and `…/<part>/i/<id>` → `n`;
 * - `…/<part>/k/<match key>/<n>`: the match-key index ({@link RecordStage.index}), through which a
 *   record of the other side finds its match ({@link RecordStage.byKey});
 * - records taken (matched, found by an open create, copied) leave both ({@link RecordStage.take}).
 *
 * The unit's passes read the stage a page at a time ({@link RecordStage.pages}) after the records
 * held whole. The stage is removed when the unit ends, and a stage a killed run left is removed
 * before the unit reads again.
 */
export class RecordStage {
  readonly #storage: Storage;
  readonly #prefix: string;
  readonly #inMemory: number;
  readonly #whole = new Map<StagePart, number>();
  readonly #count = new Map<StagePart, number>();
  readonly #ids = new Map<StagePart, IdHashSet>();
  #seq = 0;
  /** Per parent of the staged finance records (contact persons): how many wait, and the second they were read at. */
  readonly parents = new StagedParentCounts();
  // The match keys records were filed under, per part, as hashes: a key not among them is looked up without a storage call.
  readonly #keys = new Map<StagePart, IdHashSet>();

  /** The stage of `unit`, keeping whole the first `inMemory` records of each side. */
  constructor(storage: Storage, keys: SyncKeys, unit: string, inMemory: number) {
    this.#storage = storage;
    this.#prefix = `${keys.root}stage/${unit}/`;
    this.#inMemory = inMemory;
  }

  /** Whether a page of `count` records of `part` may stage some (the first `recordsInMemory` are held whole). */
  staging(part: StagePart, count: number): boolean {
    return (this.#whole.get(part) ?? 0) + count > this.#inMemory;
  }

  /**
   * The records of one read page to hold in memory: each record past the first `recordsInMemory`
   * of its part that `accept` accepts is written to the stage instead (one batch), under the match
   * key `keyOf` gives when given (else {@link RecordStage.index} files it later).
   */
  async page(part: StagePart, records: readonly SourceRecord[], accept: (record: SourceRecord) => boolean, keyOf?: (record: SourceRecord) => string | undefined): Promise<SourceRecord[]> {
    const held: SourceRecord[] = [];
    const ops: StorageOp[] = [];
    let whole = this.#whole.get(part) ?? 0;
    const ids = this.#idsOf(part);
    // A walk may list a record twice: its last copy counts, staged or held (an earlier staged copy goes).
    await this.drop(part, records.map((record) => record.id));
    const last = new Map(records.map((record, at) => [record.id, at]));
    for (const [at, record] of records.entries()) {
      if (last.get(record.id) !== at) continue;
      if (whole < this.#inMemory || !accept(record)) {
        whole += 1;
        held.push(record);
        continue;
      }
      const seq = this.#seq++;
      const value: StagedValue = { id: record.id, d: record.data, ...(record.parentId === undefined ? {} : { p: record.parentId }), ...(record.modifiedTime === undefined ? {} : { t: record.modifiedTime }), ...(record.partial === true ? { s: true as const } : {}) };
      ops.push({ type: 'put', key: this.#recordKey(part, seq), value }, { type: 'put', key: this.#idKey(part, record.id), value: seq });
      const key = keyOf?.(record);
      if (key !== undefined) this.#file(ops, part, key, seq);
      this.#count.set(part, this.count(part) + 1);
      ids.add(record.id);
      if (part === 'finance' && record.parentId !== undefined) this.parents.add(record.parentId, record.modifiedTime);
    }
    this.#whole.set(part, whole);
    await this.#write(ops);
    return held;
  }

  /** The staged record of `part` with this id, if it is staged and not taken. */
  async get(part: StagePart, id: string): Promise<SourceRecord | undefined> {
    if (!this.has(part, id)) return undefined;
    const seq = await this.#storage.get<number>(this.#idKey(part, id));
    if (seq === undefined) return undefined;
    const value = await this.#storage.get<StagedValue>(this.#recordKey(part, seq));
    return value === undefined ? undefined : this.#record(value, seq);
  }

  /**
   * Takes records out of the stage by id (a later copy in the read was refused, or is the one to
   * keep), with their count and, for a contact person, its parent's count.
   */
  async drop(part: StagePart, ids: readonly string[]): Promise<void> {
    const maybe = ids.filter((id) => this.has(part, id));
    if (maybe.length === 0) return;
    const found = await this.#storage.getMany<number>(maybe.map((id) => this.#idKey(part, id)));
    const staged = maybe.flatMap((id, i) => (found[i] === undefined ? [] : [{ id, seq: found[i] as number }]));
    if (staged.length === 0) return;
    const values = await this.#storage.getMany<StagedValue>(staged.map(({ seq }) => this.#recordKey(part, seq)));
    const ops: StorageOp[] = [];
    staged.forEach(({ id, seq }, i) => {
      ops.push({ type: 'delete', key: this.#recordKey(part, seq) }, { type: 'delete', key: this.#idKey(part, id) });
      const value = values[i];
      if (value === undefined) return;
      this.#count.set(part, this.count(part) - 1);
      if (part === 'finance' && value.p !== undefined) this.parents.remove(value.p);
    });
    await this.#write(ops);
  }

  /** How many records of `part` were staged. */
  count(part: StagePart): number {
    return this.#count.get(part) ?? 0;
  }

  /**
   * Whether a record of `part` may have been staged (a hash: an id of the same hash answers yes
   * too). Used where such a yes costs no record: an id read is not taken as deleted.
   */
  has(part: StagePart, id: string): boolean {
    return this.#ids.get(part)?.has(id) ?? false;
  }

  /**
   * Files the staged records of a side under their match keys, a page at a time (`keysOf` gives a
   * page's keys, after loading what it needs, e.g. the companies' links of FSM contacts); records
   * without a key are not filed.
   */
  async index(part: SyncSide, keysOf: (records: readonly SourceRecord[]) => Promise<ReadonlyArray<string | undefined>>): Promise<void> {
    if (this.count(part) === 0) return;
    for await (const records of this.pages(part)) {
      const keys = await keysOf(records);
      const ops: StorageOp[] = [];
      records.forEach((record, i) => {
        const key = keys[i];
        if (key !== undefined) this.#file(ops, part, key, StagedRecord.seqIn(this, record) as number);
      });
      await this.#write(ops);
    }
  }

  /** The staged records of `part` not taken yet, a page at a time in read order. */
  async *pages(part: StagePart): AsyncGenerator<SourceRecord[]> {
    if (this.count(part) === 0) return;
    for await (const page of listPages<StagedValue>(this.#storage, `${this.#prefix}${part}/r/`, PAGE)) {
      if (page.length > 0) yield page.map((entry) => this.#record(entry.value, Number(entry.key.slice(-SEQ_DIGITS))));
    }
  }

  /**
   * Whether a record of `part` may be filed under match key `key` (a hash: a yes may be wrong, or
   * the record taken since; a no is sure).
   */
  mayHold(part: StagePart, key: string): boolean {
    return this.#keys.get(part)?.has(key) ?? false;
  }

  /** The staged records of `part` filed under match key `key` and not taken yet, in read order. */
  async byKey(part: StagePart, key: string): Promise<SourceRecord[]> {
    if (!this.mayHold(part, key)) return [];
    const filed = await this.#storage.list<unknown>(`${this.#prefix}${part}/k/${encodeKeySegment(key)}/`);
    if (filed.length === 0) return [];
    const seqs = filed.map((entry) => Number(entry.key.slice(-SEQ_DIGITS)));
    const values = await this.#storage.getMany<StagedValue>(seqs.map((seq) => this.#recordKey(part, seq)));
    const out: SourceRecord[] = [];
    values.forEach((value, i) => {
      if (value !== undefined) out.push(this.#record(value, seqs[i] as number));
    });
    return out;
  }

  /** Takes records read back from the stage out of it (matched, found, or their copy under way), with the key each was filed under. */
  async take(part: StagePart, taken: ReadonlyArray<{ record: SourceRecord; key: string | undefined }>): Promise<void> {
    const ops: StorageOp[] = [];
    for (const { record, key } of taken) {
      const seq = StagedRecord.seqIn(this, record);
      if (seq === undefined) continue;
      ops.push({ type: 'delete', key: this.#recordKey(part, seq) }, { type: 'delete', key: this.#idKey(part, record.id) });
      if (key !== undefined) ops.push({ type: 'delete', key: this.#indexKey(part, key, seq) });
    }
    await this.#write(ops);
  }

  /** Whether a record was read back from the stage (and not from a read held whole). */
  holds(record: SourceRecord): boolean {
    return StagedRecord.seqIn(this, record) !== undefined;
  }

  /** Removes every staged record of the unit (its own, or those a killed run left). */
  async clear(): Promise<void> {
    for await (const page of listPages(this.#storage, this.#prefix)) {
      if (page.length > 0) await this.#storage.batch(page.map((entry) => ({ type: 'delete' as const, key: entry.key })));
    }
  }

  #record(value: StagedValue, seq: number): SourceRecord {
    return new StagedRecord(this, seq, value);
  }

  // Files a staged record under a match key: the index entry, and the key's hash.
  #file(ops: StorageOp[], part: StagePart, key: string, seq: number): void {
    ops.push({ type: 'put', key: this.#indexKey(part, key, seq), value: 0 });
    let keys = this.#keys.get(part);
    if (!keys) this.#keys.set(part, (keys = new IdHashSet()));
    keys.add(key);
  }

  #idsOf(part: StagePart): IdHashSet {
    let ids = this.#ids.get(part);
    if (!ids) this.#ids.set(part, (ids = new IdHashSet()));
    return ids;
  }

  async #write(ops: StorageOp[]): Promise<void> {
    if (ops.length === 0) return;
    try {
      await this.#storage.batch(ops);
    } catch (error) {
      throw new FatalRunError(error);
    }
  }

  #recordKey(part: StagePart, seq: number): string {
    return `${this.#prefix}${part}/r/${String(seq).padStart(SEQ_DIGITS, '0')}`;
  }

  #idKey(part: StagePart, id: string): string {
    return `${this.#prefix}${part}/i/${encodeKeySegment(id)}`;
  }

  #indexKey(part: StagePart, key: string, seq: number): string {
    return `${this.#prefix}${part}/k/${encodeKeySegment(key)}/${String(seq).padStart(SEQ_DIGITS, '0')}`;
  }
}
