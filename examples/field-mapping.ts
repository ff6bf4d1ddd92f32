/**
 * Field mapping: the defaults the mapper creates for a sync type and edition, a change to one
 * mapping, and the payload before and after — then a change the mapper refuses, and what the
 * syncer would backfill. Runs on the sandbox: `node --import tsx examples/field-mapping.ts`.
 */
import { createFetchTransport, FieldMapper, IntegrationClient, ManualClock, MappingError, MemoryStorage } from '../src/index.js';
import type { FinanceContactCreate } from '../src/index.js';
// The mapping entry points (until src/index.ts re-exports them: `import { FieldMapper, MappingError } from 'fsm-billing-sync'`).
import { createSandbox } from '../src/sandbox/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

// An Indian FSM org and Books org, seeded with customers, services and parts.
const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 4,
  clock,
  users: [{ email: 'ops@example.com', region: 'in', books: [{ records: 0 }], fsm: { records: { customers: 3, items: 2 } } }],
});
const fsmOrg = sandbox.orgs({ app: 'fsm' })[0];
const booksOrg = sandbox.orgs({ app: 'books' })[0];
if (!fsmOrg || !booksOrg) throw new Error('sandbox orgs missing');
const client = new IntegrationClient({
  region: 'in',
  finance: { app: 'books', organizationId: booksOrg.organizationId },
  auth: { accessToken: sandbox.accessToken('ops@example.com') },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
});

// 1. The integration's onboarding stores the default mappings of sync type I (Companies ↔ customers).
const storage = new MemoryStorage();
const mapper = new FieldMapper({ storage, syncType: 'I', edition: 'in' });
for (const snapshot of await mapper.createDefaults()) say(`${snapshot.module}: ${snapshot.entries.length} entries, version ${snapshot.version}`);

const company = sandbox.records(fsmOrg.organizationId, 'Companies')[0];
if (!company) throw new Error('no seeded company');
say('\n2. The default payload of a seeded company:');
say(JSON.stringify(await mapper.toFinance('companies', company), null, 2));

// 3. Change the mapping: the company's custom Region field goes to a Books custom field, its phone
//    is normalised, and its website goes to the notes instead of the website field. `set` replaces
//    entries that write the same target; the old Website ↔ website entry writes another one, so it
//    is removed by name.
const changed = await mapper.update('companies', {
  set: [
    { fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both', transform: 'trim' },
    { fsm: 'Phone', finance: `contact_persons[is_primary_contact=true].phone`, direction: 'both', transform: 'phone' },
    { fsm: 'Website', finance: 'notes', direction: 'to_finance' },
  ],
  remove: [{ fsm: 'Website', finance: 'website' }],
});
say(`\n3. Mapping changed to version ${changed.version}. The same company, with a Region, now maps to:`);
const edited = sandbox.edit(fsmOrg.organizationId, 'Companies', String(company.id), { Region__C: '  South ' });
const payload = await mapper.toFinance('companies', edited);
say(JSON.stringify(payload, null, 2));
const created = await client.finance.contacts.create(payload as FinanceContactCreate);
say(`Books created customer ${created.contact_id} (${created.contact_name}), notes "${created.notes ?? ''}".`);

// 4. A change that would break the mapping is refused, and nothing is stored.
try {
  await mapper.update('companies', { remove: [{ finance: 'contact_name' }] });
} catch (error) {
  if (!(error instanceof MappingError)) throw error;
  say(`\n4. Refused (${error.code}): ${error.message}`);
}
say(`   The mapping is still at version ${(await mapper.get('companies')).version}.`);

// 5. What the syncer backfills on its next run: the fields changed since version 1.
const changes = await mapper.changedFieldsSince('companies', 1);
say(`\n5. Changed since version 1: ${changes.entries.map((e) => `${e.fsm} → ${e.finance}`).join(', ')}`);
say(`   No longer mapped: ${changes.removed.map((e) => `${e.fsm} → ${e.finance}`).join(', ') || 'none'}`);
