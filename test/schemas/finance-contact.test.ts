import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  FinanceContactCreateSchema, FinanceContactPersonCreateSchema, FinanceContactPersonSchema, FinanceContactSchema,
  FinanceContactUpdateSchema, financeListEnvelope, financeRecordEnvelope, type FinanceContact,
} from '../../src/schemas/index.js';

// Shaped after the OAS get_contact reply, trimmed and with our own values.
function indianBusinessCustomer(): Record<string, unknown> {
  return {
    contact_id: 460000000026049,
    contact_name: 'Kaveri Traders',
    company_name: 'Kaveri Traders Pvt Ltd',
    has_transaction: false,
    contact_type: 'customer',
    customer_sub_type: 'business',
    credit_limit: 50000,
    pricebook_id: '',
    is_taxable: true,
    tax_id: '',
    gst_no: '33AABCK1234A1Z5',
    gst_treatment: 'business_gst',
    place_of_contact: 'TN',
    payment_terms: 15,
    payment_terms_label: 'Net 15',
    currency_id: '460000000000097',
    currency_code: 'INR',
    outstanding_receivable_amount: 1250.5,
    status: 'active',
    custom_fields: [{ index: 1, value: 'North', label: 'Region' }],
    billing_address: {
      attention: 'Accounts', address: '12 Anna Salai', street2: 'Floor 3', state_code: 'TN',
      city: 'Chennai', state: 'Tamil Nadu', zip: 600002, country: 'India', fax: '', phone: '+91-44-2345-6789',
    },
    shipping_address: null,
    contact_persons: [
      {
        contact_person_id: 460000000026051, salutation: 'Ms', first_name: 'Priya', last_name: 'Raman',
        email: 'priya@kaveri.example', is_primary_contact: true,
        communication_preference: { is_sms_enabled: false, is_whatsapp_enabled: true },
      },
    ],
    created_time: '2013-08-05T12:06:10+0530',
    last_modified_time: '2013-10-07T18:24:51+0530',
  };
}

describe('FinanceContactSchema', () => {
  it('parses an Indian business customer with its GST fields', () => {
    const contact = FinanceContactSchema.parse(indianBusinessCustomer());
    expect(contact.contact_id).toBe('460000000026049');
    expect(contact.gst_treatment).toBe('business_gst');
    expect(contact.place_of_contact).toBe('TN');
    expect(contact.billing_address?.zip).toBe('600002');
    expect(contact.contact_persons?.[0]?.contact_person_id).toBe('460000000026051');
    expect(contact.shipping_address).toBeNull();
    expect(contact.pricebook_id).toBe('');
    expectTypeOf(contact.contact_id).toEqualTypeOf<string>();
  });

  it('parses a US customer without any India field, and a UK one with VAT fields', () => {
    const us = FinanceContactSchema.parse({
      contact_id: '1', contact_name: 'Bowman and Co', is_taxable: false,
      tax_exemption_id: '11149000000061054', tax_exemption_code: 'RESELLER', tax_authority_id: '11149000000061052',
    });
    expect(us.gst_no).toBeUndefined();
    const uk = FinanceContactSchema.parse({
      contact_id: '2', contact_name: 'Thames Ltd', vat_treatment: 'uk', vat_reg_no: 'GB123456789', country_code: 'GB',
    });
    expect(uk.vat_treatment).toBe('uk');
  });

  it('parses a GCC customer whose place of supply is an emirate', () => {
    const contact = FinanceContactSchema.parse({
      contact_id: '3', contact_name: 'Dune Trading LLC', tax_treatment: 'vat_registered',
      tax_reg_no: '100123456700003', country_code: 'DU',
    });
    expect(contact.country_code).toBe('DU');
  });

  it('passes through a treatment value the OAS does not list instead of failing the record', () => {
    const contact = FinanceContactSchema.parse({ contact_id: '4', gst_treatment: 'business_sez' });
    expect(contact.gst_treatment).toBe('business_sez');
  });

  it('fails a contact without contact_id, naming the field', () => {
    const { contact_id: _dropped, ...withoutId } = indianBusinessCustomer();
    const result = FinanceContactSchema.safeParse(withoutId);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['contact_id']);
    expect(result.error?.issues[0]?.message).toBe('Missing Zoho id');
  });

  it('fails a nested contact person without its id, with the full path', () => {
    const result = FinanceContactSchema.safeParse({ contact_id: '5', contact_persons: [{ first_name: 'A' }] });
    expect(result.error?.issues[0]?.path).toEqual(['contact_persons', 0, 'contact_person_id']);
  });
});

describe('contact input schemas', () => {
  it('requires contact_name on create', () => {
    expect(FinanceContactCreateSchema.safeParse({ company_name: 'X' }).error?.issues[0]?.path).toEqual(['contact_name']);
    const input = FinanceContactCreateSchema.parse({
      contact_name: 'Bowman and Co', customer_sub_type: 'business', owner_id: 460000000016051,
      contact_persons: [{ first_name: 'Will', email: 'will@bowman.example' }],
    });
    expect(input.owner_id).toBe('460000000016051');
  });

  it('accepts an empty update and a partial address update', () => {
    expect(FinanceContactUpdateSchema.parse({})).toEqual({});
    expect(FinanceContactUpdateSchema.parse({ billing_address: { city: 'Pleasanton' } })).toEqual({
      billing_address: { city: 'Pleasanton' },
    });
  });

  it('requires first_name on contact person create and keeps contact_id as a string', () => {
    expect(FinanceContactPersonCreateSchema.safeParse({ contact_id: '1' }).success).toBe(false);
    expect(FinanceContactPersonCreateSchema.parse({ contact_id: 460000000026049, first_name: 'Will' }).contact_id).toBe(
      '460000000026049',
    );
  });
});

describe('contact envelopes', () => {
  it('reads a list page with page_context', () => {
    const page = financeListEnvelope('contacts', FinanceContactSchema).parse({
      code: 0, message: 'success',
      contacts: [{ contact_id: '1', contact_name: 'A' }, { contact_id: 2, contact_name: 'B', first_name: 'Bo' }],
      page_context: { page: 1, per_page: 200, has_more_page: true, applied_filter: 'Status.All', sort_column: 'last_modified_time', sort_order: 'D' },
    });
    expect(page.contacts.map((contact) => contact.contact_id)).toEqual(['1', '2']);
    expect(page.page_context?.has_more_page).toBe(true);
    expectTypeOf(page.contacts).toEqualTypeOf<FinanceContact[]>();
  });

  it('reads a single-record reply, and a contact person reply typed as an array in the OAS', () => {
    const reply = financeRecordEnvelope('contact', FinanceContactSchema).parse({
      code: 0, message: 'The contact has been created', contact: { contact_id: '9', contact_name: 'New' },
    });
    expect(reply.contact.contact_id).toBe('9');
    const person = financeRecordEnvelope('contact_person', FinanceContactPersonSchema).parse({
      code: 0, message: 'The contactperson has been Created', contact_person: [{ contact_person_id: 7, first_name: 'Will' }],
    });
    expect(person.contact_person.contact_person_id).toBe('7');
  });

  it('refuses a single-record reply whose array holds two records', () => {
    const result = financeRecordEnvelope('contact', FinanceContactSchema).safeParse({
      code: 0, message: 'success', contact: [{ contact_id: '1' }, { contact_id: '2' }],
    });
    expect(result.success).toBe(false);
  });
});
