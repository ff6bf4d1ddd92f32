import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema, FsmTaxSchema } from './common.js';
import { fsmEditionTaxFields } from './edition-tax-fields.js';

// Fields a caller may write (create-company.html). Custom fields `*__C` pass through untyped.
const writable = /* @__PURE__ */ (() => ({
  ...fsmEditionTaxFields,
  Company_Name: z.nullish(z.string()),
  Company_Type: z.nullish(z.string()),
  Email: z.nullish(z.string()),
  Phone: z.nullish(z.string()),
  Mobile: z.nullish(z.string()),
  Website: z.nullish(z.string()),
  Fax: z.nullish(z.string()),
  Billing_Address: z.nullish(FsmAddressSchema),
  Service_Address: z.nullish(FsmAddressSchema),
  Tax: z.nullish(FsmTaxSchema),
  Currency: z.nullish(z.string()), // required with multi-currency
  Exchange_Rate: z.optional(blankAsNull(ZohoNumberSchema)),
  ZBilling_Id: z.nullish(ZohoIdRefSchema), // the linked Books/Invoice customer
}))();

const fsmCompanyObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  ZCRM_Id: z.nullish(ZohoIdRefSchema),
  // A JSON string of tax settings; kept as text.
  Config: z.nullish(z.string()),
}))();

/**
 * An FSM company (get-companies.html): the business customer that maps to a
 * Books/Invoice customer of sub-type `business`.
 *
 * @example
 * ```ts
 * const company = FsmCompanySchema.parse(reply.data[0]);
 * company.ZBilling_Id; // Books contact_id once linked
 * ```
 */
export const FsmCompanySchema: RecordSchema<FsmCompany, typeof fsmCompanyObject> = fsmCompanyObject;

/** An FSM company. */
export interface FsmCompany extends KnownFields<z.output<typeof fsmCompanyObject>> {}

/**
 * Input of `POST /Companies` (one element of `data`): `Company_Name` is required
 * (create-company.html).
 *
 * @example
 * ```ts
 * FsmCompanyCreateSchema.parse({ Company_Name: 'Zylker', Email: 'people@zylker.com', Region__C: 'North' });
 * ```
 */
export const FsmCompanyCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, Company_Name: z.string().check(z.minLength(1)) }))();

/** Input of `POST /Companies`. */
export type FsmCompanyCreate = z.infer<typeof FsmCompanyCreateSchema>;

/**
 * Input of `PUT /Companies/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FsmCompanyUpdateSchema.parse({ Phone: '555-555-5555', Fax: null });
 * ```
 */
export const FsmCompanyUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Companies/{id}`. */
export type FsmCompanyUpdate = z.infer<typeof FsmCompanyUpdateSchema>;
