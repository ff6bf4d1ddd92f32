import { FieldMapper } from '../../src/mapping/index.js';
import { OrgSelector } from '../../src/eligibility/org-selector.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { BidirectionalSyncer, failuresToCsv, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { TaxSync } from '../../src/tax/index.js';
import { recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

/**
 * The steps of examples/demo.ts (a script, so not importable): list orgs, onboarding choices,
 * bind the Books org, walk customers and items, create and link, three sync runs. The demo keeps
 * state in SQLite; storage makes no Zoho call, so memory stands in.
 */
export async function demoFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const email = 'asha@example.com';
  const world = recordedWorld(log, {
    seed: 1,
    undocumented: setting.undocumented,
    users: [{ email, region: 'in', books: [{ records: { customers: 240, items: 40 } }], invoice: [{}], fsm: { records: { customers: 30, items: 12 } } }],
  });
  const { sandbox, clock } = world;
  const booksOrg = sandbox.orgs({ email, app: 'books' })[0];
  const fsmOrg = sandbox.orgs({ email, app: 'fsm' })[0];
  if (!booksOrg || !fsmOrg) throw new Error('the sandbox user needs a Books and an FSM organisation');
  const storage = new MemoryStorage();
  const client = world.client({ app: 'books', organizationId: booksOrg.organizationId }, email);

  for (const app of ['books', 'invoice'] as const) await client.financeFor(app).organizations.list();
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
  const taxes = new TaxSync({ client, storage, edition: 'in' });
  const selector = new OrgSelector({ client, storage, fsm: { name: 'Asha Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true }, mapper, taxes });
  await selector.options(email);
  await selector.select({ choice: 'existing_books', organizationId: booksOrg.organizationId });
  await selector.onboard();
  await taxes.idMap();
  await selector.health();

  await client.finance.contacts.list({ sortColumn: 'last_modified_time', sortOrder: 'D' }).toArray();
  await client.finance.items.list().toArray();

  const customer = await client.finance.contacts.create({ contact_name: 'Demo Plumbing Pvt Ltd', customer_sub_type: 'business' });
  const company = await client.fsm.companies.create({ Company_Name: 'Demo Plumbing Pvt Ltd' });
  await client.fsm.companies.link(company.id, customer.contact_id);

  const syncer = new BidirectionalSyncer({ storage, clock, mapper, taxes, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
  await syncer.run();
  const fsmCompany = sandbox.records(fsmOrg.organizationId, 'Companies')[0];
  const twin = sandbox.records(booksOrg.organizationId, 'contacts').find((c) => c.contact_name === fsmCompany?.Company_Name);
  if (!fsmCompany || !twin) throw new Error('the first run should have paired the first company');
  sandbox.edit(fsmOrg.organizationId, 'Companies', String(fsmCompany.id), { Website: 'https://fsm.example', Phone: '+91 80 5550 0100' });
  sandbox.edit(booksOrg.organizationId, 'contacts', String(twin.contact_id), { website: 'https://books.example' });
  sandbox.insert(booksOrg.organizationId, 'contactpersons', { contact_id: twin.contact_id, first_name: 'Ravi', email: 'ravi@example.com' });
  failuresToCsv(await syncer.run());
  await syncer.run();
}
