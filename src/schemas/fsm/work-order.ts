import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema, FsmTaxSchema } from './common.js';
import { FsmLookupRefSchema, FsmUserSchema } from './lookup.js';

const optionalNumber = blankAsNull(ZohoNumberSchema).optional();

// Pricing fields shared by service and part lines (add-service-to-work-order.html).
const pricedLine = {
  Description: z.string().nullish(),
  Quantity: optionalNumber,
  Unit: z.string().nullish(),
  List_Price: optionalNumber,
  Amount: optionalNumber,
  Discount: optionalNumber,
  Discount_Type: openEnum(['Currency', 'Percentage'] as const).nullish(),
  Sequence: optionalNumber,
  Tax: FsmTaxSchema.nullish(),
  Line_Item_Amount: optionalNumber,
  // `$fsm_delete: true` in a line of an update deletes that line.
  $fsm_delete: z.boolean().nullish(),
};

const partLine = { ...pricedLine, Part: FsmLookupRefSchema.nullish(), Service_Line_Item: FsmLookupRefSchema.nullish() };

/**
 * A part line of a service line, as input (add-part-to-work-order.html): give `id` to edit or
 * delete an existing line.
 *
 * @example
 * ```ts
 * FsmPartLineItemInputSchema.parse({ Part: '1011000000141120', Quantity: 1, List_Price: 9.75 });
 * ```
 */
export const FsmPartLineItemInputSchema = z.looseObject({ ...partLine, id: ZohoIdRefSchema.nullish() });

/** A part line, as input. */
export type FsmPartLineItemInput = z.infer<typeof FsmPartLineItemInputSchema>;

/** A part line of a service line as FSM returns it; `id` is required. */
export const FsmPartLineItemSchema = z.looseObject({ ...partLine, id: ZohoIdSchema });

/** A part line of a service line. */
export type FsmPartLineItem = z.infer<typeof FsmPartLineItemSchema>;

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
export const FsmLineBillingStatusSchema = openEnum(['Not yet Invoiced', 'Invoiced', 'Void', 'Non Billable'] as const);

/** The billing state of a service line. */
export type FsmLineBillingStatus = z.infer<typeof FsmLineBillingStatusSchema>;

const serviceLine = {
  ...pricedLine,
  Service: FsmLookupRefSchema.nullish(),
  Status: z.string().nullish(),
  Billing_Status: FsmLineBillingStatusSchema.nullish(),
  // Assumption (see FsmLineBillingStatusSchema): the Books/Invoice invoice raised for the line.
  Invoice_Id: ZohoIdRefSchema.nullish(),
  Contact: FsmLookupRefSchema.nullish(),
  Skill_Line_Items: z.array(z.looseObject({})).nullish(),
};

/**
 * A service line of a work order, as input (add-service-to-work-order.html): give `id` to edit or
 * delete an existing line.
 *
 * @example
 * ```ts
 * FsmServiceLineItemInputSchema.parse({ Service: '1011000000195223', Quantity: 1, List_Price: 450, Part_Line_Items: [] });
 * ```
 */
export const FsmServiceLineItemInputSchema = z.looseObject({
  ...serviceLine,
  id: ZohoIdRefSchema.nullish(),
  Part_Line_Items: z.array(FsmPartLineItemInputSchema).nullish(),
});

/** A service line, as input. */
export type FsmServiceLineItemInput = z.infer<typeof FsmServiceLineItemInputSchema>;

/** A service line of a work order as FSM returns it; `id` is required. */
export const FsmServiceLineItemSchema = z.looseObject({
  ...serviceLine,
  id: ZohoIdSchema,
  Part_Line_Items: z.array(FsmPartLineItemSchema).nullish(),
});

/** A service line of a work order. */
export type FsmServiceLineItem = z.infer<typeof FsmServiceLineItemSchema>;

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
export const FsmWorkOrderServiceAddressSchema = FsmAddressSchema.extend({
  Service_Street_1: z.string().nullish(),
  Service_Street_2: z.string().nullish(),
  Service_City: z.string().nullish(),
  Service_State: z.string().nullish(),
  Service_Zip_Code: ZohoStringSchema.nullish(),
  Service_Country: z.string().nullish(),
  Service_Latitude: optionalNumber,
  Service_Longitude: optionalNumber,
});

/** A work order's service address. */
export type FsmWorkOrderServiceAddress = z.infer<typeof FsmWorkOrderServiceAddressSchema>;

// Fields a caller may write (create-work-order.html, edit-work-order.html).
const writable = {
  Summary: z.string().nullish(),
  Type: openEnum(['Service', 'Inspection'] as const).nullish(),
  Priority: z.string().nullish(),
  Status: z.string().nullish(),
  Due_Date: z.string().nullish(),
  Company: FsmLookupRefSchema.nullish(),
  Contact: FsmLookupRefSchema.nullish(),
  Asset: FsmLookupRefSchema.nullish(),
  Estimate: FsmLookupRefSchema.nullish(),
  Request: FsmLookupRefSchema.nullish(),
  Territory: FsmLookupRefSchema.nullish(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  Service_Address: FsmWorkOrderServiceAddressSchema.nullish(),
  Billing_Address: FsmAddressSchema.nullish(),
  Service_Line_Items: z.array(FsmServiceLineItemInputSchema).nullish(),
  Service_Tasks_Line_Items: z.array(z.looseObject({})).nullish(),
  Currency: z.string().nullish(),
  Exchange_Rate: optionalNumber,
  Discount: optionalNumber,
  $record_template: ZohoIdRefSchema.nullish(),
};

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
export const FsmWorkOrderSchema = z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Name: z.string().nullish(),
  Service_Line_Items: z.array(FsmServiceLineItemSchema).nullish(),
  Dispatcher: FsmUserSchema.nullish(),
  Tax_Amount: optionalNumber,
  Config: z.string().nullish(),
  Closed_Time: z.string().nullish(),
  Cancelled_Or_Terminated_Time: z.string().nullish(),
  Cancellation_Reason: z.string().nullish(),
  Cancellation_Message: z.string().nullish(),
  Invalid_Data: z.boolean().nullish(),
});

/** An FSM work order. */
export type FsmWorkOrder = z.infer<typeof FsmWorkOrderSchema>;

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
export const FsmWorkOrderCreateSchema = z.looseObject({ ...writable, Summary: z.string().min(1) });

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
export const FsmWorkOrderUpdateSchema = z.looseObject(writable);

/** Input of `PUT /Work_Orders/{id}`. */
export type FsmWorkOrderUpdate = z.infer<typeof FsmWorkOrderUpdateSchema>;
