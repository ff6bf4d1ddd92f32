import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoPercentageSchema, blankAsNull } from '../scalars.js';
import {
  CONTACT_TYPES, CUSTOMER_SUB_TYPES, GST_TREATMENTS, INDIAN_STATE_CODES, TAX_TREATMENTS, UK_VAT_TREATMENTS,
} from '../tax-codes.js';
import { FinanceAddressSchema, FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';
import { FinanceContactPersonSchema, FinanceContactPersonUpdateSchema } from './contact-person.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

/**
 * Edition-gated tax fields of a contact. All optional: an org only returns the
 * ones of its edition.
 */
const editionTaxFields = {
  is_taxable: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), // us ca au in mx ke za
  tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // in us: a tax or a tax group
  tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in
  tax_percentage: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema)),
  tax_authority_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // us
  tax_authority_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_exemption_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // us ca au in
  tax_exemption_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // us ca au in
  gst_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in: 15-character GSTIN
  gst_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(GST_TREATMENTS)), // in
  place_of_contact: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(INDIAN_STATE_CODES)), // in
  tax_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(TAX_TREATMENTS)), // gcc mx ke za
  tax_reg_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // gcc mx ke za; GCC TRN is 15 digits
  country_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // uk gcc (place of supply: emirate or GCC country) Avalara
  vat_treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(UK_VAT_TREATMENTS)), // uk
  vat_reg_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // uk Avalara
  tax_regime: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // mx
  legal_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // mx
  is_tds_registered: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), // mx
  tds_tax_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // mx
  tax_exemption_certificate_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // ke
  track_1099: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()), // us
  tax_id_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // us: SSN ATIN ITIN EIN
  tax_id_value: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // us
  avatax_exempt_no: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // Avalara
  avatax_use_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // Avalara
};

const financeOpeningBalanceObject = /* @__PURE__ */ z.looseObject({
  location_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  exchange_rate: optionalNumber,
  opening_balance_amount: optionalNumber,
});

/** An opening balance of a contact at one location (Zoho's Contacts API reference). */
export const FinanceOpeningBalanceSchema: RecordSchema<FinanceOpeningBalance, typeof financeOpeningBalanceObject> = financeOpeningBalanceObject;

/** An opening balance of a contact. */
export interface FinanceOpeningBalance extends KnownFields<z.output<typeof financeOpeningBalanceObject>> {}

// Fields a caller may write (Zoho's Contacts API reference create/update bodies).
const writable = /* @__PURE__ */ (() => ({
  ...editionTaxFields,
  contact_name: z.nullish(z.string()),
  company_name: z.nullish(z.string()),
  contact_type: z.nullish(openEnum(CONTACT_TYPES)),
  customer_sub_type: z.nullish(openEnum(CUSTOMER_SUB_TYPES)),
  website: z.nullish(z.string()),
  language_code: z.nullish(z.string()),
  credit_limit: optionalNumber,
  pricebook_id: z.nullish(ZohoIdRefSchema),
  contact_number: z.nullish(z.string()),
  ignore_auto_number_generation: z.nullish(z.boolean()),
  is_portal_enabled: z.nullish(z.boolean()),
  currency_id: z.nullish(ZohoIdRefSchema),
  payment_terms: optionalNumber,
  payment_terms_label: z.nullish(z.string()),
  notes: z.nullish(z.string()),
  owner_id: z.nullish(ZohoIdRefSchema),
  facebook: z.nullish(z.string()),
  twitter: z.nullish(z.string()),
  billing_address: z.nullish(FinanceAddressSchema),
  shipping_address: z.nullish(FinanceAddressSchema),
  contact_persons: z.nullish(z.array(FinanceContactPersonUpdateSchema)),
  custom_fields: z.nullish(z.array(FinanceCustomFieldSchema)),
  tags: z.nullish(z.array(FinanceTagSchema)),
  opening_balances: z.nullish(z.array(FinanceOpeningBalanceSchema)),
  // `*_template_id` keys; which ones exist varies by module set, so they pass through untyped.
  default_templates: z.nullish(z.looseObject({})),
}))();

const financeContactObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  contact_id: ZohoIdSchema,
  contact_persons: z.nullish(z.array(FinanceContactPersonSchema)),
  has_transaction: z.nullish(z.boolean()),
  primary_contact_id: z.nullish(ZohoIdRefSchema),
  currency_code: z.nullish(z.string()),
  currency_symbol: z.nullish(z.string()),
  status: z.nullish(openEnum(['active', 'inactive'] as const)),
  payment_reminder_enabled: z.nullish(z.boolean()),
  is_linked_with_zohocrm: z.nullish(z.boolean()),
  outstanding_receivable_amount: optionalNumber,
  outstanding_receivable_amount_bcy: optionalNumber,
  unused_credits_receivable_amount: optionalNumber,
  unused_credits_receivable_amount_bcy: optionalNumber,
  first_name: z.nullish(z.string()),
  last_name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phone: z.nullish(z.string()),
  mobile: z.nullish(z.string()),
  created_time: z.nullish(z.string()),
  last_modified_time: z.nullish(z.string()),
}))();

/**
 * A Books/Invoice contact (customer or vendor) as get/list/create/update return it.
 * List replies carry fewer fields, and the primary person's `first_name`,
 * `email`, ... at top level.
 *
 * @example
 * ```ts
 * const contact = FinanceContactSchema.parse(reply.contact);
 * contact.billing_address?.city;
 * ```
 */
export const FinanceContactSchema: RecordSchema<FinanceContact, typeof financeContactObject> = financeContactObject;

/** A Books/Invoice contact. */
export interface FinanceContact extends KnownFields<z.output<typeof financeContactObject>> {}

/**
 * Input of `POST /contacts`: `contact_name` is required (Zoho's Contacts API reference).
 *
 * @example
 * ```ts
 * FinanceContactCreateSchema.parse({ contact_name: 'Bowman and Co', customer_sub_type: 'business', gst_treatment: 'business_gst' });
 * ```
 */
export const FinanceContactCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, contact_name: z.string().check(z.minLength(1)) }))();

/** Input of `POST /contacts`. */
export type FinanceContactCreate = z.infer<typeof FinanceContactCreateSchema>;

/**
 * Input of `PUT /contacts/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FinanceContactUpdateSchema.parse({ billing_address: { city: 'Pleasanton' } });
 * ```
 */
export const FinanceContactUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /contacts/{id}`. */
export type FinanceContactUpdate = z.infer<typeof FinanceContactUpdateSchema>;
