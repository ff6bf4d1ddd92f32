/**
 * Pacing under Zoho's real per-minute limit: 1,000 reads fired at once through a client with its
 * default limiter (100 a minute, 10 at once) against a sandbox enforcing Zoho's 100 calls per
 * organisation in any 60 s (code 44). Time runs on a ManualClock (`autoAdvance`), so nine
 * simulated minutes take seconds.
 *
 * Reports the 429s Zoho sent (the limiter's job is to make that zero), the simulated time against
 * the floor the limit allows, and the real time the run took.
 *
 *   node --import tsx bench/rate-limit.ts          # 1,000 calls
 *   BENCH_CALLS=500 node --import tsx bench/rate-limit.ts
 */
import { performance } from 'node:perf_hooks';
import { IntegrationClient } from '../src/client/integration-client.js';
import { ManualClock } from '../src/manual-clock.js';
import { createSandbox } from '../src/sandbox/index.js';
import { createFetchTransport } from '../src/transport/fetch-transport.js';
import { formatNumber, formatTable, recordFigure } from './report.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000);
// Zoho's published limit: "100 requests per minute per organization".
const ZOHO_PER_MINUTE = 100;
const MINUTE = 60_000;

const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 12,
  clock,
  // Zoho's per-minute limit as documented; the daily cap is off so only the minute limit binds.
  limits: { perMinute: ZOHO_PER_MINUTE, perDay: false },
  users: [{ email: 'pace@example.com', region: 'us', books: [{ plan: 'ultimate', records: { customers: 50, items: 0 } }], fsm: false }],
});
const organizationId = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const ids = sandbox.records(organizationId, 'contacts').map((c) => String(c.contact_id));
const { clientId, clientSecret, refreshToken } = sandbox.credentials();
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId },
  auth: { clientId, clientSecret, refreshToken },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
  // No `limits`: the plan's (ultimate: 100 a minute, 10 at once), read from the org, are what is measured.
});
let clientWaits = 0;
let zohoRefusals = 0;
client.on('rate-limited', (e) => {
  if (e.source === 'client') clientWaits++;
  else zohoRefusals++;
});

// Mint the token and read the plan outside the measured run, then let that call's minute pass on both sides.
await client.limitsFor();
await clock.advance(2 * MINUTE);
sandbox.calls.reset();
const simulatedStart = clock.now();
const realStart = performance.now();
await Promise.all(Array.from({ length: CALLS }, (_, i) => client.finance.contacts.get(ids[i % ids.length] ?? '')));
const realMs = performance.now() - realStart;
const simulatedMs = clock.now() - simulatedStart;

const sent = sandbox.calls.count({ app: 'books' });
const got429 = sandbox.calls.count({ app: 'books', status: 429 });
// The first 100 calls may start at t = 0 and each later 100 a minute after the previous 100, so
// the last call can start no earlier than (ceil(n / 100) - 1) minutes.
const floorMs = (Math.ceil(CALLS / ZOHO_PER_MINUTE) - 1) * MINUTE;
const rows = [
  ['calls made', formatNumber(CALLS)],
  ['requests Zoho received', formatNumber(sent)],
  ['HTTP 429 from Zoho', formatNumber(got429)],
  ['waits by the client’s limiter', formatNumber(clientWaits)],
  ['simulated time', `${formatNumber(simulatedMs / 1000, 2)} s`],
  ['floor the limit allows', `${formatNumber(floorMs / 1000, 2)} s`],
  ['simulated / floor', `${formatNumber(simulatedMs / floorMs, 4)}×`],
  ['real time', `${formatNumber(realMs / 1000, 2)} s`],
];
process.stdout.write(`Rate limit: ${formatNumber(CALLS)} reads at once, client limiter at its defaults, sandbox enforcing ${ZOHO_PER_MINUTE}/min (code 44)\n\n`);
process.stdout.write(`${formatTable(['figure', 'value'], rows)}\n`);
process.stdout.write('The client keeps 250 ms of margin per window (RateLimiterOptions.windowMarginMs) so late arrivals still fall inside Zoho’s count.\n');
if (zohoRefusals > 0) process.stdout.write(`Zoho refused ${zohoRefusals} calls: the limiter let too many through.\n`);

recordFigure({ label: `HTTP 429 in ${formatNumber(CALLS)} calls at 100/min`, value: got429 });
recordFigure({ label: 'simulated time', value: simulatedMs / 1000, unit: 's', digits: 1 });
recordFigure({ label: 'floor the limit allows', value: floorMs / 1000, unit: 's', digits: 1 });
recordFigure({ label: 'simulated / floor', value: simulatedMs / floorMs, unit: '×', digits: 4 });
recordFigure({ label: 'real time of the run', value: realMs / 1000, unit: 's', digits: 2 });
