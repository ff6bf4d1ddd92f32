import { z } from 'zod';
import { ZohoIdRefSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema } from './common.js';
import { FsmLookupRefSchema } from './lookup.js';
import { FsmServiceLineItemInputSchema, FsmServiceLineItemSchema, FsmWorkOrderServiceAddressSchema } from './work-order.js';

/**
 * The status of an FSM estimate. FSM's API pages list the Estimates module without its fields:
 * these values are an assumption of this SDK (and its sandbox). Open: any other value parses.
 *
 * @example
 * ```ts
 * FsmEstimateStatusSchema.parse('Accepted'); // 'Accepted'
 * ```
 */
export const FsmEstimateStatusSchema = openEnum(['Draft', 'Sent', 'Accepted', 'Declined'] as const);

/** The status of an FSM estimate. */
export type FsmEstimateStatus = z.infer<typeof FsmEstimateStatusSchema>;

// Fields a caller may write. Assumed from the work order's shape: an estimate quotes the same lines.
const writable = {
  Summary: z.string().nullish(),
  Status: FsmEstimateStatusSchema.nullish(),
  Company: FsmLookupRefSchema.nullish(),
  Contact: FsmLookupRefSchema.nullish(),
  Territory: FsmLookupRefSchema.nullish(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  Expiry_Date: z.string().nullish(),
  Billing_Address: FsmAddressSchema.nullish(),
  Service_Address: FsmWorkOrderServiceAddressSchema.nullish(),
  Service_Line_Items: z.array(FsmServiceLineItemInputSchema).nullish(),
  Discount: blankAsNull(ZohoNumberSchema).optional(),
  // The Books/Invoice estimate this one is linked to (as `ZBilling_Id` on companies).
  ZBilling_Id: ZohoIdRefSchema.nullish(),
};

/**
 * An FSM estimate (module `Estimates`): a quote for service lines, which a Books/Invoice
 * estimate mirrors through `ZBilling_Id`. Fields beyond `Name`, `Summary`, `Status`, the lookups,
 * the addresses and the lines pass through untyped.
 *
 * @example
 * ```ts
 * const estimate = FsmEstimateSchema.parse(reply.data[0]);
 * estimate.Service_Line_Items?.map((line) => line.Service);
 * ```
 */
export const FsmEstimateSchema = z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Name: z.string().nullish(),
  Service_Line_Items: z.array(FsmServiceLineItemSchema).nullish(),
});

/** An FSM estimate. */
export type FsmEstimate = z.infer<typeof FsmEstimateSchema>;

/**
 * Input of `POST /Estimates` (one element of `data`): `Summary` is mandatory (an assumption, as on
 * work orders).
 *
 * @example
 * ```ts
 * FsmEstimateCreateSchema.parse({ Summary: 'Replace the boiler', Company: '1011000000195085', Service_Line_Items: [{ Service: '1011000000195223', Quantity: 1 }] });
 * ```
 */
export const FsmEstimateCreateSchema = z.looseObject({ ...writable, Summary: z.string().min(1) });

/** Input of `POST /Estimates`. */
export type FsmEstimateCreate = z.infer<typeof FsmEstimateCreateSchema>;

/**
 * Input of `PUT /Estimates/{id}`: every field optional; lines edit, add and delete as on work orders.
 *
 * @example
 * ```ts
 * FsmEstimateUpdateSchema.parse({ Status: 'Accepted', ZBilling_Id: '460000000026049' });
 * ```
 */
export const FsmEstimateUpdateSchema = z.looseObject(writable);

/** Input of `PUT /Estimates/{id}`. */
export type FsmEstimateUpdate = z.infer<typeof FsmEstimateUpdateSchema>;
