import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { orgId, SandboxApi, testSandbox } from './helpers.js';

/*
 * "A person changes it in the Zoho UI" (sandbox.edit / insert / remove) must leave the same
 * records, flags and modified times as the API call that makes the same change: the sync reads
 * those times to find changes and to settle conflicts, so a UI change that moved a different
 * time would test the sync against a Zoho that does not exist. Each case makes one change on two
 * sandboxes of the same seed and clock — through the API on one, through inspection on the other
 * — and compares everything both show afterwards.
 */

interface Twin {
  sandbox: Sandbox;
  api: SandboxApi;
  books: string;
  fsm: string;
}

function twin(): Twin {
  const sandbox = testSandbox({ seed: 11, records: 3 });
  return { sandbox, api: new SandboxApi(sandbox), books: orgId(sandbox, 'books'), fsm: orgId(sandbox, 'fsm') };
}

/** Everything the sandbox shows of both orgs, with each record's modified time. */
function state(t: Twin): Record<string, unknown> {
  return {
    contacts: t.sandbox.records(t.books, 'contacts'),
    persons: t.sandbox.records(t.books, 'contactpersons'),
    items: t.sandbox.records(t.books, 'items'),
    invoices: t.sandbox.records(t.books, 'invoices'),
    companies: t.sandbox.records(t.fsm, 'Companies'),
    fsmContacts: t.sandbox.records(t.fsm, 'Contacts'),
    services: t.sandbox.records(t.fsm, 'Service_And_Parts'),
  };
}

/** A customer with two persons, the first primary; made the same way on both twins. */
function customerWithPersons(t: Twin): { contactId: string; primary: string; other: string } {
  const contact = t.sandbox.insert(t.books, 'contacts', {
    contact_name: 'Twin Customer',
    contact_persons: [
      { first_name: 'Pri', last_name: 'Mary', email: 'pri@twin.example', is_primary_contact: true },
      { first_name: 'Sec', last_name: 'Ond', email: 'sec@twin.example' },
    ],
  });
  const persons = t.sandbox.records(t.books, 'contactpersons').filter((p) => p.contact_id === contact.contact_id);
  const primary = persons.find((p) => p.is_primary_contact === true);
  const other = persons.find((p) => p.is_primary_contact !== true);
  if (!primary || !other) throw new Error('the twin customer lacks its two persons');
  return { contactId: String(contact.contact_id), primary: String(primary.contact_person_id), other: String(other.contact_person_id) };
}

interface Case {
  name: string;
  api(t: Twin, ids: { contactId: string; primary: string; other: string }): Promise<unknown>;
  ui(t: Twin, ids: { contactId: string; primary: string; other: string }): unknown;
}

const firstOf = (t: Twin, resource: 'items' | 'Companies' | 'Contacts'): string => {
  const record = t.sandbox.records(resource === 'items' ? t.books : t.fsm, resource)[0];
  if (!record) throw new Error(`no ${resource} record`);
  return String(resource === 'items' ? record.item_id : record.id);
};

const CASES: Case[] = [
  {
    name: 'a person created under a customer moves the customer',
    api: (t, ids) => t.api.books('POST', t.books, '/contacts/contactpersons', { contact_id: ids.contactId, first_name: 'New', last_name: 'Person', email: 'new@twin.example' }),
    ui: (t, ids) => t.sandbox.insert(t.books, 'contactpersons', { contact_id: ids.contactId, first_name: 'New', last_name: 'Person', email: 'new@twin.example' }),
  },
  {
    name: 'a person edited moves its customer',
    api: (t, ids) => t.api.books('PUT', t.books, `/contacts/contactpersons/${ids.other}`, { contact_id: ids.contactId, first_name: 'Sec', phone: '+1 555 0199' }),
    ui: (t, ids) => t.sandbox.edit(t.books, 'contactpersons', ids.other, { phone: '+1 555 0199' }),
  },
  {
    name: 'a person deleted moves its customer',
    api: (t, ids) => t.api.books('DELETE', t.books, `/contacts/contactpersons/${ids.other}`),
    ui: (t, ids) => t.sandbox.remove(t.books, 'contactpersons', ids.other),
  },
  {
    name: 'the primary person deleted: the next one becomes primary and the customer moves',
    api: (t, ids) => t.api.books('DELETE', t.books, `/contacts/contactpersons/${ids.primary}`),
    ui: (t, ids) => t.sandbox.remove(t.books, 'contactpersons', ids.primary),
  },
  {
    name: 'another person marked primary moves the customer and both persons',
    api: (t, ids) => t.api.books('POST', t.books, `/contacts/contactpersons/${ids.other}/primary`),
    ui: (t, ids) => t.sandbox.edit(t.books, 'contactpersons', ids.other, { is_primary_contact: true }),
  },
  {
    name: 'a person changed through its customer moves the customer',
    api: (t, ids) => t.api.books('PUT', t.books, `/contacts/${ids.contactId}`, { contact_name: 'Twin Customer', contact_type: 'customer', contact_persons: [{ contact_person_id: ids.other, email: 'sec2@twin.example' }] }),
    ui: (t, ids) => t.sandbox.edit(t.books, 'contacts', ids.contactId, { contact_persons: [{ contact_person_id: ids.other, email: 'sec2@twin.example' }] }),
  },
  {
    name: 'a customer marked inactive moves it',
    api: (t, ids) => t.api.books('POST', t.books, `/contacts/${ids.contactId}/inactive`),
    ui: (t, ids) => t.sandbox.edit(t.books, 'contacts', ids.contactId, { status: 'inactive' }),
  },
  {
    name: 'a customer deleted takes its persons with it',
    api: (t, ids) => t.api.books('DELETE', t.books, `/contacts/${ids.contactId}`),
    ui: (t, ids) => t.sandbox.remove(t.books, 'contacts', ids.contactId),
  },
  {
    name: 'an item edited moves it',
    api: (t) => t.api.books('PUT', t.books, `/items/${firstOf(t, 'items')}`, { name: 'Twin Item', rate: 12 }),
    ui: (t) => t.sandbox.edit(t.books, 'items', firstOf(t, 'items'), { name: 'Twin Item', rate: 12 }),
  },
  {
    name: 'an item marked inactive moves it',
    api: (t) => t.api.books('POST', t.books, `/items/${firstOf(t, 'items')}/inactive`),
    ui: (t) => t.sandbox.edit(t.books, 'items', firstOf(t, 'items'), { status: 'inactive' }),
  },
  {
    name: 'an FSM company edited moves it (and nothing else)',
    api: (t) => t.api.fsm('PUT', `/Companies/${firstOf(t, 'Companies')}`, { data: [{ Website: 'https://twin.example' }] }),
    ui: (t) => t.sandbox.edit(t.fsm, 'Companies', firstOf(t, 'Companies'), { Website: 'https://twin.example' }),
  },
  {
    name: 'an FSM contact created under a company moves nothing else',
    api: (t) => t.api.fsm('POST', '/Contacts', { data: [{ Last_Name: 'Twin', Email: 'twin@fsm.example', Company: { id: firstOf(t, 'Companies') } }] }),
    ui: (t) => t.sandbox.insert(t.fsm, 'Contacts', { Last_Name: 'Twin', Email: 'twin@fsm.example', Company: { id: firstOf(t, 'Companies') } }),
  },
  {
    name: 'an FSM contact deleted moves nothing else',
    api: (t) => t.api.fsm('DELETE', `/Contacts/${firstOf(t, 'Contacts')}`),
    ui: (t) => t.sandbox.remove(t.fsm, 'Contacts', firstOf(t, 'Contacts')),
  },
];

describe('inspection changes move the same modified times as the API', () => {
  for (const c of CASES) {
    it(`${c.name}: the same records, flags and times as through the API`, async () => {
      const viaApi = twin();
      const viaUi = twin();
      const ids = customerWithPersons(viaApi);
      expect(customerWithPersons(viaUi)).toEqual(ids);
      // The change comes a minute after everything else, so every time it moves is visible.
      for (const t of [viaApi, viaUi]) await (t.sandbox as Sandbox & { manualClock: { advance(ms: number): Promise<void> } }).manualClock.advance(60_000);
      const before = state(viaApi);
      const reply = await c.api(viaApi, ids);
      expect((reply as { status: number }).status).toBeLessThan(300);
      c.ui(viaUi, ids);
      const after = state(viaApi);
      expect(after, 'the API call changed nothing: the case tests nothing').not.toEqual(before);
      expect(state(viaUi)).toEqual(after);
    });
  }
});
