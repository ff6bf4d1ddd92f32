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
