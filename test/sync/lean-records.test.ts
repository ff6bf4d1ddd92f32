import { describe, expect, it } from 'vitest';
import { FieldMapper } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { keptFields, leanRecord } from '../../src/sync/merge/lean-records.js';
import type { CollectionCapabilities, SourceRecord } from '../../src/sync/sources/record-source.js';

// The records a unit reads are reduced to the fields it syncs by as they arrive: converting,
// matching and hashing a reduced record must give what the whole record gives.
const sandbox = createSandbox({
  seed: 7,
  users: [{ email: 'lean@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 20, items: 20, offset: 5 } }], fsm: { edition: 'us', records: { customers: 20, items: 20 } } }],
});
const fsmOrg = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
const booksOrg = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const caps: CollectionCapabilities = { changeFeed: 'scan', tombstones: false, deactivate: false, delete: true, requiredOnCreate: [] };
const asRecord = (data: Record<string, unknown>, id: unknown): SourceRecord => ({ id: String(id), data });

const CASES = [
  { module: 'companies', fsm: 'Companies', books: 'contacts', financeId: 'contact_id' },
  { module: 'contact_persons', fsm: 'Contacts', books: 'contactpersons', financeId: 'contact_person_id' },
  { module: 'items', fsm: 'Service_And_Parts', books: 'items', financeId: 'item_id' },
] as const;

describe('lean records', () => {
  for (const syncType of ['III', 'IV'] as const) {
    for (const c of CASES) {
      it(`type ${syncType} ${c.module}: a reduced record converts, matches and keeps every mapped field as the whole one`, async () => {
        const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType, edition: 'us' });
        const converter = await mapper.converter(c.module);
        expect(converter.sourceFields.fsm).toBeDefined();
        expect(converter.sourceFields.finance).toBeDefined();
        const options = { unresolved: 'omit' as const };
        const sides = [
          { side: 'fsm' as const, rows: sandbox.records(fsmOrg, c.fsm).map((r) => asRecord(r, r.id)), convert: (d: unknown) => converter.toFinance(d, options) },
          { side: 'finance' as const, rows: sandbox.records(booksOrg, c.books).map((r) => asRecord(r, r[c.financeId])), convert: (d: unknown) => converter.toFsm(d, options) },
        ];
        for (const { side, rows, convert } of sides) {
          const kept = keptFields(converter, side, caps);
          expect(kept).toBeDefined();
          expect(rows.length).toBeGreaterThan(0);
          // The API's bookkeeping (owner, creator, permissions) is left out.
          if (side === 'fsm') expect(rows.every((r) => !Object.hasOwn(leanRecord(r, kept).data, 'Created_By'))).toBe(true);
          for (const record of rows) {
            const lean = leanRecord(record, kept);
            expect(Object.keys(lean.data).length).toBeLessThanOrEqual(Object.keys(record.data).length);
            const whole = (() => {
              try {
                return convert(record.data);
              } catch (error) {
                return String(error);
              }
            })();
            const reduced = (() => {
              try {
                return convert(lean.data);
              } catch (error) {
                return String(error);
              }
            })();
            expect(reduced).toEqual(whole);
            expect(mapper.matchValue(c.module, side, lean.data)).toBe(mapper.matchValue(c.module, side, record.data));
            for (const entry of converter.entries) {
              const top = (side === 'fsm' ? entry.fsm : entry.finance).split(/[.[]/)[0] ?? '';
              if (Object.hasOwn(record.data, top)) expect(lean.data[top]).toEqual(record.data[top]);
            }
          }
        }
      });
    }
  }

  it('keeps whole records for a converter that does not say what it reads', () => {
    const converter = { version: 1, entries: [], toFinance: () => ({}), toFsm: () => ({}) };
    const record: SourceRecord = { id: '1', data: { a: 1, b: { c: 2 } } };
    expect(keptFields(converter, 'fsm', caps)).toBeUndefined();
    expect(leanRecord(record, undefined)).toBe(record);
    expect(keptFields({ ...converter, sourceFields: { fsm: ['a'] } }, 'finance', caps)).toBeUndefined();
  });

  it('keeps the match, required and unique fields of the side', () => {
    const converter = { version: 1, entries: [], toFinance: () => ({}), toFsm: () => ({}), sourceFields: { fsm: [], finance: [] } };
    const kept = keptFields(converter, 'finance', { ...caps, matchField: 'm', requiredOnCreate: ['r'], uniqueFields: ['u'], computed: ['k'] });
    expect([...(kept ?? [])]).toEqual(expect.arrayContaining(['m', 'r', 'u', 'k', 'contact_id', 'last_modified_time']));
  });
});
