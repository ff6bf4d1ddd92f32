import { describe, expect, it } from 'vitest';
import {
  FinanceErrorEnvelopeSchema, FinanceInvoiceCreateSchema, FinanceInvoiceSchema, FinanceInvoiceUpdateSchema,
  FinanceOrganizationCreateSchema, FinanceOrganizationSchema, FinanceOrganizationUpdateSchema, PageContextSchema,
  financeListEnvelope,
} from '../../src/schemas/index.js';

describe('FinanceInvoiceSchema', () => {
  it('parses an invoice with line items, taxes and string totals', () => {
    const invoice = FinanceInvoiceSchema.parse({
      invoice_id: 982000000567114, invoice_number: 'INV-00003', date: '2013-11-17', due_date: '2013-12-03',
      status: 'draft', customer_id: '982000000567001', customer_name: 'Bowman & Co', currency_code: 'USD',
      discount: '10%', discount_type: 'entity_level', is_inclusive_tax: false, exchange_rate: 1,
      line_items: [
        {
          line_item_id: 982000000567021, item_id: '982000000030049', name: 'Hard Drive', rate: 120, quantity: 1,
          discount: 0, tax_id: '982000000557028', tax_name: 'VAT', tax_percentage: 12.5, item_total: 120,
          hsn_or_sac: 80540, line_item_category: 'line_item',
        },
      ],
      sub_total: 120, tax_total: 15, total: '135.00', balance: '40.6',
      taxes: [{ tax_name: 'VAT', tax_amount: 15 }],
      billing_address: { address: '4900 Hopyard Rd', city: 'Pleasanton', zip: 94588 },
      created_time: '2013-11-18T02:17:40-0800', last_modified_time: '2013-11-18T02:02:51-0800',
    });
    expect(invoice.invoice_id).toBe('982000000567114');
    expect(invoice.total).toBe(135);
    expect(invoice.balance).toBe(40.6);
    expect(invoice.discount).toBe('10%');
    expect(invoice.line_items?.[0]?.line_item_id).toBe('982000000567021');
    expect(invoice.line_items?.[0]?.hsn_or_sac).toBe('80540');
  });

  it('parses GCC and India transaction fields', () => {
    const gcc = FinanceInvoiceSchema.parse({
      invoice_id: '1', place_of_supply: 'DU', tax_treatment: 'vat_registered',
      line_items: [{ line_item_id: '2', item_id: '3', tax_treatment_code: 'uae_same_tax_group' }],
    });
    expect(gcc.line_items?.[0]?.tax_treatment_code).toBe('uae_same_tax_group');
    expect(FinanceInvoiceSchema.parse({ invoice_id: '4', place_of_supply: 'KA', gst_treatment: 'consumer', is_pre_gst: false }).place_of_supply).toBe('KA');
  });

  it('fails a line item without line_item_id, with the path into line_items', () => {
    const result = FinanceInvoiceSchema.safeParse({ invoice_id: '1', line_items: [{ item_id: '3' }] });
    expect(result.error?.issues[0]?.path).toEqual(['line_items', 0, 'line_item_id']);
  });

  it('requires a customer and at least one line item with an item_id on create', () => {
    expect(FinanceInvoiceCreateSchema.safeParse({ customer_id: '1', line_items: [] }).error?.issues[0]?.path).toEqual(['line_items']);
    expect(FinanceInvoiceCreateSchema.safeParse({ customer_id: '1', line_items: [{ quantity: 1 }] }).error?.issues[0]?.path).toEqual([
      'line_items', 0, 'item_id',
    ]);
    const input = FinanceInvoiceCreateSchema.parse({ customer_id: 982000000567001, line_items: [{ item_id: 982000000030049, quantity: 2 }] });
    expect(input.customer_id).toBe('982000000567001');
    expect(FinanceInvoiceUpdateSchema.parse({ notes: 'Thanks' })).toEqual({ notes: 'Thanks' });
  });

  it('reads the invoice list page_context that invoices.yml types as an array', () => {
    const page = financeListEnvelope('invoices', FinanceInvoiceSchema).parse({
      code: 0, message: 'success', invoices: [{ invoice_id: '1', total: 10 }],
      page_context: [{ page: 1, per_page: 200, has_more_page: false, report_name: 'Invoices', response_option: 2 }],
    });
    expect(page.page_context?.has_more_page).toBe(false);
    expect(page.page_context?.['response_option']).toBe(2);
  });
});

describe('PageContextSchema', () => {
  it('refuses a page_context without has_more_page, so a pager cannot silently stop early', () => {
    expect(PageContextSchema.safeParse({ page: 1, per_page: 200 }).success).toBe(false);
    expect(PageContextSchema.safeParse([]).success).toBe(false);
  });
});

describe('FinanceOrganizationSchema', () => {
  it('parses an organization list entry and a full organization', () => {
    const page = financeListEnvelope('organizations', FinanceOrganizationSchema).parse({
      code: 0, message: 'success',
      organizations: [{
        organization_id: '10234695', name: 'Zillum', contact_name: 'John Smith', email: 'john@zillum.example',
        is_default_org: false, plan_type: 130, plan_name: 'PROFESSIONAL', language_code: 'en',
        fiscal_year_start_month: 0, account_created_date: '2016-02-18', time_zone: 'PST', is_org_active: true,
        currency_id: '460000000000097', currency_code: 'USD', currency_symbol: '$', currency_format: '###,##0.00',
        price_precision: 2, tax_group_enabled: true,
      }],
    });
    expect(page.organizations[0]?.is_org_active).toBe(true);
    const org = FinanceOrganizationSchema.parse({
      organization_id: 10229182, name: 'Zillium Inc', is_logo_uploaded: ' ',
      address: { street_address1: '1 Main St', city: 'Austin', country: 'U.S.A', zip: 73301 },
      custom_fields: [{ index: 1, value: 'x', label: 'y' }],
    });
    expect(org.organization_id).toBe('10229182');
    expect(org.address?.zip).toBe('73301');
  });

  it('requires name, currency, time zone and portal on create', () => {
    const result = FinanceOrganizationCreateSchema.safeParse({ name: 'Zillium Inc' });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(['currency_code', 'time_zone', 'portal_name']);
    expect(FinanceOrganizationUpdateSchema.parse({ fiscal_year_start_month: 'april' })).toEqual({ fiscal_year_start_month: 'april' });
  });
});

describe('FinanceErrorEnvelopeSchema', () => {
  it('accepts Zoho error bodies and refuses a success body', () => {
    expect(FinanceErrorEnvelopeSchema.parse({ code: 1002, message: 'Invoice does not exist.' }).code).toBe(1002);
    expect(FinanceErrorEnvelopeSchema.safeParse({ code: 0, message: 'success' }).success).toBe(false);
  });
});
