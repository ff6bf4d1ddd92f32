import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { PRODUCT_TYPES, TAX_SPECIFICATIONS } from '../tax-codes.js';
import { FinanceCustomFieldSchema } from './common.js';

const optionalNumber = blankAsNull(ZohoNumberSchema).optional();

/**
 * India: an item's default tax for intra-state or inter-state supply (`item_tax_preferences[]`). Without it, the org's default intra/inter taxes apply.
 *
 * @example
 * ```ts
 * FinanceItemTaxPreferenceSchema.parse({ tax_id: '2000000002396', tax_specification: 'intra' });
 * ```
 */
export const FinanceItemTaxPreferenceSchema = z.looseObject({
  tax_id: ZohoIdRefSchema,
  tax_specification: openEnum(TAX_SPECIFICATIONS),
  tax_name: z.string().nullish(),
  tax_percentage: blankAsNull(ZohoPercentageSchema).optional(),
});

/** An item tax preference (India). */
export type FinanceItemTaxPreference = z.infer<typeof FinanceItemTaxPreferenceSchema>;

// Fields a caller may write (items.yml create/update bodies). Edition tags in comments.
const writable = {
  name: z.string().nullish(),
  rate: optionalNumber,
  description: z.string().nullish(),
  unit: z.string().nullish(),
  sku: z.string().nullish(),
  product_type: openEnum(PRODUCT_TYPES).nullish(),
  tax_id: ZohoIdRefSchema.nullish(), // not us, in
  tax_percentage: blankAsNull(ZohoPercentageSchema).optional(), // "70%" in the OAS
  is_taxable: z.boolean().nullish(), // in us mx ke za
  tax_exemption_id: ZohoIdRefSchema.nullish(), // in us mx ke za; required when is_taxable is false
  purchase_tax_exemption_id: ZohoIdRefSchema.nullish(), // ke za
  purchase_tax_rule_id: ZohoIdRefSchema.nullish(), // mx ke za
  sales_tax_rule_id: ZohoIdRefSchema.nullish(), // mx ke za
  hsn_or_sac: ZohoStringSchema.nullish(), // in ke za
  sat_item_key_code: ZohoStringSchema.nullish(), // mx
  unitkey_code: ZohoStringSchema.nullish(), // mx
  item_tax_preferences: z.array(FinanceItemTaxPreferenceSchema).nullish(), // in
  account_id: ZohoIdRefSchema.nullish(),
  item_type: openEnum(['sales', 'purchases', 'sales_and_purchases', 'inventory'] as const).nullish(),
  purchase_description: z.string().nullish(),
  purchase_rate: optionalNumber,
  purchase_account_id: ZohoIdRefSchema.nullish(),
  inventory_account_id: ZohoIdRefSchema.nullish(),
  vendor_id: ZohoIdRefSchema.nullish(),
  reorder_level: optionalNumber,
  avatax_tax_code: ZohoStringSchema.nullish(), // Avalara
  avatax_use_code: ZohoStringSchema.nullish(), // Avalara
  locations: z.array(z.looseObject({ location_id: ZohoIdRefSchema.nullish() })).nullish(),
  custom_fields: z.array(FinanceCustomFieldSchema).nullish(),
};

/**
 * A Books/Invoice item. The OAS reply has no `created_time` /
 * `last_modified_time`; if Zoho sends them they are typed here as optional strings.
 *
 * @example
 * ```ts
 * const item = FinanceItemSchema.parse({ item_id: 45667789900, name: 'Hard Drive', rate: 120, tax_percentage: '70%' });
 * item.tax_percentage; // 70
 * ```
 */
export const FinanceItemSchema = z.looseObject({
  ...writable,
  item_id: ZohoIdSchema,
  status: openEnum(['active', 'inactive'] as const).nullish(),
  tax_name: z.string().nullish(),
  tax_type: z.string().nullish(),
  created_time: z.string().nullish(),
  last_modified_time: z.string().nullish(),
});

/** A Books/Invoice item. */
export type FinanceItem = z.infer<typeof FinanceItemSchema>;

/**
 * Input of `POST /items`: `name` and `rate` are required (items.yml).
 *
 * @example
 * ```ts
 * FinanceItemCreateSchema.parse({ name: 'AC service', rate: 450, product_type: 'service', hsn_or_sac: '998719' });
 * ```
 */
export const FinanceItemCreateSchema = z.looseObject({
  ...writable,
  name: z.string().min(1),
  rate: ZohoNumberSchema,
});

/** Input of `POST /items`. */
export type FinanceItemCreate = z.infer<typeof FinanceItemCreateSchema>;

/**
 * Input of `PUT /items/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FinanceItemUpdateSchema.parse({ rate: 480 });
 * ```
 */
export const FinanceItemUpdateSchema = z.looseObject(writable);

/** Input of `PUT /items/{id}`. */
export type FinanceItemUpdate = z.infer<typeof FinanceItemUpdateSchema>;
