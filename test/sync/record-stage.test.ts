import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { type RecordSource, zohoFsmSource } from '../../src/sync/index.js';
import type { Storage } from '../../src/storage/storage.js';
import { delegatingSource, runUntilQuiet, syncWorld, type SyncWorld, WatchedStorage } from './helpers.js';

// A first run lists records no link knows yet and holds them until the unit matches or copies
// them. Past `recordsInMemory` a side's such records wait in the sync's storage ("the stage") and
// memory holds a shell of each: the outcome must be the one of a run that holds them all.

// The staged records a run wrote, by key.
const stagedKeys = (storage: WatchedStorage) => [...storage.written].filter((key) => key.includes('/stage/')).length;

const RESOURCES = { fsm: ['Companies', 'Contacts', 'Service_And_Parts'], books: ['contacts', 'items'] } as const;

const IGNORED = /(^id$|_id$|time|Time|^\$)/;

// Each organisation's records with the ids and times left out: what two runs on equal worlds can agree on.
function contents(world: SyncWorld): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [org, resources] of Object.entries(RESOURCES)) {
    for (const resource of resources) {
      const rows = world.sandbox.records(org === 'fsm' ? world.fsm : world.books, resource as never);
      // Ids (nested ones too: a contact's company) depend on the order of creates, not on the outcome.
      out[`${org} ${resource}`] = rows.map((row) => JSON.stringify(Object.entries(row).filter(([key]) => !IGNORED.test(key)).sort(), (key, value: unknown) => (IGNORED.test(key) ? undefined : value))).sort();
    }
  }
  return out;
}

function world(storage: Storage, syncType: 'II' | 'III' = 'III'): SyncWorld {
  return syncWorld({ syncType, storage, seed: 11, fsmRecords: { customers: 8, items: 7 }, booksRecords: { customers: 8, items: 7, offset: 3 } });
}

describe('records a run stages in storage instead of memory (recordsInMemory)', () => {
  for (const duplicates of ['overwrite', 'clone'] as const) {
    it(`a first run that stages every unlinked record ends as one that holds them all (duplicates: '${duplicates}')`, async () => {
      const staging = new WatchedStorage();
      const staged = world(staging);
      const held = world(new MemoryStorage());
      const stagedReport = await staged.syncer({ recordsInMemory: 0, duplicates }).run();
      const heldReport = await held.syncer({ recordsInMemory: Infinity, duplicates }).run();
      expect(stagedKeys(staging), 'the run staged records').toBeGreaterThan(20);
      expect(stagedReport.failures).toEqual(heldReport.failures);
      expect([stagedReport.toFinance, stagedReport.toFsm]).toEqual([heldReport.toFinance, heldReport.toFsm]);
      expect(contents(staged)).toEqual(contents(held));
      expect(await staging.list('sync/'), 'the stage is removed with its unit').not.toContainEqual(expect.objectContaining({ key: expect.stringContaining('/stage/') }));
      // The run after has nothing left to do.
      expect(await runUntilQuiet(staged, { recordsInMemory: 0, duplicates })).toBe(0);
    });
  }

  it('Books customers listed as summaries are staged too, and copied to FSM from their whole record', async () => {
    const staging = new WatchedStorage();
    const staged = world(staging);
    const report = await staged.syncer({ recordsInMemory: 0 }).run();
    // The customer list gives summaries (the persons unit's are whole): these are the companies unit's.
    expect([...staging.written].filter((key) => key.includes('/stage/companies/finance/r/')).length).toBeGreaterThan(0);
    const held = world(new MemoryStorage());
    await held.syncer({ recordsInMemory: Infinity }).run();
    expect(contents(staged)).toEqual(contents(held));
    expect(report.failures).toEqual([]);
  });

  it('only records past the first recordsInMemory of a side are staged', async () => {
    const staging = new WatchedStorage();
    await world(staging).syncer({ recordsInMemory: 5 }).run();
    const few = stagedKeys(staging);
    const all = new WatchedStorage();
    await world(all).syncer({ recordsInMemory: 0 }).run();
    expect(few).toBeGreaterThan(0);
    expect(few).toBeLessThan(stagedKeys(all));
    const none = new WatchedStorage();
    await world(none).syncer({ recordsInMemory: Infinity }).run();
    expect(stagedKeys(none)).toBe(0);
  });

  it('counts the records of earlier pages: a read of several pages stages past the threshold', async () => {
    // Three pages of 200 items a side: the first is held whole, the rest go past 250.
    const staging = new WatchedStorage();
    const many = syncWorld({ syncType: 'II', storage: staging, seed: 11, fsmRecords: { customers: 2, items: 450 }, booksRecords: { customers: 2, items: 2, offset: 2 } });
    const report = await many.syncer({ recordsInMemory: 250 }).run();
    expect(report.toFinance.created).toBeGreaterThanOrEqual(450);
    const staged = [...staging.written].filter((key) => key.includes('/stage/items/fsm/r/')).length;
    expect(staged).toBeGreaterThan(0);
    expect(staged).toBeLessThanOrEqual(450 - 250);
  });

  it('a record staged from one page and refused on a later one is not synced, as when held whole', async () => {
    // A user's FSM source whose walk lists a company again on a last page, with a value that is not JSON.
    const withBadCopy = (w: SyncWorld): RecordSource => {
      const inner = zohoFsmSource(w.client);
      return delegatingSource(inner, {
        async *read(collection, options) {
          let first: string | undefined;
          for await (const page of inner.read(collection, options)) {
            first ??= page.records[0]?.id;
            yield page;
          }
          if (collection === 'companies' && first !== undefined) {
            const data: Record<string, unknown> = { Company_Name: 'Cyclic' };
            data.self = data;
            yield { records: [{ id: first, data }] };
          }
        },
      });
    };
    const staged = world(new MemoryStorage());
    const held = world(new MemoryStorage());
    const stagedReport = await staged.syncer({ recordsInMemory: 0, fsm: withBadCopy(staged) }).run();
    const heldReport = await held.syncer({ recordsInMemory: Infinity, fsm: withBadCopy(held) }).run();
    expect(heldReport.failures.map((f) => f.reason)).toContain('INVALID_RECORD');
    expect(stagedReport.failures).toEqual(heldReport.failures);
    expect([stagedReport.toFinance, stagedReport.toFsm]).toEqual([heldReport.toFinance, heldReport.toFsm]);
    expect(contents(staged)).toEqual(contents(held));
  });

  it('a stage a killed run left behind is removed by the next run of its unit', async () => {
    const storage = new MemoryStorage();
    const w = world(storage);
    await w.syncer().run();
    const left = 'sync/' + (await storage.list('sync/'))[0]?.key.split('/')[1] + '/stage/items/fsm/left-over';
    await storage.batch([{ type: 'put', key: left, value: { Name: 'x' } }]);
    await w.syncer().run();
    expect(await storage.get(left)).toBeUndefined();
  });

  it('a dry run stages nothing (it writes nothing to storage)', async () => {
    const staging = new WatchedStorage();
    const report = await world(staging).syncer({ recordsInMemory: 0 }).run({ dryRun: true });
    expect(report.toFinance.created + report.toFsm.created).toBeGreaterThan(0);
    expect(stagedKeys(staging)).toBe(0);
  });

  it('refuses a recordsInMemory that is not a whole number ≥ 0', () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => world(new MemoryStorage()).syncer({ recordsInMemory: bad })).toThrow(ConfigError);
    }
  });
});
