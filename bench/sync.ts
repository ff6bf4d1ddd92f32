/**
 * Benchmark of the two-way sync on the in-process sandbox: an initial sync of N records per entity
 * (companies, contacts as contact persons under sync type III, items), then a run with no
 * change. Prints time, records/s, API calls against the lower bound, and peak memory.
 *
 *   node --import tsx bench/sync.ts            # N = 10000
 *   BENCH_RECORDS=2000 node --import tsx bench/sync.ts
 *
 * Time runs on a ManualClock (autoAdvance): rate limits and back-offs cost no real time; what is
 * measured is the SDK's own work plus the sandbox's.
 */
import { createKyTransport, IntegrationClient, ManualClock, MemoryStorage } from '../src/index.js';
import { FieldMapper } from '../src/mapping/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';

const N = Number(process.env.BENCH_RECORDS ?? 10_000);
const PAGE = 200;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
const sampler = setInterval(sample, 20);

const clock = new ManualClock({ autoAdvance: true });
const setupStart = performance.now();
// Books holds the second half of FSM's customers and items plus as many of its own: half of each
// side pairs by name or email on the first run, the rest is created on the other side.
const sandbox = createSandbox({
  seed: 42,
  clock,
  limits: { perDay: false, perMinute: false, concurrency: false },
  users: [{
    email: 'bench@example.com',
    region: 'us',
    books: [{ edition: 'us', plan: 'ultimate', records: { customers: N, items: N, offset: Math.floor(N / 2) } }],
    fsm: { edition: 'us', records: { customers: N, items: N } },
  }],
});
const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const fsmOrg = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
const { clientId, clientSecret, refreshToken } = sandbox.credentials();
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId: books },
  auth: { clientId, clientSecret, refreshToken },
  transport: createKyTransport({ fetch: sandbox.fetch }),
  clock,
  limits: { perMinute: 1_000_000, concurrency: 10 },
});
const storage = new MemoryStorage();
const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
const syncer = new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), clock });
const count = (org: string, resource: 'Companies' | 'Contacts' | 'Service_And_Parts' | 'contacts' | 'contactpersons' | 'items') => sandbox.records(org, resource).length;
const before = {
  fsm: { companies: count(fsmOrg, 'Companies'), contacts: count(fsmOrg, 'Contacts'), items: count(fsmOrg, 'Service_And_Parts') },
  books: { customers: sandbox.records(books, 'contacts').filter((c) => c.customer_sub_type !== 'individual').length, persons: count(books, 'contactpersons'), items: count(books, 'items') },
};
const setupMs = performance.now() - setupStart;

async function timed(label: string): Promise<{ report: SyncReport; ms: number; calls: Record<string, number> }> {
  sandbox.calls.reset();
  const start = performance.now();
  const report = await syncer.run();
  const ms = performance.now() - start;
  sample();
  const calls: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(sandbox.calls.byEndpoint())) if (!endpoint.includes('accounts')) calls[endpoint] = n;
  if (report.failures.length > 0) console.error(label, 'failures:', report.failures.map((f) => `${f.reason} ×${f.count}`).join(', '));
  return { report, ms, calls };
}

const initial = await timed('initial');
// The run after an initial sync sees the sync's own writes (newer modified times) once: they
// compare equal to the stored bases and cause no write. The run after that is a true no-change run.
const settle = await timed('settle');
const quiet = await timed('no-change');
clearInterval(sampler);

// The lower bound of an initial sync: every list page once (FSM modules; Books customers walked
// once per unit that reads them, their persons once per business customer, items), one detail read
// per Books customer whose data is needed (list rows carry no addresses), and one write per record
// created or updated.
const sum = (r: SyncReport, key: 'created' | 'updated' | 'deleted' | 'deactivated') => r.toFinance[key] + r.toFsm[key];
const writes = (r: SyncReport) => sum(r, 'created') + sum(r, 'updated') + sum(r, 'deleted') + sum(r, 'deactivated');
const bookCustomers = before.books.customers;
const listPages = (r: SyncReport) => {
  const after = { companies: count(fsmOrg, 'Companies'), contacts: count(fsmOrg, 'Contacts'), items: count(fsmOrg, 'Service_And_Parts') };
  void r;
  return pages(after.companies) + pages(after.contacts) + pages(after.items) // FSM scans
    + 2 * pages(sandbox.records(books, 'contacts').length) // Books customers walked by companies and persons
    + pages(before.books.items); // Books items
};
const detailReads = (r: SyncReport) => {
  const companies = r.entities.find((e) => e.module === 'companies');
  return (companies?.matched ?? 0) + (companies?.toFsm.created ?? 0);
};
const initialBound = pages(before.fsm.companies) + pages(before.fsm.contacts) + pages(before.fsm.items) + 2 * pages(bookCustomers) + pages(before.books.items)
  + bookCustomers /* persons list per business customer */ + detailReads(initial.report) + writes(initial.report);
const quietBound = listPages(quiet.report);

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const records = before.fsm.companies + before.fsm.contacts + before.fsm.items + before.books.customers + before.books.persons + before.books.items;
const row = (label: string, value: string | number) => console.log(`${label.padEnd(44)} ${String(value)}`);
const within = (actual: number, bound: number) => `${actual} vs ${bound} (${((actual / bound - 1) * 100).toFixed(1)} % over)`;

console.log(`\nBidirectionalSyncer on the in-process sandbox — N = ${N} (sync type III, edition us)\n`);
row('FSM companies / contacts / services', `${before.fsm.companies} / ${before.fsm.contacts} / ${before.fsm.items}`);
row('Books business customers / persons / items', `${before.books.customers} / ${before.books.persons} / ${before.books.items}`);
row('sandbox setup', `${(setupMs / 1000).toFixed(1)} s`);
row('initial sync: time', `${(initial.ms / 1000).toFixed(1)} s`);
row('initial sync: records/s', Math.round(records / (initial.ms / 1000)));
row('initial sync: created / updated / matched', `${sum(initial.report, 'created')} / ${sum(initial.report, 'updated')} / ${initial.report.entities.reduce((n, e) => n + e.matched, 0)}`);
row('initial sync: API calls vs lower bound', within(total(initial.calls), initialBound));
row('second run (own writes seen once): time', `${(settle.ms / 1000).toFixed(2)} s`);
row('second run: writes / API calls', `${writes(settle.report)} / ${total(settle.calls)}`);
row('no-change run: time', `${(quiet.ms / 1000).toFixed(2)} s`);
row('no-change run: writes', writes(quiet.report));
row('no-change run: API calls vs list pages', within(total(quiet.calls), quietBound));
row('peak heap', `${Math.round(peak / 1024 / 1024)} MB`);
console.log('\ninitial calls by endpoint:', initial.calls);
console.log('no-change calls by endpoint:', quiet.calls);
