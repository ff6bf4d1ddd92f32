import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { NotLoadedError } from '../../src/sync/state/loaded-window.js';
import { LinkStore } from '../../src/sync/state/link-store.js';
import { SyncKeys } from '../../src/sync/state/sync-keys.js';

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

// Companies f1..f4 linked to customers b1..b4; f5 not linked.
async function companiesWindow() {
  const storage = new MemoryStorage();
  const store = new LinkStore(storage, new SyncKeys('binding-1'));
  const ops = [1, 2, 3, 4].flatMap((n) => store.linkOps('companies', `f${n}`, { financeId: `b${n}`, linkedAt: 0 }));
  await storage.batch(ops);
  return store.window('companies');
}

describe('a held page of links is let go of once its holders are done', () => {
  it('holds links (from either side) until released, then lets them go on the next turn', async () => {
    const links = await companiesWindow();
    const release = await links.hold({ fsm: ['f1', 'f5'], finance: ['b2'] });
    expect(links.byFsm.get('f1')?.financeId).toBe('b1');
    expect(links.byFsm.has('f5')).toBe(false);
    expect(links.byFinance.get('b2')).toBe('f2');
    expect(links.byFsm.get('f2')?.financeId).toBe('b2');
    release();
    // Still there in the turn of the release: a lookup right after it finds them.
    expect(links.byFsm.get('f1')?.financeId).toBe('b1');
    await nextTurn();
    for (const [side, id] of [['fsm', 'f1'], ['fsm', 'f5'], ['finance', 'b2'], ['fsm', 'f2'], ['finance', 'b1']] as const) expect(links.loaded(side, id)).toBe(false);
    expect(() => links.byFsm.get('f1')).toThrow(NotLoadedError);
  });

  it('keeps what was loaded before the hold, and what anyone ensured meanwhile', async () => {
    const links = await companiesWindow();
    await links.ensure({ fsm: ['f1'] });
    const release = await links.hold({ fsm: ['f1', 'f2', 'f3'], finance: ['b4'] });
    await links.ensure({ finance: ['b2'] });
    await links.ensure({ fsm: ['f4'] });
    release();
    await nextTurn();
    expect(links.byFsm.get('f1')?.financeId).toBe('b1');
    expect(links.byFinance.get('b2')).toBe('f2');
    expect(links.byFinance.get('b4')).toBe('f4');
    expect(links.loaded('fsm', 'f3')).toBe(false);
  });

  it('lets go only when the last of several holders does', async () => {
    const links = await companiesWindow();
    const first = await links.hold({ fsm: ['f1'] });
    const second = await links.hold({ finance: ['b1'] });
    first();
    await nextTurn();
    expect(links.byFsm.get('f1')?.financeId).toBe('b1');
    second();
    second();
    await nextTurn();
    expect(links.loaded('fsm', 'f1')).toBe(false);
    expect(links.loaded('finance', 'b1')).toBe(false);
  });

  it('keeps a link the run made or forgot while it was held', async () => {
    const links = await companiesWindow();
    const release = await links.hold({ fsm: ['f5', 'f3'] });
    links.link('f5', { financeId: 'b5', linkedAt: 1 });
    links.forget('f3', 'b3');
    release();
    await nextTurn();
    expect(links.byFsm.get('f5')?.financeId).toBe('b5');
    expect(links.byFinance.get('b5')).toBe('f5');
    expect(links.byFsm.has('f3')).toBe(false);
    expect(links.byFinance.has('b3')).toBe(false);
  });

  it('a complete index holds everything already: a hold changes nothing', async () => {
    const storage = new MemoryStorage();
    const store = new LinkStore(storage, new SyncKeys('binding-1'));
    await storage.batch(store.linkOps('companies', 'f1', { financeId: 'b1', linkedAt: 0 }));
    const links = await store.load('companies');
    const release = await links.hold({ fsm: ['f1'] });
    release();
    await nextTurn();
    expect(links.byFsm.get('f1')?.financeId).toBe('b1');
  });
});
