import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { BidirectionalSyncer, SyncReport } from '../../src/sync/index.js';
import { duplicates, processSyncer, syncWorld, views, type SyncWorld } from './helpers.js';

const CAP = 12;
const DAY = 86_400_000;
// Sync type III: companies, their contacts as contact persons, items: units that depend on each other.
const records = { syncType: 'III' as const, fsmRecords: { customers: 8, items: 6 }, booksRecords: { customers: 8, items: 6, offset: 3 } };

interface CappedWorld {
  world: SyncWorld;
  /** A syncer whose client is a new process on the same storages. */
  syncer(): BidirectionalSyncer;
}

/**
 * The daily cap enforced by Zoho (the sandbox answers code 45 after CAP calls of a day), or by the
 * client itself (`limits.perDay`, the sandbox's cap off): either way the run must stop cleanly.
 */
function cappedWorld(by: 'zoho' | 'client'): CappedWorld {
  const world = syncWorld({ ...records, limits: { perDay: by === 'zoho' ? { standard: CAP } : false } });
  const clientStorage = new MemoryStorage();
  return { world, syncer: () => processSyncer(world, clientStorage, by === 'client' ? { perDay: CAP } : undefined) };
}

/** Books calls the sandbox answered, per UTC day. */
function booksCallsPerDay(world: SyncWorld): Map<number, number> {
  const days = new Map<number, number>();
  for (const call of world.sandbox.calls.list()) {
    if (call.app !== 'books' || call.status === 429) continue;
    const day = Math.floor(call.at / DAY);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}

describe.each(['zoho', 'client'] as const)('a sync that meets the daily API cap (enforced by %s)', (by) => {
  it('stops cleanly with resumeAt and no failed record; later runs go on from there and both sides converge with no duplicate and no loss', async () => {
    const { world, syncer } = cappedWorld(by);
    const first = await syncer().run();
    expect(first).toMatchObject({ status: 'stopped', stopped: 'daily-limit', resumeAt: '2026-01-02T00:00:00.000Z' });
    expect(first.stoppedReason).toMatch(/daily/);
    expect(first.failures).toEqual([]);
    expect(first.toFinance.failed + first.toFsm.failed).toBe(0);
    expect(first.toFinance.created + first.toFsm.created + first.toFinance.updated + first.toFsm.updated, 'the first day did some work').toBeGreaterThan(0);

    // Before resumeAt: stops again at once, and Zoho sees no call.
    const booksBefore = world.sandbox.calls.count({ app: 'books' });
    const again = await syncer().run();
    expect(again).toMatchObject({ status: 'stopped', stopped: 'daily-limit', resumeAt: first.resumeAt, failures: [] });
    expect(world.sandbox.calls.count({ app: 'books' }) - booksBefore, 'books calls before resumeAt').toBe(0);

    let report: SyncReport = again;
    let days = 1;
    while (report.stopped === 'daily-limit' && days < 40) {
      await world.clock.advance(Date.parse(report.resumeAt ?? '') - world.clock.now());
      report = await syncer().run();
      expect(report.failures, `day ${days + 1}`).toEqual([]);
      days++;
    }
    expect(report.status, `still stopped after ${days} days`).toBe('completed');
    expect(days).toBeGreaterThan(1);
    expect(duplicates(world)).toEqual([]);
    const { fsm, finance } = views(world);
    expect(finance).toEqual(fsm);

    // The same data synced with no cap gives the same result: nothing was lost on the way.
    const free = syncWorld(records);
    await free.syncer().run();
    expect(views(free)).toEqual({ fsm, finance });

    if (by === 'client') {
      expect(world.sandbox.calls.count({ app: 'books', status: 429 }), 'the client let a call past its cap').toBe(0);
      for (const [day, count] of booksCallsPerDay(world)) expect(count, `books calls on day ${day}`).toBeLessThanOrEqual(CAP);
    }
  });
});
