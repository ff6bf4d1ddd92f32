import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/manual-clock.js';
import { systemClock } from '../../src/clock.js';

describe('ManualClock', () => {
  it('resolves sleeps in time order only when advanced past them', async () => {
    const clock = new ManualClock({ start: 0 });
    const order: string[] = [];
    void clock.sleep(300).then(() => order.push('300'));
    void clock.sleep(100).then(() => order.push('100'));
    await clock.advance(99);
    expect(order).toEqual([]);
    await clock.advance(250);
    expect(order).toEqual(['100', '300']);
    expect(clock.now()).toBe(349);
  });

  it('rejects a sleep with the abort reason and forgets it', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
  });

  it('with autoAdvance, jumps to the next timer when everything waits', async () => {
    const clock = new ManualClock({ start: 0, autoAdvance: true });
    await clock.sleep(60_000);
    await clock.sleep(5_000);
    expect(clock.now()).toBe(65_000);
  });
});

describe('systemClock', () => {
  it('sleeps for real and honours an abort', async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const sleeping = systemClock.sleep(10_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow('cancelled');
  });
});
