import { describe, expect, it } from 'vitest';
import { syncWorld } from './helpers.js';

// Books refuses an item whose name or SKU another item holds (code 1001). That refusal is about the
// other item, not this one: once the other is gone, the next run creates the refused item instead
// of waiting a day (or for the refused item to change) before trying again.

describe('a create refused because another record holds its SKU', () => {
  it('is created by the first run after the Books item holding the SKU is deleted', async () => {
    const world = syncWorld({ syncType: 'I', fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
    const holder = world.sandbox.insert(world.books, 'items', { name: 'Hex Bolt', sku: 'SKU-7', rate: 2 });
    const syncer = () => world.syncer({ entities: ['items'] });
    // Linked first, so the clash below is between two different items.
    expect((await syncer().run()).failures).toEqual([]);
    const refused = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Wing Nut', SKU: 'SKU-7', Unit_Price: 1, Type: 'Goods' });

    const first = await syncer().run();
    expect(first.failures.map((f) => [f.reason, f.records.map((r) => r.fsmId)])).toEqual([['ZOHO_1001', [refused.id]]]);
    const again = await syncer().run();
    expect(again.failures.map((f) => f.reason), 'while the SKU is held, the refusal stands and nothing is sent').toEqual(['ZOHO_1001']);
    expect(again.toFinance.created).toBe(0);

    world.sandbox.remove(world.books, 'items', String(holder.item_id));
    const after = await syncer().run();
    expect(after.failures, 'the SKU is free: the refused item is created').toEqual([]);
    expect(world.sandbox.records(world.books, 'items').map((i) => [i.name, i.sku])).toEqual([['Wing Nut', 'SKU-7']]);
    const quiet = await syncer().run();
    expect(quiet.toFinance.created + quiet.toFinance.updated + quiet.toFsm.created + quiet.toFsm.updated).toBe(0);
  });
});

describe('a create refused because a record deleted later in the same run holds its name', () => {
  it('is created by that run once the delete pass has freed the name', async () => {
    const world = syncWorld({ syncType: 'II', fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
    const syncer = () => world.syncer({ entities: ['items'], deletes: 'propagate' });
    const old = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Elevator Installation', Unit_Price: 90, Type: 'Service' });
    expect((await syncer().run()).failures).toEqual([]);
    // The user replaces the FSM service with a new one of the same name: the Books copy of the old
    // one still holds the name when the run first tries to create the new one.
    world.sandbox.remove(world.fsm, 'Service_And_Parts', String(old.id));
    const replacement = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Elevator Installation', Unit_Price: 120, Type: 'Service' });

    const report = await syncer().run();
    expect(report.failures, 'the refusal was about a record the run deleted').toEqual([]);
    expect(report.toFinance.deleted).toBe(1);
    expect(report.toFinance.created).toBe(1);
    expect(world.sandbox.records(world.books, 'items').map((i) => [i.name, i.rate])).toEqual([['Elevator Installation', 120]]);
    const quiet = await syncer().run();
    expect(quiet.failures).toEqual([]);
    expect(quiet.toFinance.created + quiet.toFinance.updated + quiet.toFsm.created + quiet.toFsm.updated + quiet.toFinance.deleted).toBe(0);
    expect(String(replacement.id)).not.toBe(String(old.id));
  });

  it('a refusal remembered from an earlier run is tried again in the run that deletes the holder', async () => {
    const world = syncWorld({ syncType: 'II', fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
    const syncer = () => world.syncer({ entities: ['items'], deletes: 'propagate' });
    const old = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Lift Check', Unit_Price: 40, Type: 'Service' });
    expect((await syncer().run()).failures).toEqual([]);
    // FSM allows two services of one name; Books does not.
    const twin = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Lift Check', Unit_Price: 55, Type: 'Service' });
    const refused = await syncer().run();
    expect(refused.failures.map((f) => [f.reason, f.records.map((r) => r.fsmId)])).toEqual([['ZOHO_1001', [String(twin.id)]]]);

    world.sandbox.remove(world.fsm, 'Service_And_Parts', String(old.id));
    const report = await syncer().run();
    expect(report.failures).toEqual([]);
    expect([report.toFinance.deleted, report.toFinance.created]).toEqual([1, 1]);
    expect(world.sandbox.records(world.books, 'items').map((i) => [i.name, i.rate])).toEqual([['Lift Check', 55]]);
    const quiet = await syncer().run();
    expect(quiet.failures).toEqual([]);
    expect(quiet.toFinance.created + quiet.toFinance.updated + quiet.toFinance.deleted).toBe(0);
  });

  it('a refusal no delete of the run freed is reported once, as before', async () => {
    const world = syncWorld({ syncType: 'II', fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
    const syncer = () => world.syncer({ entities: ['items'], deletes: 'propagate' });
    world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Belt Swap', Unit_Price: 40, Type: 'Service' });
    const other = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Spare', Unit_Price: 1, Type: 'Goods' });
    expect((await syncer().run()).failures).toEqual([]);
    const twin = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Belt Swap', Unit_Price: 55, Type: 'Service' });
    // A delete of another item in the same run: the create is tried again and refused again.
    world.sandbox.remove(world.fsm, 'Service_And_Parts', String(other.id));
    const report = await syncer().run();
    expect(report.toFinance.deleted).toBe(1);
    expect(report.failures.map((f) => [f.reason, f.records.map((r) => r.fsmId)])).toEqual([['ZOHO_1001', [String(twin.id)]]]);
    expect(world.sandbox.records(world.books, 'items').map((i) => i.name)).toEqual(['Belt Swap']);
  });
});
