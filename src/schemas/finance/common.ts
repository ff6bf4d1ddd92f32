import * as z from 'zod/mini';
import { ZohoIdRefSchema } from '../ids.js';
import { ZohoStringSchema } from '../scalars.js';

/**
 * A Books/Invoice address (`billing_address`, `shipping_address`; contacts.yml). Every field is
 * optional and may be `null`; `zip` may arrive as a JSON number and becomes a string.
 *
 * @example
 * ```ts
 * FinanceAddressSchema.parse({ address: '4900 Hopyard Rd', city: 'Pleasanton', zip: 94588 }).zip; // '94588'
 * ```
 */
export const FinanceAddressSchema = z.looseObject({
  address_id: z.nullish(ZohoIdRefSchema),
  attention: z.nullish(z.string()),
  address: z.nullish(z.string()),
  street2: z.nullish(z.string()),
  state_code: z.nullish(z.string()),
  city: z.nullish(z.string()),
  state: z.nullish(z.string()),
  zip: z.nullish(ZohoStringSchema),
  country: z.nullish(z.string()),
  fax: z.nullish(z.string()),
  phone: z.nullish(z.string()),
});

/** A Books/Invoice address. */
export type FinanceAddress = z.infer<typeof FinanceAddressSchema>;

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
export const FinanceCustomFieldSchema = z.looseObject({
  customfield_id: z.nullish(ZohoIdRefSchema),
  index: z.nullish(z.number()),
  label: z.nullish(z.string()),
  api_name: z.nullish(z.string()),
  value: z.unknown(),
});

/** A Books/Invoice custom field value. */
export type FinanceCustomField = z.infer<typeof FinanceCustomFieldSchema>;

/**
 * A reporting tag on a record or line item (`tags[]`; contacts.yml, invoices.yml).
 *
 * @example
 * ```ts
 * FinanceTagSchema.parse({ tag_id: '460000000000567', tag_option_id: '460000000014044' });
 * ```
 */
export const FinanceTagSchema = z.looseObject({
  tag_id: z.nullish(ZohoIdRefSchema),
  tag_name: z.nullish(z.string()),
  tag_option_id: z.nullish(ZohoIdRefSchema),
  tag_option_name: z.nullish(z.string()),
});

/** A reporting tag. */
export type FinanceTag = z.infer<typeof FinanceTagSchema>;
