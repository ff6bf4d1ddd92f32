import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';

const financeCommunicationPreferenceObject = /* @__PURE__ */ z.looseObject({
  is_email_enabled: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  is_sms_enabled: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  is_whatsapp_enabled: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
});

/**
 * A contact person's messaging preferences. Each flag exists only with the matching integration
 * (SMS, WhatsApp) enabled (Zoho's Contact Persons API reference).
 */
export const FinanceCommunicationPreferenceSchema: RecordSchema<FinanceCommunicationPreference, typeof financeCommunicationPreferenceObject> = financeCommunicationPreferenceObject;

/** A contact person's messaging preferences. */
export interface FinanceCommunicationPreference extends KnownFields<z.output<typeof financeCommunicationPreferenceObject>> {}

// Fields a caller may write (Zoho's Contact Persons API reference and Zoho's Contacts API reference create/update bodies).
const writable = {
  contact_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  salutation: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  first_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  last_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  email: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  phone: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  mobile: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  mobile_country_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  skype: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  designation: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  department: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  fax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  is_primary_contact: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  enable_portal: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  communication_preference: /* @__PURE__ */ z.nullish(FinanceCommunicationPreferenceSchema),
};

const financeContactPersonObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  contact_person_id: ZohoIdSchema,
  is_added_in_portal: z.nullish(z.boolean()),
}))();

/**
 * A contact person of a Books/Invoice contact. `contact_person_id` is required:
 * it is the id FSM links a contact to (process_sync).
 *
 * @example
 * ```ts
 * FinanceContactPersonSchema.parse({ contact_person_id: 460000000026051, first_name: 'Will' }).contact_person_id; // '460000000026051'
 * ```
 */
export const FinanceContactPersonSchema: RecordSchema<FinanceContactPerson, typeof financeContactPersonObject> = financeContactPersonObject;

/** A Books/Invoice contact person. */
export interface FinanceContactPerson extends KnownFields<z.output<typeof financeContactPersonObject>> {}

/**
 * Input of `POST /contacts/contactpersons`: `first_name` is required (Zoho's Contact Persons API reference); the
 * parent is named by `contact_id` in the body.
 *
 * @example
 * ```ts
 * FinanceContactPersonCreateSchema.parse({ contact_id: '460000000026049', first_name: 'Will', email: 'will@example.com' });
 * ```
 */
export const FinanceContactPersonCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, first_name: z.string().check(z.minLength(1)) }))();

/** Input of `POST /contacts/contactpersons`. */
export type FinanceContactPersonCreate = z.infer<typeof FinanceContactPersonCreateSchema>;

/**
 * Input of `PUT /contacts/contactpersons/{id}`, and of a person inside a contact create/update:
 * every field optional. A nested person with `contact_person_id` updates that person.
 *
 * @example
 * ```ts
 * FinanceContactPersonUpdateSchema.parse({ phone: '+1-925-921-9201' });
 * ```
 */
export const FinanceContactPersonUpdateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  contact_person_id: z.nullish(ZohoIdRefSchema),
}))();

/** Input of `PUT /contacts/contactpersons/{id}`. */
export type FinanceContactPersonUpdate = z.infer<typeof FinanceContactPersonUpdateSchema>;
