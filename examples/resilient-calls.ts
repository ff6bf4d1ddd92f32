/**
 * What the client does when Zoho misbehaves, shown against the sandbox's scripted faults:
 * a 429 is waited out, a 502 on a read is retried, a dropped create is NOT replayed (it could
 * create twice) unless marked `retrySafe`, and every failure is a typed error with a stable code.
 * A ManualClock stands in for time, so the back-offs cost no real waiting.
 */
import { ApiError, createFetchTransport, FsmBillingError, IntegrationClient, ManualClock, NotFoundError } from '../src/index.js';
import { createSandbox } from '../src/sandbox/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({ seed: 3, clock, users: [{ email: 'ops@example.com', region: 'eu', books: [{ records: 20 }], fsm: false }] });
const org = sandbox.orgs({ app: 'books' })[0];
if (!org) throw new Error('no Books organisation in the sandbox');

const client = new IntegrationClient({
  region: 'eu',
  finance: { app: 'books', organizationId: org.organizationId },
  auth: { accessToken: sandbox.accessToken('ops@example.com') },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
});
client.on('retry', ({ attempt, delayMs, reason }) => say(`   retry #${attempt} after ${delayMs} ms (${reason})`));

say('1. Zoho says "too many requests per minute" (code 44), then answers');
sandbox.faults.next({ match: { method: 'GET', path: '/contacts' }, fault: { kind: 'rate-limit', code: 44 } });
const first = await client.finance.contacts.listPage(1);
say(`   got ${first.items.length} customers`);

say('2. A proxy answers 502 on a read: retried');
sandbox.faults.next({ match: { method: 'GET', path: '/items' }, fault: 'bad-gateway' });
say(`   got ${(await client.finance.items.listPage(1)).items.length} items`);

say('3. The connection drops during a create: not replayed, because Zoho may have created it');
sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault: 'drop' });
try {
  await client.finance.contacts.create({ contact_name: 'Dropped Ltd' });
} catch (error) {
  if (!(error instanceof FsmBillingError)) throw error;
  say(`   ${error.code}: ${error.message}`);
}

say('4. Zoho refuses a duplicate name (code 3062): an ApiError with Zoho\'s code and message');
const existing = first.items[0];
if (existing?.contact_name) {
  try {
    await client.finance.contacts.create({ contact_name: existing.contact_name });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    say(`   HTTP ${error.status}, Zoho code ${String(error.zohoCode)}: ${error.zohoMessage ?? ''}`);
  }
}

say('5. A record that does not exist: NotFoundError');
try {
  await client.finance.contacts.get('1');
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  say(`   ${error.code}: ${error.message}`);
}
say(`Done in ${Math.round((clock.now() - Date.UTC(2026, 0, 1)) / 1000)} s of simulated time.`);
