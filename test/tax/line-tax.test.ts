import { describe, expect, it } from 'vitest';
import { TaxError } from '../../src/errors/tax-error.js';
import { checkTaxConfig, defaultTaxConfig, INDIA_PREFILL_MATRIX, lineTax, PREFILL_MATRIX, type LineTaxInput } from '../../src/tax/index.js';

// A generic (Australia-like) configuration: the customer's tax, the item's tax, a default, two reasons.
const au = checkTaxConfig(
  {
    taxes: [
      { id: 'gst', name: 'GST', rate: 10 },
      { id: 'gst_low', name: 'GST Low', rate: 5 },
    ],
    exemptions: [
      { id: 'gst_free', code: 'GST FREE', type: 'item' },
      { id: 'charity', code: 'CHARITY', type: 'customer' },
    ],
    defaultTaxId: 'gst',
  },
  'au',
);

const customer = {
  taxable: { taxable: true, taxId: 'gst_low' },
  'non-taxable': { taxable: false, exemptionId: 'charity' },
  'not-available': {},
};
const item = {
  taxable: { taxable: true, taxId: 'gst' },
  'non-taxable': { taxable: false, exemptionId: 'gst_free' },
  'not-available': {},
};

describe('lineTax: the generic prefill matrix, one test per row', () => {
  // customer × item → Tax Name on the line, editable (the table printed on Zoho's "Tax Setting" page; the last two rows are noted in line-tax.ts).
  it.each([
    ['taxable', 'taxable', 'GST Low', '5', true, 'customer-tax'],
    ['taxable', 'non-taxable', 'GST FREE', '0', true, 'item-exemption'],
    ['non-taxable', 'taxable', 'CHARITY', '0', false, 'customer-exemption'],
    ['non-taxable', 'non-taxable', 'CHARITY', '0', false, 'customer-exemption'],
    ['not-available', 'taxable', 'GST', '10', true, 'default-tax'],
    ['not-available', 'non-taxable', 'GST FREE', '0', true, 'item-exemption'],
    ['taxable', 'not-available', 'GST Low', '5', true, 'customer-tax'],
    ['non-taxable', 'not-available', 'CHARITY', '0', true, 'customer-exemption'],
    ['not-available', 'not-available', 'GST', '10', true, 'default-tax'],
  ] as const)('customer %s × item %s → %s (%s%%), editable %s, from %s', (c, i, name, rate, editable, source) => {
    const line = lineTax(au, { customer: customer[c], item: item[i] });
    expect(line).toMatchObject({ name, rate, editable, source, rule: `${c}/${i}` });
  });

  it('covers each row of PREFILL_MATRIX exactly once', () => {
    expect(PREFILL_MATRIX.map((r) => `${r.customer}/${r.item}`).sort()).toEqual(
      ['taxable', 'non-taxable', 'not-available'].flatMap((c) => ['taxable', 'non-taxable', 'not-available'].map((i) => `${c}/${i}`)).sort(),
    );
  });

  it('falls back to the item’s tax, then the default, when a taxable customer has no tax', () => {
    expect(lineTax(au, { customer: { taxable: true }, item: { taxable: true, taxId: 'gst_low' } })).toMatchObject({ taxId: 'gst_low', source: 'item-tax' });
    expect(lineTax(au, { customer: { taxable: true }, item: { taxable: true } })).toMatchObject({ taxId: 'gst', source: 'default-tax' });
  });

  it('returns the member taxes as components, ready for computeTotals', () => {
    const config = defaultTaxConfig('ca');
    const line = lineTax(config, { customer: { taxable: true, taxId: 'gst_qst' }, item: { taxable: true } });
    expect(line).toMatchObject({ taxId: 'gst_qst', name: 'GST + QST', rate: '14.975' });
    expect(line.components.map((c) => [c.name, c.rate])).toEqual([['GST', '5'], ['QST', '9.975']]);
  });

  it('South Africa: a customer with the overseas treatment gets the zero rate', () => {
    const za = defaultTaxConfig('za');
    expect(lineTax(za, { customer: { taxable: true, taxId: 'vat15', treatment: 'overseas' }, item: { taxable: true } })).toMatchObject({ taxId: 'vat0', rate: '0', source: 'zero-rated', rule: 'taxable/taxable+zero-rated' });
    expect(lineTax(za, { customer: { taxable: true, taxId: 'vat15', treatment: 'vat_registered' }, item: { taxable: true } })).toMatchObject({ taxId: 'vat15', rate: '15' });
  });
});

describe('lineTax: the US service-address override', () => {
  const us = checkTaxConfig(
    {
      authorities: [{ id: 'cdtfa', name: 'CDTFA' }],
      taxes: [
        { id: 'ca', name: 'California', rate: '7.25', authorityId: 'cdtfa' },
        { id: 'la', name: 'Los Angeles', rate: '2.25', authorityId: 'cdtfa' },
        { id: 'tx', name: 'Texas', rate: '6.25' },
      ],
      groups: [{ id: 'la_group', name: 'LA Sales Tax', taxIds: ['ca', 'la'] }],
      exemptions: [{ id: 'reseller', code: 'RESELLER', type: 'customer' }],
    },
    'us',
  );

  it('takes the service address’s tax instead of the customer’s', () => {
    const line = lineTax(us, { customer: { taxable: true, taxId: 'tx' }, item: { taxable: true }, serviceAddress: { taxId: 'la_group' } });
    expect(line).toMatchObject({ taxId: 'la_group', rate: '9.5', source: 'service-address-tax', rule: 'service-address:taxable/taxable' });
  });

  it('an exempt service address exempts the line, not editable', () => {
    const line = lineTax(us, { customer: { taxable: true, taxId: 'tx' }, item: { taxable: true }, serviceAddress: { exemptionId: 'reseller' } });
    expect(line).toMatchObject({ name: 'RESELLER', editable: false, source: 'customer-exemption', rule: 'service-address:non-taxable/taxable' });
  });

  it('without a service-address tax the customer’s tax applies', () => {
    expect(lineTax(us, { customer: { taxable: true, taxId: 'tx' }, item: { taxable: true }, serviceAddress: {} })).toMatchObject({ taxId: 'tx', source: 'customer-tax' });
  });

  it('other editions ignore the service address', () => {
    expect(lineTax(au, { customer: customer.taxable, item: item.taxable, serviceAddress: { taxId: 'gst' } })).toMatchObject({ taxId: 'gst_low' });
  });
});

describe('lineTax: India by GST treatment and place of supply, one test per row', () => {
  const india = { ...defaultTaxConfig('in'), origin: 'KA', exemptions: [{ id: 'nil', code: 'NIL RATED', type: 'item' as const }] };
  const part = { taxable: true, intraStateTaxId: 'gst18', interStateTaxId: 'igst18' };
  const exemptPart = { taxable: false, exemptionId: 'nil' };
  const regular = { taxable: true, treatment: 'business_gst' };

  it.each<[string, LineTaxInput, Record<string, unknown>]>([
    ['intra-state: Regular, same state → the intra-state rate (CGST + SGST)', { customer: regular, item: part, placeOfSupply: 'KA' }, { taxId: 'gst18', rate: '18', rule: 'in:intra-state', editable: true }],
    ['inter-state: Regular, other state → the inter-state rate (IGST)', { customer: regular, item: part, placeOfSupply: 'TN' }, { taxId: 'igst18', rate: '18', rule: 'in:inter-state', editable: true }],
    ['zero-rated: SEZ → IGST zero-rated', { customer: { taxable: true, treatment: 'business_sez' }, item: part, placeOfSupply: 'KA' }, { taxId: 'igst0', rate: '0', rule: 'in:zero-rated', source: 'zero-rated' }],
    ['taxable contact, non-taxable part → the part’s exemption, editable', { customer: regular, item: exemptPart, placeOfSupply: 'KA' }, { name: 'NIL RATED', rate: '0', rule: 'in:taxable/non-taxable', editable: true }],
    ['non-taxable contact, taxable part → the part’s exemption, not editable', { customer: { taxable: false, treatment: 'consumer', exemptionId: 'x' }, item: { ...part, exemptionId: 'nil' }, placeOfSupply: 'KA' }, { name: 'NIL RATED', rule: 'in:non-taxable/taxable', editable: false }],
    ['non-taxable contact, non-taxable part → the part’s exemption, not editable', { customer: { taxable: false, treatment: 'consumer' }, item: exemptPart, placeOfSupply: 'TN' }, { name: 'NIL RATED', rule: 'in:non-taxable/non-taxable', editable: false }],
  ])('%s', (_name, input, expected) => {
    expect(lineTax(india, input)).toMatchObject(expected);
  });

  it('has exactly these six rows', () => {
    expect(INDIA_PREFILL_MATRIX).toHaveLength(6);
  });

  it.each(['business_registered_composition', 'business_none', 'consumer', 'deemed_export', undefined])('treatment %s follows the place of supply', (treatment) => {
    expect(lineTax(india, { customer: { taxable: true, treatment }, item: part, placeOfSupply: 'MH' }).rule).toBe('in:inter-state');
    expect(lineTax(india, { customer: { taxable: true, treatment }, item: part, placeOfSupply: 'KA' }).rule).toBe('in:intra-state');
  });

  it('Overseas is zero-rated whatever the place of supply', () => {
    expect(lineTax(india, { customer: { taxable: true, treatment: 'overseas' }, item: part, placeOfSupply: 'TN' })).toMatchObject({ rule: 'in:zero-rated', rate: '0' });
  });

  it('uses the customer’s place of contact when the work order has no place of supply, and finds the IGST of the same rate', () => {
    const line = lineTax(india, { customer: { taxable: true, placeOfContact: 'DL' }, item: { taxable: true, intraStateTaxId: 'gst5' } });
    expect(line).toMatchObject({ taxId: 'igst5', rate: '5', rule: 'in:inter-state' });
  });

  it('refuses to guess intra- or inter-state without the business’s state', () => {
    const { origin: _origin, ...noOrigin } = india;
    expect(() => lineTax(noOrigin, { customer: regular, item: part, placeOfSupply: 'TN' })).toThrow(TaxError);
    expect(lineTax(noOrigin, { customer: regular, item: part, placeOfSupply: 'TN', origin: 'TN' }).rule).toBe('in:intra-state');
  });
});
