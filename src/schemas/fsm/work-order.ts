import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema, FsmTaxSchema } from './common.js';
import { FsmLookupRefSchema, FsmUserSchema } from './lookup.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

// Pricing fields shared by service and part lines (add-service-to-work-order.html).
const pricedLine = {
  Description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Quantity: optionalNumber,
  Unit: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  List_Price: optionalNumber,
  Amount: optionalNumber,
  Discount: optionalNumber,
  Discount_Type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['Currency', 'Percentage'] as const)),
  Sequence: optionalNumber,
  Tax: /* @__PURE__ */ z.nullish(FsmTaxSchema),
  Line_Item_Amount: optionalNumber,
  // `$fsm_delete: true` in a line of an update deletes that line.
  $fsm_delete: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
};

const partLine = /* @__PURE__ */ (() => ({ ...pricedLine, Part: z.nullish(FsmLookupRefSchema), Service_Line_Item: z.nullish(FsmLookupRefSchema) }))();

/**
 * A part line of a service line, as input (add-part-to-work-order.html): give `id` to edit or
 * delete an existing line.
 *
 * @example
 * ```ts
 * FsmPartLineItemInputSchema.parse({ Part: '1011000000141120', Quantity: 1, List_Price: 9.75 });
 * ```
 */
export const FsmPartLineItemInputSchema = /* @__PURE__ */ (() => z.looseObject({ ...partLine, id: z.nullish(ZohoIdRefSchema) }))();

/** A part line, as input. */
export type FsmPartLineItemInput = z.infer<typeof FsmPartLineItemInputSchema>;

const fsmPartLineItemObject = /* @__PURE__ */ (() => z.looseObject({ ...partLine, id: ZohoIdSchema }))();

/** A part line of a service line as FSM returns it; `id` is required. */
export const FsmPartLineItemSchema: RecordSchema<FsmPartLineItem, typeof fsmPartLineItemObject> = fsmPartLineItemObject;

/** A part line of a service line. */
export interface FsmPartLineItem extends KnownFields<z.output<typeof fsmPartLineItemObject>> {}

/**
 * The billing state of a service line: FSM invoices per service line, and a line is Not yet
 * Invoiced, Invoiced, Void or Non Billable. FSM's API pages do not name the field; `Billing_Status`
 * is an assumption of this SDK (the sandbox serves it), as is `Invoice_Id` below. Open: a value
 * FSM adds still parses.
 *
 * @example
 * ```ts
 * FsmLineBillingStatusSchema.parse('Invoiced'); // 'Invoiced'
 * ```
 */
export const FsmLineBillingStatusSchema = /* @__PURE__ */ openEnum(['Not yet Invoiced', 'Invoiced', 'Void', 'Non Billable'] as const);

/** The billing state of a service line. */
export type FsmLineBillingStatus = z.infer<typeof FsmLineBillingStatusSchema>;

const serviceLine = /* @__PURE__ */ (() => ({
  ...pricedLine,
  Service: z.nullish(FsmLookupRefSchema),
  Status: z.nullish(z.string()),
  Billing_Status: z.nullish(FsmLineBillingStatusSchema),
  // Assumption (see FsmLineBillingStatusSchema): the Books/Invoice invoice raised for the line.
  Invoice_Id: z.nullish(ZohoIdRefSchema),
  Contact: z.nullish(FsmLookupRefSchema),
  Skill_Line_Items: z.nullish(z.array(z.looseObject({}))),
}))();

/**
 * A service line of a work order, as input (add-service-to-work-order.html): give `id` to edit or
 * delete an existing line.
 *
 * @example
 * ```ts
 * FsmServiceLineItemInputSchema.parse({ Service: '1011000000195223', Quantity: 1, List_Price: 450, Part_Line_Items: [] });
 * ```
 */
export const FsmServiceLineItemInputSchema = /* @__PURE__ */ (() => z.looseObject({
  ...serviceLine,
  id: z.nullish(ZohoIdRefSchema),
  Part_Line_Items: z.nullish(z.array(FsmPartLineItemInputSchema)),
}))();

/** A service line, as input. */
export type FsmServiceLineItemInput = z.infer<typeof FsmServiceLineItemInputSchema>;

const fsmServiceLineItemObject = /* @__PURE__ */ (() => z.looseObject({
  ...serviceLine,
  id: ZohoIdSchema,
  Part_Line_Items: z.nullish(z.array(FsmPartLineItemSchema)),
}))();

/** A service line of a work order as FSM returns it; `id` is required. */
export const FsmServiceLineItemSchema: RecordSchema<FsmServiceLineItem, typeof fsmServiceLineItemObject> = fsmServiceLineItemObject;

/** A service line of a work order. */
export interface FsmServiceLineItem extends KnownFields<z.output<typeof fsmServiceLineItemObject>> {}

const fsmWorkOrderServiceAddressObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmAddressSchema.shape,
  Service_Street_1: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Service_Street_2: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Service_City: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Service_State: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Service_Zip_Code: /* @__PURE__ */ z.nullish(ZohoStringSchema),
  Service_Country: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Service_Latitude: optionalNumber,
  Service_Longitude: optionalNumber,
}))();

/**
 * A work order's service address. Work orders prefix the address keys with `Service_`
 * (`Service_Street_1`, `Service_Zip_Code`, ...) and add coordinates (create-work-order.html);
 * on input, `id` picks one of the company's or contact's addresses.
 *
 * @example
 * ```ts
 * FsmWorkOrderServiceAddressSchema.parse({ id: '1011000000208180', Service_Longitude: '-89.084456' }).Service_Longitude; // -89.084456
 * ```
 */
export const FsmWorkOrderServiceAddressSchema: RecordSchema<FsmWorkOrderServiceAddress, typeof fsmWorkOrderServiceAddressObject> = fsmWorkOrderServiceAddressObject;

/** A work order's service address. */
export interface FsmWorkOrderServiceAddress extends KnownFields<z.output<typeof fsmWorkOrderServiceAddressObject>> {}

// Fields a caller may write (create-work-order.html, edit-work-order.html).
const writable = {
  Summary: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['Service', 'Inspection'] as const)),
  Priority: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Due_Date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Company: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Contact: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Asset: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Estimate: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Request: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Territory: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Email: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Phone: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Service_Address: /* @__PURE__ */ z.nullish(FsmWorkOrderServiceAddressSchema),
  Billing_Address: /* @__PURE__ */ z.nullish(FsmAddressSchema),
  Service_Line_Items: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FsmServiceLineItemInputSchema)),
  Service_Tasks_Line_Items: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({}))),
  Currency: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Exchange_Rate: optionalNumber,
  Discount: optionalNumber,
  $record_template: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
};

const fsmWorkOrderObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Name: z.nullish(z.string()),
  Service_Line_Items: z.nullish(z.array(FsmServiceLineItemSchema)),
  Dispatcher: z.nullish(FsmUserSchema),
  Tax_Amount: optionalNumber,
  Config: z.nullish(z.string()),
  Closed_Time: z.nullish(z.string()),
  Cancelled_Or_Terminated_Time: z.nullish(z.string()),
  Cancellation_Reason: z.nullish(z.string()),
  Cancellation_Message: z.nullish(z.string()),
  Invalid_Data: z.nullish(z.boolean()),
}))();

/**
 * An FSM work order (get-work-orders.html), the source of a Books/Invoice
 * invoice. `Config` is a JSON string holding the tax settings (`sales_tax_type`, `Tax_Details`, ...).
 *
 * @example
 * ```ts
 * const order = FsmWorkOrderSchema.parse(reply.data[0]);
 * order.Service_Line_Items?.flatMap((line) => line.Part_Line_Items ?? []);
 * ```
 */
export const FsmWorkOrderSchema: RecordSchema<FsmWorkOrder, typeof fsmWorkOrderObject> = fsmWorkOrderObject;

/** An FSM work order. */
export interface FsmWorkOrder extends KnownFields<z.output<typeof fsmWorkOrderObject>> {}

/**
 * Input of `POST /Work_Orders` (one element of `data`). Only `Summary` is enforced: FSM also marks
 * `Type`, the addresses, `Service_Line_Items` and (by sync type or territories) `Contact`, `Company`
 * and `Territory` mandatory, but a `$record_template` may supply them (create-work-order.html).
 *
 * @example
 * ```ts
 * FsmWorkOrderCreateSchema.parse({
 *   Summary: 'AC Installation', Type: 'Service', Contact: '1011000000208173',
 *   Service_Address: { id: '1011000000208180' }, Billing_Address: { id: '1011000000208179' },
 *   Service_Line_Items: [{ Service: '1011000000195223', Quantity: 1 }],
 * });
 * ```
 */
export const FsmWorkOrderCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, Summary: z.string().check(z.minLength(1)) }))();

/** Input of `POST /Work_Orders`. */
export type FsmWorkOrderCreate = z.infer<typeof FsmWorkOrderCreateSchema>;

/**
 * Input of `PUT /Work_Orders/{id}`: every field optional. Lines with an `id` edit that line;
 * `$fsm_delete: true` deletes it (edit-work-order.html).
 *
 * @example
 * ```ts
 * FsmWorkOrderUpdateSchema.parse({ Service_Line_Items: [{ id: '1011000000222466', $fsm_delete: true }] });
 * ```
 */
export const FsmWorkOrderUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Work_Orders/{id}`. */
export type FsmWorkOrderUpdate = z.infer<typeof FsmWorkOrderUpdateSchema>;
