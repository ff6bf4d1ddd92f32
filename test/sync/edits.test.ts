import { describe, expect, it } from 'vitest';
import type { ConflictPolicy, SyncConflict } from '../../src/sync/index.js';
import { one, type SyncWorld, syncWorld, views, writesSince } from './helpers.js';

/** A synced world (companies and items, Type I) and one linked company. */
async function synced(): Promise<{ world: SyncWorld; name: string; fsmId: string; booksId: string }> {
  const world = syncWorld();
  const first = await world.syncer().run();
  expect(first.failures).toEqual([]);
  const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
  const name = String(company.Company_Name);
  const booksId = String(one(world, 'books', 'contacts', 'contact_name', name).contact_id);
  return { world, name, fsmId: String(company.id), booksId };
}

const address = (record: Record<string, unknown>, block: string) => (record[block] ?? {}) as Record<string, unknown>;

describe('later runs: changes flow, merged field by field against the last synced base', () => {
  it('an FSM edit flows to Books only, with one write', async () => {
    const { world, fsmId, booksId } = await synced();
    world.sandbox.edit(world.fsm, 'Companies', fsmId, { Website: 'https://new.example' });
    const before = world.sandbox.calls.total;
    const report = await world.syncer().run();
    expect(writesSince(world, before)).toEqual([`PUT books /contacts/${booksId}`]);
    expect(report.toFinance.updated).toBe(1);
    expect(report.toFsm.updated).toBe(0);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.website).toBe('https://new.example');
  });

  it('a Books edit of one address field reaches FSM and keeps the rest of the FSM address', async () => {
    const { world, fsmId, booksId } = await synced();
    const street = address(world.sandbox.record(world.fsm, 'Companies', fsmId) ?? {}, 'Billing_Address').Street_1;
    world.sandbox.edit(world.books, 'contacts', booksId, { billing_address: { city: 'Springfield' } });
    const before = world.sandbox.calls.total;
    await world.syncer().run();
    expect(writesSince(world, before)).toEqual([`PUT fsm /Companies/${fsmId}`]);
    const fsm = world.sandbox.record(world.fsm, 'Companies', fsmId) ?? {};
    expect(address(fsm, 'Billing_Address').City).toBe('Springfield');
    expect(address(fsm, 'Billing_Address').Street_1).toBe(street);
  });

  it('different fields edited on both sides are merged: each flows to the other side', async () => {
    const { world, fsmId, booksId } = await synced();
    world.sandbox.edit(world.fsm, 'Companies', fsmId, { Website: 'https://fsm.example' });
    world.sandbox.edit(world.books, 'contacts', booksId, { billing_address: { city: 'Shelbyville' } });
    const report = await world.syncer().run();
    expect(report.conflicts.total).toBe(0);
    const books = world.sandbox.record(world.books, 'contacts', booksId) ?? {};
    const fsm = world.sandbox.record(world.fsm, 'Companies', fsmId) ?? {};
    expect(books.website).toBe('https://fsm.example');
    expect(address(books, 'billing_address').city).toBe('Shelbyville');
    expect(fsm.Website).toBe('https://fsm.example');
    expect(address(fsm, 'Billing_Address').City).toBe('Shelbyville');
    const before = world.sandbox.calls.total;
    await world.syncer().run();
    expect(writesSince(world, before)).toEqual([]);
  });

  it('an item price changed in FSM reaches Books (items are compared by content: no modified-since filter)', async () => {
    const { world } = await synced();
    const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    world.sandbox.edit(world.fsm, 'Service_And_Parts', String(item.id), { Unit_Price: 999.5 });
    await world.syncer().run();
    expect(one(world, 'books', 'items', 'name', item.Name).rate).toBe(999.5);
    const { fsm, finance } = views(world);
    expect(finance.items).toEqual(fsm.items);
  });

  it('Type III: a contact person edited in Books updates the FSM contact', async () => {
    const world = syncWorld({ syncType: 'III' });
    await world.syncer().run();
    const person = world.sandbox.records(world.books, 'contactpersons')[0] as Record<string, unknown>;
    world.sandbox.edit(world.books, 'contactpersons', String(person.contact_person_id), { last_name: 'Okonkwo' });
    await world.syncer().run();
    expect(one(world, 'fsm', 'Contacts', 'Email', person.email).Last_Name).toBe('Okonkwo');
    const { fsm, finance } = views(world);
    expect(finance.persons).toEqual(fsm.persons);
  });
});

describe('the same field changed differently on both sides: conflict policies', () => {
  async function conflict(policy: ConflictPolicy, order: 'fsm-first' | 'books-first' = 'fsm-first') {
    const { world, fsmId, booksId } = await synced();
    const edits = [
      () => world.sandbox.edit(world.fsm, 'Companies', fsmId, { Website: 'https://fsm.example', Fax: '555-0100' }),
      () => world.sandbox.edit(world.books, 'contacts', booksId, { website: 'https://books.example' }),
    ];
    if (order === 'books-first') edits.reverse();
    edits[0]?.();
    await world.clock.advance(5_000);
    edits[1]?.();
    const seen: Array<{ conflict: SyncConflict; resolution: string }> = [];
    const syncer = world.syncer({ conflicts: policy });
    syncer.on('conflict', (e) => seen.push(e));
    const report = await syncer.run();
    const website = { fsm: world.sandbox.record(world.fsm, 'Companies', fsmId)?.Website, books: world.sandbox.record(world.books, 'contacts', booksId)?.website };
    const fax = address(world.sandbox.record(world.books, 'contacts', booksId) ?? {}, 'billing_address').fax;
    return { world, syncer, report, seen, website, fax, fsmId, booksId };
  }

  it("'latest-wins' takes the value of the record modified last (Books edited later)", async () => {
    const { website, seen, report, fax } = await conflict('latest-wins', 'fsm-first');
    expect(website).toEqual({ fsm: 'https://books.example', books: 'https://books.example' });
    expect(seen.map((s) => [s.conflict.field.fsm, s.resolution])).toEqual([['Website', 'finance']]);
    expect(report.conflicts).toMatchObject({ total: 1, settled: 1, manual: 0 });
    expect(fax).toBe('555-0100'); // the other field of the same record still synced
  });

  it("'latest-wins' takes the value of the record modified last (FSM edited later)", async () => {
    const { website } = await conflict('latest-wins', 'books-first');
    expect(website).toEqual({ fsm: 'https://fsm.example', books: 'https://fsm.example' });
  });

  it("'fsm-wins' and 'finance-wins' ignore the modified times", async () => {
    expect((await conflict('fsm-wins', 'fsm-first')).website.books).toBe('https://fsm.example');
    expect((await conflict('finance-wins', 'books-first')).website.fsm).toBe('https://books.example');
  });

  it('a policy function decides per conflict, seeing both values and the base', async () => {
    const calls: SyncConflict[] = [];
    const { website } = await conflict((c) => {
      calls.push(c);
      return c.field.fsm === 'Website' ? 'finance' : 'fsm';
    });
    expect(website.fsm).toBe('https://books.example');
    expect(calls[0]).toMatchObject({ fsmValue: 'https://fsm.example', financeValue: 'https://books.example', field: { fsm: 'Website', finance: 'website' } });
    expect(calls[0]?.baseFsmValue).toEqual(calls[0]?.baseFinanceValue);
  });

  it("'manual' stores the conflict, syncs the record's other fields, and applies the choice made with resolve()", async () => {
    const { world, syncer, website, fax, report, fsmId, booksId } = await conflict('manual');
    expect(website).toEqual({ fsm: 'https://fsm.example', books: 'https://books.example' });
    expect(fax).toBe('555-0100');
    expect(report.conflicts.manual).toBe(1);
    const open = await syncer.conflicts.list();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ fsmId, financeId: booksId, fsmValue: 'https://fsm.example', financeValue: 'https://books.example' });

    // Unresolved, a run leaves both values alone and keeps the conflict.
    let before = world.sandbox.calls.total;
    await syncer.run();
    expect(writesSince(world, before)).toEqual([]);
    expect(await syncer.conflicts.list()).toHaveLength(1);

    await syncer.conflicts.resolve(open[0]?.id ?? '', 'finance');
    await expect(syncer.conflicts.resolve(open[0]?.id ?? '', 'fsm')).rejects.toMatchObject({ code: 'SYNC_CONFLICT_NOT_FOUND' });
    before = world.sandbox.calls.total;
    await syncer.run();
    expect(writesSince(world, before)).toEqual([`PUT fsm /Companies/${fsmId}`]);
    expect(world.sandbox.record(world.fsm, 'Companies', fsmId)?.Website).toBe('https://books.example');
    expect(await syncer.conflicts.list()).toEqual([]);
    before = world.sandbox.calls.total;
    await syncer.run();
    expect(writesSince(world, before)).toEqual([]);
  });

  it('values that agree after mapping are not a conflict', async () => {
    const { world, fsmId, booksId } = await synced();
    world.sandbox.edit(world.fsm, 'Companies', fsmId, { Website: 'https://same.example' });
    world.sandbox.edit(world.books, 'contacts', booksId, { website: 'https://same.example' });
    const report = await world.syncer({ conflicts: 'manual' }).run();
    expect(report.conflicts.total).toBe(0);
    expect(report.toFinance.updated + report.toFsm.updated).toBe(0);
  });
});
