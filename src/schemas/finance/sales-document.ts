import * as z from 'zod/mini';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoDiscountSchema, ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { GST_TREATMENTS, TAX_TREATMENTS, UK_VAT_TREATMENTS } from '../tax-codes.js';
import { FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

/**
 * Line item fields a caller may write on an estimate or a sales order (Zoho's Estimates API reference,
 * Zoho's Sales Order API reference). A line names an item (`item_id`) or carries its own `name` and `rate`.
 */
export const salesDocumentLineWritable = {
  item_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  line_item_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  rate: optionalNumber,
  quantity: optionalNumber,
  unit: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  // An amount, or a percentage string like "10%": kept as sent.
  discount: /* @__PURE__ */ z.nullish(ZohoDiscountSchema),
  item_order: optionalNumber,
  tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  tds_tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // mx
  tax_treatment_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // gcc
  hsn_or_sac: /* @__PURE__ */ z.nullish(ZohoStringSchema), // in ke za
  sat_item_key_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // mx
  unitkey_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // mx
  product_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  location_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  project_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  line_item_category: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['line_item', 'header', 'subtotal'] as const)),
  tags: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceTagSchema)),
};

/** Line item fields of an estimate or sales order reply, beyond the writable ones. */
export const salesDocumentLineRead = {
  line_item_id: ZohoIdSchema,
  tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_percentage: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema)),
  item_total: optionalNumber,
  discount_amount: optionalNumber,
  bcy_rate: optionalNumber,
};

/** Document fields a caller may write on an estimate or a sales order. */
export const salesDocumentWritable = {
  customer_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  currency_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  template_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  reference_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // yyyy-mm-dd
  exchange_rate: optionalNumber,
  discount: /* @__PURE__ */ z.nullish(ZohoDiscountSchema),
  is_discount_before_tax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  discount_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['entity_level', 'item_level'] as const)),
  is_inclusive_tax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  salesperson_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  location_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  notes: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  terms: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  shipping_charge: optionalNumber,
  adjustment: optionalNumber,
  adjustment_description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  custom_fields: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceCustomFieldSchema)),
  tags: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceTagSchema)),
  place_of_supply: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in gcc
  gst_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(GST_TREATMENTS)), // in
  gst_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in
  vat_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(UK_VAT_TREATMENTS)), // uk
  tax_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(TAX_TREATMENTS)), // gcc mx ke za
  is_reverse_charge_applied: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), // za
  tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  tax_authority_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // us
  tax_exemption_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // in us
  avatax_use_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // Avalara
  avatax_exempt_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // Avalara
};

/** Document fields of an estimate or sales order reply, beyond the writable ones. */
export const salesDocumentRead = {
  customer_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  currency_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  sub_total: optionalNumber,
  tax_total: optionalNumber,
  total: optionalNumber,
  taxes: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), tax_amount: optionalNumber }))),
  created_time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  last_modified_time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
};
