import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { StorageOp } from '../../src/storage/storage.js';
import { runUntilQuiet, syncWorld } from './helpers.js';

/** MemoryStorage that counts, per batch, the settled-customer markers it writes. */
class MarkerBatches extends MemoryStorage {
  readonly sizes: number[] = [];
  override batch(ops: readonly StorageOp[]): Promise<void> {
    const markers = ops.filter((op) => op.type === 'put' && op.key.includes('/settled/')).length;
    if (markers > 0) this.sizes.push(markers);
    return super.batch(ops);
  }
}

const settled = (key: string) => key.includes('/settled/');

describe('settled customers', () => {
  it('a read that leaves out every customer’s persons as unchanged writes their markers a batch at a time, not all at once', async () => {
    const storage = new MarkerBatches();
    const world = syncWorld({ syncType: 'III', storage, fsmRecords: { customers: 2, items: 1 }, booksRecords: { customers: 800, items: 1, offset: 0 } });
    await runUntilQuiet(world);
    // The markers are lost: the daily read lists every customer's persons again and finds each unchanged.
    const before = (await storage.list('sync/')).filter((entry) => settled(entry.key));
    await storage.batch(before.map((entry): StorageOp => ({ type: 'delete', key: entry.key })));
    await world.clock.advance(25 * 60 * 60 * 1000);
    storage.sizes.length = 0;
    const report = await world.syncer().run();
    expect(report.failures).toEqual([]);
    const after = (await storage.list('sync/')).filter((entry) => settled(entry.key));
    expect(after.length).toBe(before.length);
    expect(after.length).toBeGreaterThan(500);
    expect(Math.max(...storage.sizes)).toBeLessThanOrEqual(500);
  }, 60_000);
});
