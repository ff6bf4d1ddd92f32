import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { MappingError } from '../../src/errors/mapping-error.js';
import { FieldMapper, type MappingEntry } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';

const REGION: MappingEntry = { fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both' };

function setup(syncType: 'I' | 'III' = 'I') {
  const storage = new MemoryStorage();
  return { storage, mapper: new FieldMapper({ storage, syncType, edition: 'us' }) };
}

describe('stored mappings', () => {
  it('createDefaults stores version 1 of every module of the sync type, once', async () => {
    const { storage, mapper } = setup('III');
    const first = await mapper.createDefaults();
    expect(first.map((s) => [s.module, s.version])).toEqual([['companies', 1], ['contact_persons', 1], ['items', 1], ['invoices', 1]]);
    expect((await storage.list('mapping/')).map((e) => e.key)).toEqual(['mapping/companies', 'mapping/contact_persons', 'mapping/invoices', 'mapping/items']);
    await mapper.update('items', { set: [{ fsm: 'SKU', finance: 'sku', direction: 'to_finance' }] });
    const again = await mapper.createDefaults();
    expect(again.map((s) => s.version)).toEqual([1, 1, 2, 1]);
  });

  it('get() creates the defaults on first use', async () => {
    const { storage, mapper } = setup();
    expect(await storage.get('mapping/companies')).toBeUndefined();
    const snapshot = await mapper.get('companies');
    expect(snapshot).toMatchObject({ module: 'companies', version: 1, syncType: 'I', edition: 'us' });
    expect(snapshot.entries).toEqual(mapper.defaults('companies'));
  });

  it('update() bumps the version; a change that changes nothing does not', async () => {
    const { mapper } = setup();
    expect((await mapper.update('companies', { set: [REGION] })).version).toBe(2);
    expect((await mapper.update('companies', { set: [REGION] })).version).toBe(2);
    expect((await mapper.update('companies', (entries) => entries)).version).toBe(2);
  });

  it('set replaces the entries that wrote the same field; remove drops by path', async () => {
    const { mapper } = setup();
    const changed = await mapper.update('companies', { set: [{ fsm: 'Phone', finance: 'billing_address.phone', direction: 'both' }], remove: [{ fsm: 'Fax' }] });
    expect(changed.entries.filter((e) => e.fsm === 'Phone')).toEqual([{ fsm: 'Phone', finance: 'billing_address.phone', direction: 'both' }]);
    expect(changed.entries.some((e) => e.fsm === 'Fax')).toBe(false);
  });

  it('changedFieldsSince() lists what to backfill: changed and added entries, removed ones, or everything when the log is too short', async () => {
    const { mapper } = setup();
    await mapper.get('companies');
    await mapper.update('companies', { set: [REGION] });
    await mapper.update('companies', { set: [{ fsm: 'Website', finance: 'website', direction: 'to_finance', transform: 'lower' }], remove: [{ fsm: 'Fax' }] });
    expect(await mapper.changedFieldsSince('companies', 2)).toEqual({
      module: 'companies', since: 2, version: 3, full: false,
      entries: [{ fsm: 'Website', finance: 'website', direction: 'to_finance', transform: 'lower' }],
      removed: [{ fsm: 'Fax', finance: 'billing_address.fax' }],
    });
    expect((await mapper.changedFieldsSince('companies', 1)).entries.map((e) => e.fsm)).toEqual(['Region__C', 'Website']);
    expect(await mapper.changedFieldsSince('companies', 3)).toMatchObject({ full: false, entries: [], removed: [] });
    for (let i = 0; i < 101; i++) await mapper.update('companies', { set: [{ ...REGION, transform: i % 2 === 0 ? 'trim' : 'upper' }] });
    const late = await mapper.changedFieldsSince('companies', 1);
    expect(late.full).toBe(true);
    expect(late.entries).toEqual((await mapper.get('companies')).entries);
    await expect(mapper.changedFieldsSince('companies', -1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reset() puts the defaults back as a new, logged version', async () => {
    const { mapper } = setup();
    await mapper.update('companies', { set: [REGION] });
    const reset = await mapper.reset('companies');
    expect(reset.version).toBe(3);
    expect(reset.entries).toEqual(mapper.defaults('companies'));
    expect(await mapper.changedFieldsSince('companies', 2)).toMatchObject({ entries: [], removed: [{ fsm: 'Region__C', finance: 'custom_fields[label=Region].value' }] });
  });

  it('two mappers updating at once both land: compare-and-set serialises them', async () => {
    const { storage, mapper } = setup();
    await mapper.createDefaults();
    const other = new FieldMapper({ storage, syncType: 'I', edition: 'us' });
    const fields = Array.from({ length: 8 }, (_, i) => `Field${i}__C`);
    await Promise.all(fields.map((fsm, i) => (i % 2 === 0 ? mapper : other).update('companies', { set: [{ fsm, finance: `custom_fields[label=${fsm}].value`, direction: 'both' }] })));
    const final = await mapper.get('companies');
    expect(final.version).toBe(1 + fields.length);
    expect(fields.every((fsm) => final.entries.some((e) => e.fsm === fsm))).toBe(true);
  });

  it('converters are compiled once per version, and pick up another writer’s change', async () => {
    const { storage, mapper } = setup();
    const first = await mapper.converter('companies');
    expect(await mapper.converter('companies')).toBe(first);
    await new FieldMapper({ storage, syncType: 'I', edition: 'us' }).update('companies', { set: [{ fsm: 'Website', finance: 'notes', direction: 'to_finance' }] });
    const second = await mapper.converter('companies');
    expect(second).not.toBe(first);
    expect(second.version).toBe(2);
    expect(second.toFinance({ Company_Name: 'A', Website: 'https://a.example' })).toMatchObject({ notes: 'https://a.example' });
    expect(first.toFinance({ Company_Name: 'A', Website: 'https://a.example' })).toMatchObject({ website: 'https://a.example' });
  });

  it('refuses a stored mapping of another sync type or edition, or something that is not a mapping', async () => {
    const { storage, mapper } = setup();
    await mapper.createDefaults();
    await expect(new FieldMapper({ storage, syncType: 'III', edition: 'us' }).get('companies')).rejects.toBeInstanceOf(ConfigError);
    await expect(new FieldMapper({ storage, syncType: 'I', edition: 'in' }).get('companies')).rejects.toThrow(/edition us/);
    await storage.batch([{ type: 'put', key: 'mapping/items', value: { hello: 'world' } }]);
    await expect(mapper.get('items')).rejects.toThrow(/not a field mapping/);
    expect(await new FieldMapper({ storage, syncType: 'I', edition: 'us', keyPrefix: 'tenant-2/mapping/' }).get('items')).toMatchObject({ version: 1 });
  });

  it('refuses to compile a stored mapping that no longer validates (edited by hand)', async () => {
    const { storage, mapper } = setup();
    await mapper.get('companies');
    const stored = await storage.get<{ entries: MappingEntry[] }>('mapping/companies');
    if (!stored) throw new Error('no stored mapping');
    await storage.batch([{ type: 'put', key: 'mapping/companies', value: { ...stored, entries: [...stored.entries, { fsm: '__proto__', finance: 'website', direction: 'to_finance' }] } }]);
    await expect(mapper.converter('companies')).rejects.toBeInstanceOf(MappingError);
  });

  it('checks its options', () => {
    const storage = new MemoryStorage();
    expect(() => new FieldMapper({ storage, syncType: 'V' as never, edition: 'us' })).toThrow(ConfigError);
    expect(() => new FieldMapper({ storage, syncType: 'I', edition: 'fr' as never })).toThrow(/edition/);
    expect(() => new FieldMapper({ storage: {} as never, syncType: 'I', edition: 'us' })).toThrow(/storage/);
    expect(() => new FieldMapper({ storage, syncType: 'I', edition: 'us', transforms: { trim: { output: 'same', toFinance: (v) => v } } })).toThrow(/built-in/);
    expect(() => new FieldMapper({ storage, syncType: 'I', edition: 'us', transforms: { __proto__x: { output: 'nope', toFinance: (v: unknown) => v } as never } })).toThrow(ConfigError);
  });
});
