import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

describe('sandbox inspection and UI edits', () => {
  it('edits a record as a person in the UI would: fields change and the modified time moves forward', async () => {
    const sandbox = testSandbox({ records: 3 });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const before = (await api.books('GET', books, '/contacts')).body.contacts[0];
    const edited = sandbox.edit(books, 'contacts', before.contact_id, { website: 'https://edited.example' });
    expect(edited.website).toBe('https://edited.example');
    const after = (await api.books('GET', books, `/contacts/${before.contact_id}`)).body.contact;
    expect(after.website).toBe('https://edited.example');
    expect(Date.parse(after.last_modified_time.replace(/(\d{2})(\d{2})$/, '$1:$2'))).toBeGreaterThan(
      Date.parse(before.last_modified_time.replace(/(\d{2})(\d{2})$/, '$1:$2')),
    );
  });

  it('bumps the modified time by at least a second even when the clock stands still', () => {
    const sandbox = testSandbox({ records: 1 });
    const fsm = orgId(sandbox, 'fsm');
    const company = sandbox.records(fsm, 'Companies')[0]!;
    const first = sandbox.edit(fsm, 'Companies', String(company.id), { Phone: '1' });
    const second = sandbox.edit(fsm, 'Companies', String(company.id), { Phone: '2' });
    expect(Date.parse(String(second.Modified_Time)) - Date.parse(String(first.Modified_Time))).toBeGreaterThanOrEqual(1000);
  });

  it("moves a Books contact's time by at least a second when one of its persons is edited, deleted or added, even when the clock stands still", () => {
    const sandbox = testSandbox({ records: 1 });
    const books = orgId(sandbox, 'books');
    const timeOf = (contactId: string) => Date.parse(String(sandbox.record(books, 'contacts', contactId)?.last_modified_time).replace(/(\d{2})(\d{2})$/, '$1:$2'));
    const contact = sandbox.insert(books, 'contacts', { contact_name: 'Still Clock Ltd', contact_persons: [{ first_name: 'A', last_name: 'One', email: 'a@still.example' }, { first_name: 'B', last_name: 'Two', email: 'b@still.example' }] });
    const contactId = String(contact.contact_id);
    const [first, second] = sandbox.records(books, 'contactpersons').filter((p) => p.contact_id === contactId);
    // The contact itself changed last (as after a sync's write to it): a person's edit still shows.
    sandbox.edit(books, 'contacts', contactId, { website: 'https://still.example' });
    const afterContactEdit = timeOf(contactId);
    sandbox.edit(books, 'contactpersons', String(first?.contact_person_id), { phone: '+1-555-0100' });
    const afterPersonEdit = timeOf(contactId);
    expect(afterPersonEdit - afterContactEdit).toBeGreaterThanOrEqual(1000);
    sandbox.remove(books, 'contactpersons', String(second?.contact_person_id));
    const afterDelete = timeOf(contactId);
    expect(afterDelete - afterPersonEdit).toBeGreaterThanOrEqual(1000);
    sandbox.insert(books, 'contactpersons', { contact_id: contactId, first_name: 'C', last_name: 'Three', email: 'c@still.example' });
    expect(timeOf(contactId) - afterDelete).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a UI edit that breaks a rule (duplicate name) with a ValidationError', async () => {
    const sandbox = testSandbox();
    const books = orgId(sandbox, 'books');
    sandbox.insert(books, 'contacts', { contact_name: 'One' });
    const two = sandbox.insert(books, 'contacts', { contact_name: 'Two' });
    expect(() => sandbox.edit(books, 'contacts', String(two.contact_id), { contact_name: 'One' })).toThrow(/already exists/);
  });

  it('removes records, and refuses unknown orgs, resources and ids', () => {
    const sandbox = testSandbox({ records: 2 });
    const books = orgId(sandbox, 'books');
    const [first] = sandbox.records(books, 'contacts');
    sandbox.remove(books, 'contacts', String(first!.contact_id));
    expect(sandbox.records(books, 'contacts')).toHaveLength(1);
    expect(sandbox.record(books, 'contacts', String(first!.contact_id))).toBeUndefined();
    expect(() => sandbox.records('nope', 'contacts')).toThrow(/no organisation/);
    expect(() => sandbox.records(books, 'Companies')).toThrow(/Unknown Books\/Invoice resource/);
    expect(() => sandbox.remove(books, 'contacts', '1')).toThrow(/No contacts record/);
  });

  it('counts calls per endpoint', async () => {
    const sandbox = testSandbox({ records: 2 });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const [c] = sandbox.records(books, 'contacts');
    await api.books('GET', books, '/contacts');
    await api.books('GET', books, `/contacts/${String(c!.contact_id)}`);
    await api.books('GET', books, `/contacts/${String(c!.contact_id)}`);
    await api.fsm('GET', '/Companies');
    expect(sandbox.calls.count({ endpoint: '/contacts/{id}' })).toBe(2);
    expect(sandbox.calls.count({ app: 'books', method: 'GET' })).toBe(3);
    expect(sandbox.calls.byEndpoint()).toEqual({ 'GET books /contacts': 1, 'GET books /contacts/{id}': 2, 'GET fsm /Companies': 1 });
    expect(sandbox.calls.list({ organizationId: books })).toHaveLength(3);
    sandbox.calls.reset();
    expect(sandbox.calls.total).toBe(0);
  });
});
