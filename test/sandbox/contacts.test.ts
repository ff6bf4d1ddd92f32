import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

function setup(options: Parameters<typeof testSandbox>[0] = {}) {
  const sandbox = testSandbox(options);
  return { sandbox, api: new SandboxApi(sandbox), books: orgId(sandbox, 'books') };
}

const BOOKS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/;

describe('sandbox contacts', () => {
  it('creates a contact with persons (201, Zoho’s message), gets, updates and deletes it', async () => {
    const { api, books } = setup();
    const created = await api.books('POST', books, '/contacts', {
      contact_name: 'Bowman and Co',
      company_name: 'Bowman and Co',
      contact_persons: [{ first_name: 'Will', last_name: 'Smith', email: 'will@bowman.example' }, { first_name: 'Ann', email: 'ann@bowman.example' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 0, message: 'The contact has been created' });
    const contact = created.body.contact;
    expect(contact).toMatchObject({ contact_name: 'Bowman and Co', status: 'active', contact_type: 'customer', has_transaction: false });
    expect(contact.contact_id).toMatch(/^\d{15}$/);
    expect(contact.created_time).toMatch(BOOKS_TIME);
    expect(contact.contact_persons).toHaveLength(2);
    expect(contact.contact_persons[0].is_primary_contact).toBe(true);
    expect(contact.primary_contact_id).toBe(contact.contact_persons[0].contact_person_id);

    const got = await api.books('GET', books, `/contacts/${contact.contact_id}`);
    expect(got.body).toMatchObject({ code: 0, message: 'success', contact: { contact_id: contact.contact_id } });

    const partial = await api.books('PUT', books, `/contacts/${contact.contact_id}`, { website: 'https://bowman.example' });
    expect([partial.status, partial.body]).toEqual([400, { code: 3013, message: 'Enter a valid Contact Name' }]);
    const untyped = await api.books('PUT', books, `/contacts/${contact.contact_id}`, { contact_name: contact.contact_name, website: 'https://bowman.example' });
    expect([untyped.status, untyped.body]).toEqual([400, { code: 2, message: 'Invalid value passed for contact_type' }]);
    const updated = await api.books('PUT', books, `/contacts/${contact.contact_id}`, { contact_name: contact.contact_name, contact_type: 'customer', website: 'https://bowman.example' });
    expect(updated.body).toMatchObject({ code: 0, message: 'Contact has been updated successfully', contact: { website: 'https://bowman.example' } });

    const deleted = await api.books('DELETE', books, `/contacts/${contact.contact_id}`);
    expect(deleted.body).toEqual({ code: 0, message: 'The contact has been deleted.' });
    const gone = await api.books('GET', books, `/contacts/${contact.contact_id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ code: 1002, message: 'Contact does not exist.' });
  });

  it('refuses a duplicate display name with 3062 unless the org allows duplicates', async () => {
    const { sandbox, api, books } = setup();
    await api.books('POST', books, '/contacts', { contact_name: 'Acme' });
    const dup = await api.books('POST', books, '/contacts', { contact_name: 'acme' });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ code: 3062, message: 'The contact already exists.Please specify a different name' });
    sandbox.updateOrg(books, { allowDuplicateNames: true });
    expect((await api.books('POST', books, '/contacts', { contact_name: 'Acme' })).status).toBe(201);
  });

  it('refuses a blank name with 3013 and an unknown currency with 9004', async () => {
    const { api, books } = setup();
    expect((await api.books('POST', books, '/contacts', { contact_name: ' ' })).body).toEqual({ code: 3013, message: 'Enter a valid Contact Name' });
    expect((await api.books('POST', books, '/contacts', { contact_name: 'X', currency_id: '1' })).body.code).toBe(9004);
  });

  it('refuses to delete a contact with transactions (3000)', async () => {
    const { api, books } = setup({ records: { customers: 3, items: 3 } });
    const contact = (await api.books('GET', books, '/contacts')).body.contacts[0];
    const item = (await api.books('GET', books, '/items')).body.items[0];
    const invoice = await api.books('POST', books, '/invoices', { customer_id: contact.contact_id, line_items: [{ item_id: item.item_id, quantity: 2 }] });
    expect(invoice.status).toBe(201);
    const refused = await api.books('DELETE', books, `/contacts/${contact.contact_id}`);
    expect(refused.body).toEqual({ code: 3000, message: 'This contact cannot be deleted since you have recorded transactions for it' });
  });

  it('marks contacts inactive and active, and filters by status', async () => {
    const { api, books } = setup({ records: 5 });
    const [first] = (await api.books('GET', books, '/contacts')).body.contacts;
    const inactive = await api.books('POST', books, `/contacts/${first.contact_id}/inactive`);
    expect(inactive.body).toEqual({ code: 0, message: 'The contact has been marked as inactive.' });
    const onlyInactive = await api.books('GET', books, '/contacts?filter_by=Status.Inactive');
    expect(onlyInactive.body.contacts.map((c: { contact_id: string }) => c.contact_id)).toEqual([first.contact_id]);
    expect(onlyInactive.body.page_context.applied_filter).toBe('Status.Inactive');
    expect((await api.books('GET', books, '/contacts?filter_by=Status.Active')).body.contacts).toHaveLength(4);
    const active = await api.books('POST', books, `/contacts/${first.contact_id}/active`);
    expect(active.body.message).toBe('The contact has been marked as active.');
  });

  it('sorts by last_modified_time so a walk sees the latest edit last', async () => {
    const { sandbox, api, books } = setup({ records: 20 });
    const all = (await api.books('GET', books, '/contacts')).body.contacts;
    const target = all[3];
    sandbox.edit(books, 'contacts', target.contact_id, { notes: 'changed in the UI' });
    const sorted = await api.books('GET', books, '/contacts?sort_column=last_modified_time&sort_order=A');
    expect(sorted.body.page_context).toMatchObject({ sort_column: 'last_modified_time', sort_order: 'A' });
    expect(sorted.body.contacts.at(-1).contact_id).toBe(target.contact_id);
    expect((await api.books('GET', books, '/contacts?sort_column=bogus')).body.code).toBe(2);
  });

  it('filters by name variants and search_text', async () => {
    const { api, books } = setup();
    for (const name of ['Alpha Pumps', 'Alpine HVAC', 'Beta Solar']) await api.books('POST', books, '/contacts', { contact_name: name });
    const starts = await api.books('GET', books, '/contacts?contact_name_startswith=alp');
    expect(starts.body.contacts.map((c: { contact_name: string }) => c.contact_name)).toEqual(['Alpha Pumps', 'Alpine HVAC']);
    const contains = await api.books('GET', books, '/contacts?search_text=solar');
    expect(contains.body.contacts).toHaveLength(1);
  });

  it('manages contact persons with Zoho’s messages', async () => {
    const { api, books } = setup();
    const contact = (await api.books('POST', books, '/contacts', { contact_name: 'Persons Ltd' })).body.contact;
    const created = await api.books('POST', books, '/contacts/contactpersons', { contact_id: contact.contact_id, first_name: 'Ravi', email: 'ravi@p.example' });
    expect(created.status).toBe(201);
    expect(created.body.message).toBe('The contactperson has been Created');
    const person = created.body.contact_person;
    expect(person).toMatchObject({ contact_id: contact.contact_id, first_name: 'Ravi', is_primary_contact: true });
    const second = (await api.books('POST', books, '/contacts/contactpersons', { contact_id: contact.contact_id, first_name: 'Mia' })).body.contact_person;
    const partial = await api.books('PUT', books, `/contacts/contactpersons/${second.contact_person_id}`, { last_name: 'Lopez' });
    expect([partial.status, partial.body]).toEqual([400, { code: 2, message: 'Invalid value passed for contact_id' }]);
    const nameless = await api.books('POST', books, '/contacts/contactpersons', { contact_id: contact.contact_id, last_name: 'Nobody' });
    expect([nameless.status, nameless.body]).toEqual([400, { code: 2, message: 'Invalid value passed for first_name' }]);
    const updated = await api.books('PUT', books, `/contacts/contactpersons/${second.contact_person_id}`, { contact_id: contact.contact_id, first_name: 'Mia', last_name: 'Lopez' });
    expect(updated.body).toMatchObject({ message: 'The contactperson details has been updated.', contact_person: { last_name: 'Lopez' } });
    const primary = await api.books('POST', books, `/contacts/contactpersons/${second.contact_person_id}/primary`);
    expect(primary.body.message).toBe('This contact person has been marked as your primary contact person.');
    const list = await api.books('GET', books, `/contacts/${contact.contact_id}/contactpersons`);
    expect(list.body.contact_persons.map((p: { is_primary_contact: boolean }) => p.is_primary_contact)).toEqual([false, true]);
    expect(list.body.page_context).toMatchObject({ page: 1, per_page: 200, has_more_page: false });
    const one = await api.books('GET', books, `/contacts/${contact.contact_id}/contactpersons/${person.contact_person_id}`);
    expect(one.body.contact_person.contact_person_id).toBe(person.contact_person_id);
    const deleted = await api.books('DELETE', books, `/contacts/contactpersons/${person.contact_person_id}`);
    expect(deleted.body).toEqual({ code: 0, message: 'The contact person has been deleted.' });
    expect((await api.books('DELETE', books, `/contacts/contactpersons/${person.contact_person_id}`)).body).toEqual({ code: 1002, message: 'Contact Person does not exist.' });
  });

  it('gates edition fields: gst_no exists in an India org, not in a US org', async () => {
    const sandbox = testSandbox({ users: [{ email: 'x@example.com', books: [{ edition: 'in' }, { edition: 'us' }] }] });
    const api = new SandboxApi(sandbox);
    const [india, us] = sandbox.orgs({ app: 'books' }).map((o) => o.organizationId);
    const input = { contact_name: 'Gated', gst_no: '33ABCDE1234F1Z5', gst_treatment: 'business_gst', tax_authority_id: '1' };
    const inContact = (await api.books('POST', india!, '/contacts', input)).body.contact;
    expect(inContact).toMatchObject({ gst_no: '33ABCDE1234F1Z5', gst_treatment: 'business_gst' });
    expect(inContact).not.toHaveProperty('tax_authority_id');
    const usContact = (await api.books('POST', us!, '/contacts', input)).body.contact;
    expect(usContact).not.toHaveProperty('gst_no');
    expect(usContact).toHaveProperty('tax_authority_id', '1');
  });

  it('accepts the legacy JSONString form body', async () => {
    const { sandbox, books } = setup();
    const token = sandbox.accessToken();
    const res = await sandbox.fetch(`https://www.zohoapis.com/books/v3/contacts?organization_id=${books}`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}` },
      body: new URLSearchParams({ JSONString: JSON.stringify({ contact_name: 'Form Co' }) }),
    });
    expect(res.status).toBe(201);
    const bad = await sandbox.fetch(`https://www.zohoapis.com/books/v3/contacts?organization_id=${books}`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(await bad.json()).toEqual({ code: 4, message: 'Invalid value passed for JSONString' });
  });
});
