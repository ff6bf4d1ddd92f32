import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { BidirectionalSyncer, type RecordSource, type SyncEstimate, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { duplicates, processSyncer, syncWorld, views, type SyncWorldOptions } from './helpers.js';

const DAY = 86_400_000;
const records = { fsmRecords: { customers: 8, items: 6 }, booksRecords: { customers: 8, items: 6, offset: 3 } };

/** Planned writes per side of an estimate, as a report counts them. */
function writesOf(estimate: SyncEstimate): Record<'fsm' | 'finance', { created: number; updated: number; deleted: number; deactivated: number }> {
  const side = (s: 'fsm' | 'finance') => {
    const w = estimate[s].writes;
    return { created: w.creates, updated: w.updates, deleted: w.deletes, deactivated: w.deactivates };
  };
  return { fsm: side('fsm'), finance: side('finance') };
}

function writesDone(report: SyncReport): ReturnType<typeof writesOf> {
  const side = (d: 'toFsm' | 'toFinance') => {
    const c = report[d];
    return { created: c.created, updated: c.updated, deleted: c.deleted, deactivated: c.deactivated };
  };
  return { fsm: side('toFsm'), finance: side('toFinance') };
}

describe('syncer.estimate()', () => {
  it('counts the writes the following real run makes, and its reads, per side and entity (Type I)', async () => {
    const world = syncWorld({ syncType: 'I', ...records });
    const estimate = await world.syncer().estimate();
    expect(estimate.complete).toBe(true);
    expect(world.sandbox.calls.list().filter((c) => c.method !== 'GET' && c.app !== 'accounts'), 'the estimate wrote nothing').toEqual([]);
    const report = await world.syncer().run();
    expect(report.status).toBe('completed');
    expect(writesOf(estimate)).toEqual(writesDone(report));
    expect(estimate.fsm.unplanned + estimate.finance.unplanned).toBe(0);
    // The dry run's reads are the real run's reads: the estimate's calls are the run's calls.
    expect(estimate.fsm.calls).toBe(report.apiCalls.fsm);
    expect(estimate.finance.calls).toBe(report.apiCalls.finance);
    expect(estimate.calls).toBe(report.apiCalls.total);
    // Per entity: companies and items, reads and writes adding up to the side's.
    expect(estimate.finance.entities.map((e) => e.entity)).toEqual(['companies', 'items']);
    for (const side of ['fsm', 'finance'] as const) {
      expect(estimate[side].entities.reduce((n, e) => n + e.calls, 0)).toBe(estimate[side].calls);
      expect(estimate[side].reads.list).toBeGreaterThan(0);
    }
    expect(estimate.finance.reads.detail, 'Books list rows are partial: the customers are read one by one').toBeGreaterThan(0);
    // The sandbox org is on the standard plan: the client read it, and the run fits the day.
    expect(estimate.finance.limits).toMatchObject({ perMinute: 100, perDay: 2000, plan: 'standard', from: 'source' });
    expect(estimate.finance.limits.usedToday, 'the dry run\'s own calls are spent today').toBeGreaterThan(0);
    expect(estimate.fsm.limits).toMatchObject({ perMinute: 100, perDay: undefined, from: 'source' });
    expect(estimate).toMatchObject({ days: 1, fitsToday: true, estimatedAt: '2026-01-01T00:00:00.000Z' });
    expect(estimate.minutes).toBe(Math.max(estimate.fsm.minutes, estimate.finance.minutes));
    expect(estimate.notes.join('\n')).toMatch(/FSM: no daily cap known/);
    // A run after it has nothing left to do, and the estimate says so.
    const after = await world.syncer().estimate();
    expect(writesOf(after)).toEqual({ fsm: { created: 0, updated: 0, deleted: 0, deactivated: 0 }, finance: { created: 0, updated: 0, deleted: 0, deactivated: 0 } });
  });

  it('Type III: planned writes match the real run; contacts of companies the run creates first are unplanned, counted as an upper bound', async () => {
    const world = syncWorld({ syncType: 'III', ...records });
    const estimate = await world.syncer().estimate();
    const report = await world.syncer().run();
    const entity = (r: SyncReport, name: string) => r.entities.filter((e) => e.entity === name);
    for (const name of ['companies', 'items'] as const) {
      const done = entity(report, name)[0];
      for (const side of ['fsm', 'finance'] as const) {
        const planned = estimate[side].entities.find((e) => e.entity === name)?.writes;
        const counts = done?.[side === 'fsm' ? 'toFsm' : 'toFinance'];
        expect({ created: planned?.creates, updated: planned?.updates }, `${name} → ${side}`).toEqual({ created: counts?.created, updated: counts?.updated });
      }
    }
    const contacts = entity(report, 'contacts')[0];
    const unplanned = (side: 'fsm' | 'finance') => estimate[side].entities.find((e) => e.entity === 'contacts')?.unplanned ?? 0;
    expect(unplanned('finance')).toBeGreaterThan(0);
    expect(contacts?.toFinance.created).toBeLessThanOrEqual(unplanned('finance'));
    expect(contacts?.toFsm.created).toBeLessThanOrEqual(unplanned('fsm'));
    expect(estimate.notes.join('\n')).toMatch(/cannot plan them/);
  });

  it('the dry run report carries the same figures', async () => {
    const world = syncWorld({ syncType: 'I', ...records });
    const dry = await world.syncer().run({ dryRun: true });
    expect(dry.estimate).toBeDefined();
    expect(writesOf(dry.estimate as SyncEstimate)).toEqual(writesDone(dry));
    expect(dry.estimate?.fsm.reads.list).toBeGreaterThan(0);
    const real = await world.syncer().run();
    expect(real.estimate).toBeUndefined();
  });

  it('the limits option replaces the sources\' numbers, one by one (what if: another plan)', async () => {
    const world = syncWorld({ syncType: 'I', ...records });
    const estimate = await world.syncer().estimate({ limits: { finance: { perDay: 5, usedToday: 0 }, fsm: { perMinute: 2 } } });
    expect(estimate.finance.limits).toMatchObject({ perDay: 5, usedToday: 0, perMinute: 100, plan: 'standard', from: 'option' });
    expect(estimate.finance.days).toBeGreaterThan(1);
    expect(estimate.finance.dailyStops).toBe(estimate.finance.days - 1);
    expect(estimate.finance.resumeReads, 'each resumed run lists the pages again').toBeGreaterThan(0);
    expect(estimate.fsm.minutes).toBeCloseTo(estimate.fsm.calls / 2, 1);
    expect(estimate.fitsToday).toBe(false);
    // Today's budget already spent: the calls start at the next UTC midnight.
    const spent = await world.syncer().estimate({ limits: { finance: { perDay: 1000, usedToday: 1000 } } });
    expect(spent.finance).toMatchObject({ startsAt: '2026-01-02T00:00:00.000Z', days: 2 });
    expect(spent.fitsToday).toBe(false);
    const calls = world.sandbox.calls.total;
    await expect(world.syncer().estimate({ limits: { finance: { perMinute: 0 } } })).rejects.toBeInstanceOf(ConfigError);
    expect(world.sandbox.calls.total, 'a bad option is refused before the dry run').toBe(calls);
    await expect(world.syncer().estimate({ limits: { fsm: { perDay: 1.5 } } })).rejects.toThrow(/limits\.fsm\.perDay/);
  });

  it('a source without limits(): Zoho\'s 100 a minute and no daily cap known, said in the notes', async () => {
    const world = syncWorld({ syncType: 'I', ...records });
    const plain = (source: RecordSource): RecordSource => {
      const { limits: _limits, ...rest } = source;
      return rest;
    };
    const syncer = new BidirectionalSyncer({ storage: world.storage, mapper: world.mapper, fsm: plain(zohoFsmSource(world.client)), finance: plain(zohoFinanceSource(world.client)), clock: world.clock });
    const estimate = await syncer.estimate();
    expect(estimate.finance.limits).toMatchObject({ perMinute: 100, perDay: undefined, usedToday: 0, from: 'default' });
    expect(estimate.notes.join('\n')).toMatch(/Finance: no daily cap known/);
    expect(estimate.days).toBe(1);
  });
});

describe('an estimate on a small daily cap', () => {
  const CAP = 20;

  function cappedWorld(options: SyncWorldOptions) {
    // The free plan, read from the org; the cap lowered so a test-sized sync spans days.
    const world = syncWorld({ ...options, books: { plan: 'free' }, limits: { perDay: false } });
    const clientStorage = new MemoryStorage();
    return { world, syncer: () => processSyncer(world, clientStorage, { perDay: CAP }) };
  }

  it('says more than one day, and a real run stops with daily-limit at about that point and finishes on about the day it said', async () => {
    const { world, syncer } = cappedWorld({ syncType: 'I', fsmRecords: { customers: 20, items: 12 }, booksRecords: { customers: 20, items: 12, offset: 6 } });
    const estimate = await syncer().estimate();
    expect(estimate.finance.limits).toMatchObject({ plan: 'free', perDay: CAP, from: 'source' });
    expect(estimate.finance.calls + estimate.finance.limits.usedToday).toBeGreaterThan(CAP);
    expect(estimate.days).toBeGreaterThan(1);
    expect(estimate.fitsToday).toBe(false);
    expect(estimate.finance.dailyStops).toBeGreaterThan(0);

    const first = await syncer().run();
    expect(first).toMatchObject({ status: 'stopped', stopped: 'daily-limit', resumeAt: '2026-01-02T00:00:00.000Z', failures: [] });
    // It stopped where the estimate said today's budget ends: the cap less what was spent today (the estimate's dry run).
    expect(first.apiCalls.finance).toBe(CAP - estimate.finance.limits.usedToday);

    const today = Math.floor(world.clock.now() / DAY);
    let report = first;
    while (report.stopped === 'daily-limit' && Math.floor(world.clock.now() / DAY) - today < 40) {
      await world.clock.advance(Date.parse(report.resumeAt ?? '') - world.clock.now());
      report = await syncer().run();
      expect(report.failures).toEqual([]);
    }
    expect(report.status, report.stoppedReason).toBe('completed');
    const lastDay = Math.floor(world.clock.now() / DAY) - today + 1;
    // The estimate counts the calls of resumed runs (their pages listed again) only roughly: within a day.
    expect(Math.abs(lastDay - estimate.days), `finished on day ${lastDay}, estimated ${estimate.days}`).toBeLessThanOrEqual(1);
    expect(Date.parse(estimate.finishesAt)).toBeGreaterThan(Date.parse(first.resumeAt ?? ''));
    expect(duplicates(world)).toEqual([]);
    const { fsm, finance } = views(world);
    expect({ companies: finance.companies, items: finance.items }).toEqual({ companies: fsm.companies, items: fsm.items });
  });
});
