import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
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
export const FsmEstimateStatusSchema = /* @__PURE__ */ openEnum(['Draft', 'Sent', 'Accepted', 'Declined'] as const);

/** The status of an FSM estimate. */
export type FsmEstimateStatus = z.infer<typeof FsmEstimateStatusSchema>;

// Fields a caller may write. Assumed from the work order's shape: an estimate quotes the same lines.
const writable = {
  Summary: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Status: /* @__PURE__ */ z.nullish(FsmEstimateStatusSchema),
  Company: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Contact: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Territory: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Email: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Phone: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Expiry_Date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Billing_Address: /* @__PURE__ */ z.nullish(FsmAddressSchema),
  Service_Address: /* @__PURE__ */ z.nullish(FsmWorkOrderServiceAddressSchema),
  Service_Line_Items: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FsmServiceLineItemInputSchema)),
  Discount: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema)),
  // The Books/Invoice estimate this one is linked to (as `ZBilling_Id` on companies).
  ZBilling_Id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
};

const fsmEstimateObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Name: z.nullish(z.string()),
  Service_Line_Items: z.nullish(z.array(FsmServiceLineItemSchema)),
}))();

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
export const FsmEstimateSchema: RecordSchema<FsmEstimate, typeof fsmEstimateObject> = fsmEstimateObject;

/** An FSM estimate. */
export interface FsmEstimate extends KnownFields<z.output<typeof fsmEstimateObject>> {}

/**
 * Input of `POST /Estimates` (one element of `data`): `Summary` is mandatory (an assumption, as on
 * work orders).
 *
 * @example
 * ```ts
 * FsmEstimateCreateSchema.parse({ Summary: 'Replace the boiler', Company: '1011000000195085', Service_Line_Items: [{ Service: '1011000000195223', Quantity: 1 }] });
 * ```
 */
export const FsmEstimateCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, Summary: z.string().check(z.minLength(1)) }))();

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
export const FsmEstimateUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Estimates/{id}`. */
export type FsmEstimateUpdate = z.infer<typeof FsmEstimateUpdateSchema>;
