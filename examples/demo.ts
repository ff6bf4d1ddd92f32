/**
 * The demo behind `npm run demo`: the whole flow against the built-in sandbox (an in-memory Zoho),
 * with state in SQLite. No Zoho account and no network needed.
 *
 * 1. sign in with a refresh token and list the user's Books and Invoice organisations;
 * 2. show the onboarding choices (eligibility rules);
 * 3. bind the existing Books org: default field mappings, taxes pulled into FSM, health;
 * 4. walk customers and items page by page;
 * 5. create a customer and an FSM company and link them;
 * 6. two-way sync: a first run, then edits on both sides with one conflict and one bad record,
 *    and the report with its failures as CSV;
 * 7. billing: a new FSM company's work order invoiced (its customer created in Books and linked on
 *    the way, so the next sync run writes nothing), the invoice sent with a payment link, a payment
 *    recorded, the invoice Paid.
 *
 * A ManualClock stands in for time, so Zoho's 100-calls-a-minute limit is honoured without
 * waiting for real minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BidirectionalSyncer,
  Billing,
  createFetchTransport,
  failuresToCsv,
  FieldMapper,
  IntegrationClient,
  ManualClock,
  OrgSelector,
  TaxSync,
  zohoFinanceSource,
  zohoFsmSource,
} from '../src/index.js';
import { SqliteStorage } from '../src/node/index.js';
import { createSandbox } from '../src/sandbox/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

const email = 'asha@example.com';
const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 1,
  clock,
  users: [{ email, region: 'in', books: [{ records: { customers: 240, items: 40 } }], invoice: [{}], fsm: { records: { customers: 30, items: 12 } } }],
});
const credentials = sandbox.credentials(email);
const booksOrg = sandbox.orgs({ email, app: 'books' })[0];
const fsmOrg = sandbox.orgs({ email, app: 'fsm' })[0];
if (!booksOrg || !fsmOrg) throw new Error('the sandbox user needs a Books and an FSM organisation');

const dir = mkdtempSync(join(tmpdir(), 'fsm-billing-sync-demo-'));
const storage = await SqliteStorage.open(join(dir, 'state.db'));
try {
  const client = new IntegrationClient({
    region: credentials.region,
    finance: { app: 'books', organizationId: booksOrg.organizationId },
    auth: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken },
    storage,
    clock,
    transport: createFetchTransport({ fetch: sandbox.fetch }),
  });
  let requests = 0;
  client.on('request', () => requests++);

  say(`1. Organisations of ${email}`);
  for (const app of ['books', 'invoice'] as const) {
    for (const org of await client.financeFor(app).organizations.list()) say(`   ${app.padEnd(7)} ${org.organization_id}  ${org.name}`);
  }

  say('2. Onboarding choices');
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
  const taxes = new TaxSync({ client, storage, edition: 'in', origin: 'KA' }); // the business is in Karnataka
  const fsmProfile = { name: 'Asha Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true } as const;
  const selector = new OrgSelector({ client, storage, fsm: fsmProfile, mapper, taxes });
  const onboarding = await selector.options(email);
  say(`   default choice: ${onboarding.defaultChoice} (a new Zoho Invoice account is always possible)`);
  for (const org of [...onboarding.choices.existing_books, ...onboarding.choices.existing_invoice]) {
    say(`   ${org.app.padEnd(7)} ${org.organizationId}  ${org.name}  ${org.edition ?? '?'} ${org.currencyCode ?? ''}  eligible`);
  }
  for (const { org, reasons } of onboarding.ineligible) say(`   ${org.app.padEnd(7)} ${org.organizationId}  ${org.name}  refused: ${reasons.map((r) => r.code).join(', ')}`);

  say('3. Bind the existing Books org: default mappings, taxes pulled into FSM');
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
  say(`   Books ${customer.contact_id} <-> FSM ${company.id}`);

  say('6. Two-way sync');
  const syncer = new BidirectionalSyncer({ storage, clock, mapper, taxes, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
  const first = await syncer.run();
  const matched = first.entities.reduce((n, e) => n + e.matched, 0);
  say(`   first run: ${first.toFinance.created} created in Books, ${first.toFsm.created} in FSM, ${matched} pairs matched, ${first.apiCalls.total} API calls`);

  const fsmCompany = sandbox.records(fsmOrg.organizationId, 'Companies')[0];
  const twin = sandbox.records(booksOrg.organizationId, 'contacts').find((c) => c.contact_name === fsmCompany?.Company_Name);
  if (!fsmCompany || !twin) throw new Error('the first run should have paired the first company');
  sandbox.edit(fsmOrg.organizationId, 'Companies', String(fsmCompany.id), { Website: 'https://fsm.example', Phone: '+91 80 5550 0100' });
  sandbox.edit(booksOrg.organizationId, 'contacts', String(twin.contact_id), { website: 'https://books.example' }); // same field: a conflict
  sandbox.insert(booksOrg.organizationId, 'contactpersons', { contact_id: twin.contact_id, first_name: 'Ravi', email: 'ravi@example.com' }); // no last name
  const second = await syncer.run();
  say(`   second run: ${second.conflicts.total} conflict settled (latest wins), ${second.toFinance.updated + second.toFsm.updated} records updated, ${second.apiCalls.total} API calls`);
  for (const group of second.failures) say(`   failed: ${group.reason} x${group.count} - ${group.title}`);
  say(failuresToCsv(second).trimEnd().split('\n').map((line) => `   ${line}`).join('\n'));
  const third = await syncer.run();
  say(`   third run: ${third.toFinance.updated + third.toFsm.updated + third.toFinance.created + third.toFsm.created} writes (nothing changed)`);

  say('7. Billing: a work order for a company that is not in Books yet');
  const billing = new Billing({ client, storage, mapper, taxes, syncer, clock });
  const newCompany = await client.fsm.companies.create({ Company_Name: 'Kaveri Cold Storage Pvt Ltd' });
  const [service, part] = sandbox.records(fsmOrg.organizationId, 'Service_And_Parts').map((item) => String(item.id));
  if (!service || !part) throw new Error('the FSM org needs services and parts');
  const workOrder = await client.fsm.workOrders.create({
    Summary: 'Cold room compressor service',
    Company: newCompany.id,
    Billing_Address: { Street_1: '14 MIDC Road', City: 'Pune', State: 'Maharashtra', Zip_Code: '411019', Country: 'India' },
    Place_of_Supply: 'MH',
    Service_Line_Items: [{ Service: service, Quantity: 2, Part_Line_Items: [{ Part: part, Quantity: 3 }] }],
  });
  const billed = await billing.invoiceWorkOrder(workOrder.id);
  const invoiceId = billed.invoice.invoice_id;
  for (const made of billed.created) say(`   created in Books and linked: ${made.entity} FSM ${made.fsmId} -> ${made.financeId}`);
  say(`   ${String(billed.invoice.invoice_number)} (${String(billed.invoice.status)}), reference ${billed.reference}: ${billed.lines.length} lines, tax ${billed.lines.map((l) => l.tax?.name || 'none').join(', ')}`);
  say(`   total ${billed.totals?.total ?? '?'} expected, ${Number(billed.invoice.total).toFixed(2)} in Books; lines on the work order: ${billed.lineStates.map((l) => l.status).join(', ')}`);
  await billing.send(invoiceId);
  const link = await billing.paymentLink(invoiceId, { expiresOn: '2026-12-31' });
  say(`   sent; payment link ${link}`);
  const payment = await billing.recordPayment(invoiceId, { amount: (await billing.status(invoiceId)).balance, date: new Date(clock.now()).toISOString().slice(0, 10), mode: 'banktransfer', reference: 'NEFT-DEMO-1' });
  say(`   payment ${payment.amount} recorded (${payment.reference}): invoice ${payment.invoice.status}, balance ${payment.invoice.balance.toFixed(2)}`);
  const fourth = await syncer.run();
  say(`   next sync run: ${fourth.toFinance.created + fourth.toFsm.created + fourth.toFinance.updated + fourth.toFsm.updated} writes (the new customer was linked when billing created it)`);

  say(`Done: ${requests} API requests, ${Math.round((clock.now() - Date.UTC(2026, 0, 1)) / 60_000)} simulated minutes; state in ${join(dir, 'state.db')}.`);
} finally {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
}
