import { describe, expect, it } from 'vitest';
import { failuresToCsv } from '../../src/sync/index.js';
import { one, syncWorld, writesSince } from './helpers.js';

describe('a bad record never stops the run', () => {
  it('a Books customer without a last name fails with "mandatory field(s) were left empty"; the rest syncs', async () => {
    const world = syncWorld({ syncType: 'II' });
    const solo = world.sandbox.insert(world.books, 'contacts', {
      contact_name: 'Solo Client',
      customer_sub_type: 'individual',
      contact_persons: [{ first_name: 'Solo', email: 'solo@client.example', is_primary_contact: true }],
    });
    const report = await world.syncer().run();
    expect(report.status).toBe('completed');
    const group = report.failures.find((f) => f.reason === 'MANDATORY_FIELDS_EMPTY');
    expect(group).toMatchObject({ direction: 'toFsm', count: 1, title: 'The following mandatory field(s) were left empty' });
    expect(group?.records[0]).toMatchObject({ entity: 'contacts', financeId: solo.contact_id, message: expect.stringContaining('Last_Name') });
    expect(report.toFinance.created + report.toFsm.created).toBeGreaterThan(5);

    // Fixed in Books, it syncs on the next run.
    world.sandbox.edit(world.books, 'contactpersons', String((solo.contact_persons as Array<{ contact_person_id: string }>)[0]?.contact_person_id), { last_name: 'Client' });
    const next = await world.syncer().run();
    expect(next.failures.find((f) => f.reason === 'MANDATORY_FIELDS_EMPTY')).toBeUndefined();
    expect(one(world, 'fsm', 'Contacts', 'Email', 'solo@client.example').Last_Name).toBe('Client');
  });

  it('a contact person whose email another contact of the company has in FSM fails with FSM\'s message', async () => {
    const world = syncWorld({ syncType: 'III' });
    await world.syncer().run();
    const fsmContact = world.sandbox.records(world.fsm, 'Contacts').find((c) => c.Company) as Record<string, unknown>;
    const companyName = (fsmContact.Company as { name: string }).name;
    const customer = one(world, 'books', 'contacts', 'contact_name', companyName);
    world.sandbox.insert(world.books, 'contactpersons', { contact_id: customer.contact_id, first_name: 'Twin', last_name: 'Person', email: 'twin@company.example' });
    world.sandbox.edit(world.books, 'contactpersons', String(one(world, 'books', 'contactpersons', 'email', fsmContact.Email).contact_person_id), { email: 'old@company.example' });
    world.sandbox.edit(world.fsm, 'Contacts', String(fsmContact.id), { Email: 'twin@company.example' });
    const report = await world.syncer({ conflicts: 'fsm-wins' }).run();
    const group = report.failures.find((f) => f.reason === 'CONTACT_EMAIL_IN_COMPANY');
    expect(group?.title).toBe('Contact with this email-id is already associated with this company');
    expect(group?.direction).toBe('toFsm');
    expect(report.status).toBe('completed');
  });

  it('failures are grouped by reason and exported as CSV, one file per reason if asked', async () => {
    const world = syncWorld({ syncType: 'II' });
    world.sandbox.insert(world.books, 'contacts', { contact_name: 'No Email Person', customer_sub_type: 'individual', contact_persons: [{ first_name: 'No', last_name: 'Email', is_primary_contact: true }] });
    world.sandbox.insert(world.books, 'contacts', { contact_name: 'No Last', customer_sub_type: 'individual', contact_persons: [{ first_name: 'No', email: '=cmd@x.example', is_primary_contact: true }] });
    const report = await world.syncer().run();
    const group = report.failures.find((f) => f.reason === 'MANDATORY_FIELDS_EMPTY');
    expect(group?.count).toBe(2);
    const csv = failuresToCsv(report, { reason: 'MANDATORY_FIELDS_EMPTY' });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"direction","entity","reason","title","fsm_id","finance_id","name","message"');
    expect(lines).toHaveLength(3);
    expect(csv).toContain("'=cmd@x.example"); // a spreadsheet must not run it as a formula
    expect(failuresToCsv(report).trim().split('\r\n').length).toBe(1 + report.failures.reduce((n, g) => n + g.records.length, 0));
  });

  it('a refused record is not sent again until it changes', async () => {
    const world = syncWorld({ syncType: 'II' });
    world.sandbox.insert(world.books, 'contacts', { contact_name: 'Half Done', customer_sub_type: 'individual', contact_persons: [{ first_name: 'Half', email: 'half@done.example', is_primary_contact: true }] });
    await world.syncer().run();
    const before = world.sandbox.calls.total;
    const again = await world.syncer({ fullScanIntervalMs: 0 }).run();
    expect(writesSince(world, before)).toEqual([]);
    expect(again.failures.find((f) => f.reason === 'MANDATORY_FIELDS_EMPTY')?.count).toBe(1);
  });
});
