import { describe, expect, it } from 'vitest';
import type { SyncType } from '../../src/mapping/index.js';
import { zohoFinanceSource } from '../../src/sync/index.js';
import { customers, one, type SyncWorld, syncWorld, type SyncWorldOptions } from './helpers.js';

/** A Books write the sandbox received, with its JSON body. */
interface SentWrite {
  method: string;
  /** Below the API base: `/contacts/460000000000003`. */
  path: string;
  body: Record<string, unknown>;
}

/** A sync world whose Books writes are kept with their bodies, as sent. */
function recordingWorld(options: SyncWorldOptions = {}): { world: SyncWorld; sent: SentWrite[] } {
  const sent: SentWrite[] = [];
  const world = syncWorld({
    ...options,
    fetch: (sandboxFetch) => async (input, init) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const url = new URL(request.url);
      if (request.method !== 'GET' && url.pathname.startsWith('/books/v3/')) {
        const text = await request.clone().text();
        sent.push({ method: request.method, path: url.pathname.slice('/books/v3'.length), body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) });
      }
      return sandboxFetch(request);
    },
  });
  return { world, sent };
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The fields Zoho's published API description requires on each Books write the sync makes,
 * missing from a body. Writes without a body (mark inactive, delete) require nothing.
 */
function missingRequired(write: SentWrite): string[] {
  const { method, path } = write;
  let required: string[] = [];
  if (method === 'PUT' && /^\/contacts\/contactpersons\/[^/]+$/.test(path)) required = ['contact_id', 'first_name'];
  else if (method === 'POST' && path === '/contacts/contactpersons') required = ['contact_id', 'first_name'];
  else if (method === 'PUT' && /^\/contacts\/[^/]+$/.test(path)) required = ['contact_name', 'contact_type'];
  else if (method === 'POST' && path === '/contacts') required = ['contact_name'];
  else if (method === 'PUT' && /^\/items\/[^/]+$/.test(path)) required = ['name', 'rate'];
  else if (method === 'POST' && path === '/items') required = ['name', 'rate'];
  return required.filter((field) => blank(write.body[field]));
}

/** Books reads of one record (GET /contacts/{id}, /items/{id}, a person) since call `since`. */
function recordReads(world: SyncWorld, since: number): string[] {
  return world.sandbox.calls.list().slice(since)
    .filter((c) => c.method === 'GET' && c.app === 'books' && ['/contacts/{id}', '/items/{id}'].includes(c.endpoint))
    .map((c) => `${c.method} ${c.path}`);
}

describe('Books writes of the sync carry every field Zoho requires', () => {
  it('an FSM edit of a company is sent to Books with contact_name and contact_type, taken from what the sync holds: the customer is not read first', async () => {
    const { world, sent } = recordingWorld();
    await world.syncer().run();
    const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    const booksId = String(one(world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
    world.sandbox.edit(world.fsm, 'Companies', String(company.id), { Website: 'https://required.example' });
    sent.length = 0;
    const before = world.sandbox.calls.total;

    await world.syncer().run();

    expect(sent).toEqual([{ method: 'PUT', path: `/contacts/${booksId}`, body: expect.objectContaining({ website: 'https://required.example', contact_name: company.Company_Name, contact_type: 'customer' }) }]);
    expect(recordReads(world, before)).toEqual([]);
  });

  it('an FSM edit of a service is sent to Books with the item name and rate, without reading the item', async () => {
    const { world, sent } = recordingWorld();
    await world.syncer().run();
    const service = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const item = one(world, 'books', 'items', 'name', service.Name);
    world.sandbox.edit(world.fsm, 'Service_And_Parts', String(service.id), { Description: 'now with a longer description' });
    sent.length = 0;
    const before = world.sandbox.calls.total;

    await world.syncer().run();

    expect(sent).toEqual([{ method: 'PUT', path: `/items/${String(item.item_id)}`, body: expect.objectContaining({ description: 'now with a longer description', name: item.name, rate: item.rate }) }]);
    expect(recordReads(world, before)).toEqual([]);
  });

  it('Type III: an FSM edit of a contact is sent to its Books contact person with contact_id and first_name', async () => {
    const { world, sent } = recordingWorld({ syncType: 'III' });
    await world.syncer().run();
    const person = world.sandbox.records(world.books, 'contactpersons').find((p) => !blank(p.first_name) && !blank(p.email)) as Record<string, unknown>;
    const contact = one(world, 'fsm', 'Contacts', 'Email', person.email);
    world.sandbox.edit(world.fsm, 'Contacts', String(contact.id), { Phone: '+1 555 0199' });
    sent.length = 0;
    const before = world.sandbox.calls.total;

    await world.syncer().run();

    expect(sent).toEqual([{
      method: 'PUT',
      path: `/contacts/contactpersons/${String(person.contact_person_id)}`,
      body: expect.objectContaining({ phone: '+1 555 0199', contact_id: person.contact_id, first_name: person.first_name }),
    }]);
    expect(world.sandbox.record(world.books, 'contactpersons', String(person.contact_person_id))?.contact_id).toBe(person.contact_id);
    expect(recordReads(world, before)).toEqual([]);
  });

  it('Type II: an FSM edit of a contact is sent to its individual customer with contact_name and contact_type', async () => {
    const { world, sent } = recordingWorld({ syncType: 'II' });
    await world.syncer().run();
    const customer = customers(world, 'individual')[0] as Record<string, unknown>;
    const primary = world.sandbox.records(world.books, 'contactpersons').find((p) => p.contact_id === customer.contact_id && p.is_primary_contact === true) as Record<string, unknown>;
    const contact = one(world, 'fsm', 'Contacts', 'Email', primary.email);
    world.sandbox.edit(world.fsm, 'Contacts', String(contact.id), { Phone: '+1 555 0198' });
    sent.length = 0;
    const before = world.sandbox.calls.total;

    await world.syncer().run();

    expect(sent).toEqual([{ method: 'PUT', path: `/contacts/${String(customer.contact_id)}`, body: expect.objectContaining({ contact_name: customer.contact_name, contact_type: 'customer' }) }]);
    expect(recordReads(world, before)).toEqual([]);
  });

  const scenarios: Array<{ syncType: SyncType }> = [{ syncType: 'I' }, { syncType: 'II' }, { syncType: 'III' }];
  it.each(scenarios)('Type $syncType: every Books create and update of a first run, edits on both sides and a delete run carries its required fields', async ({ syncType }) => {
    const { world, sent } = recordingWorld({ syncType, fsmRecords: { customers: 6, items: 4 }, booksRecords: { customers: 6, items: 4, offset: 3 } });
    await world.syncer().run();
    for (const company of world.sandbox.records(world.fsm, 'Companies').slice(0, 2)) world.sandbox.edit(world.fsm, 'Companies', String(company.id), { Website: 'https://both.example' });
    for (const contact of world.sandbox.records(world.fsm, 'Contacts').slice(0, 3)) world.sandbox.edit(world.fsm, 'Contacts', String(contact.id), { Phone: '+1 555 0142' });
    for (const service of world.sandbox.records(world.fsm, 'Service_And_Parts').slice(0, 2)) world.sandbox.edit(world.fsm, 'Service_And_Parts', String(service.id), { Unit_Price: 77 });
    const item = world.sandbox.records(world.books, 'items')[0] as Record<string, unknown>;
    world.sandbox.edit(world.books, 'items', String(item.item_id), { description: 'edited in Books' });
    world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Required Fields Ltd' });
    world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Required Service', Unit_Price: 5, Type: 'Service' });
    await world.syncer().run();
    const fsmItem = world.sandbox.records(world.fsm, 'Service_And_Parts')[1] as Record<string, unknown>;
    world.sandbox.remove(world.fsm, 'Service_And_Parts', String(fsmItem.id));
    await world.syncer({ deletes: 'deactivate' }).run({ fullScan: true });

    expect(sent.filter((w) => w.method === 'PUT').length, 'the scenario should update Books records').toBeGreaterThan(0);
    const lacking = sent.map((w) => ({ write: `${w.method} ${w.path}`, missing: missingRequired(w) })).filter((w) => w.missing.length > 0);
    expect(lacking).toEqual([]);
  });
});

describe('zohoFinanceSource.update: required fields from the patch, the record the caller holds, or one read', () => {
  it('given no current record, it reads the customer once and sends contact_name and contact_type with the patch', async () => {
    const { world, sent } = recordingWorld();
    const customer = world.sandbox.records(world.books, 'contacts')[0] as Record<string, unknown>;
    const source = zohoFinanceSource(world.client);
    const before = world.sandbox.calls.total;

    await source.update('companies', String(customer.contact_id), { website: 'https://read-once.example' });

    expect(recordReads(world, before)).toEqual([`GET /contacts/${String(customer.contact_id)}`]);
    expect(sent.at(-1)?.body).toEqual({ website: 'https://read-once.example', contact_name: customer.contact_name, contact_type: 'customer' });
  });

  it('given the current record, it sends without reading; the patch wins over the current value', async () => {
    const { world, sent } = recordingWorld();
    const item = world.sandbox.records(world.books, 'items')[0] as Record<string, unknown>;
    const source = zohoFinanceSource(world.client);
    const before = world.sandbox.calls.total;

    const result = await source.update('items', String(item.item_id), { rate: 321 }, { current: { name: item.name, rate: item.rate } });

    expect(recordReads(world, before)).toEqual([]);
    expect(sent.at(-1)?.body).toEqual({ rate: 321, name: item.name });
    expect(result.data?.rate).toBe(321);
  });

  it('a patch that blanks a required field is refused as a mandatory field left empty, and nothing is sent', async () => {
    const { world, sent } = recordingWorld();
    const item = world.sandbox.records(world.books, 'items')[0] as Record<string, unknown>;
    const source = zohoFinanceSource(world.client);

    await expect(source.update('items', String(item.item_id), { rate: null }, { current: item })).rejects.toMatchObject({ reason: 'MANDATORY_FIELDS_EMPTY', message: expect.stringContaining('rate') });
    expect(sent).toEqual([]);
  });
});
