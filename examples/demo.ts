/**
 * The demo behind `npm run demo`: the whole flow against the built-in sandbox (an in-memory Zoho),
 * with state in SQLite. No Zoho account and no network needed.
 *
 * It signs in with a refresh token, lists the user's Books and Invoice organisations, walks the
 * Books customers and items page by page, creates a customer, creates an FSM company and links it
 * to that customer, and prints what it cost in API calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKyTransport, FieldMapper, IntegrationClient, OrgSelector, TaxSync } from '../src/index.js';
import { SqliteStorage } from '../src/node/index.js';
import { createSandbox } from '../src/sandbox/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

const sandbox = createSandbox({
  seed: 1,
  users: [{ email: 'asha@example.com', region: 'in', books: [{ records: 450 }], invoice: [{}], fsm: { records: 120 } }],
});
const credentials = sandbox.credentials('asha@example.com');
const booksOrg = sandbox.orgs({ email: 'asha@example.com', app: 'books' })[0];
if (!booksOrg) throw new Error('the sandbox has no Books organisation');

const dir = mkdtempSync(join(tmpdir(), 'fsm-billing-sync-demo-'));
const storage = await SqliteStorage.open(join(dir, 'state.db'));
try {
  const client = new IntegrationClient({
    region: credentials.region,
    finance: { app: 'books', organizationId: booksOrg.organizationId },
    auth: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken },
    storage,
    transport: createKyTransport({ fetch: sandbox.fetch }),
  });
  let requests = 0;
  client.on('request', () => requests++);
  client.on('token-refreshed', ({ expiresAt }) => say(`token refreshed, valid until ${new Date(expiresAt).toISOString()}`));

  say('1. Organisations of asha@example.com');
  for (const app of ['books', 'invoice'] as const) {
    for (const org of await client.financeFor(app).organizations.list()) say(`   ${app.padEnd(7)} ${org.organization_id}  ${org.name}`);
  }

  say('2. Onboarding choices for asha@example.com');
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
  const taxes = new TaxSync({ client, storage, edition: 'in' });
  const selector = new OrgSelector({
    client,
    storage,
    fsm: { name: 'Asha Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true },
    mapper,
    taxes,
  });
  const onboarding = await selector.options('asha@example.com');
  say(`   default choice: ${onboarding.defaultChoice} (a new Zoho Invoice account is always possible)`);
  for (const org of [...onboarding.choices.existing_books, ...onboarding.choices.existing_invoice]) {
    say(`   ${org.app.padEnd(7)} ${org.organizationId}  ${org.name}  ${org.edition ?? '?'} ${org.currencyCode ?? ''}  eligible`);
  }
  for (const { org, reasons } of onboarding.ineligible) say(`   ${org.app.padEnd(7)} ${org.organizationId}  ${org.name}  refused: ${reasons.map((r) => r.code).join(', ')}`);

  say('3. Integrate with the existing Books org: default mappings, taxes pulled into FSM');
  const binding = await selector.select({ choice: 'existing_books', organizationId: booksOrg.organizationId });
  const onboarded = await selector.onboard();
  say(`   bound to ${binding.app} ${binding.organizationId} (${binding.edition ?? '?'}, ${binding.currencyCode ?? '?'})`);
  say(`   steps: ${onboarded.steps.map((step) => `${step.step} ${step.status}${step.direction ? ` (${step.direction})` : ''}`).join(', ')}`);
  say(`   companies mapping v${(await mapper.get('companies')).version}; ${(await taxes.idMap()).length} taxes and groups mapped`);
  say(`   health: ${(await selector.health()).problems.map((p) => p.code).join(', ') || 'no problems'}`);

  say('4. Books customers and items, 200 a page');
  let pages = 0;
  let customers = 0;
  for await (const page of client.finance.contacts.list({ sortColumn: 'last_modified_time', sortOrder: 'D' }).pages()) {
    pages++;
    customers += page.items.length;
  }
  const items = await client.finance.items.list().toArray();
  say(`   ${customers} customers in ${pages} pages, ${items.length} items`);

  say('5. A new customer in Books, a company in FSM, linked');
  const customer = await client.finance.contacts.create({ contact_name: 'Demo Plumbing Pvt Ltd', customer_sub_type: 'business' });
  const company = await client.fsm.companies.create({ Company_Name: 'Demo Plumbing Pvt Ltd' });
  await client.fsm.companies.link(company.id, customer.contact_id);
  const linked = await client.fsm.companies.get(company.id);
  say(`   Books ${customer.contact_id} <-> FSM ${company.id} (ZBilling_Id ${String(linked.ZBilling_Id ?? '-')})`);

  say('6. State kept in SQLite');
  const tokens = await storage.list('auth/');
  say(`   ${tokens.length} auth record(s) cached in ${join(dir, 'state.db')}`);

  say(`Done: ${requests} API requests.`);
} finally {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
}
