import { describe, expect, it } from 'vitest';
import type { FinanceContactCreate, FinanceItemCreate } from '../../src/schemas/finance/index.js';
import type { FsmCompanyCreate, FsmServiceAndPartCreate } from '../../src/schemas/fsm/index.js';
import { first, identityTaxes, mappingWorld, resolver, type MappingWorld } from './helpers.js';

// Each edition's tax fields, on records the sandbox seeds. Where the
// sandbox seeds no FSM tax field (GCC, exemptions), the test sets it as a person would in the UI
// (`sandbox.edit`) before mapping.

function fsmRecord(world: MappingWorld, module: 'Companies' | 'Service_And_Parts', index = 0): Record<string, unknown> {
  const record = world.sandbox.records(world.fsm, module)[index];
  if (!record) throw new Error(`no ${module}[${index}]`);
  return record;
}

function booksCustomer(world: MappingWorld) {
  return first(world.sandbox.records(world.books, 'contacts'), (c) => c.customer_sub_type === 'business', 'business customer');
}

function taxResolver(world: MappingWorld) {
  const exemptions = world.sandbox.records(world.books, 'taxexemptions').map((e): [string, string] => [String(e.tax_exemption_id), String(e.tax_exemption_id)]);
  const authorities = world.sandbox.records(world.books, 'taxauthorities').map((a): [string, string] => [String(a.tax_authority_id), String(a.tax_authority_id)]);
  return resolver({ taxes: identityTaxes(world), tax_exemptions: exemptions, tax_authorities: authorities });
}

describe('India (GST)', () => {
  it('maps GST treatment through the value map, place of supply and GSTIN; Books creates the customer', async () => {
    const world = mappingWorld({ edition: 'in', syncType: 'I' });
    const company = fsmRecord(world, 'Companies');
    const payload = await world.mapper.toFinance('companies', company);
    const address = { address: '9989 Park Street', street2: '', city: 'Mumbai', state: 'Maharashtra', zip: '648604', country: 'India' };
    expect(payload).toEqual({
      contact_type: 'customer',
      customer_sub_type: 'business',
      contact_name: 'Sahyadri HVAC Pvt Ltd',
      company_name: 'Sahyadri HVAC Pvt Ltd',
      website: 'https://www.sahyadrihvacpvtltd.example',
      contact_persons: [{ is_primary_contact: true, email: 'ananya.sharma@sahyadrihvacpvtltd.example', phone: '+91-29603-19929' }],
      billing_address: address,
      shipping_address: address,
      // The sandbox seeds Books' own code; it passes through unchanged.
      gst_treatment: 'business_gst',
      place_of_contact: 'MH',
      gst_no: '27RIQAN0127C1ZV',
    });
    expect(await world.client.finance.contacts.create(payload as FinanceContactCreate)).toMatchObject({ gst_treatment: 'business_gst', place_of_contact: 'MH', gst_no: '27RIQAN0127C1ZV' });
  });

  it.each([
    ['Registered Business - Regular', 'business_gst'],
    ['Registered Business - Composition', 'business_gst'],
    ['Special Economic Zone', 'business_gst'],
    ['Deemed Export', 'business_gst'],
    ['Unregistered Business', 'business_none'],
    ['Consumer', 'consumer'],
    ['Overseas', 'overseas'],
  ])('FSM treatment %s becomes Books gst_treatment %s', async (fsmValue, booksValue) => {
    const world = mappingWorld({ edition: 'in', syncType: 'I', records: 0 });
    expect(await world.mapper.toFinance('companies', { Company_Name: 'X', GST_Treatment: fsmValue })).toMatchObject({ gst_treatment: booksValue });
  });

  it('maps a Books customer back with FSM’s treatment label', async () => {
    const world = mappingWorld({ edition: 'in', syncType: 'I' });
    const payload = await world.mapper.toFsm('companies', booksCustomer(world));
    expect(payload).toMatchObject({ Company_Name: 'Coromandel Security Pvt Ltd', Taxable: true, GST_Treatment: 'Registered Business - Regular', Place_of_Supply: 'KA', Tax_Reg_Number: '29DXZYE9777H3ZO' });
    const { id } = await world.client.fsm.companies.create(payload as FsmCompanyCreate);
    expect(world.sandbox.record(world.fsm, 'Companies', id)).toMatchObject({ GST_Treatment: 'Registered Business - Regular' });
  });

  it('maps intra/inter-state taxes to item_tax_preferences and HSN/SAC both ways; each side creates the item', async () => {
    const world = mappingWorld({ edition: 'in', syncType: 'I' });
    const part = fsmRecord(world, 'Service_And_Parts');
    // GST18 (CGST9 + SGST9) within the state, IGST18 across states.
    const edited = world.sandbox.edit(world.fsm, 'Service_And_Parts', String(part.id), { Intra_State_Tax_Rate: '460000000000048', Inter_State_Tax_Rate: '460000000000030', HSN_SAC: '8536' });
    const payload = await world.mapper.toFinance('items', edited, { resolve: resolver({ taxes: identityTaxes(world) }) });
    expect(payload).toEqual({
      name: 'Circuit Breaker 32A (Plumbing)',
      rate: 1919.73,
      description: 'Circuit Breaker 32A for plumbing jobs',
      sku: 'PRT-00001',
      unit: 'pcs',
      product_type: 'goods',
      is_taxable: true,
      item_tax_preferences: [
        { tax_specification: 'intra', tax_id: '460000000000048' },
        { tax_specification: 'inter', tax_id: '460000000000030' },
      ],
      hsn_or_sac: '8536',
    });
    expect(await world.client.finance.items.create(payload as FinanceItemCreate)).toMatchObject({ hsn_or_sac: '8536', item_tax_preferences: payload.item_tax_preferences });

    const item = first(world.sandbox.records(world.books, 'items'), () => true, 'item');
    const back = await world.mapper.toFsm('items', item, { resolve: resolver({ taxes: identityTaxes(world) }) });
    expect(back).toEqual({
      Name: 'Plumbing Annual Maintenance', Unit_Price: 39273.17, Description: 'Annual Maintenance by a certified plumbing technician',
      SKU: 'SRV-00007', Unit: 'hrs', Type: 'Service', Tax: { Taxable: true },
      Intra_State_Tax_Rate: '460000000000048', Inter_State_Tax_Rate: '460000000000030', HSN_SAC: '998719',
    });
    const { id } = await world.client.fsm.serviceAndParts.create(back as FsmServiceAndPartCreate);
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', id)).toMatchObject(back);
  });
});

describe('United Kingdom (VAT)', () => {
  it('maps VAT treatment both ways; items carry the tax id; both sides accept the payloads', async () => {
    const world = mappingWorld({ edition: 'uk', syncType: 'I' });
    const payload = await world.mapper.toFinance('companies', fsmRecord(world, 'Companies'));
    expect(payload).toMatchObject({ contact_name: 'Kestrel Electrical Ltd', vat_treatment: 'uk' });
    expect(Object.keys(payload).filter((k) => k.startsWith('gst') || k.startsWith('tax') || k === 'is_taxable')).toEqual([]);
    expect(await world.client.finance.contacts.create(payload as FinanceContactCreate)).toMatchObject({ vat_treatment: 'uk' });

    const back = await world.mapper.toFsm('companies', booksCustomer(world));
    expect(back).toMatchObject({ Company_Name: 'Windsor Security Ltd', VAT_Treatment: 'uk' });
    expect(back).not.toHaveProperty('Taxable');
    await world.client.fsm.companies.create(back as FsmCompanyCreate);

    const item = await world.mapper.toFsm('items', first(world.sandbox.records(world.books, 'items')), { resolve: resolver({ taxes: identityTaxes(world) }) });
    expect(item).toEqual({ Name: 'Fire Alarm Repair Visit', Unit_Price: 82.51, Description: 'Repair Visit by a certified fire alarm technician', SKU: 'SRV-00007', Unit: 'hrs', Type: 'Service', Tax: { Tax_Id: '460000000000006' } });
    const edited = world.sandbox.edit(world.fsm, 'Service_And_Parts', String(fsmRecord(world, 'Service_And_Parts').id), { Tax: { Taxable: true, Tax_Id: '460000000000006' } });
    const toBooks = await world.mapper.toFinance('items', edited, { resolve: resolver({ taxes: identityTaxes(world) }) });
    expect(toBooks).toEqual({ name: 'Refrigerant R-32 (Electrical)', rate: 53.29, description: 'Refrigerant R-32 for electrical jobs', sku: 'PRT-00001', unit: 'kg', product_type: 'goods', tax_id: '460000000000006' });
    expect(await world.client.finance.items.create(toBooks as FinanceItemCreate)).toMatchObject({ tax_id: '460000000000006', tax_percentage: 20 });
  });
});

describe('GCC (UAE VAT)', () => {
  it('maps tax treatment, TRN and place of supply (country_code) both ways; both sides accept the payloads', async () => {
    const world = mappingWorld({ edition: 'ae', syncType: 'I' });
    const company = fsmRecord(world, 'Companies');
    const edited = world.sandbox.edit(world.fsm, 'Companies', String(company.id), { Tax_Treatment: 'vat_registered', Tax_Reg_Number: '100399246800003', Place_of_Supply: 'AJ' });
    const payload = await world.mapper.toFinance('companies', edited);
    const address = { address: '2044 Salwa Road', street2: '', city: 'Ajman', state: 'Ajman', zip: '14955', country: 'United Arab Emirates' };
    expect(payload).toEqual({
      contact_type: 'customer',
      customer_sub_type: 'business',
      contact_name: 'Gulf Star LLC',
      company_name: 'Gulf Star LLC',
      website: 'https://www.gulfstarllc.example',
      contact_persons: [{ is_primary_contact: true, email: 'khalid.alsabah@gulfstarllc.example', phone: '+971-89-485-0769' }],
      billing_address: address,
      shipping_address: address,
      tax_treatment: 'vat_registered',
      tax_reg_no: '100399246800003',
      country_code: 'AJ',
    });
    expect(await world.client.finance.contacts.create(payload as FinanceContactCreate)).toMatchObject({ tax_treatment: 'vat_registered', country_code: 'AJ' });

    const back = await world.mapper.toFsm('companies', booksCustomer(world));
    expect(back).toMatchObject({ Company_Name: 'Al Fajr Technical Services LLC', Tax_Treatment: 'vat_registered', Tax_Reg_Number: '100244724079555', Place_of_Supply: 'AB' });
    const { id } = await world.client.fsm.companies.create(back as FsmCompanyCreate);
    expect(world.sandbox.record(world.fsm, 'Companies', id)).toMatchObject({ Tax_Treatment: 'vat_registered' });
  });

  it('Saudi Arabia shares the GCC fields', () => {
    const world = mappingWorld({ edition: 'sa', syncType: 'I', records: 0 });
    expect(world.mapper.defaults('companies').filter((e) => e.fsm.startsWith('Tax_') || e.fsm === 'Place_of_Supply').map((e) => e.finance)).toEqual(['tax_treatment', 'tax_reg_no', 'country_code']);
  });
});

describe('United States (sales tax)', () => {
  it('maps taxable, tax, authority and exemption through the tax map; Books creates the customer', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const pioneer = fsmRecord(world, 'Companies', 1);
    const edited = world.sandbox.edit(world.fsm, 'Companies', String(pioneer.id), { Tax: { Tax_Authority_Id: '460000000000009', Tax_Exemption_Id: '460000000000036' } });
    const payload = await world.mapper.toFinance('companies', edited, { resolve: taxResolver(world) });
    expect(payload).toMatchObject({ contact_name: 'Pioneer Electrical Inc', is_taxable: false, tax_authority_id: '460000000000009', tax_exemption_id: '460000000000036' });
    expect(payload).not.toHaveProperty('tax_id');
    expect(await world.client.finance.contacts.create(payload as FinanceContactCreate)).toMatchObject({ is_taxable: false, tax_authority_id: '460000000000009', tax_exemption_id: '460000000000036' });
  });

  it('items carry taxability and exemption, not a tax id (items.yml: tax_id not in the US)', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const part = fsmRecord(world, 'Service_And_Parts');
    const edited = world.sandbox.edit(world.fsm, 'Service_And_Parts', String(part.id), { Tax: { Taxable: false, Tax_Exemption_Id: '460000000000042' } });
    const payload = await world.mapper.toFinance('items', edited, { resolve: taxResolver(world) });
    expect(payload).toEqual({
      name: 'Fire Alarm Installation', rate: 258.62, description: 'Installation by a certified fire alarm technician',
      sku: 'SRV-00001', unit: 'hrs', product_type: 'service', is_taxable: false, tax_exemption_id: '460000000000042',
    });
    expect(await world.client.finance.items.create(payload as FinanceItemCreate)).toMatchObject({ is_taxable: false, tax_exemption_id: '460000000000042' });
    expect(world.mapper.catalogue('items').finance.get('tax_id')).toBeUndefined();
  });
});

describe('multi-currency', () => {
  it('maps currency through the resolver, and the exchange rate onto invoices', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I', multiCurrency: true });
    const resolve = resolver({ currencies: [['USD', '460000000000003']], companies: [['4150868000000000015', 'C1']], items: [['4150868000000000045', 'I1']] });
    expect(await world.mapper.toFinance('companies', fsmRecord(world, 'Companies'), { resolve })).toMatchObject({ currency_id: '460000000000003' });
    const order = first(world.sandbox.records(world.fsm, 'Work_Orders'));
    expect(await world.mapper.toFinance('invoices', order, { resolve })).toMatchObject({ currency_id: '460000000000003', exchange_rate: 1 });
    const back = await world.mapper.toFsm('companies', booksCustomer(world), { resolve, unresolved: 'omit' });
    expect(back).toMatchObject({ Currency: 'USD' });
  });
});
