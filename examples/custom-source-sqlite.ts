/**
 * Your own field-service database as one side of the two-way sync. Most users' "FSM" is their own
 * backend: here a SQLite schema of customers and products, wrapped in a RecordSource of ~60
 * lines, kept in sync with Zoho Books (the sandbox) by the BidirectionalSyncer.
 *
 * The source speaks the FSM field names the mapping uses (Company_Name, Billing_Address.City,
 * Unit_Price, ...) and translates them to its own columns. Every write bumps a revision number,
 * which is the change cursor; deletes are soft, so they come back as tombstones.
 *
 *   node --import tsx examples/custom-source-sqlite.ts
 */
import Database from 'better-sqlite3';
import { createFetchTransport, FieldMapper, IntegrationClient, ManualClock, MemoryStorage } from '../src/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, type RecordSource, type SourceRecord, type SyncCollection, zohoFinanceSource } from '../src/sync/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

// ---- your database -------------------------------------------------------------------------
const db = new Database(':memory:');
db.exec(`
  create table customers (id integer primary key, name text not null, email text, phone text, street text, city text,
                          rev integer not null, updated_at text not null, deleted integer not null default 0);
  create table products  (id integer primary key, name text not null, price real not null, kind text not null, description text,
                          rev integer not null, updated_at text not null, deleted integer not null default 0);
`);
let revision = 0;
const stamp = () => ({ rev: ++revision, updated_at: new Date().toISOString() });
const insertCustomer = db.prepare('insert into customers (name, email, phone, street, city, rev, updated_at) values (@name, @email, @phone, @street, @city, @rev, @updated_at)');
insertCustomer.run({ name: 'Harbour Plumbing', email: 'ops@harbour.example', phone: '+1-555-0101', street: '1 Quay St', city: 'Portsmouth', ...stamp() });
insertCustomer.run({ name: 'Ridge Solar', email: 'hello@ridge.example', phone: '+1-555-0102', street: '9 Hill Rd', city: 'Boulder', ...stamp() });
db.prepare('insert into products (name, price, kind, description, rev, updated_at) values (?, ?, ?, ?, ?, ?)').run('Boiler service', 120, 'Service', 'Annual boiler check', ...Object.values(stamp()));

// ---- the RecordSource over it ---------------------------------------------------------------
type Row = Record<string, unknown> & { id: number; rev: number; updated_at: string; deleted: number };
const TABLE = { companies: 'customers', items: 'products' } as const;
const table = (collection: SyncCollection) => (collection === 'items' ? TABLE.items : TABLE.companies);

/** A row as FSM-named fields. */
function toRecord(collection: SyncCollection, row: Row): SourceRecord {
  const data = collection === 'items'
    ? { Name: row.name, Unit_Price: row.price, Type: row.kind, Description: row.description }
    : { Company_Name: row.name, Email: row.email, Phone: row.phone, Billing_Address: { Street_1: row.street, City: row.city } };
  return { id: String(row.id), data, modifiedTime: row.updated_at };
}

/** FSM-named fields as column values (only the fields given). */
function toColumns(collection: SyncCollection, data: Record<string, unknown>): Record<string, unknown> {
  const address = (data.Billing_Address ?? {}) as Record<string, unknown>;
  const columns: Record<string, unknown> = collection === 'items'
    ? { name: data.Name, price: data.Unit_Price, kind: data.Type, description: data.Description }
    : { name: data.Company_Name, email: data.Email, phone: data.Phone, street: address.Street_1, city: address.City };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

const byId = (collection: SyncCollection, id: string) => db.prepare(`select * from ${table(collection)} where id = ?`).get(id) as Row | undefined;

const mySource: RecordSource = {
  id: 'my-fsm-db',
  capabilities: (collection) =>
    collection === 'companies' ? { changeFeed: 'cursor', tombstones: true, deactivate: false, delete: true, requiredOnCreate: ['Company_Name'], matchField: 'Company_Name' }
    : collection === 'items' ? { changeFeed: 'cursor', tombstones: true, deactivate: false, delete: true, requiredOnCreate: ['Name', 'Unit_Price', 'Type'], matchField: 'Name' }
    : undefined,
  async *read(collection, { since }) {
    const rows = db.prepare(`select * from ${table(collection)} where rev > ? order by rev`).all(Number(since ?? 0)) as Row[];
    yield {
      records: rows.filter((r) => !r.deleted).map((r) => toRecord(collection, r)),
      deleted: rows.filter((r) => r.deleted).map((r) => String(r.id)),
      cursor: String(Math.max(Number(since ?? 0), ...rows.map((r) => r.rev))),
      complete: since === undefined,
    };
  },
  async get(collection, id) {
    const row = byId(collection, id);
    return row && !row.deleted ? toRecord(collection, row) : undefined;
  },
  async create(collection, data) {
    const columns = { ...toColumns(collection, data), ...stamp() };
    const names = Object.keys(columns);
    const { lastInsertRowid } = db.prepare(`insert into ${table(collection)} (${names.join(', ')}) values (${names.map((n) => `@${n}`).join(', ')})`).run(columns);
    // Returning the stored record tells the syncer exactly what was kept (fields this schema lacks are not).
    const stored = toRecord(collection, byId(collection, String(lastInsertRowid)) as Row);
    return { id: stored.id, data: stored.data, modifiedTime: stored.modifiedTime };
  },
  async update(collection, id, patch) {
    const columns = { ...toColumns(collection, patch), ...stamp() };
    db.prepare(`update ${table(collection)} set ${Object.keys(columns).map((n) => `${n} = @${n}`).join(', ')} where id = @id`).run({ ...columns, id });
    const stored = toRecord(collection, byId(collection, id) as Row);
    return { id, data: stored.data, modifiedTime: stored.modifiedTime };
  },
  async deactivate() {
    throw new Error('this schema has no inactive state');
  },
  async delete(collection, id) {
    db.prepare(`update ${table(collection)} set deleted = 1, rev = @rev, updated_at = @updated_at where id = @id`).run({ id, ...stamp() });
  },
  async findByKey(collection, value) {
    const rows = db.prepare(`select * from ${table(collection)} where lower(name) = lower(?) and deleted = 0`).all(value) as Row[];
    return rows.map((r) => toRecord(collection, r));
  },
};

// ---- Zoho Books (the sandbox) and the syncer -------------------------------------------------
const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({ seed: 9, clock, users: [{ email: 'me@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 3, items: 2 } }], fsm: false }] });
const booksId = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const { clientId, clientSecret, refreshToken } = sandbox.credentials();
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId: booksId },
  auth: { clientId, clientSecret, refreshToken },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
});
const storage = new MemoryStorage();
const mapper = new FieldMapper({ storage, syncType: 'I', edition: 'us' });
const syncer = new BidirectionalSyncer({ storage, mapper, fsm: mySource, finance: zohoFinanceSource(client), clock, entities: ['companies', 'items'] });

const summary = async (label: string) => {
  const report = await syncer.run();
  say(`${label}: to Books ${report.toFinance.created} created / ${report.toFinance.updated} updated; ` +
    `to my DB ${report.toFsm.created} created / ${report.toFsm.updated} updated; failures ${report.failures.length}`);
  if (report.failures.length > 0) throw new Error(report.failures.map((f) => f.records[0]?.message).join('; '));
  return report;
};

await summary('first run');
const customers = db.prepare('select name, city from customers where deleted = 0 order by name').all() as Array<{ name: string; city: string }>;
say(`my DB now has ${customers.length} customers: ${customers.map((c) => c.name).join(', ')}`);

// Someone edits in each system.
db.prepare('update customers set city = ?, rev = ?, updated_at = ? where name = ?').run('Southsea', ...Object.values(stamp()), 'Harbour Plumbing');
const ridgeInBooks = sandbox.records(booksId, 'contacts').find((c) => c.contact_name === 'Ridge Solar');
if (!ridgeInBooks) throw new Error('Ridge Solar should be in Books after the first run');
sandbox.edit(booksId, 'contacts', String(ridgeInBooks.contact_id), { billing_address: { city: 'Golden' } });
await summary('after edits on both sides');

const books = sandbox.records(booksId, 'contacts').find((c) => c.contact_name === 'Harbour Plumbing');
const ridge = db.prepare('select city from customers where name = ?').get('Ridge Solar') as { city: string };
say(`Books has Harbour Plumbing in ${(books?.billing_address as { city?: string } | undefined)?.city}; my DB has Ridge Solar in ${ridge.city}`);
if ((books?.billing_address as { city?: string } | undefined)?.city !== 'Southsea' || ridge.city !== 'Golden') throw new Error('the edits did not cross over');

const quietRun = await summary('a run with nothing new');
if (quietRun.toFinance.updated + quietRun.toFsm.updated + quietRun.toFinance.created + quietRun.toFsm.created !== 0) throw new Error('a run with no change wrote something');
db.close();
