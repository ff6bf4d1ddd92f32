import { FieldMapper, type SyncType } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { BidirectionalSyncer, type ConflictPolicy, type DeletePolicy, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { firstOrg, recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

type Row = Record<string, unknown>;

/** One two-way sync scenario: the sync type and the policies it runs under. */
export interface TwoWayCase {
  syncType: SyncType;
  deletes: DeletePolicy;
  conflicts: ConflictPolicy;
  seed: number;
}

const FINANCE_ORG = '70000001';

/**
 * A two-way sync in one sync type: a first run that pairs and creates both ways, edits on both
 * sides (the same field on both: a conflict), creates in each UI (a company with people, an
 * individual), then deletes on both sides under `deletes`; a manual conflict is resolved.
 */
async function twoWay(log: Exchange[], setting: FlowSetting, scenario: TwoWayCase): Promise<void> {
  const finance = { app: setting.app, organizationId: FINANCE_ORG };
  const records = { customers: 6, items: 3, invoices: 2, offset: 2 };
  const world = recordedWorld(log, {
    seed: scenario.seed,
    undocumented: setting.undocumented,
    users: [{
      email: 'sync@example.com',
      region: 'us',
      [setting.app]: [{ edition: 'us', organizationId: FINANCE_ORG, records }],
      ...(setting.app === 'books' ? { invoice: [] } : { books: [] }),
      fsm: { edition: 'us', records: { customers: 6, items: 3 }, finance },
    }],
  });
  const { sandbox, clock } = world;
  const fsm = firstOrg(sandbox, 'fsm');
  const client = world.client(finance);
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: scenario.syncType, edition: 'us' });
  const syncer = () => new BidirectionalSyncer({ storage, mapper, clock, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), deletes: scenario.deletes, conflicts: scenario.conflicts });
  const run = (fullScan = false) => syncer().run(fullScan ? { fullScan: true } : {});
  await run();

  // Edits on both sides: one field each, and the same field on both (a conflict).
  const company = sandbox.records(fsm, 'Companies')[0] as Row;
  const twin = sandbox.records(FINANCE_ORG, 'contacts').find((c) => c.contact_name === company.Company_Name) as Row | undefined;
  sandbox.edit(fsm, 'Companies', String(company.id), { Website: 'https://fsm.example', Phone: '+1 415 555 0100' });
  await clock.advance(2_000);
  if (twin) sandbox.edit(FINANCE_ORG, 'contacts', String(twin.contact_id), { website: 'https://books.example', notes: 'edited in Books' });
  const item = sandbox.records(FINANCE_ORG, 'items')[0] as Row;
  sandbox.edit(FINANCE_ORG, 'items', String(item.item_id), { rate: 321.5, description: 'edited in Books' });
  const part = sandbox.records(fsm, 'Service_And_Parts')[0] as Row;
  sandbox.edit(fsm, 'Service_And_Parts', String(part.id), { Unit_Price: 45.25 });
  const person = sandbox.records(FINANCE_ORG, 'contactpersons')[0] as Row | undefined;
  if (person) sandbox.edit(FINANCE_ORG, 'contactpersons', String(person.contact_person_id), { last_name: 'Okafor', phone: '+1 415 555 0101' });
  const fsmContacts = sandbox.records(fsm, 'Contacts');
  const employee = fsmContacts.find((c) => c.Company) ?? fsmContacts[0];
  if (employee) sandbox.edit(fsm, 'Contacts', String(employee.id), { Phone: '+1 415 555 0102', First_Name: 'Rosa' });
  const loner = fsmContacts.find((c) => !c.Company);
  if (loner) sandbox.edit(fsm, 'Contacts', String(loner.id), { Mobile: '+1 415 555 0103' });
  const individual = sandbox.records(FINANCE_ORG, 'contacts').find((c) => c.customer_sub_type === 'individual');
  if (individual) sandbox.edit(FINANCE_ORG, 'contacts', String(individual.contact_id), { notes: 'edited individual' });
  // Creates in each UI: companies with people, individuals, items.
  const created = sandbox.insert(FINANCE_ORG, 'contacts', {
    contact_name: 'Contract Plumbing Inc',
    company_name: 'Contract Plumbing Inc',
    customer_sub_type: 'business',
    contact_persons: [{ first_name: 'Lena', last_name: 'Berg', email: 'lena@contract-plumbing.example', is_primary_contact: true }],
  });
  sandbox.insert(FINANCE_ORG, 'contactpersons', { contact_id: created.contact_id, first_name: 'Omar', last_name: 'Haddad', email: 'omar@contract-plumbing.example' });
  sandbox.insert(FINANCE_ORG, 'contacts', {
    contact_name: 'Ines Moreau',
    customer_sub_type: 'individual',
    contact_persons: [{ first_name: 'Ines', last_name: 'Moreau', email: 'ines@moreau.example', is_primary_contact: true }],
  });
  sandbox.insert(FINANCE_ORG, 'items', { name: 'Contract Valve', rate: 12.5, product_type: 'goods' });
  const fsmCompany = sandbox.insert(fsm, 'Companies', { Company_Name: 'Contract Roofing LLC', Email: 'office@contract-roofing.example' });
  sandbox.insert(fsm, 'Contacts', { Last_Name: 'Ngata', First_Name: 'Mere', Email: 'mere@contract-roofing.example', Company: { id: fsmCompany.id } });
  sandbox.insert(fsm, 'Contacts', { Last_Name: 'Silva', First_Name: 'Tomas', Email: 'tomas@silva.example' });
  sandbox.insert(fsm, 'Service_And_Parts', { Name: 'Contract Inspection', Unit_Price: 80, Type: 'Service' });
  await run();

  // A conflict held for a person to decide is decided: the choice is written to the other side.
  const open = await syncer().conflicts.list();
  if (scenario.conflicts === 'manual' && open.length === 0) throw new Error('the edits on both sides left no conflict to decide');
  for (const conflict of open) await syncer().conflicts.resolve(conflict.id, 'finance');
  if (open.length > 0) await run();

  // Deletes on both sides; a full read sees the Books ones.
  sandbox.remove(fsm, 'Service_And_Parts', String((sandbox.records(fsm, 'Service_And_Parts').at(-1) as Row).id));
  sandbox.remove(fsm, 'Companies', String((sandbox.records(fsm, 'Companies').at(-1) as Row).id));
  const lastContact = sandbox.records(fsm, 'Contacts').at(-1);
  if (lastContact) sandbox.remove(fsm, 'Contacts', String(lastContact.id));
  sandbox.remove(FINANCE_ORG, 'items', String((sandbox.records(FINANCE_ORG, 'items').at(-1) as Row).item_id));
  const lonePerson = sandbox.records(FINANCE_ORG, 'contactpersons').at(-1) as Row | undefined;
  if (lonePerson) sandbox.remove(FINANCE_ORG, 'contactpersons', String(lonePerson.contact_person_id));
  // A customer without invoices can be deleted in Books.
  const invoiced = new Set(sandbox.records(FINANCE_ORG, 'invoices').map((i) => i.customer_id));
  const deletable = sandbox.records(FINANCE_ORG, 'contacts').filter((c) => !invoiced.has(c.contact_id)).at(-1);
  if (deletable) sandbox.remove(FINANCE_ORG, 'contacts', String(deletable.contact_id));
  await run();
  await run(true);
  await run();
}

// Every delete policy and every conflict policy at least once; type IV under each delete policy.
const CASES: readonly TwoWayCase[] = [
  { syncType: 'I', deletes: 'deactivate', conflicts: 'latest-wins', seed: 5 },
  { syncType: 'II', deletes: 'unlink', conflicts: 'fsm-wins', seed: 7 },
  { syncType: 'III', deletes: 'propagate', conflicts: 'finance-wins', seed: 6 },
  { syncType: 'IV', deletes: 'propagate', conflicts: 'manual', seed: 8 },
  { syncType: 'IV', deletes: 'unlink', conflicts: (c) => (c.field.fsm === 'Phone' ? 'fsm' : 'finance'), seed: 9 },
  { syncType: 'IV', deletes: 'deactivate', conflicts: 'latest-wins', seed: 10 },
];

/** Two-way syncs of every sync type, under every delete and conflict policy. */
export async function syncFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  for (const scenario of CASES) await twoWay(log, setting, scenario);
}
