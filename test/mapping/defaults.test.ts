import { describe, expect, it } from 'vitest';
import { createMapResolver, FieldMapper, SYNC_TYPES, taxReferencePairs } from '../../src/mapping/index.js';
import { fieldCatalogue } from '../../src/mapping/catalogue/index.js';
import { defaultEntries } from '../../src/mapping/defaults/index.js';
import { moduleMap } from '../../src/mapping/modules.js';
import { BUILT_IN_TRANSFORMS } from '../../src/mapping/transforms.js';
import { TAX_EDITIONS } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';

describe('module maps', () => {
  it.each([
    ['I', [['companies', 'Companies', 'contacts', 'business'], ['items', 'Service_And_Parts', 'items', undefined], ['invoices', 'Work_Orders', 'invoices', undefined]]],
    ['II', [['contacts', 'Contacts', 'contacts', 'individual'], ['items', 'Service_And_Parts', 'items', undefined], ['invoices', 'Work_Orders', 'invoices', undefined]]],
    ['III', [['companies', 'Companies', 'contacts', 'business'], ['contact_persons', 'Contacts', 'contactpersons', undefined], ['items', 'Service_And_Parts', 'items', undefined], ['invoices', 'Work_Orders', 'invoices', undefined]]],
    ['IV', [['companies', 'Companies', 'contacts', 'business'], ['contacts', 'Contacts', 'contacts', 'individual'], ['contact_persons', 'Contacts', 'contactpersons', undefined], ['items', 'Service_And_Parts', 'items', undefined], ['invoices', 'Work_Orders', 'invoices', undefined]]],
  ] as const)('type %s maps %j', (syncType, expected) => {
    expect(moduleMap(syncType).map((b) => [b.module, b.fsm.module, b.finance.resource, b.finance.customerSubType])).toEqual(expected);
  });

  it.each([['I', 'companies'], ['II', 'contacts'], ['III', 'companies'], ['IV', 'contacts']] as const)('type %s reads customer tax from %s', (syncType, module) => {
    expect(moduleMap(syncType).filter((b) => b.taxSource).map((b) => b.module)).toEqual([module]);
  });

  it('invoices flow one way; everything else both ways', () => {
    for (const syncType of SYNC_TYPES) {
      for (const b of moduleMap(syncType)) expect(b.directions).toEqual(b.module === 'invoices' ? ['to_finance'] : ['both', 'to_finance', 'to_fsm']);
    }
  });
});

describe('default mappings', () => {
  it('validate for every sync type, edition and currency setting', () => {
    const problems: string[] = [];
    for (const syncType of SYNC_TYPES) {
      for (const edition of TAX_EDITIONS) {
        for (const multiCurrency of [false, true]) {
          const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType, edition, multiCurrency });
          for (const { module } of mapper.modules()) {
            for (const issue of mapper.validate(module, mapper.defaults(module))) problems.push(`${syncType}/${edition}/${module}: ${issue.message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('carry the edition’s customer tax fields', () => {
    const taxFields = (edition: (typeof TAX_EDITIONS)[number]) =>
      defaultEntries('companies', { syncType: 'I', edition, multiCurrency: false })
        .filter((e) => /tax|gst|vat|place|country_code/i.test(e.finance))
        .map((e) => `${e.fsm}→${e.finance}`);
    expect(taxFields('in')).toEqual(['Taxable→is_taxable', 'Tax.Tax_Exemption_Id→tax_exemption_id', 'GST_Treatment→gst_treatment', 'Place_of_Supply→place_of_contact', 'Tax_Reg_Number→gst_no']);
    expect(taxFields('uk')).toEqual(['VAT_Treatment→vat_treatment']);
    expect(taxFields('ae')).toEqual(['Tax_Treatment→tax_treatment', 'Tax_Reg_Number→tax_reg_no', 'Place_of_Supply→country_code']);
    expect(taxFields('us')).toEqual(['Taxable→is_taxable', 'Tax.Tax_Id→tax_id', 'Tax.Tax_Authority_Id→tax_authority_id', 'Tax.Tax_Exemption_Id→tax_exemption_id']);
    expect(taxFields('de')).toEqual([]);
  });

  it('map currency only with multi-currency on', () => {
    const currency = (multiCurrency: boolean) => defaultEntries('invoices', { syncType: 'I', edition: 'us', multiCurrency }).filter((e) => e.fsm === 'Currency' || e.fsm === 'Exchange_Rate').map((e) => e.finance);
    expect(currency(false)).toEqual([]);
    expect(currency(true)).toEqual(['currency_id', 'exchange_rate']);
  });
});

describe('field catalogues', () => {
  it('carry Zoho’s limits, requirements and edition gates', () => {
    const contacts = fieldCatalogue({ module: 'companies', side: 'finance', edition: 'in', syncType: 'I' });
    expect(contacts.get('contact_name')).toMatchObject({ type: 'string', maxLength: 200, required: true });
    expect(contacts.get('billing_address.zip')).toMatchObject({ maxLength: 50 });
    expect(contacts.get('gst_treatment')?.enum).toEqual(['business_gst', 'business_none', 'overseas', 'consumer']);
    expect(contacts.get('vat_treatment')).toBeUndefined();
    expect(contacts.elsewhere('vat_treatment')).toEqual(['uk']);
    expect(contacts.get('custom_fields[label=Any Label].value')).toMatchObject({ type: 'unknown', path: 'custom_fields[label=Any Label].value' });
    expect(fieldCatalogue({ module: 'items', side: 'finance', edition: 'za', syncType: 'I' }).get('product_type')?.enum).toEqual(['goods', 'service', 'capital_service', 'capital_goods']);
    expect(fieldCatalogue({ module: 'companies', side: 'finance', edition: 'ae', syncType: 'I' }).get('tax_treatment')?.enum).toContain('gcc_vat_registered');
    expect(fieldCatalogue({ module: 'companies', side: 'finance', edition: 'uk', syncType: 'I' }).get('country_code')?.type).toBe('string');
    const fsm = fieldCatalogue({ module: 'companies', side: 'fsm', edition: 'us', syncType: 'I' });
    expect(fsm.get('Region__C')).toMatchObject({ type: 'unknown' });
    expect(fsm.get('Region__c')).toBeUndefined();
    expect(fieldCatalogue({ module: 'invoices', side: 'fsm', edition: 'us', syncType: 'I' }).fields.every((f) => f.readOnly)).toBe(true);
  });

  it('lists the built-in transforms', () => {
    expect(Object.keys(BUILT_IN_TRANSFORMS)).toEqual(['trim', 'upper', 'lower', 'number', 'integer', 'date', 'boolean', 'phone']);
  });
});

describe('built-in transforms', () => {
  const run = (name: string, value: unknown) => {
    try {
      return BUILT_IN_TRANSFORMS[name]?.toFinance(value);
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  };
  it.each([
    ['trim', '  a b  ', 'a b'], ['upper', 'gb123', 'GB123'], ['lower', 'A@B.EXAMPLE', 'a@b.example'], ['trim', 42, 42],
    ['number', '1,234.5', 1234.5], ['number', 7, 7], ['number', '', null], ['number', 'x', 'refused: "x" is not a number'],
    ['integer', '12', 12], ['integer', 12.5, 'refused: 12.5 is not a whole number'],
    ['date', '2022-02-09T01:29:46-08:00', '2022-02-09'], ['date', '2024-02-29', '2024-02-29'], ['date', '2023-02-29', 'refused: "2023-02-29" is not a yyyy-mm-dd date'],
    ['boolean', 'Yes', true], ['boolean', 'off', false], ['boolean', 0, false], ['boolean', 'maybe', 'refused: "maybe" is not a yes/no value'],
    ['phone', '+1 (925) 921-9201', '+19259219201'], ['phone', '020 7946 0958 ext. 12', '02079460958x12'], ['phone', 'n/a', 'refused: "n/a" is not a phone number'],
  ])('%s(%j) → %j', (name, input, expected) => {
    expect(run(name, input)).toEqual(expected);
  });
});

describe('TaxSync id map as resolver pairs', () => {
  const resolve = createMapResolver(taxReferencePairs([
    { kind: 'tax', fsmId: 'T1', financeId: 'F1' }, { kind: 'group', fsmId: 'G1', financeId: 'F2' },
    { kind: 'authority', fsmId: 'A1', financeId: 'F3' }, { kind: 'exemption', fsmId: 'E1', financeId: 'F4' }, { kind: 'tax', fsmId: 'T2' },
  ]));

  it('writes the finance id to FSM for taxes, groups, authorities and exemptions (FSM holds Books ids)', () => {
    expect([resolve.toFsm('taxes', 'F1'), resolve.toFsm('taxes', 'F2'), resolve.toFsm('tax_authorities', 'F3'), resolve.toFsm('tax_exemptions', 'F4')])
      .toEqual(['F1', 'F2', 'F3', 'F4']);
  });

  it('reads a finance id, or TaxSync’s own id, as the finance id; skips pending rows and unknown ids', () => {
    expect([resolve.toFinance('taxes', 'F1'), resolve.toFinance('taxes', 'T1'), resolve.toFinance('taxes', 'G1'), resolve.toFinance('tax_authorities', 'A1'), resolve.toFinance('tax_exemptions', 'F4')])
      .toEqual(['F1', 'F1', 'F2', 'F3', 'F4']);
    expect([resolve.toFinance('taxes', 'T2'), resolve.toFinance('taxes', 'F9'), resolve.toFsm('taxes', 'F9'), resolve.toFsm('taxes', 'F3')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
