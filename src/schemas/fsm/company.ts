import { z } from 'zod';
import { ZohoIdRefSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema, FsmTaxSchema } from './common.js';
import { fsmEditionTaxFields } from './edition-tax-fields.js';

// Fields a caller may write (create-company.html). Custom fields `*__C` pass through untyped.
const writable = {
  ...fsmEditionTaxFields,
  Company_Name: z.string().nullish(),
  Company_Type: z.string().nullish(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  Mobile: z.string().nullish(),
  Website: z.string().nullish(),
  Fax: z.string().nullish(),
  Billing_Address: FsmAddressSchema.nullish(),
  Service_Address: FsmAddressSchema.nullish(),
  Tax: FsmTaxSchema.nullish(),
  Currency: z.string().nullish(), // required with multi-currency
  Exchange_Rate: blankAsNull(ZohoNumberSchema).optional(),
  ZBilling_Id: ZohoIdRefSchema.nullish(), // the linked Books/Invoice customer
};

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
export const FsmCompanySchema = z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  ZCRM_Id: ZohoIdRefSchema.nullish(),
  // A JSON string of tax settings; kept as text.
  Config: z.string().nullish(),
});

/** An FSM company. */
export type FsmCompany = z.infer<typeof FsmCompanySchema>;

/**
 * Input of `POST /Companies` (one element of `data`): `Company_Name` is required
 * (create-company.html).
 *
 * @example
 * ```ts
 * FsmCompanyCreateSchema.parse({ Company_Name: 'Zylker', Email: 'people@zylker.com', Region__C: 'North' });
 * ```
 */
export const FsmCompanyCreateSchema = z.looseObject({ ...writable, Company_Name: z.string().min(1) });

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
export const FsmCompanyUpdateSchema = z.looseObject(writable);

/** Input of `PUT /Companies/{id}`. */
export type FsmCompanyUpdate = z.infer<typeof FsmCompanyUpdateSchema>;
