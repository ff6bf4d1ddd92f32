import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/storage.js';
import { find, one, runUntilQuiet, syncWorld, type SyncWorld } from './helpers.js';

// Where the syncer files each contact person's link under its customer (its storage layout).
const UNDER_CUSTOMER = /\/link\/contact_persons\/parent\/([^/]+)\/([^/]+)$/;
const PERSON_LINK = /\/link\/contact_persons\/fsm\/([^/]+)$/;
const FILED_MARKER = /\/link\/contact_persons\/parent-index$/;

/** The persons' links (FSM id → customer) and their filings under customers (FSM id → customer). */
async function personsLinks(storage: Storage): Promise<{ links: Map<string, string>; filed: Map<string, string>; marked: boolean }> {
  const links = new Map<string, string>();
  const filed = new Map<string, string>();
  let marked = false;
  for (const { key, value } of await storage.list<{ parentId?: string; detached?: boolean }>('sync/')) {
    const link = PERSON_LINK.exec(key);
    if (link && value.detached !== true) links.set(decodeURIComponent(link[1] ?? ''), value.parentId ?? '');
    const under = UNDER_CUSTOMER.exec(key);
    if (under) filed.set(decodeURIComponent(under[2] ?? ''), decodeURIComponent(under[1] ?? ''));
    if (FILED_MARKER.test(key)) marked = true;
  }
  return { links, filed, marked };
}

/** Forgets the filings, as a store written before links were filed under customers holds none. */
async function unfile(storage: Storage): Promise<void> {
  const keys = (await storage.list('sync/')).map((e) => e.key).filter((key) => UNDER_CUSTOMER.test(key) || FILED_MARKER.test(key));
  await storage.batch(keys.map((key) => ({ type: 'delete' as const, key })));
}

async function settled(): Promise<SyncWorld> {
  const world = syncWorld({ syncType: 'III', fsmRecords: { customers: 6, items: 2 }, booksRecords: { customers: 6, items: 2, offset: 3 } });
  await runUntilQuiet(world, { deletes: 'unlink' });
  await world.clock.advance(120_000);
  return world;
}

/** The time a customer's persons were last settled at (`undefined`: never, or not at a trusted time). */
async function settledAt(world: SyncWorld, customerId: string): Promise<string | undefined> {
  const entries = await world.storage.list<{ time: string }>('sync/');
  return entries.find((e) => e.key.endsWith(`/settled/contact_persons/${encodeURIComponent(customerId)}`))?.value.time;
}

function customerTime(world: SyncWorld, customerId: string): unknown {
  return world.sandbox.records(world.books, 'contacts').find((c) => c.contact_id === customerId)?.last_modified_time;
}

/**
 * A synced person is deleted in Books (its customer's time moves). A run from the cursors lists
 * the customer without it: the customer is not taken as settled (its persons are read again), and
 * the daily full read unlinks the person; the run after settles the customer. Returns the FSM
 * contact's id.
 */
async function deletePerson(world: SyncWorld, beforeRuns: () => Promise<void> = async () => undefined): Promise<{ contactId: string }> {
  const person = world.sandbox.records(world.books, 'contactpersons').find((p) => typeof p.email === 'string' && find(world, 'fsm', 'Contacts', 'Email', p.email).length === 1);
  if (!person) throw new Error('no synced contact person in the world');
  const customerId = String(person.contact_id);
  const contact = one(world, 'fsm', 'Contacts', 'Email', person.email);
  world.sandbox.remove(world.books, 'contactpersons', String(person.contact_person_id));
  await beforeRuns();

  const quiet = await world.syncer({ deletes: 'unlink' }).run();
  expect(quiet.failures).toEqual([]);
  expect(quiet.toFsm.unlinked).toBe(0);
  expect(await settledAt(world, customerId), 'a customer listed without a linked person is not settled').not.toBe(customerTime(world, customerId));

  const full = await world.syncer({ deletes: 'unlink' }).run({ fullScan: true });
  expect(full.failures).toEqual([]);
  expect(full.toFsm.unlinked).toBe(1);
  expect(await settledAt(world, customerId), 'nor by a full read, which finds it through every filing at once').not.toBe(customerTime(world, customerId));
  // Listed once more with every person linked, it is settled.
  const next = await world.syncer({ deletes: 'unlink' }).run();
  expect(next.failures).toEqual([]);
  expect(await settledAt(world, customerId)).toBe(customerTime(world, customerId));
  return { contactId: String(contact.id) };
}

describe('contact persons are found by their customer, not by loading every person link', () => {
  it('every person link is filed under its customer, and a filing goes with its link', async () => {
    const world = await settled();
    const before = await personsLinks(world.storage);
    expect(before.links.size).toBeGreaterThan(3);
    expect(before.filed).toEqual(before.links);
    expect(before.marked).toBe(true);
    const { contactId } = await deletePerson(world);
    const after = await personsLinks(world.storage);
    expect(after.links.has(contactId)).toBe(false);
    expect(after.links.size).toBe(before.links.size - 1);
    expect(after.filed).toEqual(after.links);
  });

  it('a store whose person links were never filed (an earlier version) is filed by the first run, and customers are looked up by it', async () => {
    const world = await settled();
    const before = await personsLinks(world.storage);
    await unfile(world.storage);
    const { contactId } = await deletePerson(world, async () => {
      // A dry run writes nothing, filings included.
      const dry = await world.syncer({ deletes: 'unlink' }).run({ dryRun: true });
      expect(dry.failures).toEqual([]);
      expect((await personsLinks(world.storage)).filed.size).toBe(0);
    });
    const after = await personsLinks(world.storage);
    expect(after.marked).toBe(true);
    expect(after.links.has(contactId)).toBe(false);
    expect(after.filed).toEqual(after.links);
    expect(after.links.size).toBe(before.links.size - 1);
  });
});

describe('contact persons unchanged since their last sync are left out of a full read as it is read', () => {
  it('a full read with nothing changed has no person to work through, and settles every customer again from what it left out', async () => {
    const world = await settled();
    const settledKeys = (await world.storage.list('sync/')).map((e) => e.key).filter((key) => key.includes('/settled/contact_persons/'));
    expect(settledKeys.length).toBeGreaterThan(1);
    await world.storage.batch(settledKeys.map((key) => ({ type: 'delete' as const, key })));
    const totals: number[] = [];
    const syncer = world.syncer({ deletes: 'unlink' });
    syncer.on('progress', (event) => {
      if (event.module === 'contact_persons' && event.phase === 'sync') totals.push(event.total);
    });
    const report = await syncer.run({ fullScan: true });
    expect(report.failures).toEqual([]);
    expect(report.toFsm.created + report.toFsm.updated + report.toFinance.created + report.toFinance.updated).toBe(0);
    expect(totals.every((total) => total === 0)).toBe(true);
    const after = (await world.storage.list('sync/')).map((e) => e.key).filter((key) => key.includes('/settled/contact_persons/'));
    expect(after.sort()).toEqual(settledKeys.sort());
  });
});
