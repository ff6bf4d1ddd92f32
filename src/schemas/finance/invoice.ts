import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoDiscountSchema, ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { GST_TREATMENTS, TAX_TREATMENTS, UK_VAT_TREATMENTS } from '../tax-codes.js';
import { FinanceAddressSchema, FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';

const optionalNumber = blankAsNull(ZohoNumberSchema).optional();

// Line item fields a caller may write (invoices.yml). Edition tags in comments.
const lineItemWritable = {
  item_id: ZohoIdRefSchema.nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  rate: optionalNumber,
  quantity: optionalNumber,
  unit: z.string().nullish(),
  // An amount, or a percentage string like "10%": kept as sent (see ZohoDiscountSchema).
  discount: ZohoDiscountSchema.nullish(),
  discount_amount: optionalNumber,
  item_order: optionalNumber,
  tax_id: ZohoIdRefSchema.nullish(),
  tax_name: z.string().nullish(),
  tax_type: z.string().nullish(),
  tax_percentage: blankAsNull(ZohoPercentageSchema).optional(),
  tax_treatment_code: z.string().nullish(), // gcc: out-of-scope reason, e.g. uae_same_tax_group
  tds_tax_id: ZohoIdRefSchema.nullish(), // mx
  hsn_or_sac: ZohoStringSchema.nullish(), // in ke za
  sat_item_key_code: ZohoStringSchema.nullish(), // mx
  unitkey_code: ZohoStringSchema.nullish(), // mx
  product_type: z.string().nullish(), // goods | services (+ capital_* in za)
  location_id: ZohoIdRefSchema.nullish(),
  project_id: ZohoIdRefSchema.nullish(),
  expense_id: ZohoIdRefSchema.nullish(),
  salesorder_item_id: ZohoIdRefSchema.nullish(),
  line_item_category: openEnum(['line_item', 'header', 'subtotal'] as const).nullish(),
  tags: z.array(FinanceTagSchema).nullish(),
};

/**
 * A line item of an invoice as Zoho returns it. `line_item_id` is required: it is what names an
 * existing line when the invoice is updated.
 *
 * @example
 * ```ts
 * FinanceInvoiceLineItemSchema.parse({ line_item_id: '982000000567021', item_id: '982000000030049', rate: 120, quantity: 1 });
 * ```
 */
export const FinanceInvoiceLineItemSchema = z.looseObject({
  ...lineItemWritable,
  line_item_id: ZohoIdSchema,
  item_total: optionalNumber,
  bcy_rate: optionalNumber,
});

/** A line item of an invoice. */
export type FinanceInvoiceLineItem = z.infer<typeof FinanceInvoiceLineItemSchema>;

/**
 * A line item in invoice create/update input: `item_id` is required (invoices.yml); give
 * `line_item_id` on update to edit an existing line.
 *
 * @example
 * ```ts
 * FinanceInvoiceLineItemInputSchema.parse({ item_id: '982000000030049', quantity: 2, rate: 120 });
 * ```
 */
export const FinanceInvoiceLineItemInputSchema = z.looseObject({
  ...lineItemWritable,
  line_item_id: ZohoIdRefSchema.nullish(),
  item_id: ZohoIdSchema,
});

/** A line item in invoice input. */
export type FinanceInvoiceLineItemInput = z.infer<typeof FinanceInvoiceLineItemInputSchema>;

// Invoice fields a caller may write (invoices.yml create/update bodies).
const writable = {
  customer_id: ZohoIdRefSchema.nullish(),
  currency_id: ZohoIdRefSchema.nullish(),
  contact_persons: z.array(ZohoIdSchema).nullish(),
  invoice_number: z.string().nullish(),
  reference_number: z.string().nullish(),
  template_id: ZohoIdRefSchema.nullish(),
  date: z.string().nullish(), // yyyy-mm-dd
  due_date: z.string().nullish(),
  payment_terms: optionalNumber,
  payment_terms_label: z.string().nullish(),
  discount: ZohoDiscountSchema.nullish(),
  is_discount_before_tax: z.boolean().nullish(),
  discount_type: openEnum(['entity_level', 'item_level'] as const).nullish(),
  is_inclusive_tax: z.boolean().nullish(),
  exchange_rate: optionalNumber,
  location_id: ZohoIdRefSchema.nullish(),
  salesperson_name: z.string().nullish(),
  salesperson_id: ZohoIdRefSchema.nullish(),
  notes: z.string().nullish(),
  terms: z.string().nullish(),
  shipping_charge: optionalNumber,
  adjustment: optionalNumber,
  adjustment_description: z.string().nullish(),
  allow_partial_payments: z.boolean().nullish(),
  billing_address_id: ZohoIdRefSchema.nullish(),
  shipping_address_id: ZohoIdRefSchema.nullish(),
  custom_fields: z.array(FinanceCustomFieldSchema).nullish(),
  tags: z.array(FinanceTagSchema).nullish(),
  place_of_supply: z.string().nullish(), // in (state code) gcc (emirate / country code)
  gst_treatment: openEnum(GST_TREATMENTS).nullish(), // in
  gst_no: z.string().nullish(), // in
  vat_treatment: openEnum(UK_VAT_TREATMENTS).nullish(), // uk
  tax_treatment: openEnum(TAX_TREATMENTS).nullish(), // gcc mx ke za
  is_reverse_charge_applied: z.boolean().nullish(), // za
  cfdi_usage: z.string().nullish(), // mx
  tax_authority_id: ZohoIdRefSchema.nullish(), // us
  tax_exemption_id: ZohoIdRefSchema.nullish(), // in us
  avatax_use_code: z.string().nullish(), // Avalara
  avatax_exempt_no: z.string().nullish(), // Avalara
};

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
export const FinanceInvoiceSchema = z.looseObject({
  ...writable,
  invoice_id: ZohoIdSchema,
  line_items: z.array(FinanceInvoiceLineItemSchema).nullish(),
  status: openEnum(['draft', 'sent', 'overdue', 'paid', 'void', 'unpaid', 'partially_paid', 'viewed'] as const).nullish(),
  customer_name: z.string().nullish(),
  currency_code: z.string().nullish(),
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
  last_payment_date: z.string().nullish(),
  price_precision: optionalNumber,
  taxes: z.array(z.looseObject({ tax_name: z.string().nullish(), tax_amount: optionalNumber })).nullish(),
  billing_address: FinanceAddressSchema.nullish(),
  shipping_address: FinanceAddressSchema.nullish(),
  is_pre_gst: z.boolean().nullish(), // in
  vat_reg_no: z.string().nullish(),
  invoice_url: z.string().nullish(),
  created_time: z.string().nullish(),
  last_modified_time: z.string().nullish(),
});

/** A Books/Invoice invoice. */
export type FinanceInvoice = z.infer<typeof FinanceInvoiceSchema>;

/**
 * Input of `POST /invoices`: `customer_id` and at least one line item are required (invoices.yml).
 *
 * @example
 * ```ts
 * FinanceInvoiceCreateSchema.parse({ customer_id: '982000000567001', line_items: [{ item_id: '982000000030049', quantity: 1 }] });
 * ```
 */
export const FinanceInvoiceCreateSchema = z.looseObject({
  ...writable,
  customer_id: ZohoIdSchema,
  line_items: z.array(FinanceInvoiceLineItemInputSchema).min(1, 'An invoice needs at least one line item'),
});

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
export const FinanceInvoiceUpdateSchema = z.looseObject({
  ...writable,
  line_items: z.array(FinanceInvoiceLineItemInputSchema).nullish(),
});

/** Input of `PUT /invoices/{id}`. */
export type FinanceInvoiceUpdate = z.infer<typeof FinanceInvoiceUpdateSchema>;
