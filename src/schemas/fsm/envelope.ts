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
export const FsmInfoSchema = /* @__PURE__ */ z.looseObject({
  more_records: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  per_page: /* @__PURE__ */ z.nullish(ZohoNumberSchema),
  count: /* @__PURE__ */ z.nullish(ZohoNumberSchema),
  page: /* @__PURE__ */ z.nullish(ZohoNumberSchema),
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
/* @__NO_SIDE_EFFECTS__ */
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
/* @__NO_SIDE_EFFECTS__ */
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
export const FsmWriteDetailsSchema = /* @__PURE__ */ z.looseObject({
  id: ZohoIdSchema,
  UID: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Created_Time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Modified_Time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Created_By: /* @__PURE__ */ z.nullish(FsmUserSchema),
  Modified_By: /* @__PURE__ */ z.nullish(FsmUserSchema),
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
export const FsmRecordErrorSchema = /* @__PURE__ */ z.looseObject({
  code: /* @__PURE__ */ z.string(),
  details: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.looseObject({ api_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()) })),
  message: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.literal('error'),
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
export const FsmErrorReplySchema = /* @__PURE__ */ z.looseObject({
  code: /* @__PURE__ */ z.string(),
  message: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.literal('error'),
  details: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.looseObject({})),
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
export const FsmCreateReplySchema = /* @__PURE__ */ z.looseObject({
  result: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  data: /* @__PURE__ */ z.array(/* @__PURE__ */ z.union([FsmRecordErrorSchema, FsmWriteDetailsSchema])),
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
export const FsmServiceAndPartsCreateReplySchema = /* @__PURE__ */ z.looseObject({
  result: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  data: /* @__PURE__ */ z.looseObject({
    Service_And_Parts: /* @__PURE__ */ z.array(/* @__PURE__ */ z.union([FsmRecordErrorSchema, /* @__PURE__ */ z.extend(FsmWriteDetailsSchema, { TabName: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()) })])),
  }),
});

/** The `Service_And_Parts` create reply. */
export type FsmServiceAndPartsCreateReply = z.infer<typeof FsmServiceAndPartsCreateReplySchema>;

/**
 * One successful element of an FSM update reply: `{ code: 'SUCCESS', details: {id, ...},
 * message: 'record updated', status: 'success' }`.
 */
export const FsmUpdateResultSchema = /* @__PURE__ */ z.looseObject({
  code: /* @__PURE__ */ z.string(),
  details: FsmWriteDetailsSchema,
  message: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.literal('success'),
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
export const FsmUpdateReplySchema = /* @__PURE__ */ z.looseObject({
  data: /* @__PURE__ */ z.array(/* @__PURE__ */ z.discriminatedUnion('status', [FsmUpdateResultSchema, FsmRecordErrorSchema])),
});

/** The FSM update reply. */
export type FsmUpdateReply = z.infer<typeof FsmUpdateReplySchema>;
