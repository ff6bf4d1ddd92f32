/**
 * Benchmark of the two-way sync on the in-process sandbox: an initial sync of N records per entity
 * (companies, contacts as contact persons under sync type III, items), a run with no change, then
 * an incremental run after 1 % of the records of each entity on each side were edited (as a person
 * in the Zoho UI would, through `sandbox.edit`). Prints time, records/s, API calls against each
 * run's lower bound, and peak heap and RSS; hands the headline figures to bench/run.ts.
 *
 *   node --expose-gc --import tsx bench/sync.ts            # N = 10000
 *   BENCH_RECORDS=2000 node --expose-gc --import tsx bench/sync.ts
 *   BENCH_RECORDS=50000 node --expose-gc --max-old-space-size=4096 --import tsx bench/sync.ts
 *
 * Time runs on a ManualClock (autoAdvance): rate limits and back-offs cost no real time; what is
 * measured is the SDK's own work plus the sandbox's.
 */
import { createKyTransport, IntegrationClient, ManualClock, MemoryStorage } from '../src/index.js';
import { FieldMapper } from '../src/mapping/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';
import { timeOf } from '../src/sync/conflict-policies.js';
import { applyEdits, planEdits } from './sync-edits.js';
import { formatNumber, recordFigure } from './report.js';

const N = Number(process.env.BENCH_RECORDS ?? 10_000);
const PAGE = 200;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));

let peak = 0;
let peakRss = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peak = Math.max(peak, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
};
const gc = (globalThis as { gc?: () => void }).gc;
const sampler = setInterval(sample, 20);

const clock = new ManualClock({ autoAdvance: true });
const setupStart = performance.now();
// Books holds the second half of FSM's customers and items plus as many of its own: half of each
// side pairs by name or email on the first run, the rest is created on the other side.
const sandbox = createSandbox({
  seed: 42,
  clock,
  // Zoho's daily caps would stop 50 000 calls; the client paces itself under the per-minute limit.
  limits: { perDay: false },
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
  // The client's default pacing (100 calls a minute per organisation, on the ManualClock): Zoho's
  // timestamps then spread as in production instead of all falling in one frozen second.
  clock,
  // The ultimate plan's pace, named so nothing is read; no daily cap, as the sandbox's is off.
  limits: { plan: 'ultimate', perDay: false },
});
const storage = new MemoryStorage();
const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
const syncer = new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), clock });
const count = (org: string, resource: 'Companies' | 'Contacts' | 'Service_And_Parts' | 'contacts' | 'contactpersons' | 'items') => sandbox.records(org, resource).length;
const sandboxIndividuals = sandbox.records(books, 'contacts').filter((c) => c.customer_sub_type === 'individual').length;
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

// The incremental run: 1 % of each entity on each side edited, FSM and Books edits on different
// pairs (a pair edited on both sides is a conflict, not the case measured here).
const businessBefore = sandbox.records(books, 'contacts').filter((c) => c.customer_sub_type !== 'individual');
const cursorMs = Math.max(...businessBefore.map((c) => timeOf(String(c.last_modified_time)) ?? 0));
const edits = planEdits(sandbox, { fsm: fsmOrg, books }, 0.01);
applyEdits(sandbox, { fsm: fsmOrg, books }, edits);
// Books customers the two customer walks must read (newest-modified first, down to the cursor's
// second inclusive): those modified at or after the cursor once the edits are made (the edited
// customers, the parents of edited persons, the cursor's second)…
const walkedByCompanies = new Set(sandbox.records(books, 'contacts')
  .filter((c) => (timeOf(String(c.last_modified_time)) ?? 0) >= cursorMs)
  .map((c) => String(c.contact_id)));
// …and, for the contact-persons unit, which runs after the companies unit, also the customers
// that unit updated from the edited FSM companies.
const walkedByPersons = new Set([...walkedByCompanies, ...edits.booksCounterpartsOfFsmCompanies]);
const businessIds = new Set(businessBefore.map((c) => String(c.contact_id)));
const incremental = await timed('incremental');
clearInterval(sampler);

// The lower bound of a run: every list page it must read, once — FSM's three modules (no
// modified-since filter: full scans), Books customers walked by modified time by the companies and
// the contact-persons units, each business customer's persons page (Books lists persons per
// customer), items (no modified-since filter) —, one detail read per Books customer whose fields
// are needed (list rows carry no addresses: matched pairs and customers created in FSM), and one
// write per record created or updated.
const sum = (r: SyncReport, key: 'created' | 'updated' | 'deleted' | 'deactivated') => r.toFinance[key] + r.toFsm[key];
const writes = (r: SyncReport) => sum(r, 'created') + sum(r, 'updated') + sum(r, 'deleted') + sum(r, 'deactivated');
const companiesOf = (r: SyncReport) => r.entities.find((e) => e.module === 'companies');
const booksAllCustomers = before.books.customers + sandboxIndividuals;
const createdInBooks = companiesOf(initial.report)?.toFinance.created ?? 0;
const initialBound = pages(before.fsm.companies) + pages(before.fsm.contacts) + pages(before.fsm.items)
  + pages(booksAllCustomers) + pages(booksAllCustomers + createdInBooks)
  + (before.books.customers + createdInBooks)
  + pages(before.books.items)
  + (companiesOf(initial.report)?.matched ?? 0) + (companiesOf(initial.report)?.toFsm.created ?? 0)
  + writes(initial.report);
// A run with no change: the full FSM scans, one page of each Books customer walk, the items scan,
// and the persons page of each business customer modified in the cursor's second (Zoho's times
// have whole seconds, so that second is read again: a change made in it is never missed).
// (Counted on the Books customers as the no-change run left them, before the incremental edits.)
const newest = businessBefore.map((c) => String(c.last_modified_time)).sort().at(-1);
const boundary = businessBefore.filter((c) => String(c.last_modified_time) === newest).length;
const quietBound = pages(count(fsmOrg, 'Companies')) + pages(count(fsmOrg, 'Contacts')) + pages(count(fsmOrg, 'Service_And_Parts'))
  + 2 + pages(count(books, 'items')) + boundary;

// An incremental run: the same full scans (FSM and Books items), each customer walk down to the
// cursor (a walk stops on the first older row, so k rows cost ⌊k/200⌋ + 1 pages), the persons page
// of each business customer the persons walk meets, one detail read per Books customer whose
// modified time moved (edited, or a person of it edited: the list row cannot tell which), and one
// write per edited record.
const allCustomers = sandbox.records(books, 'contacts').length;
const walkPages = (rows: number) => Math.min(pages(allCustomers), Math.floor(rows / PAGE) + 1);
const detailReads = new Set([...edits.booksCustomers, ...edits.booksPersonParents]).size;
const incrementalBound = pages(count(fsmOrg, 'Companies')) + pages(count(fsmOrg, 'Contacts')) + pages(count(fsmOrg, 'Service_And_Parts'))
  + pages(count(books, 'items'))
  + walkPages(walkedByCompanies.size) + walkPages(walkedByPersons.size)
  + [...walkedByPersons].filter((id) => businessIds.has(id)).length
  + detailReads
  + edits.total;

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const records = before.fsm.companies + before.fsm.contacts + before.fsm.items + before.books.customers + before.books.persons + before.books.items;
const print = (line: string) => process.stdout.write(`${line}\n`);
const row = (label: string, value: string | number) => print(`${label.padEnd(44)} ${String(value)}`);
const within = (actual: number, bound: number) => `${formatNumber(actual)} vs ${formatNumber(bound)} (${((actual / bound - 1) * 100).toFixed(1)} % over)`;
const perSecond = (ms: number, of = records) => Math.round(of / (ms / 1000));
// After the initial sync each side holds every record of both: the incremental run looks at all of them.
const recordsNow = count(fsmOrg, 'Companies') + count(fsmOrg, 'Contacts') + count(fsmOrg, 'Service_And_Parts') + allCustomers + count(books, 'contactpersons') + count(books, 'items');
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

print(`\nBidirectionalSyncer on the in-process sandbox — N = ${N} (sync type III, edition us)\n`);
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
row('  of which persons pages of the newest second', boundary);
row('incremental: records edited (FSM / Books)', `${edits.total} (${edits.fsmTotal} / ${edits.total - edits.fsmTotal}): ${edits.summary}`);
row('incremental: time', `${(incremental.ms / 1000).toFixed(2)} s`);
row('incremental: records/s (whole data set)', `${perSecond(incremental.ms, recordsNow)} (${recordsNow} records)`);
row('incremental: writes (edits to carry)', `${writes(incremental.report)} (${edits.total})`);
row('incremental: conflicts / failures', `${incremental.report.conflicts.total} / ${incremental.report.failures.length}`);
row('incremental: API calls vs lower bound', within(total(incremental.calls), incrementalBound));
row('  customers walked (companies / persons unit)', `${walkedByCompanies.size} / ${walkedByPersons.size}`);
row('  Books detail reads in the bound', detailReads);
row('peak heap used / peak RSS', `${mb(peak)} MB / ${mb(peakRss)} MB`);
if (gc) {
  gc();
  row('heap after the runs (sandbox + MemoryStorage)', `${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB`);
}
print(`\ninitial calls by endpoint: ${JSON.stringify(initial.calls)}`);
print(`no-change calls by endpoint: ${JSON.stringify(quiet.calls)}`);
print(`incremental calls by endpoint: ${JSON.stringify(incremental.calls)}`);

const n = formatNumber(N);
recordFigure({ label: `N=${n}: initial sync`, value: initial.ms / 1000, unit: 's', digits: 1 });
recordFigure({ label: 'initial sync', value: perSecond(initial.ms), unit: 'records/s' });
recordFigure({ label: 'initial sync: API calls vs lower bound', value: within(total(initial.calls), initialBound) });
recordFigure({ label: 'incremental (1 % edited)', value: incremental.ms / 1000, unit: 's', digits: 2 });
recordFigure({ label: 'incremental (whole data set)', value: perSecond(incremental.ms, recordsNow), unit: 'records/s' });
recordFigure({ label: 'incremental: API calls vs lower bound', value: within(total(incremental.calls), incrementalBound) });
recordFigure({ label: 'no-change run', value: quiet.ms / 1000, unit: 's', digits: 2 });
recordFigure({ label: 'no-change: API calls vs lower bound', value: within(total(quiet.calls), quietBound) });
recordFigure({ label: 'peak RSS', value: mb(peakRss), unit: 'MB' });
recordFigure({ label: 'peak heap used', value: mb(peak), unit: 'MB' });
