/**
 * Two-way sync against the sandbox, the whole flow: a first run that pairs duplicates and copies
 * the rest, edits on both sides, one conflict (the same field edited on both sides, settled by
 * hand), one bad record (a Books customer without a last name), and the report with its failures
 * as CSV.
 *
 *   node --import tsx examples/two-way-sync.ts
 */
import { createFetchTransport, FieldMapper, IntegrationClient, ManualClock, MemoryStorage } from '../src/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, failuresToCsv, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};
const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`two-way-sync example: ${what}`);
};

// FSM and Books of the same edition share their first records: the duplicates a first run pairs.
const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 4,
  clock,
  users: [{ email: 'ops@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 6, items: 4, offset: 3 } }], fsm: { edition: 'us', records: { customers: 6, items: 4 } } }],
});
const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
const { clientId, clientSecret, refreshToken } = sandbox.credentials();
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId: books },
  auth: { clientId, clientSecret, refreshToken },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
});
const storage = new MemoryStorage();
const mapper = new FieldMapper({ storage, syncType: 'IV', edition: 'us' });
const syncer = new BidirectionalSyncer({
  storage, mapper, clock,
  fsm: zohoFsmSource(client), finance: zohoFinanceSource(client),
  conflicts: 'manual', duplicates: 'overwrite', deletes: 'unlink',
});
syncer.on('conflict', ({ conflict, resolution }) => say(`   conflict on ${conflict.entity} ${conflict.field.fsm}: FSM "${String(conflict.fsmValue)}" vs Books "${String(conflict.financeValue)}" → ${resolution}`));

const print = (label: string, report: SyncReport) => {
  say(`${label}: ${report.status}, ${report.apiCalls.total} API calls`);
  for (const e of report.entities) {
    say(`   ${e.module.padEnd(16)} → Books ${e.toFinance.created} created ${e.toFinance.updated} updated | → FSM ${e.toFsm.created} created ${e.toFsm.updated} updated | matched ${e.matched}`);
  }
  for (const f of report.failures) say(`   failed (${f.direction}) ${f.reason} ×${f.count}: ${f.title}`);
};

say('1. First run: duplicates paired by name or email, the rest copied both ways');
print('   first run', await syncer.run());

say('2. Edits on both sides, one of them on the same field, and a customer without a last name');
const company = sandbox.records(fsm, 'Companies')[0] as Record<string, unknown>;
const customer = sandbox.records(books, 'contacts').find((c) => c.contact_name === company.Company_Name) as Record<string, unknown>;
sandbox.edit(fsm, 'Companies', String(company.id), { Website: 'https://fsm-side.example', Fax: '555-0199' });
sandbox.edit(books, 'contacts', String(customer.contact_id), { website: 'https://books-side.example', billing_address: { city: 'Springfield' } });
sandbox.insert(books, 'contacts', { contact_name: 'Walk-in Customer', customer_sub_type: 'individual', contact_persons: [{ first_name: 'Walk', email: 'walkin@example.com', is_primary_contact: true }] });
const second = await syncer.run();
print('   second run', second);
check(second.failures.some((f) => f.reason === 'MANDATORY_FIELDS_EMPTY'), 'the customer without a last name should fail');
check(sandbox.record(fsm, 'Companies', String(company.id))?.Billing_Address !== undefined, 'the FSM company should still have its address');

say('3. The failed records, as the CSV a person downloads');
if (!quiet) process.stdout.write(failuresToCsv(second).replace(/\r/g, '').replace(/^(?=.)/gm, '   '));

say('4. Settle the conflict by hand: Books\' website wins');
const [open] = await syncer.conflicts.list();
check(open !== undefined, 'a manual conflict should be stored');
await syncer.conflicts.resolve(open?.id ?? '', 'finance');
print('   third run', await syncer.run());
check(sandbox.record(fsm, 'Companies', String(company.id))?.Website === 'https://books-side.example', 'Books\' website should reach FSM');
check((sandbox.record(books, 'contacts', String(customer.contact_id))?.billing_address as Record<string, unknown>).fax === '555-0199', 'FSM\'s fax should reach Books');

const last = await syncer.run();
check(last.toFinance.updated + last.toFsm.updated + last.toFinance.created + last.toFsm.created === 0, 'a run with no change should write nothing');
say(`5. A run with nothing new: no writes, ${last.apiCalls.total} list calls; ${(await syncer.log.list()).length} runs in the sync log`);
