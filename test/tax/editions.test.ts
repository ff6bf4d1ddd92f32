import { describe, expect, it } from 'vitest';
import { TaxError } from '../../src/errors/tax-error.js';
import { TAX_EDITIONS, type TaxEdition } from '../../src/schemas/edition-codes.js';
import { checkTaxConfig, defaultTaxConfig, TAX_EDITION_MODELS, type TaxConfigInput } from '../../src/tax/index.js';
import { editionOfOrganization } from '../../src/tax/org-edition.js';

describe('edition models', () => {
  it('has one model per tax edition, each under its own code', () => {
    expect(Object.keys(TAX_EDITION_MODELS).sort()).toEqual([...TAX_EDITIONS].sort());
    for (const [code, model] of Object.entries(TAX_EDITION_MODELS)) expect(model.code).toBe(code);
  });

  it.each(TAX_EDITIONS)('%s: the defaults are a valid configuration of the edition', (edition) => {
    expect(() => checkTaxConfig(defaultTaxConfig(edition), edition)).not.toThrow();
  });

  it.each([
    ['au', ['GST 10']],
    ['ae', ['VAT 5% 5', 'Zero Rate 0']],
    ['sa', ['VAT 15% 15', 'Zero Rate 0']],
    ['bh', ['VAT 10% 10', 'Zero Rate 0']],
    ['om', ['VAT 5% 5', 'Zero Rate 0']],
    ['uk', ['Standard Rate 20', 'Reduced Rate 5', 'Zero Rate 0']],
    ['za', ['Standard Rate 15', 'Zero Rate 0', 'Exempt 0']],
    ['de', ['USt 19% 19', 'USt 7% 7']],
    ['kw', []],
    ['qa', []],
    ['us', []],
    ['global', []],
  ] as const)('%s: defaults to the standard rates in law %j', (edition, taxes) => {
    expect(TAX_EDITION_MODELS[edition].defaults.taxes.map((t) => `${t.name} ${t.rate}`)).toEqual(taxes);
  });

  it('India: CGST + SGST groups per slab, IGST at the full rate, IGST0 for zero-rated supplies', () => {
    const config = defaultTaxConfig('in');
    expect(config.groups.map((g) => g.name)).toEqual(['GST5', 'GST18', 'GST40']);
    expect(config.taxes.filter((t) => t.specificType === 'igst').map((t) => t.rate)).toEqual(['5', '18', '40', '0']);
    expect(config.taxes.find((t) => t.id === 'cgst5')).toMatchObject({ name: 'CGST2.5', rate: '2.5' });
    expect(config.defaultTaxId).toBe('gst18');
  });

  it('Canada: GST 5% with provincial taxes and HST, and groups for GST + PST/QST', () => {
    const { defaults } = TAX_EDITION_MODELS.ca;
    expect(defaults.taxes.find((t) => t.id === 'qst')?.rate).toBe('9.975');
    expect(defaults.groups.map((g) => g.name)).toContain('GST + QST');
  });

  it('declares the fields, treatments and registration of each edition', () => {
    expect(TAX_EDITION_MODELS.in.treatments?.values.filter((t) => t.zeroRated).map((t) => t.code)).toEqual(['business_sez', 'overseas']);
    expect(TAX_EDITION_MODELS.in.fsmContactFields).toContain('GST_Treatment');
    expect(TAX_EDITION_MODELS.in.fsmItemFields).toContain('Intra_State_Tax_Rate');
    expect(TAX_EDITION_MODELS.uk.treatments?.values.map((t) => t.code)).toEqual(['uk', 'eu_vat_registered', 'overseas']);
    expect(TAX_EDITION_MODELS.ae.treatments?.values.map((t) => t.code)).toContain('gcc_vat_registered');
    expect(TAX_EDITION_MODELS.ae.placeOfSupply?.codes).toContain('DU');
    expect(TAX_EDITION_MODELS.us.supports).toMatchObject({ authorities: true, exemptions: true, avalara: true, taxAuthority: true });
    expect(TAX_EDITION_MODELS.us.contactFields).toContain('tax_authority_id');
    expect(TAX_EDITION_MODELS.kw.currencyDecimals).toBe(3);
    for (const edition of TAX_EDITIONS) expect(TAX_EDITION_MODELS[edition].registration === undefined).toBe(edition === 'global');
  });

  it.each([
    [{ version: 'in' }, 'in'],
    [{ address: { country: 'United Arab Emirates' } }, 'ae'],
    [{ country_code: 'GB' }, 'uk'],
    [{ address: { country: 'U.S.A' } }, 'us'],
    [{ country_code: 'SG' }, 'global'],
    [{ currency_code: 'SAR' }, 'sa'],
    [{}, undefined],
  ])('reads the edition of an organisation %j as %s', (org, edition) => {
    expect(editionOfOrganization(org)).toBe(edition);
  });
});

describe('checkTaxConfig', () => {
  it('normalises rates to exact decimal strings and fills the defaults', () => {
    expect(checkTaxConfig({ taxes: [{ id: 'q', name: ' QST ', rate: 9.975 }, { id: 'g', name: 'GST', rate: '5.00' }] }, 'ca')).toEqual({
      edition: 'ca', taxesEnabled: true, managedBy: 'fsm', taxes: [{ id: 'q', name: 'QST', rate: '9.975' }, { id: 'g', name: 'GST', rate: '5' }], groups: [], authorities: [], exemptions: [],
    });
  });

  it.each<[string, TaxConfigInput, TaxEdition, string]>([
    ['a bad id', { taxes: [{ id: 'a/b', name: 'T', rate: 1 }] }, 'au', 'taxes.0.id'],
    ['a duplicate id', { taxes: [{ id: 'a', name: 'T', rate: 1 }, { id: 'a', name: 'U', rate: 2 }] }, 'au', 'taxes.1.id'],
    ['a rate over 100', { taxes: [{ id: 'a', name: 'T', rate: 101 }] }, 'au', 'taxes.0.rate'],
    ['a negative rate', { taxes: [{ id: 'a', name: 'T', rate: '-1' }] }, 'au', 'taxes.0.rate'],
    ['an empty name', { taxes: [{ id: 'a', name: ' ', rate: 1 }] }, 'au', 'taxes.0.name'],
    ['a duplicate name', { taxes: [{ id: 'a', name: 'VAT', rate: 1 }, { id: 'b', name: 'vat', rate: 2 }] }, 'uk', 'taxes.1.name'],
    ['groups in the UK', { taxes: [{ id: 'a', name: 'A', rate: 1 }], groups: [{ id: 'g', name: 'G', taxIds: ['a'] }] }, 'uk', 'groups.0'],
    ['a group of an unknown tax', { taxes: [{ id: 'a', name: 'A', rate: 1 }], groups: [{ id: 'g', name: 'G', taxIds: ['a', 'b'] }] }, 'in', 'groups.0.taxIds'],
    ['authorities in India', { authorities: [{ id: 'x', name: 'X' }] }, 'in', 'authorities.0'],
    ['an Indian tax type in Canada', { taxes: [{ id: 'a', name: 'A', rate: 1, specificType: 'cgst' }] }, 'ca', 'taxes.0.specificType'],
    ['a compound tax in India', { taxes: [{ id: 'a', name: 'A', rate: 1, compound: true }] }, 'in', 'taxes.0.compound'],
    ['an unknown authority', { taxes: [{ id: 'a', name: 'A', rate: 1, authorityId: 'nope' }] }, 'us', 'taxes.0.authorityId'],
    ['an exemption without a type', { exemptions: [{ id: 'e', code: 'E', type: 'both' as 'item' }] }, 'us', 'exemptions.0.type'],
    ['a default that is not a tax', { taxes: [{ id: 'a', name: 'A', rate: 1 }], defaultTaxId: 'b' }, 'au', 'defaultTaxId'],
    ['Avalara outside the US', { managedBy: 'avalara' }, 'ca', 'managedBy'],
    ['another edition', { edition: 'uk' }, 'de', 'edition'],
    ['an unknown Indian state', { origin: 'XX' }, 'in', 'origin'],
  ])('refuses %s with TAX_CONFIG_INVALID at %s', (_what, input, edition, path) => {
    let error: unknown;
    try {
      checkTaxConfig(input, edition);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TaxError);
    expect(error).toMatchObject({ code: 'TAX_CONFIG_INVALID' });
    const issues = (error as TaxError).details.issues as Array<{ path: Array<string | number> }>;
    expect(issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
