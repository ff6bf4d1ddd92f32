/**
 * Benchmark of the two-way sync on the in-process sandbox, with Zoho's daily cap on: an initial
 * sync of N records per entity (companies, contacts as contact persons under sync type III,
 * items), the run right after it (settle), a run with no change, an incremental run after 1 % of
 * the records of each entity on each side were edited (as a person in the Zoho UI would, through
 * `sandbox.edit`), and the daily full read (the clock moved past 24 h). Each run's API calls are
 * compared, per endpoint, with the honest lower bound of bench/lower-bound.ts (derived from the
 * data set and the API, not from the syncer); its simulated time with the floor the per-minute
 * limits allow; peak RSS is given per phase. Hands the headline figures to bench/run.ts.
 *
 *   node --expose-gc --import tsx bench/sync.ts            # N = 10000
 *   BENCH_RECORDS=2000 node --expose-gc --import tsx bench/sync.ts
 *   BENCH_PLAN=free BENCH_RECORDS=400 …                    # a smaller daily cap (1,000): runs span days
 *   BENCH_DAILY_CAP=off …                                  # no daily cap (the figures before issue 17)
 *
 * Time runs on a ManualClock (autoAdvance): rate limits cost no real time. A run that reaches the
 * daily cap stops (`report.stopped === 'daily-limit'`); the bench moves the clock to `resumeAt` and
 * runs again until the run completes, and reports over how many days it took — or, after
 * BENCH_MAX_DAYS days (default 7) still stopped, that it did not finish (a run whose every resume
 * spends the day's budget re-reading what it read the day before never does).
 */
import { createFetchTransport, IntegrationClient, ManualClock, MemoryStorage } from '../src/index.js';
import { FieldMapper } from '../src/mapping/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';
import { timeOf } from '../src/sync/merge/conflict-policies.js';
import type { ZohoPlan } from '../src/transport/plan-limits.js';
import {
  appOf, compareToBound, customersSince, editNeeds, firstSyncNeeds, lowerBound, noChangeNeeds, PAGE_SIZE, pairingOf, timeFloorMs, totalCalls,
  type LowerBound, type LowerBoundInput, type PairingCounts,
} from './lower-bound.js';
import { applyEdits, planEdits } from './sync-edits.js';
import { formatNumber, formatTable, recordFigure } from './report.js';

const N = Number(process.env.BENCH_RECORDS ?? 10_000);
const PLAN = (process.env.BENCH_PLAN ?? 'ultimate') as ZohoPlan;
const DAILY_CAP = process.env.BENCH_DAILY_CAP !== 'off';
const DAY = 86_400_000;
/** A run still stopped by the daily cap after this many days is reported as not finished. */
const MAX_DAYS = Number(process.env.BENCH_MAX_DAYS ?? 7);

// Peak RSS and heap, per phase (reset when a phase starts) and over the whole bench.
const peaks = { rss: 0, heap: 0, allRss: 0, allHeap: 0 };
const sample = () => {
  const usage = process.memoryUsage();
  peaks.rss = Math.max(peaks.rss, usage.rss);
  peaks.heap = Math.max(peaks.heap, usage.heapUsed);
  peaks.allRss = Math.max(peaks.allRss, usage.rss);
  peaks.allHeap = Math.max(peaks.allHeap, usage.heapUsed);
};
const gc = (globalThis as { gc?: () => void }).gc;
const sampler = setInterval(sample, 20);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * The sandbox (the same seeded data each time) and what a syncer process over it needs. `syncer()`
 * makes a new process: its own client and sources over the same sandbox and storage.
 */
function makeWorld() {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({
    seed: 42,
    clock,
    ...(DAILY_CAP ? {} : { limits: { perDay: false as const } }),
    users: [{
      email: 'bench@example.com',
      region: 'us',
      books: [{ edition: 'us', plan: PLAN, records: { customers: N, items: N, offset: Math.floor(N / 2) } }],
      fsm: { edition: 'us', records: { customers: N, items: N } },
    }],
  });
  const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
  const fsmOrg = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
  const { clientId, clientSecret, refreshToken } = sandbox.credentials();
  const clientStorage = new MemoryStorage();
  const newClient = () => new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId: books },
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
    storage: clientStorage,
    limits: DAILY_CAP ? { plan: PLAN } : { plan: PLAN, perDay: false },
  });
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
  const syncer = () => {
    const client = newClient();
    return { client, syncer: new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), clock }) };
  };
  return { clock, sandbox, books, fsmOrg, syncer };
}
type World = ReturnType<typeof makeWorld>;

const setupStart = performance.now();
const world = makeWorld();
const { clock, sandbox, books, fsmOrg } = world;
const { client, syncer } = world.syncer();
const limits = await client.limitsFor();
const setupMs = performance.now() - setupStart;
sample();
const setupRss = peaks.rss;

// ——— The data set, as the bound sees it ———

const rowsOf = () => ({
  fsm: { companies: sandbox.records(fsmOrg, 'Companies').length, contacts: sandbox.records(fsmOrg, 'Contacts').length, items: sandbox.records(fsmOrg, 'Service_And_Parts').length },
  books: { customers: sandbox.records(books, 'contacts').length, items: sandbox.records(books, 'items').length },
});
/** The newest modified time of any Books customer: the cursor a run leaves (its own writes included). */
const newestBooksCustomer = () => Math.max(0, ...sandbox.records(books, 'contacts').map((c) => timeOf(String(c.last_modified_time)) ?? 0));
const sinceCursor = (cursorMs: number) => customersSince(sandbox.records(books, 'contacts'), cursorMs, (text) => timeOf(text));

/** Pairing of the two sides before the first run, from the sandbox's records. */
const pairing = (): PairingCounts => pairingOf({
  fsm: { companies: sandbox.records(fsmOrg, 'Companies'), contacts: sandbox.records(fsmOrg, 'Contacts'), items: sandbox.records(fsmOrg, 'Service_And_Parts') },
  books: { customers: sandbox.records(books, 'contacts'), persons: sandbox.records(books, 'contactpersons'), items: sandbox.records(books, 'items') },
});

// ——— Runs ———

interface Measured {
  label: string;
  reports: SyncReport[];
  /** Calls of every attempt, per endpoint (token calls left out). */
  calls: Record<string, number>;
  bound: LowerBound;
  /** Real time of the attempts, ms. */
  ms: number;
  /** Simulated time of the attempts (the waits for the next day left out), ms. */
  simulatedMs: number;
  /** Days the run spanned: 1 when the daily cap did not stop it. */
  days: number;
  /** False when the daily cap still stopped it on its last day (after BENCH_MAX_DAYS days, default 7). */
  finished: boolean;
  /** Days the bound's Books calls need at the daily cap. */
  minDays: number;
  floorMs: number;
  peakRss: number;
  peakHeap: number;
  /** Calls per organisation in each simulated minute of a one-day run of at most 20 minutes: where a quota sat idle. */
  perMinute: Record<string, number[]> | undefined;
}

/**
 * One run kind: attempts until the run completes (each after the `resumeAt` of a daily-cap stop).
 * With `on`, over another world, each attempt in a new syncer process (`newProcess`).
 */
async function measure(label: string, boundInput: LowerBoundInput, options: { fullScan?: boolean; on?: World } = {}): Promise<Measured> {
  const { sandbox, clock } = options.on ?? world;
  const run = () => (options.on ? options.on.syncer().syncer.run({ fullScan: options.fullScan === true }) : syncer.run({ fullScan: options.fullScan === true }));
  gc?.();
  peaks.rss = 0;
  peaks.heap = 0;
  sample();
  const bound = lowerBound(boundInput);
  sandbox.calls.reset();
  const reports: SyncReport[] = [];
  let ms = 0;
  for (;;) {
    const start = performance.now();
    const report = await run();
    ms += performance.now() - start;
    reports.push(report);
    if (report.failures.length > 0) console.error(label, 'failures:', report.failures.map((f) => `${f.reason} ×${f.count}`).join(', '));
    if (report.status !== 'completed' && report.stopped !== 'daily-limit') throw new Error(`${label}: the run ${report.status}: ${report.stoppedReason ?? ''}`);
    if (report.stopped !== 'daily-limit') break;
    // Each day's budget spent again without finishing (e.g. a full read that costs more than the cap).
    if (reports.length >= MAX_DAYS) break;
    await clock.advanceTo(Date.parse(report.resumeAt ?? '') || clock.now() + DAY);
  }
  sample();
  const calls: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(sandbox.calls.byEndpoint())) if (appOf(endpoint) !== 'accounts') calls[endpoint] = n;
  const byOrg: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(calls)) byOrg[appOf(endpoint)] = (byOrg[appOf(endpoint)] ?? 0) + n;
  let perMinute: Record<string, number[]> | undefined;
  const first = reports[0];
  if (reports.length === 1 && first !== undefined && first.durationMs <= 20 * 60_000) {
    const start = Date.parse(first.startedAt);
    perMinute = {};
    for (const call of sandbox.calls.list()) {
      if (call.app === 'accounts' || call.app === 'unknown') continue;
      const minute = Math.max(0, Math.floor((call.at - start) / 60_000));
      const row = (perMinute[call.app] ??= []);
      while (row.length <= minute) row.push(0);
      row[minute] = (row[minute] ?? 0) + 1;
    }
  }
  return {
    label,
    reports,
    calls,
    bound,
    perMinute,
    ms,
    simulatedMs: reports.reduce((t, r) => t + r.durationMs, 0),
    days: reports.length,
    finished: reports.at(-1)?.stopped !== 'daily-limit',
    floorMs: timeFloorMs(byOrg, limits.perMinute),
    minDays: limits.perDay === undefined ? 1 : Math.max(1, Math.ceil(bound.byApp.books / limits.perDay)),
    peakRss: peaks.rss,
    peakHeap: peaks.heap,
  };
}

const base = { pageSize: PAGE_SIZE };
const dataBefore = rowsOf();
const pairs = pairing();
const booksPersonsBefore = sandbox.records(books, 'contactpersons').length;
const recordsBefore = dataBefore.fsm.companies + dataBefore.fsm.contacts + dataBefore.fsm.items + sandbox.records(books, 'contacts').length + sandbox.records(books, 'contactpersons').length + dataBefore.books.items;

const initial = await measure('initial', { ...base, read: 'full', rows: dataBefore, ...firstSyncNeeds(pairs) });
// A scheduled run starts once the last minute's calls of the one before no longer count against
// the per-minute limit (the floor assumes a quota fresh at the start): each run below starts a
// rate window (60 s) or more after the previous one ended.
const RATE_WINDOW_MS = 60_000;

// The run right after the initial sync: nothing changed but what the sync wrote itself.
await clock.advance(RATE_WINDOW_MS);
let cursor = newestBooksCustomer();
const settle = await measure('settle', { ...base, read: { booksCustomersSinceCursor: sinceCursor(cursor) }, rows: rowsOf(), ...noChangeNeeds() });
cursor = newestBooksCustomer();
await clock.advance(RATE_WINDOW_MS);
const quiet = await measure('no-change', { ...base, read: { booksCustomersSinceCursor: sinceCursor(cursor) }, rows: rowsOf(), ...noChangeNeeds() });
cursor = newestBooksCustomer();

// The incremental run: 1 % of each entity on each side edited, FSM and Books edits on different
// pairs (a pair edited on both sides is a conflict, not the case measured here).
const edits = planEdits(sandbox, { fsm: fsmOrg, books }, 0.01);
applyEdits(sandbox, { fsm: fsmOrg, books }, edits);
// People edit between runs, not in the second a run starts: a customer edited within a minute
// before a run is read again by the next one (Zoho's times have whole seconds; docs/sync.md,
// "Settled customers"), a cost a scheduled sync rarely meets.
await clock.advance(120_000);
const touched = new Set([...edits.booksCustomers, ...edits.booksPersonParents]).size;
const walked = sinceCursor(cursor);
const recordsNow = Object.values(rowsOf().fsm).reduce((a, b) => a + b, 0) + sandbox.records(books, 'contacts').length + sandbox.records(books, 'contactpersons').length + sandbox.records(books, 'items').length;
const incremental = await measure('incremental', { ...base, read: { booksCustomersSinceCursor: walked }, rows: rowsOf(), ...editNeeds({ ...edits.counts, booksCustomersTouched: touched }) });

// The daily full read: the next run a day later, nothing changed (the sync reads everything once
// every 24 h to see deletes and anything a cursor missed).
// The incremental run carried FSM contact edits to their Books persons, one person write each: a
// person written alone moves its customer's time with no time in Zoho's reply, so the run after
// owes one read of each such customer (the bound's point 4) — its company's customer, unless the
// company was edited too (its customer is then written whole, and that reply carries the time).
const editedCompanies = new Set(edits.edits.filter((e) => e.side === 'fsm' && e.resource === 'Companies').map((e) => e.id));
const fsmContactsById = new Map(sandbox.records(fsmOrg, 'Contacts').map((c) => [String(c.id), c]));
const personWriteCustomers = new Set(edits.edits.filter((e) => e.side === 'fsm' && e.resource === 'Contacts').map((e) => String((fsmContactsById.get(e.id)?.Company as { id?: unknown } | undefined)?.id ?? '')).filter((id) => id !== '' && !editedCompanies.has(id))).size;

await clock.advance(DAY + 60_000);
const daily = await measure('daily full read', { ...base, read: 'full', rows: rowsOf(), ...noChangeNeeds(personWriteCustomers) });

// The initial sync once more, over a fresh copy of the same data, with each day's run in a new
// syncer process (the usual deployment: a cron job), so nothing the first day learned is in memory.
// Only with the cap on (without it the run takes one day). Its peak RSS holds both sandboxes.
const resumed = DAILY_CAP ? await measure('initial, new process each day', { ...base, read: 'full', rows: dataBefore, ...firstSyncNeeds(pairs) }, { on: makeWorld() }) : undefined;
clearInterval(sampler);

// ——— Report ———

const runs = [initial, settle, quiet, incremental, daily, ...(resumed ? [resumed] : [])];
const print = (line = '') => process.stdout.write(`${line}\n`);
const ratio = (a: number, b: number) => (b === 0 ? '—' : `${(a / b).toFixed(2)}×`);
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
const sum = (r: SyncReport, key: 'created' | 'updated') => r.toFinance[key] + r.toFsm[key];

print(`\nBidirectionalSyncer on the in-process sandbox — N = ${N} (sync type III, edition us)\n`);
print(`FSM companies / contacts / services: ${dataBefore.fsm.companies} / ${dataBefore.fsm.contacts} / ${dataBefore.fsm.items}`);
print(`Books customers (business + individual) / persons / items: ${dataBefore.books.customers} / ${booksPersonsBefore} / ${dataBefore.books.items} (before the initial run)`);
print(`Pairing: ${pairs.matchedCompanies} companies and ${pairs.matchedItems} items match by name; ${pairs.fsmContactsOfUnmatched} FSM contacts go with their new customer, ${pairs.booksPersonsOfUnmatched} Books persons become FSM contacts`);
print(`Limits (client and sandbox): ${limits.perMinute} calls a minute per organisation, ${limits.concurrency} at once; daily cap ${limits.perDay === undefined ? 'off' : `${formatNumber(limits.perDay)} Books calls (plan ${PLAN})`}`);
print(`Sandbox setup: ${(setupMs / 1000).toFixed(1)} s, peak RSS ${mb(setupRss)} MB`);
print(`Incremental edits: ${edits.total} (${edits.summary}); ${touched} Books customers touched; ${walked} customers at or after the cursor`);
print('\nThe bound (bench/lower-bound.ts): list pages (FSM modules and Books items scanned in full, ⌈n/200⌉ each;');
print('Books customers in one newest-first walk: every page on a full read, ⌊k/200⌋ + 1 for k rows at or after the cursor)');
print('+ one write per record created or changed on the other side (a customer with its persons is ONE create)');
print('+ one GET /contacts/{id} per existing Books customer whose fields are needed (matched, copied to FSM, changed); no persons pages');
print(`+ in the run after one that wrote persons on their own, one GET /contacts/{id} per customer they belong to (the reply to a person write carries no time): ${personWriteCustomers} before the daily full read.\n`);

print(formatTable(
  ['run', 'calls', 'bound', '× bound', 'Books / FSM calls', 'days (min)', 'simulated', 'floor', '× floor', 'real', 'peak RSS'],
  runs.map((r) => [
    r.label, formatNumber(totalCalls(r.calls)), formatNumber(r.bound.total), ratio(totalCalls(r.calls), r.bound.total),
    `${formatNumber(Object.entries(r.calls).filter(([e]) => appOf(e) === 'books').reduce((n, [, c]) => n + c, 0))} / ${formatNumber(Object.entries(r.calls).filter(([e]) => appOf(e) === 'fsm').reduce((n, [, c]) => n + c, 0))}`,
    `${r.finished ? '' : 'unfinished after '}${r.days} (${r.minDays})`, minutes(r.simulatedMs), minutes(r.floorMs), ratio(r.simulatedMs, r.floorMs), `${(r.ms / 1000).toFixed(2)} s`, `${mb(r.peakRss)} MB`,
  ]),
));
print(`\nwrites: initial ${initial.reports.reduce((n, r) => n + sum(r, 'created'), 0)} created over ${initial.days} day(s); incremental ${incremental.reports.reduce((n, r) => n + sum(r, 'created') + sum(r, 'updated'), 0)} for ${edits.total} edits; conflicts ${incremental.reports.reduce((n, r) => n + r.conflicts.total, 0)}`);
print(`initial sync: ${Math.round(recordsBefore / (initial.ms / 1000))} records/s (${recordsBefore} records); incremental: ${Math.round(recordsNow / (incremental.ms / 1000))} records/s over the ${recordsNow} records it looks at`);
print(`peak heap used / peak RSS (whole bench): ${mb(peaks.allHeap)} MB / ${mb(peaks.allRss)} MB`);
if (gc) {
  gc();
  print(`heap after the runs (sandbox + MemoryStorage): ${mb(process.memoryUsage().heapUsed)} MB`);
}

for (const r of runs) {
  print(`\n${r.label}: calls per endpoint against the bound`);
  print(formatTable(['endpoint', 'calls', 'bound', 'over'], compareToBound(r.calls, r.bound).map((row) => [row.endpoint, formatNumber(row.actual), formatNumber(row.bound), row.over === 0 ? '' : `${row.over > 0 ? '+' : ''}${formatNumber(row.over)}`])));
  if (r.perMinute) for (const [app, row] of Object.entries(r.perMinute)) print(`calls per simulated minute, ${app}: ${row.join(' ')}`);
}

const n = formatNumber(N);
const vs = (r: Measured) => `${formatNumber(totalCalls(r.calls))} vs ${formatNumber(r.bound.total)} (${ratio(totalCalls(r.calls), r.bound.total)})`;
recordFigure({ label: `N=${n}: initial sync (real time)`, value: initial.ms / 1000, unit: 's', digits: 1 });
recordFigure({ label: 'initial sync', value: Math.round(recordsBefore / (initial.ms / 1000)), unit: 'records/s' });
for (const r of runs) {
  recordFigure({ label: `${r.label}: API calls vs honest bound`, value: vs(r) });
  recordFigure({ label: `${r.label}: simulated time vs floor`, value: `${minutes(r.simulatedMs)} vs ${minutes(r.floorMs)} (${ratio(r.simulatedMs, r.floorMs)})${r.finished ? '' : `, NOT FINISHED after ${r.days} days (daily cap)`}${r.finished && r.days > 1 ? `, over ${r.days} days (daily cap; ${r.minDays} at the bound)` : ''}` });
  recordFigure({ label: `${r.label}: peak RSS`, value: mb(r.peakRss), unit: 'MB' });
}
recordFigure({ label: 'incremental (1 % edited, real time)', value: incremental.ms / 1000, unit: 's', digits: 2 });
recordFigure({ label: 'no-change run (real time)', value: quiet.ms / 1000, unit: 's', digits: 2 });
recordFigure({ label: 'peak RSS (whole bench)', value: mb(peaks.allRss), unit: 'MB' });
