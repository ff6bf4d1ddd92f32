/**
 * The honest lower bound of the Zoho API calls of one sync run (sync type III: FSM Companies ↔
 * Books business customers, FSM Contacts of a company ↔ that customer's contact persons, FSM
 * Service_And_Parts ↔ Books items), derived from the data set and what the two APIs offer — never
 * from what the syncer happens to do. Pure: no sandbox, no I/O, so a test can import it.
 *
 * The formula, in words. A run costs at least
 *
 * 1. **The list pages it must read.** FSM's Companies, Contacts and Service_And_Parts lists have
 *    no modified-since filter: each is scanned in full, ⌈n / page⌉ pages (at least one) for its n
 *    rows. Books items have no modified filter either: a full scan. Books customers (`GET
 *    /contacts`) are read in ONE walk, newest-modified first: every page on a full read (the first
 *    run, the daily full read); on an incremental read the walk stops at the first row older than
 *    the cursor, so k rows modified at or after the cursor cost ⌊k / page⌋ + 1 pages (never more
 *    than the full walk). The cursor is the newest modified time the run before knew of,
 *    including what it wrote itself.
 * 2. **One write per record that must be created or changed on the other side.** A Books customer
 *    is created together with its contact persons in ONE call (`POST /contacts` takes
 *    `contact_persons[]`); a person added to a customer that already exists, a changed record of
 *    any entity, a created FSM company, FSM contact or item is one call each.
 * 3. **The reads no list returns.** Books list rows carry no addresses, so each existing Books
 *    customer whose fields the run needs — a matched pair to compare, a customer to copy to FSM, a
 *    customer (or one of its persons) changed since the cursor — costs one `GET /contacts/{id}`,
 *    whose reply also carries `contact_persons[]`: no persons page is ever in the bound. Customers
 *    the run creates itself need no read (the SDK wrote them), nor do unchanged customers on a full
 *    read (their modified time says so).
 * 4. **The read a person write leaves owing.** A contact person written on its own (`POST`, `PUT`
 *    or `DELETE /contacts/contactpersons…`: a person added to, changed in or removed from a
 *    customer that exists) moves its customer's modified time, and Zoho's reply to it carries no
 *    time — neither the person's (persons have none) nor the customer's. The next list walk shows
 *    the customer's new time, but that time cannot tell the sync's own write from a user's edit of
 *    the same customer made in the same window: the write's moment is known only on the syncer's
 *    clock, within the clock skew (and Zoho's whole seconds) of Zoho's, so any edit from just
 *    before the write to the walk gives the same picture. Taking the customer as unchanged would
 *    lose such an edit for good (nothing moves its time again), so some run must read that
 *    customer once: one `GET /contacts/{id}` per customer that had persons written alone, in the
 *    run after, unless the same run also writes the customer whole (`PUT /contacts`, whose reply
 *    carries the time and `contact_persons[]`). Writing the persons through that `PUT` instead
 *    (the customer with its whole `contact_persons[]`) would return the time, but Zoho deletes
 *    every person the list leaves out — a person a user added meanwhile included — so it is not a
 *    way any correct sync may take, and the bound does not assume it.
 *
 * Nothing else: no plan or token calls (the sandbox's `accounts` calls are left out when comparing),
 * no re-read of a run's own customer writes, no write-back after a create.
 *
 * Keys are the sandbox's call-log endpoints (`sandbox.calls.byEndpoint()`), so a run's calls and
 * its bound line up per endpoint.
 *
 * @example
 * ```ts
 * const bound = lowerBound({ pageSize: 200, read: 'full', rows: { ... }, toBooks: { ... }, toFsm: { ... }, booksCustomersToRead: 280 });
 * for (const row of compareToBound(sandbox.calls.byEndpoint(), bound)) expect(row.actual).toBeLessThanOrEqual(Math.ceil(row.bound * 1.05));
 * ```
 */

/** The formula in words (markdown), for bench/results.md. */
export const BOUND_FORMULA = [
  'Computed from the data set and what the APIs offer (bench/lower-bound.ts), never from what the syncer does. A run costs at least:',
  '',
  '1. **List pages.** FSM Companies, Contacts and Service_And_Parts have no modified-since filter: each is scanned in full, ⌈n/200⌉ pages (at least 1). Books items: a full scan too. Books customers (`GET /contacts`): ONE walk, newest-modified first — every page on a full read (first run, daily full read), ⌊k/200⌋ + 1 pages on an incremental read for the k customers modified at or after the cursor (the newest time the previous run knew of, its own writes included).',
  '2. **One write per record created or changed on the other side.** A Books customer with its contact persons is ONE create (`POST /contacts` takes `contact_persons[]`); a person added to an existing customer, a created FSM company, contact or item, and each changed record are one call each.',
  '3. **The reads no list returns.** One `GET /contacts/{id}` per existing Books business customer whose fields are needed (list rows carry no addresses): matched pairs and customers copied to FSM on the first run, customers edited or with an edited person since the cursor. The detail carries `contact_persons[]`, so no persons page is in the bound; customers the run created itself, and unchanged customers on a full read, need no read.',
  '4. **The read a person write leaves owing.** A contact person written on its own (added to, changed in or removed from an existing customer) moves its customer’s modified time, and Zoho’s reply carries no time. The next walk shows the new time, but it cannot tell the sync’s write from a user’s edit of the same customer in the same window (the write’s moment is known only on the syncer’s clock, within the clock skew and whole seconds of Zoho’s), and taking the customer as unchanged would lose such an edit for good. So the run after costs one `GET /contacts/{id}` per customer that had persons written alone (none when that run also wrote the customer whole: a customer `PUT` returns its time). Sending the persons inside the customer’s `PUT /contacts` would return the time, but Zoho deletes every person that list leaves out (one a user added meanwhile too): not a way a correct sync may take.',
  '',
  'So the settle and no-change runs are bounded by list pages only, and so is the daily full read unless the run before it wrote persons on their own. Simulated time is compared with the floor of the per-minute limits: the largest over the two organisations of (⌈calls/perMinute⌉ − 1) minutes (≈ calls/perMinute); days with the daily cap against ⌈bound’s Books calls / perDay⌉.',
].join('\n');

/** The Zoho page size of every list the sync reads. */
export const PAGE_SIZE = 200;

/** Endpoint keys as `sandbox.calls.byEndpoint()` names them. */
export const ENDPOINTS = {
  fsmCompanies: 'GET fsm /Companies',
  fsmContacts: 'GET fsm /Contacts',
  fsmItems: 'GET fsm /Service_And_Parts',
  booksCustomers: 'GET books /contacts',
  booksItems: 'GET books /items',
  booksCustomerDetail: 'GET books /contacts/{id}',
  booksPersonsPage: 'GET books /contacts/{contact_id}/contactpersons',
  createBooksCustomer: 'POST books /contacts',
  createBooksPerson: 'POST books /contacts/contactpersons',
  createBooksItem: 'POST books /items',
  updateBooksCustomer: 'PUT books /contacts/{id}',
  updateBooksPerson: 'PUT books /contacts/contactpersons/{id}',
  updateBooksItem: 'PUT books /items/{id}',
  createFsmCompany: 'POST fsm /Companies',
  createFsmContact: 'POST fsm /Contacts',
  createFsmItem: 'POST fsm /Service_And_Parts',
  updateFsmCompany: 'PUT fsm /Companies/{id}',
  updateFsmContact: 'PUT fsm /Contacts/{id}',
  updateFsmItem: 'PUT fsm /Service_And_Parts/{id}',
} as const;

/** What a run must write to Books. */
export interface BooksWrites {
  /** Customers to create, each with its persons inline: one call each. */
  customersCreated: number;
  /** Persons to add to customers that exist already. */
  personsAdded: number;
  /** Items to create. */
  itemsCreated: number;
  customersChanged: number;
  personsChanged: number;
  itemsChanged: number;
}

/** What a run must write to FSM. */
export interface FsmWrites {
  companiesCreated: number;
  contactsCreated: number;
  itemsCreated: number;
  companiesChanged: number;
  contactsChanged: number;
  itemsChanged: number;
}

/** The input of {@link lowerBound}: counts of the data set and of the planned changes. */
export interface LowerBoundInput {
  /** Rows per list page. Default {@link PAGE_SIZE}. */
  pageSize?: number;
  /**
   * How the Books customers are read: `'full'` (first run, daily full read: every page), or
   * incrementally, with the number of customers (any kind: the list returns individuals too)
   * modified at or after the cursor.
   */
  read: 'full' | { booksCustomersSinceCursor: number };
  /** Rows each list returns when the run starts. */
  rows: {
    fsm: { companies: number; contacts: number; items: number };
    /** `customers`: every row of `GET /contacts` (business and individual). */
    books: { customers: number; items: number };
  };
  toBooks: BooksWrites;
  toFsm: FsmWrites;
  /** Existing Books customers whose detail the run needs (matched, copied to FSM, changed since the cursor). */
  booksCustomersToRead: number;
}

/** The bound: calls per endpoint (only endpoints with calls) and their sum. */
export interface LowerBound {
  byEndpoint: Record<string, number>;
  total: number;
  /** The same split by the organisation the calls go to. */
  byApp: { fsm: number; books: number };
}

/** No write at all (add to it what a run must write). */
export const NO_BOOKS_WRITES: Readonly<BooksWrites> = Object.freeze({ customersCreated: 0, personsAdded: 0, itemsCreated: 0, customersChanged: 0, personsChanged: 0, itemsChanged: 0 });
/** No write at all (add to it what a run must write). */
export const NO_FSM_WRITES: Readonly<FsmWrites> = Object.freeze({ companiesCreated: 0, contactsCreated: 0, itemsCreated: 0, companiesChanged: 0, contactsChanged: 0, itemsChanged: 0 });

/** Pages of a full scan of `rows` rows: ⌈rows / pageSize⌉, at least one (an empty list still costs its first page). */
export function fullScanPages(rows: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(rows / pageSize));
}

/** Pages of a newest-first walk down to the cursor: ⌊k / pageSize⌋ + 1, never more than the full scan. */
export function walkPages(sinceCursor: number, allRows: number, pageSize = PAGE_SIZE): number {
  return Math.min(fullScanPages(allRows, pageSize), Math.floor(sinceCursor / pageSize) + 1);
}

/** The lower bound of one run. See the module's comment for the formula. */
export function lowerBound(input: LowerBoundInput): LowerBound {
  const page = input.pageSize ?? PAGE_SIZE;
  const { fsm, books } = input.rows;
  const e = ENDPOINTS;
  const raw: Record<string, number> = {
    [e.fsmCompanies]: fullScanPages(fsm.companies, page),
    [e.fsmContacts]: fullScanPages(fsm.contacts, page),
    [e.fsmItems]: fullScanPages(fsm.items, page),
    [e.booksCustomers]: input.read === 'full' ? fullScanPages(books.customers, page) : walkPages(input.read.booksCustomersSinceCursor, books.customers, page),
    [e.booksItems]: fullScanPages(books.items, page),
    [e.booksCustomerDetail]: input.booksCustomersToRead,
    [e.createBooksCustomer]: input.toBooks.customersCreated,
    [e.createBooksPerson]: input.toBooks.personsAdded,
    [e.createBooksItem]: input.toBooks.itemsCreated,
    [e.updateBooksCustomer]: input.toBooks.customersChanged,
    [e.updateBooksPerson]: input.toBooks.personsChanged,
    [e.updateBooksItem]: input.toBooks.itemsChanged,
    [e.createFsmCompany]: input.toFsm.companiesCreated,
    [e.createFsmContact]: input.toFsm.contactsCreated,
    [e.createFsmItem]: input.toFsm.itemsCreated,
    [e.updateFsmCompany]: input.toFsm.companiesChanged,
    [e.updateFsmContact]: input.toFsm.contactsChanged,
    [e.updateFsmItem]: input.toFsm.itemsChanged,
  };
  const byEndpoint: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(raw)) {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`lowerBound: ${endpoint} must be a whole number ≥ 0; got ${String(n)}`);
    if (n > 0) byEndpoint[endpoint] = n;
  }
  const byApp = { fsm: 0, books: 0 };
  for (const [endpoint, n] of Object.entries(byEndpoint)) byApp[appOf(endpoint) === 'fsm' ? 'fsm' : 'books'] += n;
  return { byEndpoint, total: byApp.fsm + byApp.books, byApp };
}

/** `'fsm'`, `'books'`, `'accounts'`… from a `"<METHOD> <app> <endpoint>"` key. */
export function appOf(endpoint: string): string {
  return endpoint.split(' ')[1] ?? '';
}

/** One endpoint of a run against its bound. */
export interface EndpointRow {
  endpoint: string;
  actual: number;
  bound: number;
  /** actual − bound. */
  over: number;
}

/**
 * A run's calls (`sandbox.calls.byEndpoint()`) against its bound, per endpoint: every endpoint of
 * either, the API's own (`accounts`, the token calls) left out; sorted by app, then endpoint.
 */
export function compareToBound(calls: Readonly<Record<string, number>>, bound: LowerBound): EndpointRow[] {
  const endpoints = new Set([...Object.keys(calls), ...Object.keys(bound.byEndpoint)].filter((k) => appOf(k) !== 'accounts'));
  return [...endpoints]
    .map((endpoint) => {
      const actual = calls[endpoint] ?? 0;
      const b = bound.byEndpoint[endpoint] ?? 0;
      return { endpoint, actual, bound: b, over: actual - b };
    })
    .sort((a, b) => sortKey(a.endpoint).localeCompare(sortKey(b.endpoint)));
}

/** `books /contacts GET`: app, then path, then method. */
const sortKey = (endpoint: string) => {
  const [method = '', app = '', path = ''] = endpoint.split(' ');
  return `${app} ${path} ${method}`;
};

/** The sum of a run's calls, the API's own (`accounts`) left out. */
export function totalCalls(calls: Readonly<Record<string, number>>): number {
  return Object.entries(calls).reduce((n, [endpoint, c]) => (appOf(endpoint) === 'accounts' ? n : n + c), 0);
}

/**
 * The shortest time the per-minute limits allow for these calls, in ms. Each organisation is
 * paced on its own, so it is the largest over organisations of the time its calls need: n calls at
 * perMinute a minute start the last one (⌈n / perMinute⌉ − 1) minutes after the first (the first
 * perMinute go at once, then a window's worth each minute) — about n / perMinute minutes for a
 * long run. `callsByOrg` is keyed by organisation (or app, one organisation each).
 */
export function timeFloorMs(callsByOrg: Readonly<Record<string, number>>, perMinute: number): number {
  return Math.max(0, ...Object.values(callsByOrg).map((n) => Math.max(0, Math.ceil(n / perMinute) - 1) * 60_000));
}

/** What the bound needs to know about the pairing of the two sides before a first sync. */
export interface PairingCounts {
  fsmCompanies: number;
  booksBusinessCustomers: number;
  /** Companies and business customers with the same name. */
  matchedCompanies: number;
  /** FSM contacts of FSM-only companies: created inline with their customer. */
  fsmContactsOfUnmatched: number;
  /** FSM contacts of matched companies with no person of that email under the counterpart. */
  fsmContactsMissingInBooks: number;
  /** Books persons of Books-only business customers: each an FSM contact to create. */
  booksPersonsOfUnmatched: number;
  /** Books persons of matched customers with no FSM contact of that email under the counterpart. */
  booksPersonsMissingInFsm: number;
  fsmItems: number;
  booksItems: number;
  matchedItems: number;
  /** Matched pairs whose mapped fields differ, written on the side that is behind (0 when both sides hold the same data). */
  pairsChanged?: { toBooks: Partial<BooksWrites>; toFsm: Partial<FsmWrites> };
}

type Row = Record<string, unknown>;
const keyOf = (value: unknown) => String(value ?? '').trim().toLowerCase();
/** An FSM lookup (`{ id, name }`) or a bare id. */
const idOf = (value: unknown) => (typeof value === 'object' && value !== null ? String((value as { id?: unknown }).id ?? '') : String(value ?? ''));

/** The records of both sides before a first sync, as the APIs return them (e.g. `sandbox.records(org, resource)`). */
export interface SidesRecords {
  fsm: { companies: readonly Row[]; contacts: readonly Row[]; items: readonly Row[] };
  /** `customers`: every Books contact (individuals are left out here: type III syncs business customers); `persons`: every contact person. */
  books: { customers: readonly Row[]; persons: readonly Row[]; items: readonly Row[] };
}

/**
 * How the two sides pair before a first sync, by the keys the sync matches on: company name
 * (`Company_Name` ↔ `contact_name` of a business customer), person email under paired companies,
 * item name. A matched pair needs a write where a mapped field has a value on one side only; the
 * one such field checked is the customer's tax (Books `tax_id` / `tax_exemption_id` ↔ FSM `Tax`),
 * which the sandbox's Books customers carry and its FSM companies do not. Every other mapped field
 * of a pair is assumed equal (both sides' records are generated from the same customer or
 * product); for other data, set `pairsChanged` yourself.
 */
export function pairingOf(records: SidesRecords): PairingCounts {
  const { fsm, books } = records;
  const business = books.customers.filter((c) => c.customer_sub_type !== 'individual');
  const booksByName = new Map(business.map((c) => [keyOf(c.contact_name), String(c.contact_id)]));
  const fsmByName = new Map(fsm.companies.map((c) => [keyOf(c.Company_Name), String(c.id)]));
  const counterpartInBooks = new Map<string, string>();
  for (const c of fsm.companies) {
    const other = booksByName.get(keyOf(c.Company_Name));
    if (other !== undefined) counterpartInBooks.set(String(c.id), other);
  }
  const counterpartInFsm = new Map<string, string>();
  for (const c of business) {
    const other = fsmByName.get(keyOf(c.contact_name));
    if (other !== undefined) counterpartInFsm.set(String(c.contact_id), other);
  }
  const group = (rows: readonly Row[], parentOf: (r: Row) => string, key: (r: Row) => string) => {
    const by = new Map<string, Set<string>>();
    for (const r of rows) {
      const parent = parentOf(r);
      if (parent === '') continue;
      let set = by.get(parent);
      if (!set) by.set(parent, (set = new Set()));
      set.add(key(r));
    }
    return by;
  };
  const businessIds = new Set(business.map((c) => String(c.contact_id)));
  // Contacts without a company (individuals) are not synced under type III.
  const fsmContacts = group(fsm.contacts, (r) => idOf(r.Company), (r) => keyOf(r.Email));
  const booksPersons = group(books.persons.filter((p) => businessIds.has(String(p.contact_id))), (r) => String(r.contact_id), (r) => keyOf(r.email));
  let fsmContactsOfUnmatched = 0;
  let fsmContactsMissingInBooks = 0;
  for (const [company, emails] of fsmContacts) {
    const other = counterpartInBooks.get(company);
    if (other === undefined) fsmContactsOfUnmatched += emails.size;
    else fsmContactsMissingInBooks += [...emails].filter((e) => !(booksPersons.get(other)?.has(e) ?? false)).length;
  }
  let booksPersonsOfUnmatched = 0;
  let booksPersonsMissingInFsm = 0;
  for (const [customer, emails] of booksPersons) {
    const other = counterpartInFsm.get(customer);
    if (other === undefined) booksPersonsOfUnmatched += emails.size;
    else booksPersonsMissingInFsm += [...emails].filter((e) => !(fsmContacts.get(other)?.has(e) ?? false)).length;
  }
  const booksItemNames = new Set(books.items.map((i) => keyOf(i.name)));
  const taxOf = (value: unknown) => (typeof value === 'object' && value !== null ? Object.values(value).some((v) => v !== undefined && v !== null && v !== '' && typeof v !== 'boolean') : false);
  const fsmById = new Map(fsm.companies.map((c) => [String(c.id), c]));
  let taxToFsm = 0;
  let taxToBooks = 0;
  for (const c of business) {
    const other = fsmById.get(counterpartInFsm.get(String(c.contact_id)) ?? '');
    if (!other) continue;
    const booksHasTax = [c.tax_id, c.tax_exemption_id].some((v) => v !== undefined && v !== null && v !== '');
    if (booksHasTax && !taxOf(other.Tax)) taxToFsm += 1;
    else if (!booksHasTax && taxOf(other.Tax)) taxToBooks += 1;
  }
  return {
    fsmCompanies: fsm.companies.length,
    booksBusinessCustomers: business.length,
    matchedCompanies: counterpartInBooks.size,
    fsmContactsOfUnmatched,
    fsmContactsMissingInBooks,
    booksPersonsOfUnmatched,
    booksPersonsMissingInFsm,
    fsmItems: fsm.items.length,
    booksItems: books.items.length,
    matchedItems: fsm.items.filter((i) => booksItemNames.has(keyOf(i.Name))).length,
    pairsChanged: { toBooks: { customersChanged: taxToBooks }, toFsm: { companiesChanged: taxToFsm } },
  };
}

/**
 * Books customers (`last_modified_time` parsed by `timeOf`) modified at or after `cursorMs`: the
 * k of an incremental walk. The cursor is the newest time of the customers after the previous run.
 */
export function customersSince(customers: readonly Row[], cursorMs: number, timeOf: (text: string) => number | undefined): number {
  return customers.filter((c) => (timeOf(String(c.last_modified_time)) ?? 0) >= cursorMs).length;
}

/**
 * The writes and detail reads of a first sync: every unmatched record created on the other side
 * (a customer with its persons in one call), a missing person added to a matched customer, and
 * the detail of every existing business customer (matched ones to compare, the others to copy).
 */
export function firstSyncNeeds(p: PairingCounts): Pick<LowerBoundInput, 'toBooks' | 'toFsm' | 'booksCustomersToRead'> {
  const toBooks: BooksWrites = {
    ...NO_BOOKS_WRITES,
    customersCreated: p.fsmCompanies - p.matchedCompanies,
    personsAdded: p.fsmContactsMissingInBooks,
    itemsCreated: p.fsmItems - p.matchedItems,
    ...p.pairsChanged?.toBooks,
  };
  const toFsm: FsmWrites = {
    ...NO_FSM_WRITES,
    companiesCreated: p.booksBusinessCustomers - p.matchedCompanies,
    contactsCreated: p.booksPersonsOfUnmatched + p.booksPersonsMissingInFsm,
    itemsCreated: p.booksItems - p.matchedItems,
    ...p.pairsChanged?.toFsm,
  };
  return { toBooks, toFsm, booksCustomersToRead: p.booksBusinessCustomers };
}

/** Records edited on each side since the last run, each on a pair edited on one side only. */
export interface EditCounts {
  fsm: { companies: number; contacts: number; items: number };
  books: { customers: number; persons: number; items: number };
  /** Distinct Books customers edited or with an edited person (each needs one detail read). */
  booksCustomersTouched: number;
}

/** The writes and detail reads of an incremental run: each edit carried across with one write. */
export function editNeeds(edits: EditCounts): Pick<LowerBoundInput, 'toBooks' | 'toFsm' | 'booksCustomersToRead'> {
  return {
    toBooks: { ...NO_BOOKS_WRITES, customersChanged: edits.fsm.companies, personsChanged: edits.fsm.contacts, itemsChanged: edits.fsm.items },
    toFsm: { ...NO_FSM_WRITES, companiesChanged: edits.books.customers, contactsChanged: edits.books.persons, itemsChanged: edits.books.items },
    booksCustomersToRead: edits.booksCustomersTouched,
  };
}

/**
 * A run with nothing to carry (settle, no change, daily full read): list pages only — plus, in the
 * run after one that wrote contact persons on their own, one customer read per customer they
 * belong to (`customersWithPersonWrites`: distinct existing customers that had a person added,
 * changed or removed alone and were not also written whole; see the formula's point 4).
 */
export function noChangeNeeds(customersWithPersonWrites = 0): Pick<LowerBoundInput, 'toBooks' | 'toFsm' | 'booksCustomersToRead'> {
  if (!(Number.isInteger(customersWithPersonWrites) && customersWithPersonWrites >= 0)) throw new RangeError(`noChangeNeeds: customersWithPersonWrites must be a whole number ≥ 0; got ${String(customersWithPersonWrites)}`);
  return { toBooks: { ...NO_BOOKS_WRITES }, toFsm: { ...NO_FSM_WRITES }, booksCustomersToRead: customersWithPersonWrites };
}
