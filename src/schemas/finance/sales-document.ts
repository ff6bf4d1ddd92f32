import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoDiscountSchema, ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { GST_TREATMENTS, TAX_TREATMENTS, UK_VAT_TREATMENTS } from '../tax-codes.js';
import { FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';

const optionalNumber = blankAsNull(ZohoNumberSchema).optional();

/**
 * Line item fields a caller may write on an estimate or a sales order (estimates.yml,
 * sales-order.yml). A line names an item (`item_id`) or carries its own `name` and `rate`.
 */
export const salesDocumentLineWritable = {
  item_id: ZohoIdRefSchema.nullish(),
  line_item_id: ZohoIdRefSchema.nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  rate: optionalNumber,
  quantity: optionalNumber,
  unit: z.string().nullish(),
  // An amount, or a percentage string like "10%": kept as sent.
  discount: ZohoDiscountSchema.nullish(),
  item_order: optionalNumber,
  tax_id: ZohoIdRefSchema.nullish(),
  tds_tax_id: ZohoIdRefSchema.nullish(), // mx
  tax_treatment_code: z.string().nullish(), // gcc
  hsn_or_sac: ZohoStringSchema.nullish(), // in ke za
  sat_item_key_code: ZohoStringSchema.nullish(), // mx
  unitkey_code: ZohoStringSchema.nullish(), // mx
  product_type: z.string().nullish(),
  location_id: ZohoIdRefSchema.nullish(),
  project_id: ZohoIdRefSchema.nullish(),
  line_item_category: openEnum(['line_item', 'header', 'subtotal'] as const).nullish(),
  tags: z.array(FinanceTagSchema).nullish(),
};

/** Line item fields of an estimate or sales order reply, beyond the writable ones. */
export const salesDocumentLineRead = {
  line_item_id: ZohoIdSchema,
  tax_name: z.string().nullish(),
  tax_type: z.string().nullish(),
  tax_percentage: blankAsNull(ZohoPercentageSchema).optional(),
  item_total: optionalNumber,
  discount_amount: optionalNumber,
  bcy_rate: optionalNumber,
};

/** Document fields a caller may write on an estimate or a sales order. */
export const salesDocumentWritable = {
  customer_id: ZohoIdRefSchema.nullish(),
  currency_id: ZohoIdRefSchema.nullish(),
  template_id: ZohoIdRefSchema.nullish(),
  reference_number: z.string().nullish(),
  date: z.string().nullish(), // yyyy-mm-dd
  exchange_rate: optionalNumber,
  discount: ZohoDiscountSchema.nullish(),
  is_discount_before_tax: z.boolean().nullish(),
  discount_type: openEnum(['entity_level', 'item_level'] as const).nullish(),
  is_inclusive_tax: z.boolean().nullish(),
  salesperson_name: z.string().nullish(),
  location_id: ZohoIdRefSchema.nullish(),
  notes: z.string().nullish(),
  terms: z.string().nullish(),
  shipping_charge: optionalNumber,
  adjustment: optionalNumber,
  adjustment_description: z.string().nullish(),
  custom_fields: z.array(FinanceCustomFieldSchema).nullish(),
  tags: z.array(FinanceTagSchema).nullish(),
  place_of_supply: z.string().nullish(), // in gcc
  gst_treatment: openEnum(GST_TREATMENTS).nullish(), // in
  gst_no: z.string().nullish(), // in
  vat_treatment: openEnum(UK_VAT_TREATMENTS).nullish(), // uk
  tax_treatment: openEnum(TAX_TREATMENTS).nullish(), // gcc mx ke za
  is_reverse_charge_applied: z.boolean().nullish(), // za
  tax_id: ZohoIdRefSchema.nullish(),
  tax_authority_id: ZohoIdRefSchema.nullish(), // us
  tax_exemption_id: ZohoIdRefSchema.nullish(), // in us
  avatax_use_code: z.string().nullish(), // Avalara
  avatax_exempt_no: z.string().nullish(), // Avalara
};

/** Document fields of an estimate or sales order reply, beyond the writable ones. */
export const salesDocumentRead = {
  customer_name: z.string().nullish(),
  currency_code: z.string().nullish(),
  sub_total: optionalNumber,
  tax_total: optionalNumber,
  total: optionalNumber,
  taxes: z.array(z.looseObject({ tax_name: z.string().nullish(), tax_amount: optionalNumber })).nullish(),
  created_time: z.string().nullish(),
  last_modified_time: z.string().nullish(),
};
