import * as z from 'zod/mini';
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
  Tax_Id: z.nullish(ZohoIdRefSchema),
  Tax_Percentage: z.optional(blankAsNull(ZohoPercentageSchema)),
  Tax_Authority_Id: z.nullish(ZohoIdRefSchema),
  Tax_Exemption_Id: z.nullish(ZohoIdRefSchema),
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
  id: z.nullish(ZohoIdSchema),
  Address_Name: z.nullish(z.string()),
  Street_1: z.nullish(z.string()),
  Street_2: z.nullish(z.string()),
  City: z.nullish(z.string()),
  State: z.nullish(z.string()),
  Zip_Code: z.nullish(ZohoStringSchema),
  Country: z.nullish(z.string()),
  Territory: z.nullish(FsmLookupRefSchema),
  Tax: z.nullish(FsmTaxSchema),
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
  Owner: z.nullish(FsmUserSchema),
  Created_By: z.nullish(FsmUserSchema),
  Modified_By: z.nullish(FsmUserSchema),
  Created_Time: z.nullish(z.string()),
  Modified_Time: z.nullish(z.string()),
  Currency: z.nullish(z.string()),
  Exchange_Rate: z.optional(blankAsNull(ZohoNumberSchema)),
  $currency_symbol: z.nullish(z.string()),
  $editable: z.nullish(z.boolean()),
  $inactive: z.nullish(z.boolean()),
  $permissions: z.nullish(z.looseObject({ read: z.nullish(z.boolean()), edit: z.nullish(z.boolean()), delete: z.nullish(z.boolean()) })),
});

/** The fields every FSM record reply carries. */
export type FsmRecordMeta = z.infer<typeof FsmRecordMetaSchema>;
