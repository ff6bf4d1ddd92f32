import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema, FsmTaxSchema } from './common.js';
import { fsmEditionTaxFields } from './edition-tax-fields.js';
import { FsmLookupRefSchema } from './lookup.js';

// Fields a caller may write (create-contact.html). Custom fields `*__C` pass through untyped.
const writable = /* @__PURE__ */ (() => ({
  ...fsmEditionTaxFields,
  Salutation: z.nullish(z.string()),
  First_Name: z.nullish(z.string()),
  Last_Name: z.nullish(z.string()),
  Email: z.nullish(z.string()),
  Phone: z.nullish(z.string()),
  Mobile: z.nullish(z.string()),
  Company: z.nullish(FsmLookupRefSchema),
  Billing_Address: z.nullish(FsmAddressSchema),
  Service_Address: z.nullish(FsmAddressSchema),
  Tax: z.nullish(FsmTaxSchema),
  Currency: z.nullish(z.string()), // required with multi-currency
  Exchange_Rate: z.optional(blankAsNull(ZohoNumberSchema)),
  ZBilling_Id: z.nullish(ZohoIdRefSchema), // the linked Books/Invoice customer or contact person
}))();

const fsmContactObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Full_Name: z.nullish(z.string()),
  ZCRM_Id: z.nullish(ZohoIdRefSchema),
}))();

/**
 * An FSM contact. Depending on the sync type it maps to an individual
 * Books/Invoice customer or to a contact person of the company's customer.
 *
 * @example
 * ```ts
 * const contact = FsmContactSchema.parse(reply.data[0]);
 * typeof contact.Company === 'object' ? contact.Company?.id : contact.Company;
 * ```
 */
export const FsmContactSchema: RecordSchema<FsmContact, typeof fsmContactObject> = fsmContactObject;

/** An FSM contact. */
export interface FsmContact extends KnownFields<z.output<typeof fsmContactObject>> {}

/**
 * Input of `POST /Contacts` (one element of `data`): `Last_Name` and `Email` are required
 * (create-contact.html).
 *
 * @example
 * ```ts
 * FsmContactCreateSchema.parse({ Last_Name: 'Robins', Email: 'lucy.robins@zylker.com', Company: '1011000000195085' });
 * ```
 */
export const FsmContactCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  Last_Name: z.string().check(z.minLength(1)),
  Email: z.string().check(z.minLength(1)),
}))();

/** Input of `POST /Contacts`. */
export type FsmContactCreate = z.infer<typeof FsmContactCreateSchema>;

/**
 * Input of `PUT /Contacts/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FsmContactUpdateSchema.parse({ Mobile: '987-654-3210' });
 * ```
 */
export const FsmContactUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Contacts/{id}`. */
export type FsmContactUpdate = z.infer<typeof FsmContactUpdateSchema>;
