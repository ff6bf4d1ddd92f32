import { describe, expect, it } from 'vitest';
import { StagedParentCounts } from '../../src/sync/state/staged-parent-counts.js';

describe('the per-customer counts of staged contact persons', () => {
  it('counts each customer’s staged persons down as they are visited, and remembers which customers had any', () => {
    const counts = new StagedParentCounts();
    counts.add('c1', '2026-01-05T10:00:00+0000');
    counts.add('c1', '2026-01-05T10:00:00+0000');
    counts.add('c2', '2026-01-05T11:00:00+0000');
    expect([counts.count('c1'), counts.count('c2'), counts.count('c3')]).toEqual([2, 1, 0]);
    counts.remove('c1');
    counts.remove('c1');
    counts.remove('c1');
    expect(counts.count('c1'), 'never below zero').toBe(0);
    expect([counts.has('c1'), counts.has('c3')]).toEqual([true, false]);
    expect([...counts.keys()]).toEqual(['c1', 'c2']);
  });

  it('knows the second the persons were read at while they agree, in whatever text form', () => {
    const counts = new StagedParentCounts();
    counts.add('c1', '2026-01-05T10:00:00+0000');
    counts.add('c1', '2026-01-05T15:30:00+0530');
    expect(counts.agrees('c1', '2026-01-05T10:00:00+0000')).toBe(true);
    expect(counts.agrees('c1', '2026-01-05T10:00:01+0000')).toBe(false);
    expect(counts.agrees('c1', undefined)).toBe(false);
    expect(counts.agrees('c2', '2026-01-05T10:00:00+0000'), 'no staged person').toBe(false);
  });

  it('agrees with no time once two persons were read at different seconds, or one had none', () => {
    const counts = new StagedParentCounts();
    counts.add('c1', '2026-01-05T10:00:00+0000');
    counts.add('c1', '2026-01-05T10:00:02+0000');
    counts.add('c2', undefined);
    counts.add('c2', '2026-01-05T10:00:00+0000');
    for (const id of ['c1', 'c2']) {
      expect(counts.second(id)).toBe(0);
      expect(counts.agrees(id, '2026-01-05T10:00:00+0000')).toBe(false);
    }
  });
});
