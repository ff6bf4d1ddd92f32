import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../src/sync/index.js';
import { DOCUMENTED_ONLY, one, syncWorld } from './helpers.js';

/*
 * Zoho's published description of an item carries no modified time, while the sandbox (and, in
 * practice, Books) may send one. Under `latest-wins` an item conflict goes to the later edit when
 * Books sends its time, and to FSM when it does not (a side without a time loses the tie-break):
 * the same edits, in both modes.
 */
const MODES = [
  { mode: 'Books sends item times', undocumented: undefined, winner: 'finance', rate: 20.5, financeTimed: true },
  { mode: 'Books sends no item time (documented only)', undocumented: DOCUMENTED_ONLY, winner: 'fsm', rate: 10, financeTimed: false },
] as const;

describe('latest-wins for items, with and without Books item times', () => {
  for (const m of MODES) {
    it(`${m.mode}: FSM edits the price, Books a minute later; ${m.winner} wins and both sides hold ${m.rate}`, async () => {
      const world = syncWorld(m.undocumented ? { undocumented: m.undocumented } : {});
      await world.syncer().run();
      const [service] = world.sandbox.records(world.fsm, 'Service_And_Parts');
      if (!service) throw new Error('the sandbox should generate services');
      const item = () => one(world, 'books', 'items', 'name', service.Name);
      world.sandbox.edit(world.fsm, 'Service_And_Parts', String(service.id), { Unit_Price: 10 });
      await world.clock.advance(60_000);
      world.sandbox.edit(world.books, 'items', String(item().item_id), { rate: 20.5 });

      const syncer = world.syncer({ conflicts: 'latest-wins' });
      const seen: Array<{ conflict: SyncConflict; resolution: string }> = [];
      syncer.on('conflict', (event) => seen.push(event));
      await syncer.run();

      expect(seen.map(({ conflict, resolution }) => ({ field: conflict.field.fsm, resolution, financeTimed: conflict.financeModifiedTime !== undefined }))).toEqual([
        { field: 'Unit_Price', resolution: m.winner, financeTimed: m.financeTimed },
      ]);
      expect(item().rate).toBe(m.rate);
      expect(world.sandbox.record(world.fsm, 'Service_And_Parts', String(service.id))?.Unit_Price).toBe(m.rate);
    });
  }
});
