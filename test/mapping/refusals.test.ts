import { describe, expect, it } from 'vitest';
import { MappingError, type MappingErrorCode } from '../../src/errors/mapping-error.js';
import { FieldMapper, type MappingChange, type MappingModule, type SyncType } from '../../src/mapping/index.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';

interface Refusal {
  name: string;
  code: MappingErrorCode;
  module: MappingModule;
  change: MappingChange;
  /** Where the first issue points. */
  path: readonly unknown[];
  /** A phrase its message must hold. */
  says: string;
  edition?: TaxEdition;
  syncType?: SyncType;
}

// JSON from a UI or a file can carry an own "__proto__" key, which an object literal cannot.
const fromJson = (text: string): unknown => JSON.parse(text);

const REFUSALS: Refusal[] = [
  { name: 'an unknown FSM field', code: 'MAPPING_UNKNOWN_FIELD', module: 'companies', change: { set: [{ fsm: 'Websight', finance: 'website', direction: 'both' }] }, path: ['set', 0, 'fsm'], says: 'no field "Websight"' },
  { name: 'a field of another edition (gst_no on a UK org)', code: 'MAPPING_UNKNOWN_FIELD', module: 'companies', edition: 'uk', change: { set: [{ fsm: 'Tax_Reg_Number', finance: 'gst_no', direction: 'both' }] }, path: ['set', 0, 'fsm'], says: 'only in editions: in' },
  { name: 'text into a yes/no field', code: 'MAPPING_INCOMPATIBLE_TYPE', module: 'companies', change: { set: [{ fsm: 'Website', finance: 'is_taxable', direction: 'to_finance' }] }, path: ['set', 0, 'finance'], says: 'cannot fill is_taxable' },
  { name: 'text into a number without a transform', code: 'MAPPING_INCOMPATIBLE_TYPE', module: 'items', change: { set: [{ fsm: 'SKU', finance: 'rate', direction: 'to_finance' }] }, path: ['set', 0, 'finance'], says: 'add transform "number"' },
  { name: 'a reference into plain text', code: 'MAPPING_INCOMPATIBLE_TYPE', module: 'items', change: { set: [{ fsm: 'Tax.Tax_Id', finance: 'description', direction: 'to_finance' }] }, path: ['set', 0, 'finance'], says: 'references map only to references' },
  { name: 'a transform that does not take the field’s type', code: 'MAPPING_INCOMPATIBLE_TYPE', module: 'items', change: { set: [{ fsm: 'Unit_Price', finance: 'rate', direction: 'both', transform: 'upper' }] }, path: ['set', 0, 'transform'], says: 'does not take a number' },
  { name: 'the required customer name left unmapped', code: 'MAPPING_REQUIRED_UNMAPPED', module: 'companies', change: { remove: [{ fsm: 'Company_Name', finance: 'contact_name' }] }, path: ['entries'], says: 'requires contact_name' },
  { name: 'the required FSM Last_Name left unmapped', code: 'MAPPING_REQUIRED_UNMAPPED', module: 'contacts', syncType: 'II', change: { remove: [{ fsm: 'Last_Name' }] }, path: ['entries'], says: 'requires Last_Name' },
  { name: 'two entries writing one finance field', code: 'MAPPING_DUPLICATE_TARGET', module: 'companies', change: (entries) => [...entries, { fsm: 'Email', finance: 'website', direction: 'to_finance' }], path: ['entries', expect.any(Number), 'finance'], says: 'both write finance website' },
  { name: 'two entries writing one FSM field', code: 'MAPPING_DUPLICATE_TARGET', module: 'items', change: (entries) => [...entries, { fsm: 'Description', finance: 'sku', direction: 'to_fsm' }], path: ['entries', expect.any(Number), 'fsm'], says: 'both write FSM Description' },
  { name: 'a __proto__ path', code: 'MAPPING_FORBIDDEN_NAME', module: 'companies', change: { set: [{ fsm: '__proto__', finance: 'website', direction: 'to_finance' }] }, path: ['set', 0, 'fsm'], says: '"__proto__" is not an allowed field name' },
  { name: 'a constructor segment', code: 'MAPPING_FORBIDDEN_NAME', module: 'companies', change: { set: [{ fsm: 'Website', finance: 'billing_address.constructor', direction: 'to_finance' }] }, path: ['set', 0, 'finance'], says: '"constructor"' },
  { name: 'a prototype selector', code: 'MAPPING_FORBIDDEN_NAME', module: 'companies', change: { set: [{ fsm: 'Region__C', finance: 'custom_fields[label=prototype].value', direction: 'both' }] }, path: ['set', 0, 'finance'], says: 'forbidden name' },
  { name: 'a __proto__ value-map key', code: 'MAPPING_FORBIDDEN_NAME', module: 'items', change: { set: [fromJson('{"fsm":"Type","finance":"product_type","direction":"to_finance","valueMap":{"__proto__":"goods","Service":"service","Goods":"goods","Part":"goods"}}') as never] }, path: ['set', 0, 'valueMap', '__proto__'], says: 'value-map key' },
  { name: 'a __proto__ entry key', code: 'MAPPING_FORBIDDEN_NAME', module: 'companies', change: { set: [fromJson('{"fsm":"Website","finance":"website","direction":"both","__proto__":{"polluted":true}}') as never] }, path: ['set', 0, '__proto__'], says: 'entry key' },
  { name: 'a value map missing enum values', code: 'MAPPING_VALUE_MAP_INCOMPLETE', module: 'items', change: { set: [{ fsm: 'Type', finance: 'product_type', direction: 'to_finance', valueMap: { Service: 'service' } }] }, path: ['set', 0, 'valueMap'], says: '"Goods", "Part"' },
  {
    name: 'a GST map missing FSM treatments', code: 'MAPPING_VALUE_MAP_INCOMPLETE', module: 'companies', edition: 'in',
    change: { set: [{ fsm: 'GST_Treatment', finance: 'gst_treatment', direction: 'to_finance', valueMap: { 'Registered Business - Regular': 'business_gst', 'Unregistered Business': 'business_none', Consumer: 'consumer', Overseas: 'overseas' } }] },
    path: ['set', 0, 'valueMap'], says: '"Registered Business - Composition", "Special Economic Zone", "Deemed Export"',
  },
  { name: 'an enum to a different enum with no value map', code: 'MAPPING_VALUE_MAP_INCOMPLETE', module: 'items', change: { set: [{ fsm: 'Type', finance: 'product_type', direction: 'to_finance' }] }, path: ['set', 0, 'valueMap'], says: '"Service", "Goods", "Part"' },
  { name: 'a value map sending a value the target does not accept', code: 'MAPPING_INCOMPATIBLE_TYPE', module: 'items', change: { set: [{ fsm: 'Type', finance: 'product_type', direction: 'to_finance', valueMap: { Service: 'services', Goods: 'goods', Part: 'goods' } }] }, path: ['set', 0, 'valueMap'], says: '"services"' },
  { name: 'an unknown transform', code: 'MAPPING_UNKNOWN_TRANSFORM', module: 'companies', change: { set: [{ fsm: 'Website', finance: 'website', direction: 'both', transform: 'slugify' }] }, path: ['set', 0, 'transform'], says: 'unknown transform "slugify"' },
  { name: 'writing the customer type the sync type fixes', code: 'MAPPING_READ_ONLY_TARGET', module: 'companies', change: { set: [{ fsm: 'Company_Type', finance: 'customer_sub_type', direction: 'to_finance' }] }, path: ['set', 0, 'finance'], says: 'cannot be written' },
  { name: 'writing work orders from invoices', code: 'MAPPING_READ_ONLY_TARGET', module: 'invoices', change: { set: [{ fsm: 'Name', finance: 'reference_number', direction: 'both' }] }, path: ['set', 0, 'fsm'], says: 'never written from invoices' },
  { name: 'an entry without a direction', code: 'MAPPING_INVALID_ENTRY', module: 'companies', change: { set: [{ fsm: 'Website', finance: 'website' } as never] }, path: ['set', 0, 'direction'], says: '"direction" must be' },
  { name: 'an entry with a misspelt key', code: 'MAPPING_INVALID_ENTRY', module: 'companies', change: { set: [{ fsm: 'Website', finance: 'website', direction: 'both', transfrom: 'trim' } as never] }, path: ['set', 0, 'transfrom'], says: 'unknown entry key "transfrom"' },
  { name: 'a path with two array levels', code: 'MAPPING_INVALID_ENTRY', module: 'invoices', change: { set: [{ fsm: 'Lines[].Tax[].Tax_Id', finance: 'line_items[].tax_id', direction: 'to_finance' }] }, path: ['set', 0, 'fsm'], says: 'more than one level' },
  { name: 'removing an entry that does not exist', code: 'MAPPING_INVALID_ENTRY', module: 'companies', change: { remove: [{ fsm: 'Nope' }] }, path: ['remove', 0], says: 'no entry has' },
  { name: 'a change that is not a change', code: 'MAPPING_INVALID_ENTRY', module: 'companies', change: { add: [] } as never, path: ['add'], says: 'unknown change key "add"' },
];

async function mapperWithDefaults(refusal: Pick<Refusal, 'edition' | 'syncType'>) {
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: refusal.syncType ?? 'I', edition: refusal.edition ?? 'us' });
  await mapper.createDefaults();
  return { storage, mapper };
}

describe('refused mapping changes', () => {
  it.each(REFUSALS.map((r) => [r.name, r] as const))('refuses %s with its code and leaves the stored mapping untouched', async (_name, refusal) => {
    const { storage, mapper } = await mapperWithDefaults(refusal);
    const key = `mapping/${refusal.module}`;
    const before = await storage.get(key);
    const error = await mapper.update(refusal.module, refusal.change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    const refused = error as MappingError;
    expect(refused.code).toBe(refusal.code);
    expect(refused.issues[0]?.path).toEqual(refusal.path);
    expect(refused.message).toContain(refusal.says);
    expect(refused.module).toBe(refusal.module);
    expect(await storage.get(key)).toEqual(before);
    expect((await mapper.get(refusal.module)).version).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the entry index of a whole-list change', async () => {
    const { mapper } = await mapperWithDefaults({});
    const error = (await mapper.update('companies', (entries) => [...entries, { fsm: 'Nope', finance: 'website', direction: 'both' }]).catch((e: unknown) => e)) as MappingError;
    const index = (await mapper.get('companies')).entries.length;
    expect(error.issues[0]).toMatchObject({ code: 'MAPPING_UNKNOWN_FIELD', index, path: ['entries', index, 'fsm'] });
    expect(error.message).toContain(`entry ${index}:`);
  });

  it('reports every problem of a change, not just the first', async () => {
    const { mapper } = await mapperWithDefaults({});
    const error = (await mapper.update('companies', { set: [{ fsm: 'Nope', finance: 'website', direction: 'both' }, { fsm: 'Website', finance: 'website', direction: 'both', transform: 'nope' }] }).catch((e: unknown) => e)) as MappingError;
    expect(error.issues.map((i) => i.code)).toEqual(['MAPPING_UNKNOWN_FIELD', 'MAPPING_UNKNOWN_TRANSFORM']);
  });

  it('refuses a stale expectedVersion (MAPPING_VERSION_CONFLICT) and keeps the newer mapping', async () => {
    const { mapper } = await mapperWithDefaults({});
    await mapper.update('companies', { remove: [{ fsm: 'Fax' }] });
    const current = await mapper.get('companies');
    const error = await mapper.update('companies', { remove: [{ fsm: 'Website' }] }, { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MAPPING_VERSION_CONFLICT' });
    expect(await mapper.get('companies')).toEqual(current);
  });

  it('refuses a module the sync type does not map (MAPPING_UNKNOWN_MODULE)', async () => {
    const { mapper, storage } = await mapperWithDefaults({ syncType: 'I' });
    await expect(mapper.get('contact_persons')).rejects.toMatchObject({ code: 'MAPPING_UNKNOWN_MODULE' });
    await expect(mapper.update('contacts', { set: [] })).rejects.toMatchObject({ code: 'MAPPING_UNKNOWN_MODULE' });
    expect(await storage.get('mapping/contacts')).toBeUndefined();
  });

  it('checks a mapping without storing it', async () => {
    const { mapper } = await mapperWithDefaults({});
    expect(mapper.validate('companies', mapper.defaults('companies'))).toEqual([]);
    const issues = mapper.validate('companies', [{ fsm: 'Website', finance: 'website', direction: 'both' }]);
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      ['MAPPING_REQUIRED_UNMAPPED', 'finance companies requires contact_name on create, and no entry writes it'],
      ['MAPPING_REQUIRED_UNMAPPED', 'FSM companies requires Company_Name on create, and no entry writes it'],
    ]);
  });
});
