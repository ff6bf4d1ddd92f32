import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import { countLinkedRecords } from '../../src/sync/state/linked-records.js';
import { zohoFinanceSource } from '../../src/sync/index.js';
import { delegatingSource, one, runUntilQuiet, syncWorld, type SyncWorld } from './helpers.js';

/** A user's Storage that records which key prefixes are listed (a whole-prefix load shows up as a list). */
class ListingStorage implements Storage {
  readonly inner = new MemoryStorage();
  readonly listed: string[] = [];
  get<T>(key: string): Promise<T | undefined> {
    return this.inner.get<T>(key);
  }
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return this.inner.getMany<T>(keys);
  }
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    this.listed.push(prefix);
    return this.inner.list<T>(prefix, options);
  }
  batch(ops: readonly StorageOp[]): Promise<void> {
    return this.inner.batch(ops);
  }
  compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    return this.inner.compareAndSet(key, expected, next);
  }
}

async function linkKeys(storage: Storage): Promise<number> {
  const entries = await storage.list<{ detached?: boolean }>('sync/');
  return entries.filter((e) => /\/link\/[^/]+\/fsm\//.test(e.key) && e.value?.detached !== true).length;
}

async function settledWorld(storage: Storage = new MemoryStorage()): Promise<SyncWorld> {
  const world = syncWorld({ syncType: 'III', storage, fsmRecords: { customers: 6, items: 5 }, booksRecords: { customers: 6, items: 5, offset: 3 } });
  await runUntilQuiet(world);
  await world.clock.advance(120_000);
  return world;
}

describe('a run holds the state of the records it works on, not of the whole data set', () => {
  it('a run lists no unit’s base snapshots: it looks up those of the records it reads, a page at a time', async () => {
    const storage = new ListingStorage();
    const world = await settledWorld(storage);
    const item = world.sandbox.records(world.books, 'items')[0] as Record<string, unknown>;
    world.sandbox.edit(world.books, 'items', String(item.item_id), { rate: 77 });
    storage.listed.length = 0;
    const report = await world.syncer().run({ fullScan: true });
    expect(report.toFsm.updated).toBe(1);
    expect(one(world, 'fsm', 'Service_And_Parts', 'Name', item.name).Unit_Price).toBe(77);
    expect(storage.listed.filter((prefix) => prefix.includes('/base/'))).toEqual([]);
  });

  it('every pair counts unchanged when nothing changed, though the scanned side’s records are left out as they are read', async () => {
    const world = await settledWorld();
    const links = await linkKeys(world.storage);
    const report = await world.syncer().run({ fullScan: true });
    const unchanged = report.entities.reduce((sum, e) => sum + e.toFinance.unchanged, 0);
    expect(report.entities.reduce((sum, e) => sum + e.toFsm.unchanged, 0)).toBe(unchanged);
    expect(unchanged).toBe(links);
  });

  it('an FSM record unchanged since the last sync still receives its counterpart’s edit', async () => {
    const world = await settledWorld();
    const customer = world.sandbox.records(world.books, 'contacts').find((c) => c.contact_type === 'customer' && c.customer_sub_type === 'business') as Record<string, unknown>;
    world.sandbox.edit(world.books, 'contacts', String(customer.contact_id), { website: 'https://edited.example' });
    const report = await world.syncer().run({ fullScan: true });
    expect(report.toFsm.updated).toBe(1);
    expect(one(world, 'fsm', 'Companies', 'Company_Name', customer.contact_name).Website).toBe('https://edited.example');
  });

  it('the link counts a run leaves add what it linked and unlinked to the last clean run’s counts', async () => {
    const world = await settledWorld();
    const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    world.sandbox.remove(world.fsm, 'Companies', String(company.id));
    world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Window Counter Belt', Unit_Price: 3 });
    world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Window Counter Strap', Unit_Price: 4 });
    const report = await world.syncer().run({ fullScan: true });
    expect(report.toFinance.created).toBe(2);
    expect(report.toFinance.unlinked + report.toFsm.unlinked).toBeGreaterThan(0);
    expect((await countLinkedRecords(world.storage)).count).toBe(await linkKeys(world.storage));
  });

  it('a full read leaves out the Books customer rows whose time has not moved: the unit has only the edited one to look at', async () => {
    const world = await settledWorld();
    const customer = world.sandbox.records(world.books, 'contacts').find((c) => c.contact_type === 'customer' && c.customer_sub_type === 'business') as Record<string, unknown>;
    world.sandbox.edit(world.books, 'contacts', String(customer.contact_id), { website: 'https://moved.example' });
    const syncer = world.syncer();
    const totals: number[] = [];
    syncer.on('progress', (event) => {
      if (event.module === 'companies' && event.phase === 'sync') totals.push(event.total);
    });
    const report = await syncer.run({ fullScan: true });
    expect(report.failures).toEqual([]);
    expect(one(world, 'fsm', 'Companies', 'Company_Name', customer.contact_name).Website).toBe('https://moved.example');
    // The list rows carry no addresses: kept, each would be a record for the unit to go through.
    expect(new Set(totals)).toEqual(new Set([1]));
    const companies = report.entities.find((e) => e.entity === 'companies');
    expect(companies?.toFsm.updated).toBe(1);
    // Every other pair counts unchanged both ways (the edited one, towards Books too).
    expect(companies?.toFinance.unchanged).toBe((companies?.toFsm.unchanged ?? 0) + 1);
  });

  it('the daily read of contact persons looks the settled customers’ times up a page at a time, never all at once, and still reads no persons', async () => {
    const storage = new ListingStorage();
    const world = await settledWorld(storage);
    // The daily full read is due: every customer is walked, each settled one left out by its time.
    await world.clock.advance(25 * 60 * 60 * 1000);
    storage.listed.length = 0;
    const before = world.sandbox.calls.list().length;
    const report = await world.syncer().run();
    expect(report.failures).toEqual([]);
    expect(storage.listed.filter((prefix) => prefix.includes('/settled/'))).toEqual([]);
    const personsCalls = world.sandbox.calls.list().slice(before).filter((c) => c.path.includes('contactpersons'));
    expect(personsCalls).toEqual([]);
  });

  it('a source that does not say parentTimesByPage still gets every settled customer’s time as a map', async () => {
    const world = await settledWorld();
    const inner = zohoFinanceSource(world.client);
    const given: Array<{ map: number | undefined; lookup: boolean }> = [];
    const finance = delegatingSource(inner, {
      capabilities: (collection) => {
        const caps = inner.capabilities(collection);
        if (caps === undefined) return undefined;
        const { parentTimesByPage: _byPage, ...rest } = caps;
        return rest;
      },
      read: (collection, options) => {
        if (collection === 'contact_persons') given.push({ map: options.parentTimes?.size, lookup: options.parentTimesOf !== undefined });
        return inner.read(collection, options);
      },
    });
    await world.clock.advance(25 * 60 * 60 * 1000);
    const report = await world.syncer({ finance }).run();
    expect(report.failures).toEqual([]);
    expect(given).toHaveLength(1);
    expect(given[0]?.lookup).toBe(false);
    expect(given[0]?.map).toBeGreaterThan(0);
  });
});
