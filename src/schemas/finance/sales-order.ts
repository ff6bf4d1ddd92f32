import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FinanceAddressSchema } from './common.js';
import { salesDocumentLineRead, salesDocumentLineWritable, salesDocumentRead, salesDocumentWritable } from './sales-document.js';

/** The statuses a sales order can have (Zoho's Sales Order API reference). */
export const SALES_ORDER_STATUSES = [
  'draft', 'pending_approval', 'approved', 'open', 'invoiced', 'invoiced_not_shipped', 'shipped_not_invoiced',
  'partially_invoiced', 'not_invoiced', 'to_be_invoiced', 'paid', 'partially_paid', 'unpaid', 'cancelled', 'void',
  'pending', 'overdue', 'closed', 'confirmed', 'onhold', 'network_pending_approval', 'rejected',
] as const;

/** A sales order's status; unknown values pass through as strings. */
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];

const salesOrderLineItemObject = /* @__PURE__ */ (() => z.looseObject({ ...salesDocumentLineWritable, ...salesDocumentLineRead, is_invoiced: z.nullish(z.boolean()) }))();

/**
 * A line item of a sales order as Zoho returns it; `is_invoiced` says an invoice covers it.
 *
 * @example
 * ```ts
 * SalesOrderLineItemSchema.parse({ line_item_id: '460000000039131', item_id: '460000000017088', quantity: 2, is_invoiced: false });
 * ```
 */
export const SalesOrderLineItemSchema: RecordSchema<SalesOrderLineItem, typeof salesOrderLineItemObject> = salesOrderLineItemObject;

/** A line item of a sales order. */
export interface SalesOrderLineItem extends KnownFields<z.output<typeof salesOrderLineItemObject>> {}

/**
 * A line item in sales-order input.
 *
 * @example
 * ```ts
 * SalesOrderLineItemInputSchema.parse({ item_id: '460000000017088', quantity: 4 });
 * ```
 */
export const SalesOrderLineItemInputSchema = /* @__PURE__ */ z.looseObject(salesDocumentLineWritable);

/** A line item in sales-order input. */
export type SalesOrderLineItemInput = z.infer<typeof SalesOrderLineItemInputSchema>;

const salesOrderInvoiceObject = /* @__PURE__ */ z.looseObject({
  invoice_id: ZohoIdSchema,
  invoice_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  total: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema)),
  balance: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema)),
});

/**
 * An invoice raised against a sales order, as the order lists it.
 *
 * @example
 * ```ts
 * SalesOrderInvoiceSchema.parse({ invoice_id: '460000000040001', invoice_number: 'INV-000004', status: 'draft' });
 * ```
 */
export const SalesOrderInvoiceSchema: RecordSchema<SalesOrderInvoice, typeof salesOrderInvoiceObject> = salesOrderInvoiceObject;

/** An invoice raised against a sales order. */
export interface SalesOrderInvoice extends KnownFields<z.output<typeof salesOrderInvoiceObject>> {}

const writable = /* @__PURE__ */ (() => ({
  ...salesDocumentWritable,
  salesorder_number: z.nullish(z.string()),
  shipment_date: z.nullish(z.string()), // yyyy-mm-dd
  delivery_method: z.nullish(z.string()),
  salesperson_id: z.nullish(ZohoIdRefSchema),
  estimate_id: z.nullish(ZohoIdRefSchema),
  billing_address_id: z.nullish(ZohoIdRefSchema),
  shipping_address_id: z.nullish(ZohoIdRefSchema),
  pricebook_id: z.nullish(ZohoIdRefSchema),
  zcrm_potential_id: z.nullish(ZohoIdRefSchema),
}))();

const salesOrderObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  ...salesDocumentRead,
  salesorder_id: ZohoIdSchema,
  status: z.nullish(openEnum(SALES_ORDER_STATUSES)),
  order_status: z.nullish(z.string()),
  invoiced_status: z.nullish(z.string()),
  line_items: z.nullish(z.array(SalesOrderLineItemSchema)),
  invoices: z.nullish(z.array(SalesOrderInvoiceSchema)),
  billing_address: z.nullish(FinanceAddressSchema),
  shipping_address: z.nullish(FinanceAddressSchema),
}))();

/**
 * A Books sales order. `status` is what Books shows (`invoiced` once invoices cover every line);
 * `order_status` and `invoiced_status` split it; `invoices` lists the invoices raised against it.
 * List replies omit `line_items` and `invoices`.
 *
 * @example
 * ```ts
 * const order = SalesOrderSchema.parse(reply.salesorder);
 * order.invoices?.map((invoice) => invoice.invoice_id);
 * ```
 */
export const SalesOrderSchema: RecordSchema<SalesOrder, typeof salesOrderObject> = salesOrderObject;

/** A Books sales order. */
export interface SalesOrder extends KnownFields<z.output<typeof salesOrderObject>> {}

/**
 * Input of `POST /salesorders`: `customer_id` is required (Zoho's Sales Order API reference); give at least one line.
 * Set a `reference_number` of your own to find the order again after a lost reply
 * (`client.finance.salesOrders.findByReference`).
 *
 * @example
 * ```ts
 * SalesOrderCreateSchema.parse({ customer_id: '460000000017138', reference_number: 'WO-1042', line_items: [{ item_id: '460000000017088' }] });
 * ```
 */
export const SalesOrderCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  customer_id: ZohoIdSchema,
  line_items: z.array(SalesOrderLineItemInputSchema).check(z.minLength(1, 'A sales order needs at least one line item')),
}))();

/** Input of `POST /salesorders`. */
export type SalesOrderCreate = z.infer<typeof SalesOrderCreateSchema>;

/**
 * Input of `PUT /salesorders/{id}`: `customer_id` on every update (Zoho's Sales Order API reference).
 *
 * @example
 * ```ts
 * SalesOrderUpdateSchema.parse({ customer_id: '460000000017138', shipment_date: '2026-04-02' });
 * ```
 */
export const SalesOrderUpdateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  customer_id: ZohoIdSchema,
  line_items: z.nullish(z.array(SalesOrderLineItemInputSchema)),
}))();

/** Input of `PUT /salesorders/{id}`. */
export type SalesOrderUpdate = z.infer<typeof SalesOrderUpdateSchema>;
