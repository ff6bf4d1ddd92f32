import { describe, expect, it } from 'vitest';
import { MappingError } from '../../src/errors/mapping-error.js';
import { FieldMapper, type MappingEntry, type SyncType } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';

const PRIMARY = 'contact_persons[is_primary_contact=true]';

// What an earlier release stored as type IV companies defaults: email and phones on the primary person.
function legacyTypeIvDefaults(mapper: FieldMapper): MappingEntry[] {
  return mapper.defaults('companies').flatMap((entry) => entry.finance === 'billing_address.phone'
    ? (['Email', 'Phone', 'Mobile'] as const).map((fsm): MappingEntry => ({ fsm, finance: `${PRIMARY}.${fsm.toLowerCase()}`, direction: 'both' }))
    : [entry]);
}

async function storeAsEarlierRelease(storage: MemoryStorage, syncType: SyncType, entries: MappingEntry[]): Promise<void> {
  await storage.batch([{ type: 'put', key: 'mapping/companies', value: {
    format: 1, module: 'companies', syncType, edition: 'us', version: 1, entries,
    log: [{ version: 1, changed: entries.map((e) => [e.fsm, e.finance]), removed: [] }],
  } }]);
}

describe('companies under types III and IV never map the contact persons the contacts module writes', () => {
  for (const syncType of ['III', 'IV'] as const) {
    it(`type ${syncType}: an entry to a person field is refused with a message that says what to map instead`, async () => {
      const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType, edition: 'us' });
      const refused = await mapper.update('companies', { set: [{ fsm: 'Email', finance: `${PRIMARY}.email`, direction: 'both' }] }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MappingError);
      const issue = (refused as MappingError).issues[0];
      expect(issue).toMatchObject({ code: 'MAPPING_UNKNOWN_FIELD', path: ['set', 0, 'finance'] });
      expect(issue?.message).toMatch(/contacts module.*billing_address\.phone/);
      expect((await mapper.get('companies')).version).toBe(1);
    });
  }

  it('type I still maps the company email and phones to the primary person', async () => {
    const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType: 'I', edition: 'us' });
    const snapshot = await mapper.update('companies', { set: [{ fsm: 'Email', finance: `${PRIMARY}.email`, direction: 'to_finance' }] });
    expect(snapshot.entries).toContainEqual({ fsm: 'Email', finance: `${PRIMARY}.email`, direction: 'to_finance' });
  });

  it('the type IV defaults an earlier release stored become today\'s defaults as a new, logged version', async () => {
    const storage = new MemoryStorage();
    const mapper = new FieldMapper({ storage, syncType: 'IV', edition: 'us' });
    await storeAsEarlierRelease(storage, 'IV', legacyTypeIvDefaults(mapper));
    const snapshot = await mapper.get('companies');
    expect(snapshot.version).toBe(2);
    expect(snapshot.entries).toEqual(mapper.defaults('companies'));
    const changes = await mapper.changedFieldsSince('companies', 1);
    expect(changes.entries).toEqual([{ fsm: 'Phone', finance: 'billing_address.phone', direction: 'both' }]);
    expect(changes.removed.map((r) => r.finance).sort()).toEqual([`${PRIMARY}.email`, `${PRIMARY}.mobile`, `${PRIMARY}.phone`]);
    expect((await mapper.get('companies')).version).toBe(2);
    await expect(mapper.converter('companies')).resolves.toMatchObject({ version: 2 });
  });

  it('a custom person entry stored earlier is dropped, and a phone kept on the billing address unless that is mapped already', async () => {
    const storage = new MemoryStorage();
    const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
    const custom: MappingEntry[] = [
      ...mapper.defaults('companies').filter((e) => e.finance !== 'billing_address.phone'),
      { fsm: 'Email', finance: `${PRIMARY}.email`, direction: 'to_finance' },
      { fsm: 'Phone', finance: `${PRIMARY}.phone`, direction: 'to_finance', transform: 'trim' },
    ];
    await storeAsEarlierRelease(storage, 'III', custom);
    const snapshot = await mapper.get('companies');
    expect(snapshot.entries.filter((e) => e.finance.startsWith('contact_persons'))).toEqual([]);
    expect(snapshot.entries).toContainEqual({ fsm: 'Phone', finance: 'billing_address.phone', direction: 'to_finance', transform: 'trim' });

    const taken = new MemoryStorage();
    await storeAsEarlierRelease(taken, 'III', [...mapper.defaults('companies'), { fsm: 'Mobile', finance: `${PRIMARY}.phone`, direction: 'both' }]);
    const kept = await new FieldMapper({ storage: taken, syncType: 'III', edition: 'us' }).get('companies');
    expect(kept.entries).toEqual(mapper.defaults('companies'));
  });
});
