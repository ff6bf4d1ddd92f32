import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { PRODUCT_TYPES, TAX_SPECIFICATIONS } from '../tax-codes.js';
import { FinanceCustomFieldSchema } from './common.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

const financeItemTaxPreferenceObject = /* @__PURE__ */ z.looseObject({
  tax_id: ZohoIdRefSchema,
  tax_specification: /* @__PURE__ */ openEnum(TAX_SPECIFICATIONS),
  tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_percentage: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema)),
});

/**
 * India: an item's default tax for intra-state or inter-state supply (`item_tax_preferences[]`). Without it, the org's default intra/inter taxes apply.
 *
 * @example
 * ```ts
 * FinanceItemTaxPreferenceSchema.parse({ tax_id: '2000000002396', tax_specification: 'intra' });
 * ```
 */
export const FinanceItemTaxPreferenceSchema: RecordSchema<FinanceItemTaxPreference, typeof financeItemTaxPreferenceObject> = financeItemTaxPreferenceObject;

/** An item tax preference (India). */
export interface FinanceItemTaxPreference extends KnownFields<z.output<typeof financeItemTaxPreferenceObject>> {}

// Fields a caller may write (Zoho's Items API reference create/update bodies). Edition tags in comments.
const writable = {
  name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  rate: optionalNumber,
  description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  unit: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  sku: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  product_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(PRODUCT_TYPES)),
  tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // not us, in
  tax_percentage: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema)), // "70%" in the OAS
  is_taxable: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), // in us mx ke za
  tax_exemption_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // in us mx ke za; required when is_taxable is false
  purchase_tax_exemption_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // ke za
  purchase_tax_rule_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // mx ke za
  sales_tax_rule_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // mx ke za
  hsn_or_sac: /* @__PURE__ */ z.nullish(ZohoStringSchema), // in ke za
  sat_item_key_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // mx
  unitkey_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // mx
  item_tax_preferences: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceItemTaxPreferenceSchema)), // in
  account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  item_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['sales', 'purchases', 'sales_and_purchases', 'inventory'] as const)),
  purchase_description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  purchase_rate: optionalNumber,
  purchase_account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  inventory_account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  vendor_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  reorder_level: optionalNumber,
  avatax_tax_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // Avalara
  avatax_use_code: /* @__PURE__ */ z.nullish(ZohoStringSchema), // Avalara
  locations: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ location_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema) }))),
  custom_fields: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceCustomFieldSchema)),
};

const financeItemObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  item_id: ZohoIdSchema,
  status: z.nullish(openEnum(['active', 'inactive'] as const)),
  tax_name: z.nullish(z.string()),
  tax_type: z.nullish(z.string()),
  created_time: z.nullish(z.string()),
  last_modified_time: z.nullish(z.string()),
}))();

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
export const FinanceItemSchema: RecordSchema<FinanceItem, typeof financeItemObject> = financeItemObject;

/** A Books/Invoice item. */
export interface FinanceItem extends KnownFields<z.output<typeof financeItemObject>> {}

/**
 * Input of `POST /items`: `name` and `rate` are required (Zoho's Items API reference).
 *
 * @example
 * ```ts
 * FinanceItemCreateSchema.parse({ name: 'AC service', rate: 450, product_type: 'service', hsn_or_sac: '998719' });
 * ```
 */
export const FinanceItemCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  name: z.string().check(z.minLength(1)),
  rate: ZohoNumberSchema,
}))();

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
export const FinanceItemUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /items/{id}`. */
export type FinanceItemUpdate = z.infer<typeof FinanceItemUpdateSchema>;
