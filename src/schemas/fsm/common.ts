import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { GST_TREATMENTS, INDIAN_STATE_CODES, UK_VAT_TREATMENTS } from '../tax-codes.js';

/**
 * A lookup to another FSM record as replies carry it: `{ name, id }` (zoho-api.md §4.3).
 *
 * @example
 * ```ts
 * FsmLookupSchema.parse({ name: 'Zylker Inc', id: 1011000000195085 }).id; // '1011000000195085'
 * ```
 */
export const FsmLookupSchema = z.looseObject({
  id: ZohoIdSchema,
  name: z.string().nullish(),
});

/** A lookup `{ name, id }`. */
export type FsmLookup = z.output<typeof FsmLookupSchema>;

/**
 * A lookup field as either side writes it: replies carry `{ name, id }`, create/update bodies a
 * bare id string (`"Company": "1011000000195085"` in FSM's create samples). Both parse.
 *
 * @example
 * ```ts
 * FsmLookupRefSchema.parse('1011000000195085'); // '1011000000195085'
 * ```
 */
export const FsmLookupRefSchema = z.union([FsmLookupSchema, ZohoIdSchema]);

/** A lookup object or a bare id. */
export type FsmLookupRef = z.output<typeof FsmLookupRefSchema>;

/**
 * A user reference: `Owner`, `Created_By`, `Modified_By`, `Dispatcher` (`{ name, id, email? }`).
 *
 * @example
 * ```ts
 * FsmUserSchema.parse({ name: 'Daniel Warne', id: '1011000000139001', email: 'd@example.com' });
 * ```
 */
export const FsmUserSchema = FsmLookupSchema.extend({ email: z.string().nullish() });

/** A user reference. */
export type FsmUser = z.output<typeof FsmUserSchema>;

/**
 * Edition tax fields FSM documents on companies and contacts (create-company.html,
 * create-contact.html). The docs list them without saying whether they sit in `Tax` or at the top
 * level, so both schemas accept them.
 */
export const fsmEditionTaxFields = {
  Taxable: z.boolean().nullish(),
  Tax_Name: z.string().nullish(),
  Tax_Exemption_Code: z.string().nullish(),
  Tax_Authority: z.union([z.string(), FsmLookupSchema]).nullish(),
  GST_Treatment: openEnum(GST_TREATMENTS).nullish(), // in
  Place_of_Supply: openEnum(INDIAN_STATE_CODES).nullish(), // in
  Tax_Reg_Number: z.string().nullish(), // in
  VAT_Treatment: openEnum(UK_VAT_TREATMENTS).nullish(), // uk
};

/**
 * FSM's tax block (`Tax` on records, addresses and line items; zoho-api.md §4.3). Its ids point
 * at Books/Invoice taxes, exemptions and authorities: FSM has no tax API of its own.
 *
 * @example
 * ```ts
 * FsmTaxSchema.parse({ Tax_Id: '2908070000000135005', Tax_Name: 'County tax', Tax_Percentage: 3.5, Taxable: true });
 * ```
 */
export const FsmTaxSchema = z.looseObject({
  ...fsmEditionTaxFields,
  Tax_Id: ZohoIdRefSchema.nullish(),
  Tax_Percentage: blankAsNull(ZohoPercentageSchema).optional(),
  Tax_Authority_Id: ZohoIdRefSchema.nullish(),
  Tax_Exemption_Id: ZohoIdRefSchema.nullish(),
});

/** FSM's tax block. */
export type FsmTax = z.output<typeof FsmTaxSchema>;

/**
 * An FSM address (`Billing_Address`, `Service_Address` of companies and contacts;
 * create-company.html). `Territory` is an id on input and a lookup on replies. Replies may carry
 * the address `id`, which work orders use to pick an address.
 *
 * @example
 * ```ts
 * FsmAddressSchema.parse({ Street_1: '523 S Webster St', City: 'Naperville', Zip_Code: 60540 }).Zip_Code; // '60540'
 * ```
 */
export const FsmAddressSchema = z.looseObject({
  id: ZohoIdSchema.nullish(),
  Address_Name: z.string().nullish(),
  Street_1: z.string().nullish(),
  Street_2: z.string().nullish(),
  City: z.string().nullish(),
  State: z.string().nullish(),
  Zip_Code: ZohoStringSchema.nullish(),
  Country: z.string().nullish(),
  Territory: FsmLookupRefSchema.nullish(),
  Tax: FsmTaxSchema.nullish(),
});

/** An FSM address. */
export type FsmAddress = z.output<typeof FsmAddressSchema>;

/**
 * Fields every FSM record reply carries (zoho-api.md §4.3). Timestamps stay ISO strings with a
 * colon offset (`2022-02-09T01:29:46-08:00`); compare them with `parseZohoTimestamp`.
 *
 * @example
 * ```ts
 * FsmRecordMetaSchema.parse({ id: '1011000000195085', Modified_Time: '2022-02-09T01:29:46-08:00' });
 * ```
 */
export const FsmRecordMetaSchema = z.looseObject({
  id: ZohoIdSchema,
  Owner: FsmUserSchema.nullish(),
  Created_By: FsmUserSchema.nullish(),
  Modified_By: FsmUserSchema.nullish(),
  Created_Time: z.string().nullish(),
  Modified_Time: z.string().nullish(),
  Currency: z.string().nullish(),
  Exchange_Rate: blankAsNull(ZohoNumberSchema).optional(),
  $currency_symbol: z.string().nullish(),
  $editable: z.boolean().nullish(),
  $inactive: z.boolean().nullish(),
  $permissions: z.looseObject({ read: z.boolean().nullish(), edit: z.boolean().nullish(), delete: z.boolean().nullish() }).nullish(),
});

/** The fields every FSM record reply carries. */
export type FsmRecordMeta = z.output<typeof FsmRecordMetaSchema>;
