import type { FinanceApi } from '../../client/finance/finance-api.js';
import type { IntegrationClient } from '../../client/integration-client.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { PageSort } from '../../transport/paginator.js';
import { timeOf } from '../merge/conflict-policies.js';
import { MANDATORY_TITLE, RecordRefusal } from '../report/failure-reasons.js';
import type {
  CollectionCapabilities, ReadOptions, RecordCallOptions, RecordSource, SourcePage, SourceRecord, SyncCollection, WriteResult,
} from './record-source.js';
import { financeLimits } from './client-limits.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { CustomerWalks, type WalkedCustomer } from './customer-walk.js';
import { KnownPersons } from './known-persons.js';
import { REQUIRED_ON_UPDATE, withRequired } from './required-fields.js';

type Data = Record<string, unknown>;

// The slice of the finance resources the source uses; payloads come from the field mapping and
// the client validates them against its schemas at run time.
interface PagedList {
  pages(): AsyncGenerator<{ items: Data[]; sort?: PageSort | undefined }, void, undefined>;
  toArray(): Promise<Data[]>;
}
interface ActivatableResource {
  list(params: Record<string, unknown>): PagedList;
  get(id: string, options: { signal?: AbortSignal }): Promise<Data>;
  create(data: Data, options: { signal?: AbortSignal }): Promise<Data>;
  update(id: string, data: Data, options: { signal?: AbortSignal }): Promise<Data>;
  delete(id: string, options: { signal?: AbortSignal }): Promise<void>;
  markInactive(id: string, options: { signal?: AbortSignal }): Promise<void>;
}
interface PersonsResource {
  list(contactId: string, options: { signal?: AbortSignal }): PagedList;
  get(contactId: string, id: string, options: { signal?: AbortSignal }): Promise<Data>;
  create(data: Data, options: { signal?: AbortSignal }): Promise<Data>;
  update(id: string, data: Data, options: { signal?: AbortSignal }): Promise<Data>;
  delete(id: string, options: { signal?: AbortSignal }): Promise<void>;
}

// Zoho's published API description requires contact_name on a new contact, name and rate on a
// new item, first_name on a new contact person and, to name its customer, contact_id.
const CAPABILITIES: Readonly<Record<SyncCollection, CollectionCapabilities>> = {
  companies: { changeFeed: 'cursor', tombstones: false, deactivate: true, delete: true, requiredOnCreate: ['contact_name'], matchField: 'contact_name' },
  contacts: { changeFeed: 'cursor', tombstones: false, deactivate: true, delete: true, requiredOnCreate: ['contact_name'], matchField: 'email' },
  // A person has no modified time of its own: the walk gives it its customer's.
  contact_persons: { changeFeed: 'cursor', tombstones: false, deactivate: false, delete: true, requiredOnCreate: ['first_name', 'contact_id'], matchField: 'email', parentTime: true, parentTimesByPage: true },
  // Items have no modified-since filter, nor a modified time in Zoho's published description: scan.
  items: { changeFeed: 'scan', tombstones: false, deactivate: true, delete: true, requiredOnCreate: ['name', 'rate'], matchField: 'name', uniqueFields: ['name', 'sku'] },
};

function signalOf(options: { signal?: AbortSignal | undefined } | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

function modified(data: Data): { modifiedTime?: string } {
  return typeof data.last_modified_time === 'string' && data.last_modified_time !== '' ? { modifiedTime: data.last_modified_time } : {};
}

function subTypeOf(row: Data): 'business' | 'individual' {
  return row.customer_sub_type === 'individual' ? 'individual' : 'business';
}

function written(id: string, data: Data): WriteResult {
  return { id, data, ...modified(data) };
}

/** Options of {@link zohoFinanceSource}. */
export interface ZohoFinanceSourceOptions {
  /** The finance surface to use. Default: `client.finance` (the client's configured app and organisation). */
  finance?: FinanceApi;
  /** Names the side in storage keys. Default `'<app>:<organizationId>'`. */
  id?: string;
}

/**
 * Zoho Books or Zoho Invoice as a {@link RecordSource}: business customers (`companies`),
 * individual customers (`contacts`), contact persons and items.
 *
 * Customers are read newest-modified first (`sort_column=last_modified_time`) down to the last
 * cursor: a run with no changes costs one list page. That order is checked from the rows read (and
 * the order a reply reports), not assumed; if Books lists otherwise, every page is read and no
 * change is missed. List rows lack addresses, so they come back `partial` and the syncer fetches
 * only those whose modified time moved. Contact persons come from what a customer read or write
 * returned (`contact_persons[]`), kept in the sync's storage from one run and process to the next
 * (`ReadOptions.memo`) and used only while the customer's time has not moved past them; a changed
 * customer with none known has its persons listed. Items
 * have no modified-since filter: every read is a full scan compared by content hash. Updates
 * carry the fields Zoho requires in every update, taken from the patch, then from
 * `RecordCallOptions.current`, reading the record only for a value neither holds. Creates and
 * updates return the stored record, which becomes the base snapshot without a re-read.
 *
 * @example
 * ```ts
 * const finance = zohoFinanceSource(client); // client.finance: { app: 'books', organizationId }
 * ```
 */
export function zohoFinanceSource(client: IntegrationClient, options: ZohoFinanceSourceOptions = {}): RecordSource {
  const finance = options.finance ?? client.finance;
  let calls = 0;
  client.on('request', (event) => {
    if (event.service === finance.app) calls += 1;
  });
  const contacts = finance.contacts as unknown as ActivatableResource;
  const items = finance.items as unknown as ActivatableResource;
  const persons = finance.contactPersons as unknown as PersonsResource;
  const activatable = (collection: SyncCollection) => (collection === 'items' ? items : contacts);

  const walks = new CustomerWalks((signal) => contacts.list({ contactType: 'customer', filterBy: 'Status.All', sortColumn: 'last_modified_time', sortOrder: 'D', ...(signal ? { signal } : {}) }).pages());
  const known = new KnownPersons();

  // Business customers, individuals, or the persons of business customers, changed since the
  // cursor. Persons come from what a customer read already returned when it is as new as the row,
  // else from the customer's persons list; a customer whose time equals the one its persons were
  // synced at (`read.parentTimesOf`, a page of customers at a time) is left out and named
  // unchanged: nothing of its persons moved.
  async function* readCustomers(collection: 'companies' | 'contacts' | 'contact_persons', read: ReadOptions): AsyncGenerator<SourcePage> {
    const forPersons = collection === 'contact_persons';
    known.begin(read.runId, read.runStartedAt, read.memo);
    let newest: { text: string; at: number } | undefined;
    let batch: SourceRecord[] = [];
    let unchanged: string[] = [];
    // Customers whose persons come from the reply to a write of them: exact at its time (given
    // with the page that holds them).
    const exact = new Map<string, string>();
    // The customers whose persons the walk gave, as hashes (a first run meets tens of thousands).
    // A hash shared with a customer the run wrote only leaves that customer's persons out of this
    // read: the delete pass confirms with Books before it takes a person as gone.
    const met = new IdHashSet();
    // The persons read takes the customers of the walk a page at a time, so what is kept of them in
    // storage is looked up in one batch per page.
    let waiting: WalkedCustomer[] = [];
    const personsOf = (parentId: string, people: readonly Data[], time: string | undefined) => people.map((p): SourceRecord => ({ id: String(p.contact_person_id), parentId, data: { ...p, contact_id: parentId }, ...(time ? { modifiedTime: time } : {}) }));
    const relist = (id: string) => read.relistParents?.has(id) === true;
    // The times the customers' persons were synced at: the read's map, or a page's looked up.
    const timesOf = async (ids: readonly string[]): Promise<ReadonlyMap<string, string> | undefined> => (read.parentTimesOf ? read.parentTimesOf(ids) : read.parentTimes);
    const unchangedAt = (times: ReadonlyMap<string, string> | undefined, id: string, time: string | undefined) => time !== undefined && !relist(id) && times?.get(id) === time;
    // A customer's persons as Books lists them; undefined when it was deleted since the walk met it.
    async function listedPersons(id: string): Promise<Data[] | undefined> {
      try {
        return await persons.list(id, signalOf(read)).toArray();
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        known.forget(id);
        return undefined;
      }
    }
    // The records gathered so far as one page, with what they say of their customers; starts the next.
    function takePage(): SourcePage {
      const page: SourcePage = { records: batch, ...(unchanged.length > 0 ? { unchangedParents: unchanged } : {}), ...(exact.size > 0 ? { exactParents: Object.fromEntries(exact) } : {}) };
      batch = [];
      unchanged = [];
      exact.clear();
      return page;
    }
    async function takeWaiting(): Promise<void> {
      const page = waiting;
      waiting = [];
      const times = await timesOf(page.map((c) => c.id));
      const unchangedNow = (id: string, time: string | undefined) => unchangedAt(times, id, time);
      await known.load(page.map((c) => ({ id: c.id, at: c.at, unchanged: unchangedNow(c.id, c.time) })));
      for (const { id, time, at } of page) {
        if (unchangedNow(id, time)) {
          unchanged.push(id);
          continue;
        }
        met.add(id);
        // A child written without a reply may be there while the time has not moved: list them.
        if (relist(id)) known.forget(id);
        const taken = known.take(id, at);
        const people = taken?.persons ?? await listedPersons(id);
        if (people === undefined) continue;
        const personTime = taken?.time ?? time;
        if (taken?.written === true) exact.set(id, taken.time);
        batch.push(...personsOf(id, people, personTime));
      }
    }
    for await (const customer of walks.walk(read, { kind: collection === 'contacts' ? 'individual' : 'business', rows: !forPersons })) {
      const { id, time, at } = customer;
      if (time !== undefined && at !== undefined && (newest === undefined || at > newest.at)) newest = { text: time, at };
      if (!forPersons) {
        batch.push({ id, data: customer.row ?? { contact_id: id }, partial: true, ...(time ? { modifiedTime: time } : {}) });
      } else {
        waiting.push(customer);
        if (waiting.length >= 200) await takeWaiting();
      }
      if (batch.length >= 200) yield takePage();
    }
    await takeWaiting();
    // Customers the run wrote that the walk did not list persons of (created after it, unchanged
    // when it met them, or older than the cursor): their reply's persons, settled at its time. A
    // page at a time: a first run writes tens of thousands of customers.
    if (forPersons) {
      // The customers the walk met are left out first: reading their persons back from the memo
      // only to drop them would cost a lookup each.
      for await (const written of known.writtenThisRun((id) => met.has(id))) {
        const times = await timesOf(written.map((customer) => customer.id));
        for (const customer of written) {
          if (relist(customer.id)) {
            known.forget(customer.id);
            batch.push(...personsOf(customer.id, (await listedPersons(customer.id)) ?? [], customer.time));
            continue;
          }
          if (times?.get(customer.id) === customer.time) {
            unchanged.push(customer.id);
            continue;
          }
          exact.set(customer.id, customer.time);
          batch.push(...personsOf(customer.id, customer.persons, customer.time));
        }
        if (batch.length >= 200) yield takePage();
      }
    }
    yield {
      ...takePage(),
      complete: read.since === undefined,
      ...(newest ? { cursor: newest.text } : read.since ? { cursor: read.since } : {}),
    };
  }

  async function* readItems(read: ReadOptions): AsyncGenerator<SourcePage> {
    for await (const page of items.list({ filterBy: 'Status.All', sortColumn: 'name', ...signalOf(read) }).pages()) {
      yield { records: page.items.map((row): SourceRecord => ({ id: String(row.item_id), data: row, ...modified(row) })) };
    }
    yield { records: [], complete: true };
  }

  // An update body with what Zoho requires of it: from the patch, else the record the syncer last
  // knew (`call.current`), else facts the source is sure of; only when still unknown, the record is
  // read once. A person always names the customer it belongs to; every customer this source reads
  // is listed with contact_type=customer.
  async function updateBody(collection: SyncCollection, id: string, patch: Data, call: RecordCallOptions | undefined): Promise<Data> {
    const required = REQUIRED_ON_UPDATE[collection];
    const known = call?.current?.contact_id;
    const parentId = collection !== 'contact_persons' ? undefined : (call?.parentId ?? (typeof known === 'string' ? known : undefined));
    const fixed: Data = collection === 'contact_persons' ? (parentId === undefined ? {} : { contact_id: parentId }) : collection === 'items' ? {} : { contact_type: 'customer' };
    const base = collection === 'contact_persons' && parentId !== undefined ? { ...patch, contact_id: parentId } : patch;
    let filled = withRequired(base, required, [call?.current, fixed]);
    if (filled.missing.some((field) => !Object.hasOwn(base, field))) {
      const stored = collection === 'contact_persons'
        ? parentId === undefined ? undefined : await persons.get(parentId, id, signalOf(call))
        : await activatable(collection).get(id, signalOf(call));
      filled = withRequired(base, required, [stored, call?.current, fixed]);
    }
    if (filled.missing.length > 0) throw new RecordRefusal('MANDATORY_FIELDS_EMPTY', MANDATORY_TITLE, `${MANDATORY_TITLE}: ${filled.missing.join(', ')}`);
    return filled.body;
  }

  const notFoundAsUndefined = async (load: () => Promise<SourceRecord>): Promise<SourceRecord | undefined> => {
    try {
      return await load();
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };

  return {
    id: options.id ?? `${finance.app}:${finance.organizationId ?? 'none'}`,
    capabilities: (collection) => CAPABILITIES[collection],
    read(collection, read) {
      return collection === 'items' ? readItems(read) : readCustomers(collection, read);
    },
    get(collection, id, call?: RecordCallOptions) {
      if (collection === 'contact_persons') {
        const parentId = call?.parentId;
        if (parentId === undefined) return Promise.resolve(undefined);
        return notFoundAsUndefined(async () => ({ id, parentId, data: { ...(await persons.get(parentId, id, signalOf(call))), contact_id: parentId } }));
      }
      return notFoundAsUndefined(async () => {
        const readAt = known.now();
        const data = await activatable(collection).get(id, signalOf(call));
        if (collection !== 'items') known.remember(data, { readAt, keep: collection === 'companies' });
        return { id, data, ...modified(data) };
      });
    },
    async create(collection, data, call) {
      if (collection === 'contact_persons') {
        const parentId = call?.parentId ?? (typeof data.contact_id === 'string' ? data.contact_id : undefined);
        if (parentId !== undefined) known.forget(parentId);
        const person = await persons.create({ ...data, ...(parentId ? { contact_id: parentId } : {}) }, signalOf(call));
        return written(String(person.contact_person_id), { ...person, ...(parentId ? { contact_id: parentId } : {}) });
      }
      const record = await activatable(collection).create(data, signalOf(call));
      if (collection !== 'items') known.remember(record, { written: collection === 'companies', keep: collection === 'companies' });
      return written(String(collection === 'items' ? record.item_id : record.contact_id), record);
    },
    async update(collection, id, patch, call) {
      const body = await updateBody(collection, id, patch, call);
      if (collection === 'contact_persons') {
        if (typeof body.contact_id === 'string') known.forget(body.contact_id);
        const person = await persons.update(id, body, signalOf(call));
        return written(id, { ...person, ...(call?.parentId ? { contact_id: call.parentId } : {}) });
      }
      const record = await activatable(collection).update(id, body, signalOf(call));
      if (collection !== 'items') known.remember(record, { written: collection === 'companies', keep: collection === 'companies' });
      return written(id, record);
    },
    async deactivate(collection, id, call) {
      if (collection === 'contact_persons') throw new TypeError('Books contact persons cannot be marked inactive; delete them or unlink.');
      await activatable(collection).markInactive(id, signalOf(call));
    },
    async delete(collection, id, call) {
      if (collection === 'contact_persons') {
        if (call?.parentId !== undefined) known.forget(call.parentId);
        await persons.delete(id, signalOf(call));
      } else {
        await activatable(collection).delete(id, signalOf(call));
        if (collection !== 'items') known.forget(id);
      }
    },
    async findByKey(collection, value, call) {
      if (collection === 'contact_persons') {
        const parentId = call?.parentId;
        if (parentId === undefined) return [];
        let people: Data[];
        try {
          people = await persons.list(parentId, signalOf(call)).toArray();
        } catch (error) {
          // The customer is gone (deleted since the intent was written): it holds no person.
          if (error instanceof NotFoundError) return [];
          throw error;
        }
        return people
          .filter((p) => String(p.email ?? '').trim().toLowerCase() === value.trim().toLowerCase())
          .map((p) => ({ id: String(p.contact_person_id), parentId, data: { ...p, contact_id: parentId } }));
      }
      if (collection === 'items') {
        const rows = await items.list({ filterBy: 'Status.All', name: value, ...signalOf(call) }).toArray();
        return rows.map((row) => ({ id: String(row.item_id), data: row, ...modified(row) }));
      }
      const filter = collection === 'companies' ? { contactName: value } : { email: value };
      const rows = await contacts.list({ contactType: 'customer', filterBy: 'Status.All', ...filter, ...signalOf(call) }).toArray();
      const wanted = collection === 'contacts' ? 'individual' : 'business';
      return rows.filter((row) => subTypeOf(row) === wanted).map((row) => ({ id: String(row.contact_id), data: row, partial: true, ...modified(row) }));
    },
    callCount: () => calls,
    limits: () => financeLimits(client, finance),
  };
}
