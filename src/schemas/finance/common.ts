import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema } from '../ids.js';
import { ZohoStringSchema } from '../scalars.js';

const financeAddressObject = /* @__PURE__ */ z.looseObject({
  address_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  attention: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  address: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  street2: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  state_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  city: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  state: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  zip: /* @__PURE__ */ z.nullish(ZohoStringSchema),
  country: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  fax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  phone: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

/**
 * A Books/Invoice address (`billing_address`, `shipping_address`; Zoho's Contacts API reference). Every field is
 * optional and may be `null`; `zip` may arrive as a JSON number and becomes a string.
 *
 * @example
 * ```ts
 * FinanceAddressSchema.parse({ address: '4900 Hopyard Rd', city: 'Pleasanton', zip: 94588 }).zip; // '94588'
 * ```
 */
export const FinanceAddressSchema: RecordSchema<FinanceAddress, typeof financeAddressObject> = financeAddressObject;

/** A Books/Invoice address. */
export interface FinanceAddress extends KnownFields<z.output<typeof financeAddressObject>> {}

const financeCustomFieldObject = /* @__PURE__ */ z.looseObject({
  customfield_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  index: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.number()),
  label: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  api_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  value: /* @__PURE__ */ z.unknown(),
});

/**
 * A custom field value. Replies carry `index`/`label` (contacts) or `customfield_id` (items,
 * invoices); inputs name the field by `customfield_id` or `index`. `value` is whatever the field
 * type holds, so it stays `unknown` until you narrow it.
 *
 * @example
 * ```ts
 * FinanceCustomFieldSchema.parse({ customfield_id: '46000000012845', value: 'Normal' });
 * ```
 */
export const FinanceCustomFieldSchema: RecordSchema<FinanceCustomField, typeof financeCustomFieldObject> = financeCustomFieldObject;

/** A Books/Invoice custom field value. */
export interface FinanceCustomField extends KnownFields<z.output<typeof financeCustomFieldObject>> {}

const financeTagObject = /* @__PURE__ */ z.looseObject({
  tag_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  tag_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tag_option_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  tag_option_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

/**
 * A reporting tag on a record or line item (`tags[]`; Zoho's Contacts API reference, Zoho's Invoices API reference).
 *
 * @example
 * ```ts
 * FinanceTagSchema.parse({ tag_id: '460000000000567', tag_option_id: '460000000014044' });
 * ```
 */
export const FinanceTagSchema: RecordSchema<FinanceTag, typeof financeTagObject> = financeTagObject;

/** A reporting tag. */
export interface FinanceTag extends KnownFields<z.output<typeof financeTagObject>> {}
