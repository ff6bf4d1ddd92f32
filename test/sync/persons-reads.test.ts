import { describe, expect, it } from 'vitest';
import { BidirectionalSyncer, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { customers, type SyncWorld, syncWorld } from './helpers.js';

/*
 * Under sync type III the contact persons of Books customers are read without a call per customer
 * where Books already said what they are: one walk of the customers per run serves every unit,
 * persons come from the customer reads made in the same run, and a customer whose time has not
 * moved since its persons were synced is not asked for them, not even by the daily full read.
 */

const DAY = 86_400_000;

function world(): SyncWorld {
  return syncWorld({ syncType: 'III', seed: 11, fsmRecords: { customers: 6, items: 0 }, booksRecords: { customers: 6, items: 0, offset: 3 } });
}

function calls(w: SyncWorld, endpoint: string, method = 'GET'): number {
  return w.sandbox.calls.count({ app: 'books', method, endpoint });
}

const PERSONS_PAGE = '/contacts/{contact_id}/contactpersons';

async function synced(): Promise<SyncWorld> {
  const w = world();
  await w.syncer().run();
  await w.clock.advance(120_000);
  await w.syncer().run();
  await w.clock.advance(120_000);
  w.sandbox.calls.reset();
  return w;
}

describe('contact persons read without a call per customer', () => {
  it('the first run walks the customers once and takes persons from the customer reads it made: no persons page', async () => {
    const w = world();
    const report = await w.syncer().run();
    expect(report.failures).toEqual([]);
    expect(calls(w, '/contacts'), 'customer walks').toBe(1);
    expect(calls(w, PERSONS_PAGE), 'persons pages').toBe(0);
    // Every person of a business customer reached FSM all the same, and every FSM contact of a company Books.
    const business = new Set(customers(w).map((c) => String(c.contact_id)));
    const booksEmails = w.sandbox.records(w.books, 'contactpersons').filter((p) => business.has(String(p.contact_id))).map((p) => String(p.email).toLowerCase()).sort();
    const fsmEmails = w.sandbox.records(w.fsm, 'Contacts').filter((c) => c.Company !== undefined && c.Company !== null).map((c) => String(c.Email).toLowerCase()).sort();
    expect(booksEmails.length).toBeGreaterThan(6);
    expect(fsmEmails).toEqual(booksEmails);
  });

  it('a run with nothing to do, and the daily full read after it, cost list pages only', async () => {
    const w = await synced();
    const quiet = await w.syncer().run();
    expect(quiet.toFinance.updated + quiet.toFsm.updated + quiet.toFinance.created + quiet.toFsm.created).toBe(0);
    expect(calls(w, PERSONS_PAGE), 'persons pages (no change)').toBe(0);
    expect(calls(w, '/contacts/{id}'), 'customer reads (no change)').toBe(0);
    w.sandbox.calls.reset();
    await w.clock.advance(DAY + 60_000);
    const full = await w.syncer().run();
    expect(full.failures).toEqual([]);
    expect(full.toFinance.unlinked + full.toFsm.unlinked, 'nothing taken for deleted').toBe(0);
    expect(calls(w, PERSONS_PAGE), 'persons pages (daily full read)').toBe(0);
    expect(calls(w, '/contacts/{contact_id}/contactpersons/{id}'), 'person reads (daily full read)').toBe(0);
    expect(calls(w, '/contacts/{id}'), 'customer reads (daily full read)').toBe(0);
  });

  it('a person added, edited or deleted in Books moves its customer: the next run sees it, the daily full read too', async () => {
    const w = await synced();
    const [first, second] = w.sandbox.records(w.books, 'contactpersons');
    if (!first || !second) throw new Error('the world needs two Books persons');
    w.sandbox.edit(w.books, 'contactpersons', String(first.contact_person_id), { phone: '+1 555 0101' });
    w.sandbox.insert(w.books, 'contactpersons', { contact_id: String(second.contact_id), first_name: 'Nia', last_name: 'New', email: 'nia.new@example.test' });
    await w.clock.advance(60_000);
    const next = await w.syncer().run();
    expect(next.failures).toEqual([]);
    const fsmContacts = w.sandbox.records(w.fsm, 'Contacts');
    expect(fsmContacts.find((c) => String(c.Email).toLowerCase() === String(first.email).toLowerCase())?.Phone).toBe('+1 555 0101');
    expect(fsmContacts.some((c) => c.Email === 'nia.new@example.test'), 'the new person reached FSM').toBe(true);

    // A delete is settled by the full read (the default policy unlinks: the FSM contact stays).
    w.sandbox.remove(w.books, 'contactpersons', String(first.contact_person_id));
    await w.clock.advance(DAY + 60_000);
    const full = await w.syncer().run();
    expect(full.failures).toEqual([]);
    expect(full.toFsm.unlinked, 'the deleted person unlinked').toBe(1);
    const again = await w.syncer().run();
    expect(again.toFsm.created + again.toFinance.created, 'nothing recreated').toBe(0);
  });

  it('a customer deleted in Books takes its persons with it at the daily full read', async () => {
    const w = await synced();
    const person = w.sandbox.records(w.books, 'contactpersons')[0];
    if (!person) throw new Error('the world needs a Books person');
    const siblings = w.sandbox.records(w.books, 'contactpersons').filter((p) => p.contact_id === person.contact_id).length;
    w.sandbox.remove(w.books, 'contacts', String(person.contact_id));
    await w.clock.advance(DAY + 60_000);
    const full = await w.syncer().run();
    expect(full.failures).toEqual([]);
    expect(full.toFsm.unlinked, 'the customer and each of its persons unlinked').toBe(1 + siblings);
  });
});

/** A first run aborted once it has synced five contact persons. */
async function stoppedAfterFivePersons(w: SyncWorld): Promise<void> {
  const stop = new AbortController();
  const syncer = w.syncer();
  let persons = 0;
  syncer.on('record', (event) => {
    if (event.module === 'contact_persons' && ++persons === 5) stop.abort(new Error('stopped by the test'));
  });
  await expect(syncer.run({ signal: stop.signal })).rejects.toThrow('stopped by the test');
}

describe('a run stopped half-way through the contact persons', () => {
  it('the next run reads again only the persons of customers not settled before the stop', async () => {
    const w = world();
    await stoppedAfterFivePersons(w);
    const settled = (await w.storage.list('sync/')).filter((e) => e.key.includes('/settled/contact_persons/')).length;
    expect(settled, 'customers settled before the stop').toBeGreaterThan(0);
    const business = new Set(customers(w).map((c) => String(c.contact_id)));
    const withPersons = new Set(w.sandbox.records(w.books, 'contactpersons').map((p) => String(p.contact_id)).filter((id) => business.has(id)));
    expect(settled).toBeLessThan(withPersons.size);
    await w.clock.advance(120_000);
    w.sandbox.calls.reset();
    // A new process: nothing of the first run is in memory, only in storage.
    const fresh = new BidirectionalSyncer({ storage: w.storage, mapper: w.mapper, fsm: zohoFsmSource(w.client), finance: zohoFinanceSource(w.client), clock: w.clock });
    const next = await fresh.run();
    expect(next.failures).toEqual([]);
    // Customers the first run created or settled are not asked for their persons again.
    expect(calls(w, PERSONS_PAGE)).toBeLessThanOrEqual(withPersons.size - settled);
    const again = await w.syncer().run();
    expect(again.toFinance.created + again.toFsm.created, 'nothing left to create').toBe(0);
  });
});

describe('the same process resuming a run', () => {
  it('takes the persons an earlier run of it read from their customers, when read after their second: no persons page', async () => {
    const w = world();
    await stoppedAfterFivePersons(w);
    await w.clock.advance(120_000);
    w.sandbox.calls.reset();
    const next = await w.syncer().run();
    expect(next.failures).toEqual([]);
    expect(calls(w, PERSONS_PAGE), 'persons pages').toBe(0);
    const again = await w.syncer().run();
    expect(again.toFinance.created + again.toFsm.created, 'nothing left to create').toBe(0);
  });
});

describe('customers the sync wrote', () => {
  it('a customer updated from its FSM company keeps its persons settled at the reply\'s time: the run after reads nothing of it', async () => {
    const w = await synced();
    const company = w.sandbox.records(w.fsm, 'Companies').find((c) => w.sandbox.records(w.books, 'contactpersons').some((p) => customers(w).some((b) => b.contact_name === c.Company_Name && b.contact_id === p.contact_id)));
    if (!company) throw new Error('the world needs a company whose customer has persons');
    w.sandbox.edit(w.fsm, 'Companies', String(company.id), { Website: 'https://edited.example' });
    await w.clock.advance(120_000);
    const update = await w.syncer().run();
    expect(update.toFinance.updated).toBe(1);
    await w.clock.advance(120_000);
    w.sandbox.calls.reset();
    const next = await w.syncer().run();
    expect(next.toFinance.updated + next.toFsm.updated).toBe(0);
    expect(calls(w, PERSONS_PAGE), 'persons pages').toBe(0);
    expect(calls(w, '/contacts/{id}'), 'customer reads').toBe(0);
  });
});
