import { findJsonProblem } from '../../storage/json-value.js';
import { stableJson } from '../merge/content-hash.js';
import {
  DUPLICATE_RECORD_ID, DUPLICATE_RECORD_ID_TITLE, INVALID_RECORD, INVALID_RECORD_ID, INVALID_RECORD_ID_TITLE, INVALID_RECORD_TITLE, RecordRefusal,
} from '../report/failure-reasons.js';
import type { ReadOptions, RecordCallOptions, RecordSource, SourcePage, SourceRecord, SyncCollection, WriteResult } from './record-source.js';

/** A record the guard kept out of a run, and why. */
export interface RefusedRecord {
  /** Its id, when it has a usable one: the pair it belongs to is left alone this run. */
  id?: string;
  /** `INVALID_RECORD_ID`, `INVALID_RECORD` or `DUPLICATE_RECORD_ID`, with a message naming the record. */
  error: RecordRefusal;
}

/** A page as the guard passes it on: records the syncer can trust, and the ones it refused. */
export interface GuardedPage extends SourcePage {
  records: SourceRecord[];
  refused: RefusedRecord[];
}

/** A {@link RecordSource} whose every answer has been checked by {@link guardSource}. */
export interface GuardedSource extends RecordSource {
  read(collection: SyncCollection, options: ReadOptions): AsyncIterable<GuardedPage>;
}

// A lone UTF-16 surrogate is no character: it cannot be stored as UTF-8 nor name a record.
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_SHOWN = 80;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  if (typeof value === 'number') return `the number ${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function shortMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The id as the syncer keeps it (a safe integer becomes its decimal string), or why it is refused. */
function checkId(value: unknown): { id: string } | { problem: string } {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { id: String(value) };
  if (typeof value !== 'string') return { problem: `is ${describe(value)}, not a string` };
  if (value.trim() === '') return { problem: `is ${describe(value)}, empty` };
  if (LONE_SURROGATE.test(value)) return { problem: `${describe(value)} holds an unpaired UTF-16 surrogate, which names no record` };
  return { id: value };
}

/** A copy of `data` that is plain JSON data, or why it is not (never the value itself). */
function jsonCopy(data: unknown): { data: Record<string, unknown> } | { problem: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: `its data is ${describe(data)}, not an object of fields` };
  // Reading the fields may run getters: any throw (or a structure too deep to walk) refuses the record.
  try {
    const problem = findJsonProblem(data);
    if (problem) return { problem: `${['data', ...problem.path].join('.')} ${problem.reason}` };
    // A copy, so a getter read again later cannot change or throw: the syncer works on what was checked.
    return { data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> };
  } catch (error) {
    return { problem: `reading its data threw (${shortMessage(error)})` };
  }
}

function refusal(reason: 'id' | 'record', message: string): RecordRefusal {
  return reason === 'id'
    ? new RecordRefusal(INVALID_RECORD_ID, INVALID_RECORD_ID_TITLE, `${INVALID_RECORD_ID_TITLE}: ${message}`)
    : new RecordRefusal(INVALID_RECORD, INVALID_RECORD_TITLE, `${INVALID_RECORD_TITLE}: ${message}`);
}

/**
 * Checks one record a source gave: an object with a usable `id`, `data` of JSON data, a string
 * `modifiedTime` and `parentId` when set. Returns a plain copy the syncer can trust, or the refusal.
 * `where` names the record in messages (`collection companies, page 2, record 5`).
 */
export function checkRecord(value: unknown, where: string): { record: SourceRecord } | { refused: RefusedRecord } {
  let id: string | undefined;
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { refused: { error: refusal('record', `${where} is ${describe(value)}, not a record { id, data }`) } };
    }
    const raw = value as Record<string, unknown>;
    const checked = checkId(raw.id);
    if ('problem' in checked) return { refused: { error: refusal('id', `${where}: its id ${checked.problem}`) } };
    id = checked.id;
    const named = `${where} (id ${describe(id)})`;
    const copy = jsonCopy(raw.data);
    if ('problem' in copy) return { refused: { id, error: refusal('record', `${named}: ${copy.problem}`) } };
    const { modifiedTime, parentId, partial } = raw;
    if (modifiedTime !== undefined && modifiedTime !== null && typeof modifiedTime !== 'string') {
      return { refused: { id, error: refusal('record', `${named}: its modifiedTime is ${describe(modifiedTime)}, not an ISO 8601 string`) } };
    }
    let parent: string | undefined;
    if (parentId !== undefined && parentId !== null) {
      const checkedParent = checkId(parentId);
      if ('problem' in checkedParent) return { refused: { id, error: refusal('record', `${named}: its parentId ${checkedParent.problem}`) } };
      parent = checkedParent.id;
    }
    return {
      record: {
        id,
        data: copy.data,
        ...(typeof modifiedTime === 'string' ? { modifiedTime } : {}),
        ...(partial === true ? { partial: true } : {}),
        ...(parent === undefined ? {} : { parentId: parent }),
      },
    };
  } catch (error) {
    // A getter on the record itself (its id, its data) threw.
    return { refused: { ...(id === undefined ? {} : { id }), error: refusal('record', `${where}: reading it threw (${shortMessage(error)})`) } };
  }
}

/**
 * Checks one page of a read: bad records become {@link RefusedRecord}s, and two different records
 * under one id in the page are both refused (`DUPLICATE_RECORD_ID`): which one is real cannot be
 * told, and keeping either would lose the other silently. Identical copies are one record.
 */
export function checkPage(page: unknown, where: string): GuardedPage {
  if (typeof page !== 'object' || page === null || !Array.isArray((page as SourcePage).records)) {
    throw new TypeError(`${where} is ${describe(page)}, not a page { records: [...] }: the source's read is broken, so the unit cannot be read.`);
  }
  const { records, deleted, cursor, complete, unchangedParents, exactParents } = page as SourcePage;
  const kept = new Map<string, { record: SourceRecord; text: string; copies: number; differ: boolean }>();
  const refused: RefusedRecord[] = [];
  records.forEach((value, index) => {
    const checked = checkRecord(value, `${where}, record ${index + 1}`);
    if ('refused' in checked) {
      refused.push(checked.refused);
      return;
    }
    const { record } = checked;
    const text = stableJson(record);
    const seen = kept.get(record.id);
    if (!seen) kept.set(record.id, { record, text, copies: 1, differ: false });
    else {
      seen.copies += 1;
      seen.differ ||= seen.text !== text;
    }
  });
  const out: SourceRecord[] = [];
  for (const [id, entry] of kept) {
    if (!entry.differ) out.push(entry.record);
    else {
      const message = `${DUPLICATE_RECORD_ID_TITLE}: ${where} holds ${entry.copies} records with the id ${describe(id)} whose fields differ; none of them is synced until the source gives one record per id`;
      refused.push({ id, error: new RecordRefusal(DUPLICATE_RECORD_ID, DUPLICATE_RECORD_ID_TITLE, message) });
    }
  }
  const tombstones = validIds(deleted);
  // A parent id that is not a usable id names no parent: its children are then not taken as present.
  const unchanged = validIds(unchangedParents);
  return {
    records: out,
    refused,
    ...(tombstones === undefined ? {} : { deleted: tombstones }),
    ...(unchanged === undefined ? {} : { unchangedParents: unchanged }),
    ...(exactParents === undefined ? {} : { exactParents: validTimes(exactParents) }),
    ...(typeof cursor === 'string' ? { cursor } : {}),
    ...(complete === true ? { complete: true } : {}),
  };
}

// Parent id → time pairs with a usable id and a time string; others name no parent (it is then read as usual).
function validTimes(values: unknown): Record<string, string> {
  const out = new Map<string, string>();
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return {};
  for (const [id, time] of Object.entries(values as Record<string, unknown>)) {
    if (typeof time === 'string' && time !== '' && 'id' in checkId(id)) out.set(id, time);
  }
  // Own properties only, whatever the ids are ("__proto__" included).
  return Object.fromEntries(out);
}

function validIds(values: unknown): string[] | undefined {
  return Array.isArray(values) ? values.flatMap((value: unknown) => {
    const checked = checkId(value);
    return 'id' in checked ? [checked.id] : [];
  }) : undefined;
}

/** Checks what a create or update returned: a usable id is required; bad `data` or `modifiedTime` is dropped (the syncer then uses what it sent). */
export function checkWrite(value: unknown, where: string): WriteResult {
  if (typeof value !== 'object' || value === null) throw refusal('id', `${where} returned ${describe(value)}, not { id }; the write may have happened, but the record cannot be linked`);
  let raw: Record<string, unknown>;
  let id: string;
  try {
    raw = value as Record<string, unknown>;
    const checked = checkId(raw.id);
    if ('problem' in checked) throw refusal('id', `${where} returned an id that ${checked.problem}; the write may have happened, but the record cannot be linked`);
    id = checked.id;
  } catch (error) {
    if (error instanceof RecordRefusal) throw error;
    throw refusal('id', `${where}: reading its result threw (${shortMessage(error)})`);
  }
  let modifiedTime: unknown;
  let data: unknown;
  try {
    modifiedTime = raw.modifiedTime;
    data = raw.data;
  } catch {
    return { id };
  }
  const copy = data === undefined || data === null ? undefined : jsonCopy(data);
  return {
    id,
    ...(typeof modifiedTime === 'string' ? { modifiedTime } : {}),
    ...(copy && 'data' in copy ? { data: copy.data } : {}),
  };
}

/**
 * Wraps a source so that nothing it answers can stop a run: every page of `read`, every `get`,
 * `findByKey`, `create` and `update` result is checked and copied. A bad record in a page is
 * handed on as a {@link RefusedRecord} (the syncer fails it with its reason and goes on); a bad
 * `get` or write result throws a `RecordRefusal`, a failure of that one record. `label` names the
 * side in messages (`FSM source my-db`).
 *
 * @example
 * ```ts
 * const guarded = guardSource(mySource, 'FSM source my-db');
 * for await (const page of guarded.read('companies', {})) console.log(page.records.length, page.refused.length);
 * ```
 */
export function guardSource(source: RecordSource, label: string): GuardedSource {
  const guarded: GuardedSource = {
    id: source.id,
    capabilities: (collection) => source.capabilities(collection),
    async *read(collection, options) {
      let number = 0;
      for await (const page of source.read(collection, options)) {
        number += 1;
        yield checkPage(page, `${label}, ${collection} page ${number}`);
      }
    },
    async get(collection, id, options) {
      const value: unknown = await source.get(collection, id, options);
      if (value === undefined || value === null) return undefined;
      const checked = checkRecord(value, `${label}, ${collection} get(${describe(id)})`);
      if ('refused' in checked) throw checked.refused.error;
      return checked.record;
    },
    create: async (collection, data, options) => checkWrite(await source.create(collection, data, options), `${label}, ${collection} create`),
    update: async (collection, id, patch, options) => checkWrite(await source.update(collection, id, patch, options), `${label}, ${collection} update(${describe(id)})`),
    deactivate: (collection, id, options) => source.deactivate(collection, id, options),
    delete: (collection, id, options) => source.delete(collection, id, options),
  };
  if (source.findByKey) {
    const find = source.findByKey.bind(source);
    guarded.findByKey = async (collection: SyncCollection, value: string, options?: RecordCallOptions) => {
      const found: unknown = await find(collection, value, options);
      if (!Array.isArray(found)) throw refusal('record', `${label}, ${collection} findByKey returned ${describe(found)}, not an array of records`);
      // A bad record found cannot be linked: it is left out, as the read that lists it refuses it.
      return found.flatMap((r, i) => {
        const checked = checkRecord(r, `${label}, ${collection} findByKey result ${i + 1}`);
        return 'record' in checked ? [checked.record] : [];
      });
    };
  }
  if (source.callCount) guarded.callCount = source.callCount.bind(source);
  return guarded;
}
