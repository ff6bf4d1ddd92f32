/**
 * Planning a long run against the sandbox: `syncer.estimate()` before a first sync that does not
 * fit the finance organisation's daily API cap, then the real run, which stops cleanly at the cap
 * and is started again at each `resumeAt` until it completes — on the day the estimate said.
 *
 * The Books organisation is on the free plan (1000 calls a day); the client lowers that cap to 150
 * (`limits: { perDay: 150 }`) so the example runs in a second: the arithmetic is the same.
 *
 *   node --import tsx examples/plan-long-run.ts
 */
import { createFetchTransport, FieldMapper, IntegrationClient, ManualClock, MemoryStorage } from '../src/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};
const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`plan-long-run example: ${what}`);
};
const DAY = 86_400_000;

const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 7,
  clock,
  users: [{
    email: 'ops@example.com',
    region: 'us',
    books: [{ edition: 'us', plan: 'free', records: { customers: 150, items: 100, offset: 75 } }],
    fsm: { edition: 'us', records: { customers: 150, items: 100 } },
  }],
});
const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const { clientId, clientSecret, refreshToken } = sandbox.credentials();
const storage = new MemoryStorage();
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId: books },
  auth: { clientId, clientSecret, refreshToken },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
  storage, // the day's count lives here: every process on this storage sees what was spent
  limits: { perDay: 150 },
});
const mapper = new FieldMapper({ storage, syncType: 'I', edition: 'us' });
const syncer = new BidirectionalSyncer({ storage, mapper, clock, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });

say('1. The plan: a dry run, its calls per side and entity, and the limits they meet');
const plan = await syncer.estimate();
for (const side of ['fsm', 'finance'] as const) {
  const s = plan[side];
  const cap = s.limits.perDay === undefined ? 'no daily cap known' : `${s.limits.perDay} a day, ${s.limits.usedToday} spent today`;
  say(`   ${side.padEnd(7)} ${String(s.calls).padStart(4)} calls (${s.reads.list} list pages, ${s.reads.detail} records read, ${s.writes.creates} creates, ${s.writes.updates} updates) — ${s.limits.perMinute}/min, ${cap}${s.limits.plan ? `, plan ${s.limits.plan}` : ''}`);
  for (const e of s.entities) say(`           ${e.entity.padEnd(10)} ${e.calls} calls`);
}
say(`   ${plan.minutes} min at the limits, over ${plan.days} day(s) (${plan.finance.dailyStops} daily stop(s)), done about ${plan.finishesAt}`);
for (const note of plan.notes) say(`   note: ${note}`);
check(plan.finance.limits.plan === 'free' && plan.finance.limits.perDay === 150, 'the finance side should be on the free plan, capped at 150');
check(plan.days > 1 && !plan.fitsToday, 'the first sync should not fit one day');

// Each estimate is a dry run: its reads (105 Books calls here) are spent from today's budget too.
check(plan.complete, 'the dry run read everything');

say('2. The real run: it stops cleanly at the cap, and each run after resumeAt goes on from there');
const today = Math.floor(clock.now() / DAY);
let report: SyncReport = await syncer.run();
for (;;) {
  const day = Math.floor(clock.now() / DAY) - today + 1;
  say(`   day ${day}: ${report.status}${report.stopped ? ` (${report.stopped}, resume at ${report.resumeAt})` : ''}, ${report.apiCalls.finance} Books calls, ${report.toFinance.created + report.toFsm.created} created, ${report.failures.length} failure group(s)`);
  check(report.failures.length === 0, 'a daily stop fails no record');
  if (report.stopped !== 'daily-limit' || day > 30) break;
  await clock.advance(Date.parse(report.resumeAt ?? '') - clock.now());
  report = await syncer.run();
}
const finishedOn = Math.floor(clock.now() / DAY) - today + 1;
say(`   completed on day ${finishedOn}; the estimate said ${plan.days}`);
check(report.status === 'completed', 'the sync should complete');
check(Math.abs(finishedOn - plan.days) <= 1, `finished on day ${finishedOn}, estimated ${plan.days}`);
