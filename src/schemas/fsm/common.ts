import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { fsmEditionTaxFields } from './edition-tax-fields.js';
import { FsmLookupRefSchema, FsmUserSchema } from './lookup.js';

const fsmTaxObject = /* @__PURE__ */ (() => z.looseObject({
  ...fsmEditionTaxFields,
  Tax_Id: z.nullish(ZohoIdRefSchema),
  Tax_Percentage: z.optional(blankAsNull(ZohoPercentageSchema)),
  Tax_Authority_Id: z.nullish(ZohoIdRefSchema),
  Tax_Exemption_Id: z.nullish(ZohoIdRefSchema),
}))();

/**
 * FSM's tax block (`Tax` on records, addresses and line items). Its ids point
 * at Books/Invoice taxes, exemptions and authorities: FSM has no tax API of its own.
 *
 * @example
 * ```ts
 * FsmTaxSchema.parse({ Tax_Id: '2908070000000135005', Tax_Name: 'County tax', Tax_Percentage: 3.5, Taxable: true });
 * ```
 */
export const FsmTaxSchema: RecordSchema<FsmTax, typeof fsmTaxObject> = fsmTaxObject;

/** FSM's tax block. */
export interface FsmTax extends KnownFields<z.output<typeof fsmTaxObject>> {}

const fsmAddressObject = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ z.nullish(ZohoIdSchema),
  Address_Name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Street_1: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Street_2: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  City: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  State: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Zip_Code: /* @__PURE__ */ z.nullish(ZohoStringSchema),
  Country: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Territory: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Tax: /* @__PURE__ */ z.nullish(FsmTaxSchema),
});

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
export const FsmAddressSchema: RecordSchema<FsmAddress, typeof fsmAddressObject> = fsmAddressObject;

/** An FSM address. */
export interface FsmAddress extends KnownFields<z.output<typeof fsmAddressObject>> {}

const fsmRecordMetaObject = /* @__PURE__ */ z.looseObject({
  id: ZohoIdSchema,
  Owner: /* @__PURE__ */ z.nullish(FsmUserSchema),
  Created_By: /* @__PURE__ */ z.nullish(FsmUserSchema),
  Modified_By: /* @__PURE__ */ z.nullish(FsmUserSchema),
  Created_Time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Modified_Time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Currency: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Exchange_Rate: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema)),
  $currency_symbol: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  $editable: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  $inactive: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  $permissions: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.looseObject({ read: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), edit: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), delete: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()) })),
});

/**
 * Fields every FSM record reply carries. Timestamps stay ISO strings with a
 * colon offset (`2022-02-09T01:29:46-08:00`); compare them with `parseZohoTimestamp`.
 *
 * @example
 * ```ts
 * FsmRecordMetaSchema.parse({ id: '1011000000195085', Modified_Time: '2022-02-09T01:29:46-08:00' });
 * ```
 */
export const FsmRecordMetaSchema: RecordSchema<FsmRecordMeta, typeof fsmRecordMetaObject> = fsmRecordMetaObject;

/** The fields every FSM record reply carries. */
export interface FsmRecordMeta extends KnownFields<z.output<typeof fsmRecordMetaObject>> {}
