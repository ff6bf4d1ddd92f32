import { describe, expect, it } from 'vitest';
import { runUntilQuiet, syncWorld } from './helpers.js';

// A create whose reply is lost is looked up before it is reported or tried again. FSM finds
// contacts by email across every company: a contact of another company that holds the same
// email is not the contact person the sync just sent, and must not be linked to it.

describe('a lost contact person create is looked up under its own company only', () => {
  it('does not link a Books person to the FSM contact of another company with the same email', async () => {
    const w = syncWorld({ syncType: 'III', seed: 7, fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
    const north = await w.client.fsm.companies.create({ Company_Name: 'North Heating Co' });
    const south = await w.client.fsm.companies.create({ Company_Name: 'South Heating Co' });
    expect(await runUntilQuiet(w)).toBeLessThanOrEqual(2);
    // A contact of the other company with the same email, not linked yet (its create in Books fails below).
    const other = await w.client.fsm.contacts.create({ Last_Name: 'Quinn', First_Name: 'Alex', Email: 'shared@heating.example', Company: north.id });
    const southCustomer = await w.syncer().linkedId('companies', 'fsm', south.id);
    expect(southCustomer).toBeDefined();

    // Added in Books' UI (its customer's time moves: the run after lists it).
    const person = w.sandbox.insert(w.books, 'contactpersons', { contact_id: String(southCustomer), first_name: 'Pat', last_name: 'Doe', email: 'shared@heating.example' });
    await w.clock.advance(60_000);
    // The create reaches FSM's proxy only: no reply, and maybe no contact.
    w.sandbox.faults.next({ match: { method: 'POST', app: 'fsm', path: '/Contacts' }, fault: 'bad-gateway' });
    w.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/contacts/contactpersons' }, fault: 'server-error' });
    await w.syncer().run({ fullScan: true });
    expect(await w.syncer().linkedId('contact_persons', 'finance', String(person.contact_person_id)), 'not the other company\'s contact').not.toBe(other.id);

    await runUntilQuiet(w);
    const holders = w.sandbox.records(w.fsm, 'Contacts').filter((c) => c.Email === 'shared@heating.example');
    const companyOf = (c: Record<string, unknown>) => (c.Company as { id?: string } | undefined)?.id;
    expect(holders.map(companyOf).sort()).toEqual([north.id, south.id].sort());
    const linked = await w.syncer().linkedId('contact_persons', 'finance', String(person.contact_person_id));
    expect(companyOf(holders.find((c) => c.id === linked) ?? {})).toBe(south.id);
  });
});
