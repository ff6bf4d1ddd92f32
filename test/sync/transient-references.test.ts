import { describe, expect, it } from 'vitest';
import type { FaultKind } from '../../src/sandbox/index.js';
import type { SyncReport } from '../../src/sync/index.js';
import { customers, find, type SyncWorld, syncWorld } from './helpers.js';

// A contact's company that failed to be created for a passing reason (a 500, a dropped connection)
// leaves the contact's reference unresolved for one run only: the next run creates the company and
// then the contact, instead of remembering UNRESOLVED_REFERENCE as a refusal for a day.

const reasons = (report: SyncReport): string[] => [...new Set(report.failures.map((f) => f.reason))].sort();

/** FSM companies that Books does not have yet (created in Books by the first run). */
function fsmOnlyCompanies(world: SyncWorld): Array<Record<string, unknown>> {
  const inBooks = new Set(customers(world).map((c) => String(c.contact_name)));
  return world.sandbox.records(world.fsm, 'Companies').filter((c) => !inBooks.has(String(c.Company_Name)));
}

describe('a reference left unresolved by a transient failure is retried on the next run', () => {
  for (const fault of ['server-error', 'drop'] as const satisfies readonly FaultKind[]) {
    it(`FSM → Books, the company's create fails once (${fault}): run 2 creates the company and its contacts, with no failure`, async () => {
      const world = syncWorld({ syncType: 'III', fsmRecords: { customers: 1, items: 0 }, booksRecords: { customers: 0, items: 0 } });
      const [company] = fsmOnlyCompanies(world);
      if (!company) throw new Error('the world has no FSM-only company');
      const contacts = world.sandbox.records(world.fsm, 'Contacts').filter((c) => (c.Company as { id?: unknown } | null)?.id === company.id);
      expect(contacts.length, 'the company has contacts').toBeGreaterThan(0);
      world.sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault });

      const first = await world.syncer().run();
      expect(reasons(first)).toEqual([fault === 'drop' ? 'NETWORK_ERROR' : 'SERVER_ERROR', 'UNRESOLVED_REFERENCE']);

      const second = await world.syncer().run();
      expect(second.failures, 'the company exists now: its contacts are created too').toEqual([]);
      const customer = find(world, 'books', 'contacts', 'contact_name', company.Company_Name);
      expect(customer).toHaveLength(1);
      const persons = world.sandbox.records(world.books, 'contactpersons').filter((p) => p.contact_id === customer[0]?.contact_id);
      expect(persons.map((p) => p.email).sort()).toEqual(contacts.map((c) => c.Email).sort());
      const third = await world.syncer().run();
      expect(third.failures).toEqual([]);
      expect(third.toFinance.created + third.toFsm.created).toBe(0);
    });
  }

  it("Books → FSM, the customer's company create fails once (server-error): run 2 creates the company and its contact persons, with no failure", async () => {
    const world = syncWorld({ syncType: 'III', fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 1, items: 0 } });
    const [customer] = customers(world);
    if (!customer) throw new Error('the world has no Books customer');
    const persons = world.sandbox.records(world.books, 'contactpersons').filter((p) => p.contact_id === customer.contact_id && typeof p.email === 'string' && p.email !== '');
    expect(persons.length, 'the customer has contact persons with an email').toBeGreaterThan(0);
    world.sandbox.faults.next({ match: { app: 'fsm', method: 'POST', path: '/Companies' }, fault: 'server-error' });

    const first = await world.syncer().run();
    expect(reasons(first)).toEqual(['SERVER_ERROR', 'UNRESOLVED_REFERENCE']);

    const second = await world.syncer().run();
    expect(second.failures, 'the company exists now: its contacts are created too').toEqual([]);
    const company = find(world, 'fsm', 'Companies', 'Company_Name', customer.contact_name);
    expect(company).toHaveLength(1);
    const contacts = world.sandbox.records(world.fsm, 'Contacts').filter((c) => (c.Company as { id?: unknown } | null)?.id === company[0]?.id);
    expect(contacts.map((c) => c.Email).sort()).toEqual(persons.map((p) => p.email).sort());
  });

  it('a reference that stays unresolved fails again on every run, without an API call for it', async () => {
    const world = syncWorld({ syncType: 'III', fsmRecords: { customers: 1, items: 0 }, booksRecords: { customers: 0, items: 0 } });
    // Every create of the company fails: the contacts' reference cannot resolve, run after run.
    world.sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault: 'server-error', times: 3 });
    await world.syncer().run();
    const before = world.sandbox.calls.list().length;
    const second = await world.syncer().run();
    expect(reasons(second)).toEqual(['SERVER_ERROR', 'UNRESOLVED_REFERENCE']);
    const personCalls = world.sandbox.calls.list().slice(before).filter((c) => c.method === 'POST' && c.path.includes('contactpersons'));
    expect(personCalls).toEqual([]);
  });
});
