import { describe, expect, it } from 'vitest';
import type { DeletePolicy } from '../../src/sync/index.js';
import { find, one, type SyncWorld, syncWorld, writesSince } from './helpers.js';

async function synced(deletes: DeletePolicy): Promise<{ world: SyncWorld; name: string; fsmId: string; booksId: string; run: (full?: boolean) => ReturnType<ReturnType<SyncWorld['syncer']>['run']> }> {
  const world = syncWorld();
  const run = (full = false) => world.syncer({ deletes }).run(full ? { fullScan: true } : {});
  await run();
  const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
  const name = String(company.Company_Name);
  return { world, name, fsmId: String(company.id), booksId: String(one(world, 'books', 'contacts', 'contact_name', name).contact_id), run };
}

describe("deletes: 'unlink' (the default)", () => {
  it('an FSM delete leaves the Books customer, and it is not recreated in FSM later', async () => {
    const { world, name, fsmId, booksId, run } = await synced('unlink');
    world.sandbox.remove(world.fsm, 'Companies', fsmId);
    const report = await run();
    expect(report.toFinance.unlinked).toBe(1);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.status).toBe('active');
    const before = world.sandbox.calls.total;
    await run(true);
    await run();
    expect(writesSince(world, before)).toEqual([]);
    expect(find(world, 'fsm', 'Companies', 'Company_Name', name)).toEqual([]);
  });

  it('a Books delete is seen by the next full read (not by an incremental walk) and leaves the FSM company', async () => {
    const { world, name, booksId, run } = await synced('unlink');
    world.sandbox.remove(world.books, 'contacts', booksId);
    const incremental = await run();
    expect(incremental.toFsm.unlinked).toBe(0);
    const full = await run(true);
    expect(full.toFsm.unlinked).toBe(1);
    expect(find(world, 'fsm', 'Companies', 'Company_Name', name)).toHaveLength(1);
    const before = world.sandbox.calls.total;
    await run(true);
    expect(writesSince(world, before)).toEqual([]);
    expect(find(world, 'books', 'contacts', 'contact_name', name)).toEqual([]);
  });

  it('fullScanIntervalMs decides when a cursor-fed side is read in full again', async () => {
    const world = syncWorld();
    const run = () => world.syncer({ fullScanIntervalMs: 3_600_000 }).run();
    await run();
    const customer = world.sandbox.records(world.books, 'contacts')[0] as Record<string, unknown>;
    world.sandbox.remove(world.books, 'contacts', String(customer.contact_id));
    expect((await run()).toFsm.unlinked).toBe(0);
    await world.clock.advance(3_600_000);
    expect((await run()).toFsm.unlinked).toBe(1);
  });
});

describe("deletes: 'deactivate'", () => {
  it('an FSM delete marks the Books customer inactive', async () => {
    const { world, fsmId, booksId, run } = await synced('deactivate');
    world.sandbox.remove(world.fsm, 'Companies', fsmId);
    const report = await run();
    expect(report.toFinance.deactivated).toBe(1);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.status).toBe('inactive');
  });

  it('a Books item delete marks the FSM service inactive ($inactive); FSM companies cannot be, so they are unlinked', async () => {
    const { world, booksId, name, run } = await synced('deactivate');
    const item = world.sandbox.records(world.books, 'items')[0] as Record<string, unknown>;
    world.sandbox.remove(world.books, 'items', String(item.item_id));
    world.sandbox.remove(world.books, 'contacts', booksId);
    const report = await run(true);
    expect(one(world, 'fsm', 'Service_And_Parts', 'Name', item.name).$inactive).toBe(true);
    expect(report.entities.find((e) => e.module === 'items')?.toFsm.deactivated).toBe(1);
    expect(report.entities.find((e) => e.module === 'companies')?.toFsm.unlinked).toBe(1);
    expect(find(world, 'fsm', 'Companies', 'Company_Name', name)).toHaveLength(1);
  });
});

describe("deletes: 'propagate'", () => {
  it('an FSM delete deletes the Books customer, and a Books delete the FSM company', async () => {
    const { world, name, fsmId, run } = await synced('propagate');
    world.sandbox.remove(world.fsm, 'Companies', fsmId);
    const other = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    const otherBooks = one(world, 'books', 'contacts', 'contact_name', other.Company_Name);
    world.sandbox.remove(world.books, 'contacts', String(otherBooks.contact_id));
    const report = await run(true);
    expect(report.toFinance.deleted).toBe(1);
    expect(report.toFsm.deleted).toBe(1);
    expect(find(world, 'books', 'contacts', 'contact_name', name)).toEqual([]);
    expect(find(world, 'fsm', 'Companies', 'Company_Name', other.Company_Name)).toEqual([]);
  });

  it('Books refusing to delete a customer with transactions (code 3000) marks it inactive instead', async () => {
    const { world, fsmId, booksId, run } = await synced('propagate');
    const item = world.sandbox.records(world.books, 'items')[0] as Record<string, unknown>;
    world.sandbox.insert(world.books, 'invoices', { customer_id: booksId, line_items: [{ item_id: item.item_id, quantity: 1 }] });
    world.sandbox.remove(world.fsm, 'Companies', fsmId);
    const report = await run();
    expect(report.failures).toEqual([]);
    expect(report.toFinance.deactivated).toBe(1);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.status).toBe('inactive');
  });

  it('a survivor edited since the last sync is kept (and unlinked): an edit is not lost to a delete', async () => {
    const { world, fsmId, booksId, run } = await synced('propagate');
    world.sandbox.edit(world.books, 'contacts', booksId, { website: 'https://still-needed.example' });
    world.sandbox.remove(world.fsm, 'Companies', fsmId);
    const report = await run();
    expect(report.toFinance.unlinked).toBe(1);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.website).toBe('https://still-needed.example');
  });
});

describe('deletes and stored conflicts', () => {
  it("a pair deleted on one side takes its open 'manual' conflicts with it: none is left for a pair that no longer exists", async () => {
    const { world, fsmId, booksId } = await synced('unlink');
    world.sandbox.edit(world.fsm, 'Companies', fsmId, { Website: 'https://fsm.example' });
    world.sandbox.edit(world.books, 'contacts', booksId, { website: 'https://books.example' });
    const syncer = world.syncer({ conflicts: 'manual', deletes: 'unlink' });
    await syncer.run();
    expect((await syncer.conflicts.list()).map((c) => c.fsmId)).toEqual([fsmId]);
    world.sandbox.remove(world.fsm, 'Companies', fsmId);
    const report = await world.syncer({ conflicts: 'manual', deletes: 'unlink' }).run();
    expect(report.toFinance.unlinked).toBe(1);
    expect(await syncer.conflicts.list()).toEqual([]);
  });
});
