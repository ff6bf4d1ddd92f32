import * as z from 'zod/mini';
import { ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema } from '../scalars.js';
import { FsmUserSchema } from './lookup.js';

/**
 * The `info` block of an FSM list reply. Only `more_records` is seen in the wild; `per_page`,
 * `count` and `page` are CRM's and assumed. All optional.
 *
 * @example
 * ```ts
 * FsmInfoSchema.parse({ more_records: true, per_page: 200, page: 1 });
 * ```
 */
export const FsmInfoSchema = z.looseObject({
  more_records: z.nullish(z.boolean()),
  per_page: z.nullish(ZohoNumberSchema),
  count: z.nullish(ZohoNumberSchema),
  page: z.nullish(ZohoNumberSchema),
});

/** The `info` block of an FSM list reply. */
export type FsmInfo = z.infer<typeof FsmInfoSchema>;

/**
 * The reply of an FSM list, get or search call: `{ data: [...], info }`.
 * A get returns a one-element `data`.
 *
 * @example
 * ```ts
 * const page = fsmListEnvelope(FsmCompanySchema).parse(body);
 * if (page.info?.more_records) { ... }
 * ```
 */
export function fsmListEnvelope<S extends z.ZodMiniType>(record: S) {
  return z.looseObject({ data: z.array(record), info: z.nullish(FsmInfoSchema) });
}

/**
 * The body of an FSM create or update request: `{ data: [ {...} ] }`.
 *
 * @example
 * ```ts
 * fsmWriteRequest(FsmContactCreateSchema).parse({ data: [{ Last_Name: 'Robins', Email: 'l@example.com' }] });
 * ```
 */
export function fsmWriteRequest<S extends z.ZodMiniType>(record: S) {
  return z.looseObject({ data: z.array(record).check(z.minLength(1)) });
}

/**
 * What FSM returns about a record it wrote: its `id` and audit fields, and on create a `UID`
 * (`Service_Appointments_0`) naming the input element.
 *
 * @example
 * ```ts
 * FsmWriteDetailsSchema.parse({ id: '1011000000222119', Modified_Time: '2022-03-07T23:54:25-08:00' });
 * ```
 */
export const FsmWriteDetailsSchema = z.looseObject({
  id: ZohoIdSchema,
  UID: z.nullish(z.string()),
  Created_Time: z.nullish(z.string()),
  Modified_Time: z.nullish(z.string()),
  Created_By: z.nullish(FsmUserSchema),
  Modified_By: z.nullish(FsmUserSchema),
});

/** What FSM returns about a record it wrote. */
export type FsmWriteDetails = z.infer<typeof FsmWriteDetailsSchema>;

/**
 * A per-record failure inside `data`: `{ code: 'INVALID_DATA', details:
 * { api_name }, message, status: 'error' }`. The full shape is CRM's and partly assumed.
 *
 * @example
 * ```ts
 * FsmRecordErrorSchema.parse({ code: 'INVALID_DATA', details: { api_name: 'Email' }, message: 'invalid data', status: 'error' });
 * ```
 */
export const FsmRecordErrorSchema = z.looseObject({
  code: z.string(),
  details: z.nullish(z.looseObject({ api_name: z.nullish(z.string()) })),
  message: z.nullish(z.string()),
  status: z.literal('error'),
});

/** A per-record failure. */
export type FsmRecordError = z.infer<typeof FsmRecordErrorSchema>;

/**
 * A whole-request FSM failure: `{ code, message, status: 'error' }` (❓ assumed from CRM).
 *
 * @example
 * ```ts
 * FsmErrorReplySchema.parse({ code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' });
 * ```
 */
export const FsmErrorReplySchema = z.looseObject({
  code: z.string(),
  message: z.nullish(z.string()),
  status: z.literal('error'),
  details: z.nullish(z.looseObject({})),
});

/** A whole-request FSM failure. */
export type FsmErrorReply = z.infer<typeof FsmErrorReplySchema>;

/**
 * The common FSM create reply: `{ result: 'success', code: 'SUCCESS', data: [ {id, ...} ] }`.
 * An element of `data` may instead be a {@link FsmRecordErrorSchema} failure.
 *
 * @example
 * ```ts
 * const reply = FsmCreateReplySchema.parse(body);
 * ```
 */
export const FsmCreateReplySchema = z.looseObject({
  result: z.nullish(z.string()),
  code: z.nullish(z.string()),
  data: z.array(z.union([FsmRecordErrorSchema, FsmWriteDetailsSchema])),
});

/** The common FSM create reply. */
export type FsmCreateReply = z.infer<typeof FsmCreateReplySchema>;

/**
 * The `Service_And_Parts` create reply, which nests the records under the module name:
 * `{ data: { Service_And_Parts: [ {id, ..., TabName} ] }, status }` (create-product.html).
 *
 * @example
 * ```ts
 * FsmServiceAndPartsCreateReplySchema.parse(body).data.Service_And_Parts[0]?.id;
 * ```
 */
export const FsmServiceAndPartsCreateReplySchema = z.looseObject({
  result: z.nullish(z.string()),
  code: z.nullish(z.string()),
  status: z.nullish(z.string()),
  data: z.looseObject({
    Service_And_Parts: z.array(z.union([FsmRecordErrorSchema, z.extend(FsmWriteDetailsSchema, { TabName: z.nullish(z.string()) })])),
  }),
});

/** The `Service_And_Parts` create reply. */
export type FsmServiceAndPartsCreateReply = z.infer<typeof FsmServiceAndPartsCreateReplySchema>;

/**
 * One successful element of an FSM update reply: `{ code: 'SUCCESS', details: {id, ...},
 * message: 'record updated', status: 'success' }`.
 */
export const FsmUpdateResultSchema = z.looseObject({
  code: z.string(),
  details: FsmWriteDetailsSchema,
  message: z.nullish(z.string()),
  status: z.literal('success'),
});

/** One successful element of an FSM update reply. */
export type FsmUpdateResult = z.infer<typeof FsmUpdateResultSchema>;

/**
 * The FSM update reply: `{ data: [ success or per-record failure ] }`.
 *
 * @example
 * ```ts
 * const [result] = FsmUpdateReplySchema.parse(body).data;
 * if (result?.status === 'error') throw new Error(result.message ?? result.code);
 * ```
 */
export const FsmUpdateReplySchema = z.looseObject({
  data: z.array(z.discriminatedUnion('status', [FsmUpdateResultSchema, FsmRecordErrorSchema])),
});

/** The FSM update reply. */
export type FsmUpdateReply = z.infer<typeof FsmUpdateReplySchema>;
