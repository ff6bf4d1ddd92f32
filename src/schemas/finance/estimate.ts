import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { FinanceAddressSchema } from './common.js';
import { salesDocumentLineRead, salesDocumentLineWritable, salesDocumentRead, salesDocumentWritable } from './sales-document.js';

/** The statuses an estimate can have (Zoho's Estimates API reference). */
export const ESTIMATE_STATUSES = [
  'draft', 'pending_approval', 'approved', 'sent', 'invoiced', 'accepted', 'declined', 'expired', 'viewed', 'signed',
  'rejected', 'partially_invoiced', 'pending_signature',
] as const;

/** An estimate's status; unknown values pass through as strings. */
export type EstimateStatus = (typeof ESTIMATE_STATUSES)[number];

const estimateLineItemObject = /* @__PURE__ */ (() => z.looseObject({ ...salesDocumentLineWritable, ...salesDocumentLineRead }))();

/**
 * A line item of an estimate as Zoho returns it.
 *
 * @example
 * ```ts
 * EstimateLineItemSchema.parse({ line_item_id: '982000000567021', item_id: '982000000030049', rate: 120, quantity: 1 });
 * ```
 */
export const EstimateLineItemSchema: RecordSchema<EstimateLineItem, typeof estimateLineItemObject> = estimateLineItemObject;

/** A line item of an estimate. */
export interface EstimateLineItem extends KnownFields<z.output<typeof estimateLineItemObject>> {}

/**
 * A line item in estimate input: an `item_id`, or a `name` and `rate` of its own; give
 * `line_item_id` on update to edit an existing line.
 *
 * @example
 * ```ts
 * EstimateLineItemInputSchema.parse({ item_id: '982000000030049', quantity: 2 });
 * ```
 */
export const EstimateLineItemInputSchema = /* @__PURE__ */ z.looseObject(salesDocumentLineWritable);

/** A line item in estimate input. */
export type EstimateLineItemInput = z.infer<typeof EstimateLineItemInputSchema>;

const writable = /* @__PURE__ */ (() => ({
  ...salesDocumentWritable,
  estimate_number: z.nullish(z.string()),
  expiry_date: z.nullish(z.string()), // yyyy-mm-dd
  custom_body: z.nullish(z.string()),
  custom_subject: z.nullish(z.string()),
  project_id: z.nullish(ZohoIdRefSchema),
  accept_retainer: z.nullish(z.boolean()),
  retainer_percentage: z.nullish(z.number()),
}))();

const estimateObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  ...salesDocumentRead,
  estimate_id: ZohoIdSchema,
  status: z.nullish(openEnum(ESTIMATE_STATUSES)),
  line_items: z.nullish(z.array(EstimateLineItemSchema)),
  accepted_date: z.nullish(z.string()),
  declined_date: z.nullish(z.string()),
  billing_address: z.nullish(FinanceAddressSchema),
  shipping_address: z.nullish(FinanceAddressSchema),
}))();

/**
 * A Books/Invoice estimate (quote). List replies omit `line_items`.
 *
 * @example
 * ```ts
 * const estimate = EstimateSchema.parse(reply.estimate);
 * if (estimate.status === 'accepted') await client.finance.estimates.convertToInvoice(estimate.estimate_id);
 * ```
 */
export const EstimateSchema: RecordSchema<Estimate, typeof estimateObject> = estimateObject;

/** A Books/Invoice estimate. */
export interface Estimate extends KnownFields<z.output<typeof estimateObject>> {}

/**
 * Input of `POST /estimates`: `customer_id` and at least one line item are required (Zoho's Estimates API reference).
 *
 * @example
 * ```ts
 * EstimateCreateSchema.parse({ customer_id: '982000000567001', expiry_date: '2026-03-31', line_items: [{ item_id: '982000000030049' }] });
 * ```
 */
export const EstimateCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  customer_id: ZohoIdSchema,
  line_items: z.array(EstimateLineItemInputSchema).check(z.minLength(1, 'An estimate needs at least one line item')),
}))();

/** Input of `POST /estimates`. */
export type EstimateCreate = z.infer<typeof EstimateCreateSchema>;

/**
 * Input of `PUT /estimates/{id}`. Zoho's published description requires `customer_id` and
 * `custom_fields` on every update (send `custom_fields: []` when the estimate has none).
 *
 * @example
 * ```ts
 * EstimateUpdateSchema.parse({ customer_id: '982000000567001', custom_fields: [], notes: 'Valid for 30 days' });
 * ```
 */
export const EstimateUpdateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  customer_id: ZohoIdSchema,
  custom_fields: writable.custom_fields.def.innerType.def.innerType,
  line_items: z.nullish(z.array(EstimateLineItemInputSchema)),
}))();

/** Input of `PUT /estimates/{id}`. */
export type EstimateUpdate = z.infer<typeof EstimateUpdateSchema>;
