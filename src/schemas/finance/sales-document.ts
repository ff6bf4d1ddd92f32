import * as z from 'zod/mini';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoDiscountSchema, ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { GST_TREATMENTS, TAX_TREATMENTS, UK_VAT_TREATMENTS } from '../tax-codes.js';
import { FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';

const optionalNumber = z.optional(blankAsNull(ZohoNumberSchema));

/**
 * Line item fields a caller may write on an estimate or a sales order (estimates.yml,
 * sales-order.yml). A line names an item (`item_id`) or carries its own `name` and `rate`.
 */
export const salesDocumentLineWritable = {
  item_id: z.nullish(ZohoIdRefSchema),
  line_item_id: z.nullish(ZohoIdRefSchema),
  name: z.nullish(z.string()),
  description: z.nullish(z.string()),
  rate: optionalNumber,
  quantity: optionalNumber,
  unit: z.nullish(z.string()),
  // An amount, or a percentage string like "10%": kept as sent.
  discount: z.nullish(ZohoDiscountSchema),
  item_order: optionalNumber,
  tax_id: z.nullish(ZohoIdRefSchema),
  tds_tax_id: z.nullish(ZohoIdRefSchema), // mx
  tax_treatment_code: z.nullish(z.string()), // gcc
  hsn_or_sac: z.nullish(ZohoStringSchema), // in ke za
  sat_item_key_code: z.nullish(ZohoStringSchema), // mx
  unitkey_code: z.nullish(ZohoStringSchema), // mx
  product_type: z.nullish(z.string()),
  location_id: z.nullish(ZohoIdRefSchema),
  project_id: z.nullish(ZohoIdRefSchema),
  line_item_category: z.nullish(openEnum(['line_item', 'header', 'subtotal'] as const)),
  tags: z.nullish(z.array(FinanceTagSchema)),
};

/** Line item fields of an estimate or sales order reply, beyond the writable ones. */
export const salesDocumentLineRead = {
  line_item_id: ZohoIdSchema,
  tax_name: z.nullish(z.string()),
  tax_type: z.nullish(z.string()),
  tax_percentage: z.optional(blankAsNull(ZohoPercentageSchema)),
  item_total: optionalNumber,
  discount_amount: optionalNumber,
  bcy_rate: optionalNumber,
};

/** Document fields a caller may write on an estimate or a sales order. */
export const salesDocumentWritable = {
  customer_id: z.nullish(ZohoIdRefSchema),
  currency_id: z.nullish(ZohoIdRefSchema),
  template_id: z.nullish(ZohoIdRefSchema),
  reference_number: z.nullish(z.string()),
  date: z.nullish(z.string()), // yyyy-mm-dd
  exchange_rate: optionalNumber,
  discount: z.nullish(ZohoDiscountSchema),
  is_discount_before_tax: z.nullish(z.boolean()),
  discount_type: z.nullish(openEnum(['entity_level', 'item_level'] as const)),
  is_inclusive_tax: z.nullish(z.boolean()),
  salesperson_name: z.nullish(z.string()),
  location_id: z.nullish(ZohoIdRefSchema),
  notes: z.nullish(z.string()),
  terms: z.nullish(z.string()),
  shipping_charge: optionalNumber,
  adjustment: optionalNumber,
  adjustment_description: z.nullish(z.string()),
  custom_fields: z.nullish(z.array(FinanceCustomFieldSchema)),
  tags: z.nullish(z.array(FinanceTagSchema)),
  place_of_supply: z.nullish(z.string()), // in gcc
  gst_treatment: z.nullish(openEnum(GST_TREATMENTS)), // in
  gst_no: z.nullish(z.string()), // in
  vat_treatment: z.nullish(openEnum(UK_VAT_TREATMENTS)), // uk
  tax_treatment: z.nullish(openEnum(TAX_TREATMENTS)), // gcc mx ke za
  is_reverse_charge_applied: z.nullish(z.boolean()), // za
  tax_id: z.nullish(ZohoIdRefSchema),
  tax_authority_id: z.nullish(ZohoIdRefSchema), // us
  tax_exemption_id: z.nullish(ZohoIdRefSchema), // in us
  avatax_use_code: z.nullish(z.string()), // Avalara
  avatax_exempt_no: z.nullish(z.string()), // Avalara
};

/** Document fields of an estimate or sales order reply, beyond the writable ones. */
export const salesDocumentRead = {
  customer_name: z.nullish(z.string()),
  currency_code: z.nullish(z.string()),
  sub_total: optionalNumber,
  tax_total: optionalNumber,
  total: optionalNumber,
  taxes: z.nullish(z.array(z.looseObject({ tax_name: z.nullish(z.string()), tax_amount: optionalNumber }))),
  created_time: z.nullish(z.string()),
  last_modified_time: z.nullish(z.string()),
};
