import { describe, expect, it } from 'vitest';
import { customers, duplicates, runUntilQuiet, type SyncWorld, syncWorld } from './helpers.js';

/*
 * Under sync types III and IV a new Books customer is created with its company's FSM contacts as
 * its contact persons, in one POST /contacts: no person create per contact, and the reply's
 * modified time is the customer's final one, so the next run does not read it back.
 */

function world(syncType: 'III' | 'IV' = 'III'): SyncWorld {
  return syncWorld({ syncType, seed: 21, fsmRecords: { customers: 8, items: 0 }, booksRecords: { customers: 0, items: 0 } });
}

const count = (w: SyncWorld, method: string, endpoint: string) => w.sandbox.calls.count({ app: 'books', method, endpoint });

function personsByCustomer(w: SyncWorld): Map<string, string[]> {
  const names = new Map(customers(w).map((c) => [String(c.contact_id), String(c.contact_name)]));
  const out = new Map<string, string[]>();
  for (const p of w.sandbox.records(w.books, 'contactpersons')) {
    const name = names.get(String(p.contact_id));
    if (name === undefined) continue;
    out.set(name, [...(out.get(name) ?? []), String(p.email).toLowerCase()].sort());
  }
  return out;
}

function contactsByCompany(w: SyncWorld): Map<string, string[]> {
  const names = new Map(w.sandbox.records(w.fsm, 'Companies').map((c) => [String(c.id), String(c.Company_Name)]));
  const out = new Map<string, string[]>();
  for (const c of w.sandbox.records(w.fsm, 'Contacts')) {
    const company = (c.Company as { id?: unknown } | null | undefined)?.id;
    const name = typeof company === 'string' ? names.get(company) : undefined;
    if (name === undefined) continue;
    out.set(name, [...(out.get(name) ?? []), String(c.Email).toLowerCase()].sort());
  }
  return out;
}

describe('contact persons created with their customer', () => {
  for (const syncType of ['III', 'IV'] as const) {
    it(`type ${syncType}: each new customer carries its company's contacts; no separate person create`, async () => {
      const w = world(syncType);
      const report = await w.syncer().run();
      expect(report.failures).toEqual([]);
      expect(count(w, 'POST', '/contacts/contactpersons'), 'separate person creates').toBe(0);
      const expected = contactsByCompany(w);
      expect(expected.size).toBeGreaterThan(3);
      expect(personsByCustomer(w)).toEqual(expected);
      const persons = report.entities.find((e) => e.module === 'contact_persons');
      expect(persons?.toFinance.created, 'persons counted as created').toBe([...expected.values()].flat().length);
      expect(report.entities.map((e) => e.module).indexOf('companies')).toBeLessThan(report.entities.map((e) => e.module).indexOf('contact_persons'));
    });
  }

  it('the run after creates nothing and reads back nothing: list pages only', async () => {
    const w = world();
    await w.syncer().run();
    await w.clock.advance(120_000);
    w.sandbox.calls.reset();
    const next = await w.syncer().run();
    expect(next.toFinance.created + next.toFsm.created + next.toFinance.updated + next.toFsm.updated).toBe(0);
    expect(count(w, 'GET', '/contacts/{id}'), 'customer reads').toBe(0);
    expect(count(w, 'GET', '/contacts/{contact_id}/contactpersons'), 'persons pages').toBe(0);
    expect(Object.keys(w.sandbox.calls.byEndpoint()).filter((e) => e.includes(' books ')).sort(), 'Books calls: the customer walk and the items page').toEqual(['GET books /contacts', 'GET books /items']);
    expect(w.sandbox.calls.count({ app: 'books' })).toBe(2);
  });

  it('an FSM contact added later to a synced company is created as a person of its customer', async () => {
    const w = world();
    await w.syncer().run();
    const company = w.sandbox.records(w.fsm, 'Companies')[0];
    if (!company) throw new Error('no company');
    w.sandbox.insert(w.fsm, 'Contacts', { First_Name: 'Lea', Last_Name: 'Late', Email: 'lea.late@example.test', Company: { id: String(company.id) } });
    await w.clock.advance(120_000);
    w.sandbox.calls.reset();
    const next = await w.syncer().run();
    expect(next.failures).toEqual([]);
    expect(count(w, 'POST', '/contacts/contactpersons')).toBe(1);
    expect(personsByCustomer(w)).toEqual(contactsByCompany(w));
  });

  for (const duplicatesPolicy of ['overwrite', 'clone'] as const) {
    it(`a customer create whose reply is lost: the next run finds the customer and its persons, no duplicate (${duplicatesPolicy})`, async () => {
      const w = syncWorld({ syncType: 'III', seed: 21, fsmRecords: { customers: 8, items: 0 }, booksRecords: { customers: 0, items: 0 }, books: { allowDuplicateNames: true } });
      w.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/contacts' }, fault: 'lost-ack' });
      w.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/contacts' }, fault: 'lost-ack' });
      await runUntilQuiet(w, { duplicates: duplicatesPolicy });
      expect(duplicates(w)).toEqual([]);
      expect(personsByCustomer(w)).toEqual(contactsByCompany(w));
    });
  }
});
