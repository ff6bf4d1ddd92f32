import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  FinanceContactCreateSchema, FinanceContactPersonSchema, FinanceContactSchema, FinanceContactUpdateSchema,
  FinanceInvoiceSchema, FinanceItemCreateSchema, FinanceItemSchema, FinanceOrganizationSchema, FinanceTaxAuthoritySchema,
  FinanceTaxExemptionSchema, FinanceTaxGroupSchema, FinanceTaxSchema, FsmCompanyCreateSchema, FsmCompanySchema,
  FsmCompanyUpdateSchema, FsmContactSchema, FsmServiceAndPartSchema, FsmWorkOrderSchema, FsmWorkOrderUpdateSchema,
  financeListEnvelope,
} from '../../src/schemas/index.js';

// Every record schema with a minimal valid record: the id field it must have.
const records: Array<[string, z.ZodMiniType, Record<string, unknown>]> = [
  ['FinanceOrganizationSchema', FinanceOrganizationSchema, { organization_id: '1' }],
  ['FinanceContactSchema', FinanceContactSchema, { contact_id: '1' }],
  ['FinanceContactPersonSchema', FinanceContactPersonSchema, { contact_person_id: '1' }],
  ['FinanceItemSchema', FinanceItemSchema, { item_id: '1' }],
  ['FinanceTaxSchema', FinanceTaxSchema, { tax_id: '1' }],
  ['FinanceTaxGroupSchema', FinanceTaxGroupSchema, { tax_group_id: '1' }],
  ['FinanceTaxAuthoritySchema', FinanceTaxAuthoritySchema, { tax_authority_id: '1' }],
  ['FinanceTaxExemptionSchema', FinanceTaxExemptionSchema, { tax_exemption_id: '1' }],
  ['FinanceInvoiceSchema', FinanceInvoiceSchema, { invoice_id: '1' }],
  ['FsmCompanySchema', FsmCompanySchema, { id: '1' }],
  ['FsmContactSchema', FsmContactSchema, { id: '1' }],
  ['FsmServiceAndPartSchema', FsmServiceAndPartSchema, { id: '1' }],
  ['FsmWorkOrderSchema', FsmWorkOrderSchema, { id: '1' }],
];

describe.each(records)('%s', (_name, schema, minimal) => {
  it('parses the minimal record: every other field is optional', () => {
    expect(schema.parse(minimal)).toEqual(minimal);
  });

  it('keeps fields it does not know, nested objects included', () => {
    const input = { ...minimal, zoho_new_field: { nested: [1, { deep: true }] }, Custom_Field__C: 'x' };
    expect(schema.parse(input)).toEqual(input);
  });

  it('fails without its id and names the id field in the issue path', () => {
    const [idField] = Object.keys(minimal);
    const result = schema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual([idField]);
  });

  it('does not pollute Object.prototype from a __proto__ key in the JSON', () => {
    const input: unknown = JSON.parse(`{${JSON.stringify(Object.keys(minimal)[0])}:"1","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`);
    const parsed = schema.parse(input) as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed['polluted']).toBeUndefined();
  });
});

describe('deep pass-through', () => {
  it('keeps unknown fields inside addresses, persons and custom fields of a contact', () => {
    const input = {
      contact_id: '1',
      billing_address: { city: 'Pleasanton', address_line_3: 'Building B', geo: { lat: 37.66 } },
      contact_persons: [{ contact_person_id: '2', first_name: 'Will', pronouns: 'he/him', communication_preference: { is_sms_enabled: true, is_rcs_enabled: false } }],
      custom_fields: [{ index: 1, value: 'x', label: 'Region', data_type: 'string', is_active: true }],
    };
    expect(FinanceContactSchema.parse(input)).toEqual(input);
  });

  it('keeps unknown fields inside FSM tax blocks, addresses and line items', () => {
    const input = {
      id: '1',
      Service_Address: { id: '2', Service_City: 'Rockford', Service_Plus_Code: '86HJ+2Q', Tax: { Tax_Id: '3', Tax_Rounding__C: 'up' } },
      Service_Line_Items: [{ id: '4', Service: { id: '5', name: 'AC', sku: 'X' }, Warranty__C: true, Part_Line_Items: [{ id: '6', Serial__C: 'SN1' }] }],
    };
    expect(FsmWorkOrderSchema.parse(input)).toEqual(input);
  });

  it('keeps unknown fields in envelopes and page_context', () => {
    const body = {
      code: 0, message: 'success', contacts: [], page_context: { page: 1, has_more_page: false, total: 0 }, request_id: 'abc',
    };
    expect(financeListEnvelope('contacts', FinanceContactSchema).parse(body)).toEqual(body);
  });

  it('keeps unknown fields in create and update inputs', () => {
    const inputs: Array<[z.ZodMiniType, Record<string, unknown>]> = [
      [FinanceContactCreateSchema, { contact_name: 'A', cf_region: 'North', billing_address: { city: 'X', landmark: 'Y' } }],
      [FinanceContactUpdateSchema, { notes: 'n', crm_owner: { id: '1' } }],
      [FinanceItemCreateSchema, { name: 'A', rate: 1, brand: 'Acme' }],
      [FsmCompanyCreateSchema, { Company_Name: 'A', Region__C: 'North' }],
      [FsmCompanyUpdateSchema, { Industry__C: 'HVAC' }],
      [FsmWorkOrderUpdateSchema, { Service_Line_Items: [{ id: '1', Note__C: 'x' }] }],
    ];
    for (const [schema, input] of inputs) expect(schema.parse(input)).toEqual(input);
  });

  it('does not pollute Object.prototype through nested __proto__ keys', () => {
    const input: unknown = JSON.parse('{"contact_id":"1","billing_address":{"__proto__":{"polluted":"yes"},"city":"X"},"contact_persons":[{"contact_person_id":"2","__proto__":{"polluted":"yes"}}]}');
    const parsed = FinanceContactSchema.parse(input);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((parsed.billing_address as Record<string, unknown> | undefined)?.['polluted']).toBeUndefined();
    expect(parsed.billing_address?.city).toBe('X');
  });
});
