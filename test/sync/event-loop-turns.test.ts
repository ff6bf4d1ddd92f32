import { describe, expect, it } from 'vitest';
import { RECORDS_PER_TURN } from '../../src/sync/run/event-loop-turns.js';
import { syncWorld } from './helpers.js';

describe('a long pass lets the event loop turn', () => {
  // The in-process sandbox and MemoryStorage answer in microtasks: without turns of its own, a
  // pass over hundreds of records would hold the loop from its first record to its last.
  it('the caller’s callbacks run at least every few hundred records, and the run still completes', async () => {
    const world = syncWorld({ syncType: 'I', fsmRecords: { customers: 0, items: 900 }, booksRecords: { customers: 0, items: 900, offset: 0 } });
    const syncer = world.syncer({ concurrency: 8 });
    let done = 0;
    syncer.on('progress', (event) => {
      if (event.phase === 'sync') done = event.done;
    });
    const doneAtTurns: number[] = [];
    let running = true;
    const tick = () => {
      doneAtTurns.push(done);
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const report = await syncer.run();
    running = false;
    // The run's end is a turn too: what was done since the last one counts.
    doneAtTurns.push(done);
    expect(report.status).toBe('completed');
    expect(done).toBeGreaterThanOrEqual(900);
    const gaps = doneAtTurns.slice(1).map((at, i) => at - (doneAtTurns[i] ?? 0));
    // A turn every RECORDS_PER_TURN records, give or take the records of the pool in flight (a
    // match counts two).
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * (RECORDS_PER_TURN + 8));
  });
});
