import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYNC_TYPES } from '../../src/mapping/index.js';
import { defaultEntries } from '../../src/mapping/defaults/index.js';
import { moduleMap } from '../../src/mapping/modules.js';

// docs/field-mapping.md shows the default tables; this keeps them true to the code.
const doc = readFileSync(new URL('../../docs/field-mapping.md', import.meta.url), 'utf8');
const ARROW = { both: '↔', to_finance: '→', to_fsm: '←' } as const;

describe('docs/field-mapping.md', () => {
  it('has a table row for every default entry of every sync type, in the editions it documents', () => {
    const missing = new Set<string>();
    for (const syncType of SYNC_TYPES) {
      for (const edition of ['in', 'uk', 'ae', 'sa', 'us', 'ca', 'au', 'za', 'de', 'global'] as const) {
        for (const multiCurrency of [false, true]) {
          for (const { module } of moduleMap(syncType)) {
            for (const e of defaultEntries(module, { syncType, edition, multiCurrency })) {
              const row = `| \`${e.fsm}\` | ${ARROW[e.direction]} | \`${e.finance}\` |`;
              if (!doc.includes(row)) missing.add(row);
            }
          }
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});
