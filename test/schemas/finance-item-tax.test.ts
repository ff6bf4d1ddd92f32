import { describe, expect, it } from 'vitest';
import {
  FinanceItemCreateSchema, FinanceItemSchema, FinanceItemUpdateSchema, FinanceTaxAuthorityCreateSchema,
  FinanceTaxAuthoritySchema, FinanceTaxCreateSchema, FinanceTaxExemptionCreateSchema, FinanceTaxExemptionSchema,
  FinanceTaxGroupCreateSchema, FinanceTaxGroupSchema, FinanceTaxSchema, FinanceTaxUpdateSchema, financeListEnvelope,
  financeRecordEnvelope,
} from '../../src/schemas/index.js';

describe('FinanceItemSchema', () => {
  it('parses an Indian service item with intra/inter tax preferences and a "70%" style percentage', () => {
    const item = FinanceItemSchema.parse({
      item_id: 45667789900, name: 'AC servicing', status: 'active', rate: '450.00', unit: 'Hours', sku: 'SRV-AC-01',
      product_type: 'service', hsn_or_sac: 998719, tax_percentage: '18%', tax_name: 'GST18', is_taxable: true,
      item_tax_preferences: [
        { tax_id: 2000000002396, tax_specification: 'intra' },
        { tax_id: '2000000002390', tax_specification: 'inter' },
      ],
      custom_fields: [{ customfield_id: '46000000012845', value: 'Normal' }],
    });
    expect(item.item_id).toBe('45667789900');
    expect(item.rate).toBe(450);
    expect(item.tax_percentage).toBe(18);
    expect(item.hsn_or_sac).toBe('998719');
    expect(item.item_tax_preferences?.map((preference) => preference.tax_id)).toEqual(['2000000002396', '2000000002390']);
  });

  it('parses a US item, which has no tax_id, and a South African capital good', () => {
    expect(FinanceItemSchema.parse({ item_id: '1', name: 'Filter', rate: 12.5, is_taxable: false, tax_exemption_id: '9' }).tax_id).toBeUndefined();
    expect(FinanceItemSchema.parse({ item_id: '2', name: 'Crane', rate: 1e6, product_type: 'capital_goods' }).product_type).toBe('capital_goods');
  });

  it('turns blank numbers Books sends for unset fields into null', () => {
    const item = FinanceItemSchema.parse({ item_id: '3', purchase_rate: '', reorder_level: ' ', tax_percentage: '' });
    expect([item.purchase_rate, item.reorder_level, item.tax_percentage]).toEqual([null, null, null]);
  });

  it('fails an item without item_id, and one whose rate is not a number, naming the field', () => {
    expect(FinanceItemSchema.safeParse({ name: 'x' }).error?.issues[0]?.path).toEqual(['item_id']);
    const bad = FinanceItemSchema.safeParse({ item_id: '4', rate: 'twelve' });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['rate'], message: 'Expected a number, got "twelve"' });
  });

  it('requires name and rate on create; update takes any subset', () => {
    expect(FinanceItemCreateSchema.safeParse({ name: 'Hard Drive' }).error?.issues[0]?.path).toEqual(['rate']);
    expect(FinanceItemCreateSchema.parse({ name: 'Hard Drive', rate: 120 }).rate).toBe(120);
    expect(FinanceItemUpdateSchema.parse({ sku: 's12345' })).toEqual({ sku: 's12345' });
  });
});

describe('taxes', () => {
  it('parses a tax list with page_context', () => {
    const page = financeListEnvelope('taxes', FinanceTaxSchema).parse({
      code: 0, message: 'success',
      taxes: [
        { tax_id: '982000000566009', tax_name: 'CGST9', tax_percentage: 9, tax_type: 'tax', tax_specific_type: 'cgst', is_default_tax: false },
        { tax_id: '982000000566011', tax_name: 'VAT', tax_percentage: 20, country: 'United Kingdom', country_code: 'UK' },
      ],
      page_context: { page: 1, per_page: 200, has_more_page: false, report_name: 'Taxes', sort_column: 'created_time', sort_order: 'D' },
    });
    expect(page.taxes.map((tax) => tax.tax_specific_type)).toEqual(['cgst', undefined]);
    expect(page.page_context?.report_name).toBe('Taxes');
  });

  it('reads a single-tax reply whether Zoho sends an object or the one-element array the OAS shows', () => {
    const envelope = financeRecordEnvelope('tax', FinanceTaxSchema);
    const asArray = envelope.parse({ code: 0, message: 'success', tax: [{ tax_id: 1, tax_name: 'GST', tax_percentage: 10 }] });
    const asObject = envelope.parse({ code: 0, message: 'success', tax: { tax_id: 1, tax_name: 'GST', tax_percentage: 10 } });
    expect(asArray.tax).toEqual(asObject.tax);
    expect(asArray.tax.tax_id).toBe('1');
  });

  it('requires a name and a rate to create a tax', () => {
    expect(FinanceTaxCreateSchema.safeParse({ tax_type: 'tax' }).success).toBe(false);
    expect(FinanceTaxCreateSchema.parse({ tax_name: 'VAT5', tax_percentage: '5', country_code: 'DU' }).tax_percentage).toBe(5);
    expect(FinanceTaxUpdateSchema.parse({ update_draft_invoice: true })).toEqual({ update_draft_invoice: true });
  });

  it('parses a tax group and joins member ids given as an array into Zoho\'s comma-separated string', () => {
    const group = FinanceTaxGroupSchema.parse({
      tax_group_id: '982000000566020', tax_group_name: 'GST18', tax_group_percentage: 18,
      taxes: [
        { tax_id: '982000000566009', tax_name: 'CGST9', tax_percentage: 9 },
        { tax_id: '982000000566010', tax_name: 'SGST9', tax_percentage: 9 },
      ],
    });
    expect(group.taxes).toHaveLength(2);
    expect(FinanceTaxGroupCreateSchema.parse({ tax_group_name: 'GST18', taxes: ['1', 2] }).taxes).toBe('1,2');
    expect(FinanceTaxGroupCreateSchema.parse({ tax_group_name: 'GST18', taxes: '1, 2' }).taxes).toBe('1, 2');
    expect(FinanceTaxGroupCreateSchema.safeParse({ tax_group_name: 'GST18', taxes: '1,,2' }).success).toBe(false);
  });

  it('parses US/CA tax authorities and US tax exemptions', () => {
    expect(
      FinanceTaxAuthoritySchema.parse({ tax_authority_id: 460000000066001, tax_authority_name: 'Illinois Department of Revenue' }).tax_authority_id,
    ).toBe('460000000066001');
    expect(FinanceTaxAuthorityCreateSchema.safeParse({ description: 'x' }).error?.issues[0]?.path).toEqual(['tax_authority_name']);
    expect(
      FinanceTaxExemptionSchema.parse({ tax_exemption_id: '460000000076002', tax_exemption_code: 'RESELLER', type: 'customer' }).type,
    ).toBe('customer');
    expect(FinanceTaxExemptionCreateSchema.safeParse({ tax_exemption_code: 'RESELLER' }).error?.issues[0]?.path).toEqual(['type']);
  });
});
