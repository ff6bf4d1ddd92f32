/**
 * The demo behind `npm run demo`: the whole flow against the built-in sandbox (an in-memory Zoho),
 * with state in SQLite. No Zoho account and no network needed.
 *
 * The first run does it all:
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
 * State is kept in `.fsm-billing-sync/demo/` in the working directory: `state.db`, the SDK's
 * SQLite storage (binding, mappings, taxes, links, base snapshots, cursors, tokens), and
 * `sandbox.json`, the sandbox's journal (./demo/sandbox-journal.ts), from which the next run rebuilds
 * the same Zoho. So a second `npm run demo` is an incremental run: a sync an hour later that finds
 * nothing to do, then one FSM edit synced alone. `npm run demo -- --fresh`, or deleting the folder,
 * starts afresh. (The CLI keeps its own config and state beside it, in `.fsm-billing-sync/`.)
 *
 * A ManualClock stands in for time, so Zoho's 100-calls-a-minute limit is honoured without
 * waiting for real minutes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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
  type SyncReport,
} from '../src/index.js';
import { SqliteStorage } from '../src/node/index.js';
import type { SandboxOptions } from '../src/sandbox/index.js';
import { JournaledSandbox, type SandboxJournalFile } from './demo/sandbox-journal.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

const stateDir = join(process.cwd(), '.fsm-billing-sync', 'demo');
const shownDir = `${relative(process.cwd(), stateDir)}${sep}`;
const databasePath = join(stateDir, 'state.db');
const journalPath = join(stateDir, 'sandbox.json');
/** Present while a run is under way: a run that stopped half-way leaves it, and the next one starts afresh. */
const unfinishedPath = join(stateDir, 'run-unfinished');
const HOUR = 60 * 60_000;

const email = 'asha@example.com';
const sandboxOptions = {
  seed: 1,
  users: [{ email, region: 'in', books: [{ records: { customers: 240, items: 40 } }], invoice: [{}], fsm: { records: { customers: 30, items: 12 } } }],
} satisfies Omit<SandboxOptions, 'clock'>;

/** Removes the demo's state folder (and nothing beside it), saying why. */
function startAfresh(reason: string): undefined {
  if (existsSync(stateDir)) {
    rmSync(stateDir, { recursive: true, force: true });
    say(`${reason}: removed ${shownDir}, starting afresh.`);
  }
  return undefined;
}

/** The journal an earlier, finished run left, or `undefined` (then the folder is gone). */
function previousRun(): SandboxJournalFile | undefined {
  if (process.argv.slice(2).includes('--fresh')) return startAfresh('--fresh');
  if (!existsSync(stateDir)) return undefined;
  if (existsSync(unfinishedPath)) return startAfresh(`The last run stopped before it finished`);
  if (!existsSync(journalPath) || !existsSync(databasePath)) return startAfresh(`${shownDir} holds only part of a run's state`);
  try {
    return JSON.parse(readFileSync(journalPath, 'utf8')) as SandboxJournalFile;
  } catch {
    return startAfresh(`${join(shownDir, 'sandbox.json')} cannot be read`);
  }
}

/** The sandbox and clock of this run: rebuilt from the last run's journal when there is one. */
async function openWorld(): Promise<{ world: JournaledSandbox; clock: ManualClock; incremental: boolean }> {
  const previous = previousRun();
  if (previous) {
    const clock = new ManualClock({ autoAdvance: true, start: previous.clockEnd });
    try {
      return { world: await JournaledSandbox.restore(sandboxOptions, previous, clock), clock, incremental: true };
    } catch (error) {
      startAfresh(`The sandbox could not be rebuilt from ${join(shownDir, 'sandbox.json')} (${(error as Error).message})`);
    }
  }
  const clock = new ManualClock({ autoAdvance: true });
  return { world: JournaledSandbox.create(sandboxOptions, clock), clock, incremental: false };
}

const writesOf = (report: SyncReport) => report.toFinance.created + report.toFinance.updated + report.toFsm.created + report.toFsm.updated;

const { world, clock, incremental } = await openWorld();
if (incremental) await clock.advance(HOUR); // the next run, an hour after the last one
const credentials = world.sandbox.credentials(email);
const booksOrg = world.sandbox.orgs({ email, app: 'books' })[0];
const fsmOrg = world.sandbox.orgs({ email, app: 'fsm' })[0];
if (!booksOrg || !fsmOrg) throw new Error('the sandbox user needs a Books and an FSM organisation');

mkdirSync(stateDir, { recursive: true, mode: 0o700 });
writeFileSync(unfinishedPath, '');
const started = clock.now();
const storage = await SqliteStorage.open(databasePath);
say(
  incremental
    ? `State from ${world.runs === 1 ? 'the first run' : `${world.runs} earlier runs`} is in ${shownDir}: SQLite (${storage.driver}) and the sandbox, rebuilt from its journal of ${world.calls} calls. Start afresh with \`npm run demo -- --fresh\` or by deleting ${shownDir}.`
    : `State is kept in ${shownDir} (SQLite on ${storage.driver}, and the sandbox's journal): run \`npm run demo\` again for an incremental run.`,
);
let requests = 0;
try {
  const client = new IntegrationClient({
    region: credentials.region,
    finance: { app: 'books', organizationId: booksOrg.organizationId },
    auth: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken },
    storage,
    clock,
    transport: createFetchTransport({ fetch: world.fetch }),
  });
  client.on('request', () => requests++);
  if (incremental) await incrementalRun(client);
  else await firstRun(client);
} finally {
  storage.close();
}
world.save(journalPath, clock.now());
rmSync(unfinishedPath);

say(`Done: ${requests} API requests, ${Math.round((clock.now() - started) / 60_000)} simulated minutes.`);
say(`State kept in ${shownDir}: state.db (the SDK's SQLite storage, on ${storage.driver}) and sandbox.json (the sandbox's journal, ${world.calls} calls).`);
say(`Run \`npm run demo\` again for an incremental run; \`npm run demo -- --fresh\` or deleting ${shownDir} starts afresh.`);

/**
 * A later run: the binding, mappings, taxes and links are in state.db and the sandbox is the one the
 * last run left, so a sync an hour later has nothing to write, and one edit is synced alone.
 */
async function incrementalRun(client: IntegrationClient): Promise<void> {
  if (!fsmOrg) return;
  say('An incremental run, an hour after the last one');
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
  const taxes = new TaxSync({ client, storage, edition: 'in', origin: 'KA' });
  const syncer = new BidirectionalSyncer({ storage, clock, mapper, taxes, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
  const idle = await syncer.run();
  say(`   sync run: ${writesOf(idle)} writes, ${idle.apiCalls.total} API calls (nothing changed since the last run; the links, base snapshots and cursors in state.db say so)`);
  if (writesOf(idle) !== 0) throw new Error(`the incremental run should have nothing to write, it wrote ${writesOf(idle)} records`);

  const company = world.sandbox.records(fsmOrg.organizationId, 'Companies')[0];
  if (!company) throw new Error('the FSM org has no companies');
  const phone = `+91 80 5551 ${String(world.runs).padStart(4, '0')}`;
  await world.edit(fsmOrg.organizationId, 'Companies', String(company.id), { Phone: phone });
  const one = await syncer.run();
  say(`   ${String(company.Company_Name)}'s phone changed in FSM; sync run: ${writesOf(one)} write (${one.toFinance.updated} updated in Books), ${one.apiCalls.total} API calls`);
  if (one.toFinance.updated !== 1 || writesOf(one) !== 1) throw new Error(`one FSM edit should make one update in Books, the run made ${writesOf(one)} writes`);
}

/** The first run: the whole flow, from signing in to a paid invoice. */
async function firstRun(client: IntegrationClient): Promise<void> {
  if (!booksOrg || !fsmOrg) return;
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

  const fsmCompany = world.sandbox.records(fsmOrg.organizationId, 'Companies')[0];
  const twin = world.sandbox.records(booksOrg.organizationId, 'contacts').find((c) => c.contact_name === fsmCompany?.Company_Name);
  if (!fsmCompany || !twin) throw new Error('the first run should have paired the first company');
  await world.edit(fsmOrg.organizationId, 'Companies', String(fsmCompany.id), { Website: 'https://fsm.example', Phone: '+91 80 5550 0100' });
  await world.edit(booksOrg.organizationId, 'contacts', String(twin.contact_id), { website: 'https://books.example' }); // same field: a conflict
  await world.insert(booksOrg.organizationId, 'contactpersons', { contact_id: twin.contact_id, first_name: 'Ravi', email: 'ravi@example.com' }); // no last name
  const second = await syncer.run();
  say(`   second run: ${second.conflicts.total} conflict settled (latest wins), ${second.toFinance.updated + second.toFsm.updated} records updated, ${second.apiCalls.total} API calls`);
  for (const group of second.failures) say(`   failed: ${group.reason} x${group.count} - ${group.title}`);
  say(failuresToCsv(second).trimEnd().split('\n').map((line) => `   ${line}`).join('\n'));
  const third = await syncer.run();
  say(`   third run: ${third.toFinance.updated + third.toFsm.updated + third.toFinance.created + third.toFsm.created} writes (nothing changed)`);

  say('7. Billing: a work order for a company that is not in Books yet');
  const billing = new Billing({ client, storage, mapper, taxes, syncer, clock });
  const newCompany = await client.fsm.companies.create({ Company_Name: 'Kaveri Cold Storage Pvt Ltd' });
  const [service, part] = world.sandbox.records(fsmOrg.organizationId, 'Service_And_Parts').map((item) => String(item.id));
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

}
