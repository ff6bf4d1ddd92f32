import { describe, expect, it } from 'vitest';
import type { SyncEvents } from '../../src/sync/index.js';
import { syncWorld } from './helpers.js';

type Progress = SyncEvents['progress'];

function collect(syncer: ReturnType<ReturnType<typeof syncWorld>['syncer']>): Progress[] {
  const events: Progress[] = [];
  syncer.on('progress', (event) => events.push(event));
  return events;
}

const stream = (e: Progress) => `${e.module} ${e.phase} ${e.phase === 'read' ? e.side : ''}`;

describe('progress events', () => {
  it('a side being read has no total; its last read event has total = done; each unit ends its sync at done = total', async () => {
    const world = syncWorld();
    const syncer = world.syncer();
    const events = collect(syncer);
    const report = await syncer.run();
    expect(report.status).toBe('completed');
    const streams = new Map<string, Progress[]>();
    for (const event of events) streams.set(stream(event), [...(streams.get(stream(event)) ?? []), event]);
    const modules = [...new Set(events.map((e) => e.module))];
    expect(modules.length).toBeGreaterThan(1);
    for (const module of modules) {
      for (const side of ['fsm', 'finance'] as const) {
        const reads = streams.get(`${module} read ${side}`) ?? [];
        expect(reads.length, `${module} ${side}`).toBeGreaterThan(0);
        const last = reads.at(-1);
        expect(last?.total, `${module} ${side}`).toBe(last?.done);
        expect(reads.slice(0, -1).every((e) => e.total === undefined), `${module} ${side}`).toBe(true);
      }
      const settles = streams.get(`${module} sync `) ?? [];
      expect(settles[0]?.done).toBe(0);
      const last = settles.at(-1);
      expect(last?.done).toBe(last?.total);
      expect(settles.every((e) => e.phase === 'sync' && e.total === last?.total && e.done <= e.total)).toBe(true);
    }
    // The records the first run synced all count: what it wrote is within what it settled.
    const settledTotal = modules.reduce((sum, module) => sum + ((streams.get(`${module} sync `) ?? []).at(-1)?.done ?? 0), 0);
    expect(settledTotal).toBeGreaterThanOrEqual(report.toFinance.created + report.toFsm.created);
  });

  it('never sends the same figures twice in a row for one stream', async () => {
    const world = syncWorld();
    const first = world.syncer();
    const firstEvents = collect(first);
    await first.run();
    // A run with nothing changed: pages that add no record send nothing.
    const second = world.syncer();
    const secondEvents = collect(second);
    await second.run({ fullScan: true });
    for (const events of [firstEvents, secondEvents]) {
      const last = new Map<string, string>();
      for (const event of events) {
        const figures = `${event.done}/${event.total}`;
        expect(last.get(stream(event)), stream(event)).not.toBe(figures);
        last.set(stream(event), figures);
      }
    }
    expect(secondEvents.length).toBeGreaterThan(0);
  });
});
