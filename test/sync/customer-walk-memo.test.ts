import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/storage.js';
import { duplicates, runUntilQuiet, syncWorld, type SyncWorld, WatchedStorage } from './helpers.js';

/*
 * Business customers, individuals and contact persons are units of one run that all read Books'
 * customer list: the first walks it, the others are served what it met. What it met is kept in
 * the sync's storage for the run (a walk of every customer, the daily full read, would otherwise
 * hold the whole list in memory), and removed when the run ends.
 */

// The kept walk's entries: its header and its pages (keys encoded as storage keys).
const WALK_ENTRY = /\/memo\/[^/]+\/run%2Fwalk(%2F\d+)?$/;
const WALK_PAGE = /\/memo\/[^/]+\/run%2Fwalk%2F\d+$/;

async function settled(storage: WatchedStorage): Promise<SyncWorld> {
  const world = syncWorld({ syncType: 'III', storage, fsmRecords: { customers: 8, items: 2 }, booksRecords: { customers: 8, items: 2, offset: 4 } });
  await runUntilQuiet(world, { deletes: 'unlink' });
  await world.clock.advance(120_000);
  return world;
}

const customerPages = (world: SyncWorld) => world.sandbox.calls.count({ app: 'books', method: 'GET', endpoint: '/contacts' });
const walkEntries = async (storage: Storage) => (await storage.list('sync/')).map((e) => e.key).filter((key) => WALK_ENTRY.test(key));

describe('the customer walk a run shares between its units', () => {
  it('is kept in the sync’s storage while the run needs it, serves the later units without a call, and is gone when the run ends', async () => {
    const storage = new WatchedStorage();
    const world = await settled(storage);
    storage.written.clear();
    const before = customerPages(world);
    const report = await world.syncer({ deletes: 'unlink' }).run({ fullScan: true });
    expect(report.failures).toEqual([]);
    expect([...storage.written].filter((key) => WALK_PAGE.test(key)).length, 'pages of the walk written').toBeGreaterThan(0);
    // One page of customers holds them all here: the companies unit's walk, then none.
    expect(customerPages(world) - before).toBe(1);
    expect(await walkEntries(storage)).toEqual([]);
  });

  it('a page lost on its way to storage: the later units walk again, and the run ends as one that lost nothing', async () => {
    const storage = new WatchedStorage();
    const world = await settled(storage);
    const customer = world.sandbox.records(world.books, 'contacts').find((c) => c.customer_sub_type === 'business') as Record<string, unknown>;
    world.sandbox.edit(world.books, 'contacts', String(customer.contact_id), { website: 'https://walked.example' });
    storage.lose = WALK_PAGE;
    const before = customerPages(world);
    const report = await world.syncer({ deletes: 'unlink' }).run({ fullScan: true });
    expect(report.failures).toEqual([]);
    expect(report.toFsm.updated).toBe(1);
    expect(customerPages(world) - before, 'the walk, and the persons unit’s own').toBe(2);
    storage.lose = undefined;
    const quiet = await world.syncer({ deletes: 'unlink' }).run({ fullScan: true });
    expect(quiet.toFinance.created + quiet.toFinance.updated + quiet.toFsm.created + quiet.toFsm.updated).toBe(0);
    expect(duplicates(world)).toEqual([]);
  });

  it('entries a killed run left behind are removed by the next walk', async () => {
    const storage = new WatchedStorage();
    const world = await settled(storage);
    const header = [...storage.written].find((key) => WALK_ENTRY.test(key) && !WALK_PAGE.test(key));
    expect(header, 'the walk’s header key').toBeDefined();
    const page = (n: number) => `${header ?? ''}%2F${n}`;
    // As a process killed during a longer walk leaves them: pages up to the header's high mark.
    await storage.batch([
      { type: 'put', key: header ?? '', value: JSON.stringify({ runId: 'killed', pages: -1, high: 6 }) },
      ...[0, 1, 2, 3, 4, 5].map((n) => ({ type: 'put' as const, key: page(n), value: JSON.stringify({ runId: 'killed', customers: [] }) })),
    ]);
    expect((await walkEntries(storage)).length).toBe(7);
    const report = await world.syncer({ deletes: 'unlink' }).run({ fullScan: true });
    expect(report.failures).toEqual([]);
    expect(await walkEntries(storage)).toEqual([]);
  });
});
