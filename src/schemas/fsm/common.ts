import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { fsmEditionTaxFields } from './edition-tax-fields.js';
import { FsmLookupRefSchema, FsmUserSchema } from './lookup.js';

/**
 * FSM's tax block (`Tax` on records, addresses and line items). Its ids point
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
export type FsmTax = z.infer<typeof FsmTaxSchema>;

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
export type FsmAddress = z.infer<typeof FsmAddressSchema>;

/**
 * Fields every FSM record reply carries. Timestamps stay ISO strings with a
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
export type FsmRecordMeta = z.infer<typeof FsmRecordMetaSchema>;
