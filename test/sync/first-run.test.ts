import { describe, expect, it } from 'vitest';
import { customers, find, names, one, syncWorld, views, writesSince } from './helpers.js';

function shared(world: ReturnType<typeof syncWorld>): string[] {
  const books = new Set(names(customers(world), 'contact_name'));
  return names(world.sandbox.records(world.fsm, 'Companies'), 'Company_Name').filter((n) => books.has(n));
}

describe('first run: duplicates by match key', () => {
  it("'overwrite' pairs records with the same Company Name and Item Name; the later-modified record's values win", async () => {
    const world = syncWorld();
    const [fsmNewer, booksNewer] = shared(world);
    expect(fsmNewer, 'the sandbox should generate two shared companies').toBeDefined();
    const fsmCompany = one(world, 'fsm', 'Companies', 'Company_Name', fsmNewer);
    world.sandbox.edit(world.fsm, 'Companies', String(fsmCompany.id), { Website: 'https://fsm-edited.example' });
    const booksCustomer = one(world, 'books', 'contacts', 'contact_name', booksNewer);
    world.sandbox.edit(world.books, 'contacts', String(booksCustomer.contact_id), { website: 'https://books-edited.example' });

    const report = await world.syncer().run();

    expect(report.failures).toEqual([]);
    expect(report.entities.find((e) => e.module === 'companies')?.matched).toBe(2);
    expect(one(world, 'books', 'contacts', 'contact_name', fsmNewer).website).toBe('https://fsm-edited.example');
    expect(one(world, 'fsm', 'Companies', 'Company_Name', booksNewer).Website).toBe('https://books-edited.example');
    const { fsm, finance } = views(world);
    expect(finance.companies).toEqual(fsm.companies);
    expect(finance.items).toEqual(fsm.items);
  });

  it("'clone' copies every record; Books refusing a duplicate display name (code 3062) is a recorded failure, not a crash", async () => {
    const world = syncWorld();
    const both = shared(world);
    const report = await world.syncer({ duplicates: 'clone', entities: ['companies'] }).run();

    expect(report.status).toBe('completed');
    const refused = report.failures.find((f) => f.reason === 'DUPLICATE_NAME');
    expect(refused?.count).toBe(both.length);
    expect(refused?.direction).toBe('toFinance');
    expect(refused?.records.map((r) => r.name).sort()).toEqual(both.map((n) => n.toLowerCase()).sort());
    // Books' copies were cloned into FSM, which allows duplicate names.
    for (const name of both) expect(find(world, 'fsm', 'Companies', 'Company_Name', name)).toHaveLength(2);
    // Nothing else is missing: every Books customer has an FSM twin.
    const fsmNames = new Set(names(world.sandbox.records(world.fsm, 'Companies'), 'Company_Name'));
    for (const name of names(customers(world), 'contact_name')) expect(fsmNames.has(name)).toBe(true);

    // The refusal is remembered: the next run reports it again without sending the same create.
    const before = world.sandbox.calls.total;
    const again = await world.syncer({ duplicates: 'clone', entities: ['companies'] }).run();
    expect(writesSince(world, before)).toEqual([]);
    expect(again.failures.find((f) => f.reason === 'DUPLICATE_NAME')?.count).toBe(both.length);
  });

  it("'clone' with Books allowing duplicate display names leaves two of each shared record on both sides", async () => {
    const world = syncWorld({ books: { allowDuplicateNames: true } });
    const both = shared(world);
    const report = await world.syncer({ duplicates: 'clone', entities: ['companies'] }).run();
    expect(report.failures).toEqual([]);
    for (const name of both) {
      expect(find(world, 'fsm', 'Companies', 'Company_Name', name)).toHaveLength(2);
      expect(find(world, 'books', 'contacts', 'contact_name', name)).toHaveLength(2);
    }
    const { fsm, finance } = views(world);
    expect(finance.companies).toEqual(fsm.companies);
  });

  it('Type III: companies first, then their contacts become contact persons of the linked customer, and back', async () => {
    const world = syncWorld({ syncType: 'III' });
    const report = await world.syncer().run();
    expect(report.failures).toEqual([]);
    expect(report.entities.map((e) => e.module)).toEqual(['companies', 'contact_persons', 'items']);
    const { fsm, finance } = views(world);
    expect(finance.companies).toEqual(fsm.companies);
    expect(finance.persons).toEqual(fsm.persons);
    expect(finance.items).toEqual(fsm.items);
  });

  it('a run right after a run makes no write, and a third run costs only list pages (and the persons of customers modified in the cursor\'s second)', async () => {
    const world = syncWorld({ syncType: 'III' });
    await world.syncer().run();
    let before = world.sandbox.calls.total;
    await world.syncer().run();
    expect(writesSince(world, before)).toEqual([]);
    before = world.sandbox.calls.total;
    const third = await world.syncer().run();
    expect(writesSince(world, before)).toEqual([]);
    const calls = world.sandbox.calls.list().slice(before).filter((c) => c.app !== 'accounts').map((c) => `${c.method} ${c.endpoint}`);
    const lists = ['GET /Companies', 'GET /Contacts', 'GET /Service_And_Parts', 'GET /contacts', 'GET /items'];
    expect(calls.filter((c) => !lists.includes(c) && c !== 'GET /contacts/{contact_id}/contactpersons'), calls.join(', ')).toEqual([]);
    // The cursor is inclusive (Zoho's times have second precision): only the newest second is read again.
    expect(calls.filter((c) => c === 'GET /contacts/{contact_id}/contactpersons').length).toBeLessThanOrEqual(2);
    expect(third.apiCalls.total).toBe(calls.length);
  });
});

describe('contacts as individual customers (Types II and IV)', () => {
  const emails = (list: Array<Record<string, unknown>>, field: string) => list.map((r) => String(r[field] ?? '').toLowerCase()).filter((e) => e !== '').sort();
  // A Books customer's email is its primary contact person's.
  const primaryEmails = (list: Array<Record<string, unknown>>) =>
    emails(list.map((c) => (c.contact_persons as Array<Record<string, unknown>>).find((p) => p.is_primary_contact) ?? {}), 'email');

  it('Type II: every FSM contact is an individual customer with the same email, and back', async () => {
    const world = syncWorld({ syncType: 'II' });
    const report = await world.syncer({ entities: ['contacts'] }).run();
    const individuals = world.sandbox.records(world.books, 'contacts').filter((c) => c.customer_sub_type === 'individual');
    const fsmContacts = world.sandbox.records(world.fsm, 'Contacts');
    const refused = new Set(report.failures.flatMap((f) => f.records.map((r) => r.name)));
    expect(primaryEmails(individuals)).toEqual(emails(fsmContacts, 'Email').filter((e) => !refused.has(e)));
    expect(report.failures.every((f) => f.reason === 'DUPLICATE_NAME'), JSON.stringify(report.failures)).toBe(true);
    const before = world.sandbox.calls.total;
    await world.syncer({ entities: ['contacts'] }).run();
    expect(writesSince(world, before)).toEqual([]);
  });

  it('Type IV: contacts with a company become its contact persons, the others individual customers', async () => {
    const world = syncWorld({ syncType: 'IV', fsmRecords: { customers: 8, items: 1 }, booksRecords: { customers: 8, items: 1, offset: 4 } });
    const report = await world.syncer().run();
    expect(report.failures).toEqual([]);
    expect(report.entities.map((e) => e.module)).toEqual(['companies', 'contacts', 'contact_persons', 'items']);
    const fsmContacts = world.sandbox.records(world.fsm, 'Contacts');
    const individuals = world.sandbox.records(world.books, 'contacts').filter((c) => c.customer_sub_type === 'individual');
    expect(primaryEmails(individuals)).toEqual(emails(fsmContacts.filter((c) => !c.Company), 'Email'));
    const { fsm, finance } = views(world);
    expect(finance.persons).toEqual(fsm.persons);
    expect(finance.companies).toEqual(fsm.companies);
  });
});
