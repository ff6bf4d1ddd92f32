import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { createMapResolver, FieldMapper, type TransformDefinition } from '../../src/mapping/index.js';
import { normalizeMatchValue } from '../../src/mapping/match-keys.js';
import type { FinanceContactCreate, FinanceContactUpdate } from '../../src/schemas/finance/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { first, mappingWorld } from './helpers.js';

function mapper(options: { syncType?: 'I' | 'II' | 'III' | 'IV'; transforms?: Record<string, TransformDefinition> } = {}) {
  return new FieldMapper({ storage: new MemoryStorage(), syncType: options.syncType ?? 'I', edition: 'us', ...(options.transforms ? { transforms: options.transforms } : {}) });
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

describe('converting records', () => {
  it('leaves unmapped fields alone: an update never blanks what it does not map', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const company = first(world.sandbox.records(world.fsm, 'Companies'));
    const created = await world.client.finance.contacts.create((await world.mapper.toFinance('companies', company)) as FinanceContactCreate);
    // Zoho requires contact_name and contact_type on every contact update.
    const required = { contact_name: created.contact_name ?? '', contact_type: 'customer' };
    await world.client.finance.contacts.update(created.contact_id, { ...required, notes: 'kept', billing_address: { attention: 'Accounts' } });
    const edited = world.sandbox.edit(world.fsm, 'Companies', String(company.id), { Website: 'https://summit.example', Billing_Address: { City: 'Boulder' } });
    const patch = await world.mapper.toFinance('companies', { Website: edited.Website, Billing_Address: edited.Billing_Address }, { partial: true });
    expect(patch).toEqual({ contact_type: 'customer', customer_sub_type: 'business', website: 'https://summit.example', billing_address: { city: 'Boulder' } });
    const updated = await world.client.finance.contacts.update(created.contact_id, { ...required, ...patch } as FinanceContactUpdate);
    expect(updated).toMatchObject({ notes: 'kept', website: 'https://summit.example', billing_address: { attention: 'Accounts', city: 'Boulder', address: '2942 Oak Ave' } });
  });

  it('with `existing`, the primary person keeps its id, so Books updates it instead of adding one', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const company = first(world.sandbox.records(world.fsm, 'Companies'));
    const customer = await world.client.finance.contacts.create((await world.mapper.toFinance('companies', company)) as FinanceContactCreate);
    const changed = { ...company, Email: 'accounts@summitinc.example' };
    const payload = await world.mapper.toFinance('companies', changed, { existing: customer });
    const personId = customer.contact_persons?.[0]?.contact_person_id;
    expect(payload.contact_persons).toEqual([{ is_primary_contact: true, contact_person_id: personId, email: 'accounts@summitinc.example', phone: '+1-119-387-8205' }]);
    const updated = await world.client.finance.contacts.update(customer.contact_id, payload as FinanceContactUpdate);
    expect(updated.contact_persons).toEqual([expect.objectContaining({ contact_person_id: personId, email: 'accounts@summitinc.example' })]);
  });

  it('maps custom fields by label or by id, both ways', async () => {
    const m = mapper();
    await m.update('companies', {
      set: [
        { fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both', transform: 'trim' },
        { fsm: 'Tier__C', finance: 'custom_fields[customfield_id=46000000012845].value', direction: 'both', transform: 'integer' },
      ],
    });
    const payload = await m.toFinance('companies', { Company_Name: 'Acme', Region__C: ' North ', Tier__C: '2' });
    expect(payload.custom_fields).toEqual([{ label: 'Region', value: 'North' }, { customfield_id: '46000000012845', value: 2 }]);
    const back = await m.toFsm('companies', { contact_name: 'Acme', custom_fields: [{ customfield_id: '46000000012845', label: 'Tier', value: 3 }, { label: 'Region', value: 'South', index: 1 }] });
    expect(back).toMatchObject({ Company_Name: 'Acme', Region__C: 'South', Tier__C: 3 });
  });

  it('applies the built-in transforms and refuses values they cannot read', async () => {
    const m = mapper();
    await m.update('companies', {
      set: [
        { fsm: 'Phone', finance: 'billing_address.phone', direction: 'both', transform: 'phone' },
        { fsm: 'Website', finance: 'website', direction: 'both', transform: 'lower' },
        { fsm: 'Created_Time', finance: 'custom_fields[label=Since].value', direction: 'to_finance', transform: 'date' },
        { fsm: 'Score__C', finance: 'credit_limit', direction: 'to_finance', transform: 'number' },
        { fsm: 'Vip__C', finance: 'custom_fields[label=VIP].value', direction: 'to_finance', transform: 'boolean' },
      ],
    });
    const payload = await m.toFinance('companies', {
      Company_Name: 'Acme', Phone: '+1 (925) 921-9201', Website: 'HTTPS://ACME.EXAMPLE', Created_Time: '2022-02-09T01:29:46-08:00', Score__C: '1,500.50', Vip__C: 'yes',
    });
    expect(payload).toMatchObject({
      billing_address: { phone: '+19259219201' }, website: 'https://acme.example', credit_limit: 1500.5,
      custom_fields: [{ label: 'Since', value: '2022-02-09' }, { label: 'VIP', value: true }],
    });
    const error = await refusal(m.toFinance('companies', { Company_Name: 'Acme', Phone: 'call me', Created_Time: 'yesterday', Score__C: 'lots' }));
    expect(error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['Phone', 'transform'], ['Created_Time', 'transform'], ['Score__C', 'transform'],
    ]);
    expect(error.message).toContain('"call me" is not a phone number');
  });

  it('runs your own transforms both ways, and turns their errors into ValidationErrors', async () => {
    const cents: TransformDefinition = {
      accepts: ['number'], output: 'number',
      toFinance: (v) => {
        if (typeof v !== 'number' || v < 0) throw new Error('prices cannot be negative');
        return v / 100;
      },
      toFsm: (v) => Math.round(Number(v) * 100),
    };
    const m = mapper({ transforms: { cents } });
    await m.update('items', { set: [{ fsm: 'Unit_Price', finance: 'rate', direction: 'both', transform: 'cents' }] });
    expect(await m.toFinance('items', { Name: 'Valve', Type: 'Part', Unit_Price: 1999 })).toMatchObject({ rate: 19.99 });
    expect(await m.toFsm('items', { name: 'Valve', rate: 19.99, product_type: 'goods' })).toMatchObject({ Unit_Price: 1999, Type: 'Part' });
    const error = await refusal(m.toFinance('items', { Name: 'Valve', Unit_Price: -5 }));
    expect(error.issues[0]).toMatchObject({ path: ['Unit_Price'], code: 'transform' });
    expect(error.message).toContain('prices cannot be negative');
  });

  it('translates references through the resolver; an unresolved one fails, or is left out on request', async () => {
    const m = mapper({ syncType: 'III' });
    const contact = { Last_Name: 'Robins', First_Name: 'Lucy', Email: 'lucy@zylker.example', Company: { id: '1011000000195085', name: 'Zylker' } };
    const resolve = createMapResolver({ companies: [['1011000000195085', '460000000026049']] });
    expect(await m.toFinance('contact_persons', contact, { resolve })).toMatchObject({ contact_id: '460000000026049' });
    const unresolved = await refusal(m.toFinance('contact_persons', contact, { resolve: createMapResolver({}) }));
    expect(unresolved.issues[0]).toMatchObject({ path: ['Company'], code: 'unresolved_reference' });
    expect(unresolved.message).toContain('companies 1011000000195085');
    expect(await refusal(m.toFinance('contact_persons', contact))).toMatchObject({ message: expect.stringContaining('pass options.resolve') });
    expect(await m.toFinance('contact_persons', contact, { unresolved: 'omit' })).not.toHaveProperty('contact_id');
    expect(await m.toFinance('contact_persons', { ...contact, Company: null })).toMatchObject({ contact_id: null });
  });

  it('fails an entry marked required when its field is missing, unless the record is a patch', async () => {
    const m = mapper();
    const error = await refusal(m.toFinance('companies', { Website: 'https://a.example' }));
    expect(error.issues).toEqual([{ path: ['Company_Name'], message: 'Company_Name is required by the mapping and missing', code: 'required' }]);
    expect(await m.toFinance('companies', { Website: 'https://a.example' }, { partial: true })).toMatchObject({ website: 'https://a.example' });
    await expect(m.toFinance('companies', { Company_Name: '   ' })).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'required' })] });
  });

  it('passes null through as "clear this field"', async () => {
    const m = mapper();
    expect(await m.toFinance('companies', { Company_Name: 'Acme', Website: null, Billing_Address: { City: null } })).toMatchObject({ website: null, billing_address: { city: null } });
  });

  it('refuses values that do not fit the target field, naming each', async () => {
    const m = mapper();
    const error = await refusal(m.toFinance('companies', { Company_Name: 'x'.repeat(201), Website: { url: 'a' }, Taxable: 'yes', Billing_Address: 'Main St' }));
    expect(error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['Company_Name', 'invalid_type'], ['Company_Name', 'invalid_type'], ['Website', 'invalid_type'], ['Taxable', 'invalid_type']]);
    expect(error.message).toContain('is 201 characters long; contact_name takes at most 200');
    await expect(m.toFinance('companies', [1, 2])).rejects.toBeInstanceOf(ValidationError);
    await expect(m.toFinance('companies', null)).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a value the value map does not cover', async () => {
    const m = mapper();
    const error = await refusal(m.toFinance('items', { Name: 'Valve', Type: 'Kit' }));
    expect(error.issues[0]).toMatchObject({ path: ['Type'], code: 'unmapped_value' });
  });

  it('flattens a work order’s service and part lines into invoice lines, skipping deleted ones', async () => {
    const m = mapper();
    const resolve = createMapResolver({ companies: [['C', 'CUST']], items: [['S1', 'I1'], ['P1', 'I2'], ['P2', 'I3']], taxes: [['T', 'TAX']] });
    const order = {
      Name: 'WO7', Company: { id: 'C', name: 'Acme' }, Billing_Address: { Street_1: '1 Main St', City: 'Austin' },
      Service_Line_Items: [
        { Service: { id: 'S1' }, Quantity: 2, List_Price: 90, Tax: { Tax_Id: 'T' }, Part_Line_Items: [{ Part: 'P1', Quantity: 3, List_Price: 5, Unit: 'pcs' }, { Part: 'P2', $fsm_delete: true }] },
        { Service: 'S9', $fsm_delete: true },
      ],
    };
    expect(await m.toFinance('invoices', order, { resolve })).toEqual({
      customer_id: 'CUST', reference_number: 'WO7', billing_address: { address: '1 Main St', city: 'Austin' },
      line_items: [{ item_id: 'I1', quantity: 2, rate: 90, tax_id: 'TAX' }, { item_id: 'I2', quantity: 3, rate: 5, unit: 'pcs' }],
    });
    const error = await refusal(m.toFinance('invoices', { ...order, Service_Line_Items: [{ Service: 'S404', Quantity: 1 }] }, { resolve }));
    expect(error.issues[0]).toMatchObject({ path: ['Lines', 0, 'Item'], code: 'unresolved_reference' });
    await expect(m.toFsm('invoices', {})).rejects.toBeInstanceOf(ConfigError);
  });

  it('never writes through __proto__: a hostile record stays data', async () => {
    const m = mapper();
    await m.update('companies', { set: [{ fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both' }] });
    const hostile = JSON.parse('{"Company_Name":"Acme","__proto__":{"polluted":"yes"},"Billing_Address":{"__proto__":{"polluted":"yes"},"City":"Austin"},"Region__C":"North"}') as unknown;
    const payload = await m.toFinance('companies', hostile);
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(payload)).not.toContain('__proto__');
    const back = await m.toFsm('companies', JSON.parse('{"contact_name":"Acme","custom_fields":[{"label":"__proto__","value":1},{"label":"Region","value":"West"}]}'));
    expect(back).toMatchObject({ Company_Name: 'Acme', Region__C: 'West' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('first-run match keys', () => {
  it('pairs by Company Name, Email and Item Name, normalised', () => {
    const m = mapper({ syncType: 'IV' });
    expect(['companies', 'contacts', 'contact_persons', 'items', 'invoices'].map((module) => m.matchKey(module as never))).toEqual([
      { fsm: 'Company_Name', finance: 'contact_name' }, { fsm: 'Email', finance: 'email' }, { fsm: 'Email', finance: 'email' }, { fsm: 'Name', finance: 'name' }, undefined,
    ]);
    expect(m.matchValue('companies', 'fsm', { Company_Name: '  Zylker   Inc ' })).toBe(m.matchValue('companies', 'finance', { contact_name: 'zylker inc' }));
    expect(m.matchValue('contacts', 'finance', { contact_persons: [{ email: 'x@a.example', is_primary_contact: false }, { email: 'Lucy@Zylker.example', is_primary_contact: true }] })).toBe('lucy@zylker.example');
    expect(m.matchValue('contacts', 'finance', { email: 'LUCY@zylker.example' })).toBe('lucy@zylker.example');
    expect(normalizeMatchValue('   ')).toBeUndefined();
    expect(normalizeMatchValue(42)).toBeUndefined();
  });
});
