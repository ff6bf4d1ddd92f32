import { FieldMapper, type SyncType } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { BidirectionalSyncer, type DeletePolicy, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { firstOrg, recordedWorld } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

type Row = Record<string, unknown>;

/**
 * A two-way sync in one sync type: a first run that pairs and creates both ways, edits on both
 * sides (one a conflict), UI creates on both sides, then deletes on both sides under `deletes`.
 */
async function twoWay(log: Exchange[], syncType: SyncType, deletes: DeletePolicy, seed: number): Promise<void> {
  const world = recordedWorld(log, {
    seed,
    users: [{ email: 'sync@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 5, items: 3, invoices: 2, offset: 2 } }], fsm: { edition: 'us', records: { customers: 5, items: 3 } } }],
  });
  const { sandbox, clock } = world;
  const books = firstOrg(sandbox, 'books');
  const fsm = firstOrg(sandbox, 'fsm');
  const client = world.client({ app: 'books', organizationId: books });
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType, edition: 'us' });
  const run = (fullScan = false) =>
    new BidirectionalSyncer({ storage, mapper, clock, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), deletes, conflicts: 'latest-wins' }).run(fullScan ? { fullScan: true } : {});
  await run();

  // Edits on both sides: one field each, and the same field on both (a conflict).
  const company = sandbox.records(fsm, 'Companies')[0] as Row;
  const twin = sandbox.records(books, 'contacts').find((c) => c.contact_name === company.Company_Name) as Row | undefined;
  sandbox.edit(fsm, 'Companies', String(company.id), { Website: 'https://fsm.example', Phone: '+1 415 555 0100' });
  await clock.advance(2_000);
  if (twin) sandbox.edit(books, 'contacts', String(twin.contact_id), { website: 'https://books.example', notes: 'edited in Books' });
  const item = sandbox.records(books, 'items')[0] as Row;
  sandbox.edit(books, 'items', String(item.item_id), { rate: 321.5, description: 'edited in Books' });
  const part = sandbox.records(fsm, 'Service_And_Parts')[0] as Row;
  sandbox.edit(fsm, 'Service_And_Parts', String(part.id), { Unit_Price: 45.25 });
  const person = sandbox.records(books, 'contactpersons')[0] as Row | undefined;
  if (person) sandbox.edit(books, 'contactpersons', String(person.contact_person_id), { last_name: 'Okafor', phone: '+1 415 555 0101' });
  const fsmContact = sandbox.records(fsm, 'Contacts')[0] as Row | undefined;
  if (fsmContact) sandbox.edit(fsm, 'Contacts', String(fsmContact.id), { Phone: '+1 415 555 0102', First_Name: 'Rosa' });
  // Creates in each UI.
  const created = sandbox.insert(books, 'contacts', {
    contact_name: 'Contract Plumbing Inc',
    company_name: 'Contract Plumbing Inc',
    contact_persons: [{ first_name: 'Lena', last_name: 'Berg', email: 'lena@contract-plumbing.example', is_primary_contact: true }],
  });
  sandbox.insert(books, 'contactpersons', { contact_id: created.contact_id, first_name: 'Omar', last_name: 'Haddad', email: 'omar@contract-plumbing.example' });
  sandbox.insert(books, 'items', { name: 'Contract Valve', rate: 12.5, product_type: 'goods' });
  const fsmCompany = sandbox.insert(fsm, 'Companies', { Company_Name: 'Contract Roofing LLC', Email: 'office@contract-roofing.example' });
  sandbox.insert(fsm, 'Contacts', { Last_Name: 'Ngata', First_Name: 'Mere', Email: 'mere@contract-roofing.example', Company: { id: fsmCompany.id } });
  sandbox.insert(fsm, 'Service_And_Parts', { Name: 'Contract Inspection', Unit_Price: 80, Type: 'Service' });
  await run();

  // Deletes on both sides; a full read sees the Books one.
  const fsmItem = sandbox.records(fsm, 'Service_And_Parts').at(-1) as Row;
  sandbox.remove(fsm, 'Service_And_Parts', String(fsmItem.id));
  const lastCompany = sandbox.records(fsm, 'Companies').at(-1) as Row;
  sandbox.remove(fsm, 'Companies', String(lastCompany.id));
  const booksItem = sandbox.records(books, 'items').at(-1) as Row;
  sandbox.remove(books, 'items', String(booksItem.item_id));
  const lonePerson = sandbox.records(books, 'contactpersons').at(-1) as Row | undefined;
  if (lonePerson) sandbox.remove(books, 'contactpersons', String(lonePerson.contact_person_id));
  await run();
  await run(true);
  await run();
}

/** Two-way syncs: sync type I and III, deletes unlinking, deactivating and propagating. */
export async function syncFlow(log: Exchange[]): Promise<void> {
  await twoWay(log, 'I', 'deactivate', 5);
  await twoWay(log, 'III', 'propagate', 6);
  await twoWay(log, 'II', 'unlink', 7);
}
