import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoDiscountSchema, ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { GST_TREATMENTS, TAX_TREATMENTS, UK_VAT_TREATMENTS } from '../tax-codes.js';
import { FinanceAddressSchema, FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

// Line item fields a caller may write (Zoho's Invoices API reference). Edition tags in comments.
const lineItemWritable = {
  item_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  rate: optionalNumber,
  quantity: optionalNumber,
  unit: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  // An amount, or a percentage string like "10%": kept as sent (see ZohoDiscountSchema).
  discount: /* @__PURE__ */ z.nullish(ZohoDiscountSchema),
  discount_amount: optionalNumber,
  item_order: optionalNumber,
  tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_percentage: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema)),
  tax_treatment_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // gcc: out-of-scope reason, e.g. uae_same_tax_group
  tds_tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // mx
  hsn_or_sac: /* @__PURE__ */ z.nullish(ZohoStringSchema), // in ke za
  sat_item_key_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // mx
  unitkey_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // mx
  product_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // goods | services (+ capital_* in za)
  location_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  project_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  expense_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  salesorder_item_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  line_item_category: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['line_item', 'header', 'subtotal'] as const)),
  tags: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceTagSchema)),
};

const financeInvoiceLineItemObject = /* @__PURE__ */ (() => z.looseObject({
  ...lineItemWritable,
  line_item_id: ZohoIdSchema,
  item_total: optionalNumber,
  bcy_rate: optionalNumber,
}))();

/**
 * A line item of an invoice as Zoho returns it. `line_item_id` is required: it is what names an
 * existing line when the invoice is updated.
 *
 * @example
 * ```ts
 * FinanceInvoiceLineItemSchema.parse({ line_item_id: '982000000567021', item_id: '982000000030049', rate: 120, quantity: 1 });
 * ```
 */
export const FinanceInvoiceLineItemSchema: RecordSchema<FinanceInvoiceLineItem, typeof financeInvoiceLineItemObject> = financeInvoiceLineItemObject;

/** A line item of an invoice. */
export interface FinanceInvoiceLineItem extends KnownFields<z.output<typeof financeInvoiceLineItemObject>> {}

/**
 * A line item in invoice create/update input: `item_id` is required (Zoho's Invoices API reference); give
 * `line_item_id` on update to edit an existing line.
 *
 * @example
 * ```ts
 * FinanceInvoiceLineItemInputSchema.parse({ item_id: '982000000030049', quantity: 2, rate: 120 });
 * ```
 */
export const FinanceInvoiceLineItemInputSchema = /* @__PURE__ */ (() => z.looseObject({
  ...lineItemWritable,
  line_item_id: z.nullish(ZohoIdRefSchema),
  item_id: ZohoIdSchema,
}))();

/** A line item in invoice input. */
export type FinanceInvoiceLineItemInput = z.infer<typeof FinanceInvoiceLineItemInputSchema>;

// Invoice fields a caller may write (Zoho's Invoices API reference create/update bodies).
const writable = {
  customer_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  currency_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  contact_persons: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(ZohoIdSchema)),
  invoice_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  reference_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  template_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // yyyy-mm-dd
  due_date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  payment_terms: optionalNumber,
  payment_terms_label: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  discount: /* @__PURE__ */ z.nullish(ZohoDiscountSchema),
  is_discount_before_tax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  discount_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['entity_level', 'item_level'] as const)),
  is_inclusive_tax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  exchange_rate: optionalNumber,
  location_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  salesperson_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  salesperson_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  notes: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  terms: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  shipping_charge: optionalNumber,
  adjustment: optionalNumber,
  adjustment_description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  allow_partial_payments: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  billing_address_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  shipping_address_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  custom_fields: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceCustomFieldSchema)),
  tags: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceTagSchema)),
  place_of_supply: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in (state code) gcc (emirate / country code)
  gst_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(GST_TREATMENTS)), // in
  gst_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in
  vat_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(UK_VAT_TREATMENTS)), // uk
  tax_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(TAX_TREATMENTS)), // gcc mx ke za
  is_reverse_charge_applied: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), // za
  cfdi_usage: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // mx
  tax_authority_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // us
  tax_exemption_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // in us
  avatax_use_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // Avalara
  avatax_exempt_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // Avalara
};

const financeInvoiceObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  invoice_id: ZohoIdSchema,
  line_items: z.nullish(z.array(FinanceInvoiceLineItemSchema)),
  status: z.nullish(openEnum(['draft', 'sent', 'overdue', 'paid', 'void', 'unpaid', 'partially_paid', 'viewed'] as const)),
  customer_name: z.nullish(z.string()),
  currency_code: z.nullish(z.string()),
  sub_total: optionalNumber,
  tax_total: optionalNumber,
  total: optionalNumber,
  balance: optionalNumber,
  payment_made: optionalNumber,
  credits_applied: optionalNumber,
  write_off_amount: optionalNumber,
  /** The entity-level discount as an amount. */
  discount_amount: optionalNumber,
  /** What the org's "Rounding off in sales transactions" added to (or took from) the total. */
  roundoff_value: optionalNumber,
  last_payment_date: z.nullish(z.string()),
  price_precision: optionalNumber,
  taxes: z.nullish(z.array(z.looseObject({ tax_name: z.nullish(z.string()), tax_amount: optionalNumber }))),
  billing_address: z.nullish(FinanceAddressSchema),
  shipping_address: z.nullish(FinanceAddressSchema),
  is_pre_gst: z.nullish(z.boolean()), // in
  vat_reg_no: z.nullish(z.string()),
  invoice_url: z.nullish(z.string()),
  created_time: z.nullish(z.string()),
  last_modified_time: z.nullish(z.string()),
}))();

/**
 * A Books/Invoice invoice. List replies omit `line_items`; `total` and `balance`
 * arrive as strings in the OAS and parse to numbers.
 *
 * @example
 * ```ts
 * const invoice = FinanceInvoiceSchema.parse(reply.invoice);
 * invoice.line_items?.map((line) => line.line_item_id);
 * ```
 */
export const FinanceInvoiceSchema: RecordSchema<FinanceInvoice, typeof financeInvoiceObject> = financeInvoiceObject;

/** A Books/Invoice invoice. */
export interface FinanceInvoice extends KnownFields<z.output<typeof financeInvoiceObject>> {}

/**
 * Input of `POST /invoices`: `customer_id` and at least one line item are required (Zoho's Invoices API reference).
 *
 * @example
 * ```ts
 * FinanceInvoiceCreateSchema.parse({ customer_id: '982000000567001', line_items: [{ item_id: '982000000030049', quantity: 1 }] });
 * ```
 */
export const FinanceInvoiceCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  customer_id: ZohoIdSchema,
  line_items: z.array(FinanceInvoiceLineItemInputSchema).check(z.minLength(1, 'An invoice needs at least one line item')),
}))();

/** Input of `POST /invoices`. */
export type FinanceInvoiceCreate = z.infer<typeof FinanceInvoiceCreateSchema>;

/**
 * Input of `PUT /invoices/{id}`: every field optional. When you send `line_items`, give each
 * existing line its `line_item_id`; what Zoho does with lines you leave out is not documented in
 * the OAS.
 *
 * @example
 * ```ts
 * FinanceInvoiceUpdateSchema.parse({ notes: 'Thanks for your business.' });
 * ```
 */
export const FinanceInvoiceUpdateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  line_items: z.nullish(z.array(FinanceInvoiceLineItemInputSchema)),
}))();

/** Input of `PUT /invoices/{id}`. */
export type FinanceInvoiceUpdate = z.infer<typeof FinanceInvoiceUpdateSchema>;
