import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { runUntilQuiet, syncWorld, type SyncWorld, WatchedStorage } from './helpers.js';

// In the daily full read the companies unit walks every Books customer while FSM has little to
// do; the contact persons unit then reads every FSM contact. The run reads those contacts ahead,
// beside the companies unit, so both organisations' quotas work at once — without a call more,
// and never in place of a read that must see the run's own writes.

const DAY_MS = 86_400_000;

const aheadKeys = (storage: WatchedStorage) => [...storage.written].filter((key) => key.includes('/ahead/'));

function world(storage: WatchedStorage, syncType: 'III' | 'IV' = 'III'): SyncWorld {
  return syncWorld({ syncType, storage, seed: 21, fsmRecords: { customers: 24, items: 2 }, booksRecords: { customers: 24, items: 2, offset: 8 } });
}

// The calls since `since`, as `METHOD app endpoint`, sign-in calls left out.
function callsSince(w: SyncWorld, since: number): string[] {
  return w.sandbox.calls.list().slice(since).filter((c) => c.app !== 'accounts').map((c) => `${c.method} ${c.app} ${c.endpoint}`);
}

describe('FSM contacts read ahead in the daily full read', () => {
  it('reads them while the companies unit walks Books, with no extra call, and leaves nothing in storage', async () => {
    const storage = new WatchedStorage();
    const w = world(storage);
    await runUntilQuiet(w);
    expect(aheadKeys(storage), 'a first run and the runs reading changes do not read ahead').toEqual([]);

    await w.clock.advance(DAY_MS + 60_000);
    const since = w.sandbox.calls.total;
    const report = await w.syncer().run();
    expect(report.status).toBe('completed');
    expect([report.toFinance, report.toFsm].flatMap((side) => [side.created, side.updated, side.deleted])).toEqual([0, 0, 0, 0, 0, 0]);
    const calls = callsSince(w, since);
    const contactPages = calls.filter((c) => c === 'GET fsm /Contacts');
    expect(contactPages, 'FSM contacts listed once').toHaveLength(1);
    expect(calls.indexOf('GET fsm /Contacts'), 'read before the Books customer walk ended').toBeLessThan(calls.lastIndexOf('GET books /contacts'));
    expect(aheadKeys(storage).length, 'the pages went to storage').toBeGreaterThan(0);
    expect(await storage.list('sync/'), 'and were removed when the run ended').not.toContainEqual(expect.objectContaining({ key: expect.stringContaining('/ahead/') }));
  });

  it('a full read asked for (fullScan) reads ahead too, and its outcome is the one of the run that does not', async () => {
    const storage = new WatchedStorage();
    const w = world(storage);
    await runUntilQuiet(w);
    // Changes on both sides, contact persons included, for the full read to carry.
    const fsmContact = w.sandbox.records(w.fsm, 'Contacts').find((c) => c.Company !== undefined && c.Company !== null);
    expect(fsmContact).toBeDefined();
    w.sandbox.edit(w.fsm, 'Contacts', String(fsmContact?.id), { Last_Name: 'Ahead-Edited' });
    const since = w.sandbox.calls.total;
    const report = await w.syncer().run({ fullScan: true });
    expect(report.status).toBe('completed');
    expect(report.toFinance.updated).toBe(1);
    expect(aheadKeys(storage).length).toBeGreaterThan(0);
    expect(callsSince(w, since).filter((c) => c === 'GET fsm /Contacts')).toHaveLength(1);
    expect(await runUntilQuiet(w)).toBe(0);
  });

  it('a run that wrote FSM contacts before their unit reads them reads them again from FSM (sync type IV)', async () => {
    const storage = new WatchedStorage();
    const w = world(storage, 'IV');
    await runUntilQuiet(w);
    // An individual edited in Books: the individuals unit writes its FSM contact before the
    // contact persons unit reads FSM contacts.
    const individual = w.sandbox.records(w.books, 'contacts').find((c) => c.customer_sub_type === 'individual');
    expect(individual).toBeDefined();
    w.sandbox.edit(w.books, 'contacts', String(individual?.contact_id), { billing_address: { ...(individual?.billing_address as object), city: 'Aheadville' } });
    await w.clock.advance(DAY_MS + 60_000);
    const since = w.sandbox.calls.total;
    const report = await w.syncer().run();
    expect(report.status).toBe('completed');
    expect(report.toFsm.updated).toBe(1);
    expect(aheadKeys(storage).length, 'read ahead for the individuals unit').toBeGreaterThan(0);
    // Once ahead (for the individuals unit), once more after its write (for the contact persons unit).
    expect(callsSince(w, since).filter((c) => c === 'GET fsm /Contacts')).toHaveLength(2);
    expect(await runUntilQuiet(w)).toBe(0);
  });

  it('pages a killed run left are removed by the next run', async () => {
    const storage = new MemoryStorage();
    const w = syncWorld({ syncType: 'III', storage, seed: 21 });
    await w.syncer().run();
    const root = (await storage.list('sync/'))[0]?.key.split('/').slice(0, 2).join('/');
    const left = [`${root}/ahead/page/contacts/00000000`, `${root}/ahead/page/contacts/00000001`, `${root}/ahead/count/contacts`];
    await storage.batch([{ type: 'put', key: left[0] as string, value: { records: [] } }, { type: 'put', key: left[1] as string, value: { records: [] } }, { type: 'put', key: left[2] as string, value: 2 }]);
    await w.syncer().run();
    expect(await storage.getMany(left)).toEqual([undefined, undefined, undefined]);
  });
});
