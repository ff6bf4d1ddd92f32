import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema } from '../ids.js';
import { FsmAddressSchema, FsmRecordMetaSchema } from './common.js';
import { FsmLookupRefSchema } from './lookup.js';

// Fields a caller may write (create-service-appointment.html). `$`-prefixed keys name work order
// lines and resources by id; they are inputs only.
const writable = {
  Summary: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Scheduled_Start_Date_Time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Scheduled_End_Date_Time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Territory: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Service_Address: /* @__PURE__ */ z.nullish(FsmAddressSchema),
  Status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Lead: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  $Service_Line_Items: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(ZohoIdRefSchema)),
  $Service_Tasks_Line_Items: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(ZohoIdRefSchema)),
  $Service_Resources: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(ZohoIdRefSchema)),
  $allow_overlapping: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
};

const fsmServiceAppointmentObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Name: z.nullish(z.string()),
  Work_Order: z.nullish(FsmLookupRefSchema),
}))();

/**
 * An FSM service appointment (module `Service_Appointments`): a visit scheduled for some service
 * lines of a work order. Fields FSM does not document pass through untyped.
 *
 * @example
 * ```ts
 * const visit = FsmServiceAppointmentSchema.parse(reply.data[0]);
 * visit.Scheduled_Start_Date_Time; // '2025-06-02T09:00:00+05:30'
 * ```
 */
export const FsmServiceAppointmentSchema: RecordSchema<FsmServiceAppointment, typeof fsmServiceAppointmentObject> = fsmServiceAppointmentObject;

/** An FSM service appointment. */
export interface FsmServiceAppointment extends KnownFields<z.output<typeof fsmServiceAppointmentObject>> {}

/**
 * Input of `POST /Service_Appointments` (one element of `data`): `Summary`, the scheduled start and
 * end, and the ids of the work order's service lines it covers are mandatory
 * (create-service-appointment.html).
 *
 * @example
 * ```ts
 * FsmServiceAppointmentCreateSchema.parse({
 *   Summary: 'Install the AC', Scheduled_Start_Date_Time: '2025-06-02T09:00:00+05:30',
 *   Scheduled_End_Date_Time: '2025-06-02T11:00:00+05:30', $Service_Line_Items: ['1011000000222466'],
 * });
 * ```
 */
export const FsmServiceAppointmentCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  Summary: z.string().check(z.minLength(1)),
  Scheduled_Start_Date_Time: z.string().check(z.minLength(1)),
  Scheduled_End_Date_Time: z.string().check(z.minLength(1)),
  $Service_Line_Items: z.array(ZohoIdRefSchema).check(z.minLength(1)),
}))();

/** Input of `POST /Service_Appointments`. */
export type FsmServiceAppointmentCreate = z.infer<typeof FsmServiceAppointmentCreateSchema>;

/**
 * Input of `PUT /Service_Appointments/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FsmServiceAppointmentUpdateSchema.parse({ Scheduled_End_Date_Time: '2025-06-02T12:00:00+05:30' });
 * ```
 */
export const FsmServiceAppointmentUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Service_Appointments/{id}`. */
export type FsmServiceAppointmentUpdate = z.infer<typeof FsmServiceAppointmentUpdateSchema>;
