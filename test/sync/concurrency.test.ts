import { describe, expect, it } from 'vitest';
import { duplicates, runUntilQuiet, syncWorld, views } from './helpers.js';

describe('records synced a few at a time', () => {
  it.each([0, 1.5, 33, Number.NaN])('refuses concurrency %s with a ConfigError naming the option', (concurrency) => {
    const world = syncWorld();
    expect(() => world.syncer({ concurrency })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', details: { option: 'concurrency' } }));
  });

  for (const syncType of ['I', 'III', 'IV'] as const) {
    it(`type ${syncType}: one at a time and eight at a time end in the same state, with no duplicate`, async () => {
      const records = { fsmRecords: { customers: 10, items: 8 }, booksRecords: { customers: 10, items: 8, offset: 4 } };
      const one = syncWorld({ syncType, seed: 31, ...records });
      const eight = syncWorld({ syncType, seed: 31, ...records });
      await runUntilQuiet(one, { concurrency: 1 });
      await runUntilQuiet(eight, { concurrency: 8 });
      expect(views(eight)).toEqual(views(one));
      expect(duplicates(eight)).toEqual([]);
    });
  }
});
