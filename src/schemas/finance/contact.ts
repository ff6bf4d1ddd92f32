import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, ZohoPercentageSchema, blankAsNull } from '../scalars.js';
import {
  CONTACT_TYPES, CUSTOMER_SUB_TYPES, GST_TREATMENTS, INDIAN_STATE_CODES, TAX_TREATMENTS, UK_VAT_TREATMENTS,
} from '../tax-codes.js';
import { FinanceAddressSchema, FinanceCustomFieldSchema, FinanceTagSchema } from './common.js';
import { FinanceContactPersonSchema, FinanceContactPersonUpdateSchema } from './contact-person.js';

const optionalNumber = blankAsNull(ZohoNumberSchema).optional();

/**
 * Edition-gated tax fields of a contact. All optional: an org only returns the
 * ones of its edition.
 */
const editionTaxFields = {
  is_taxable: z.boolean().nullish(), // us ca au in mx ke za
  tax_id: ZohoIdRefSchema.nullish(), // in us: a tax or a tax group
  tax_name: z.string().nullish(), // in
  tax_percentage: blankAsNull(ZohoPercentageSchema).optional(),
  tax_authority_id: ZohoIdRefSchema.nullish(), // us
  tax_authority_name: z.string().nullish(),
  tax_exemption_id: ZohoIdRefSchema.nullish(), // us ca au in
  tax_exemption_code: z.string().nullish(), // us ca au in
  gst_no: z.string().nullish(), // in: 15-character GSTIN
  gst_treatment: openEnum(GST_TREATMENTS).nullish(), // in
  place_of_contact: openEnum(INDIAN_STATE_CODES).nullish(), // in
  tax_treatment: openEnum(TAX_TREATMENTS).nullish(), // gcc mx ke za
  tax_reg_no: z.string().nullish(), // gcc mx ke za; GCC TRN is 15 digits
  country_code: z.string().nullish(), // uk gcc (place of supply: emirate or GCC country) Avalara
  vat_treatment: openEnum(UK_VAT_TREATMENTS).nullish(), // uk
  vat_reg_no: z.string().nullish(), // uk Avalara
  tax_regime: z.string().nullish(), // mx
  legal_name: z.string().nullish(), // mx
  is_tds_registered: z.boolean().nullish(), // mx
  tds_tax_id: ZohoIdRefSchema.nullish(), // mx
  tax_exemption_certificate_number: z.string().nullish(), // ke
  track_1099: z.boolean().nullish(), // us
  tax_id_type: z.string().nullish(), // us: SSN ATIN ITIN EIN
  tax_id_value: z.string().nullish(), // us
  avatax_exempt_no: z.string().nullish(), // Avalara
  avatax_use_code: z.string().nullish(), // Avalara
};

/** An opening balance of a contact at one location (contacts.yml). */
export const FinanceOpeningBalanceSchema = z.looseObject({
  location_id: ZohoIdRefSchema.nullish(),
  exchange_rate: optionalNumber,
  opening_balance_amount: optionalNumber,
});

/** An opening balance of a contact. */
export type FinanceOpeningBalance = z.infer<typeof FinanceOpeningBalanceSchema>;

// Fields a caller may write (contacts.yml create/update bodies).
const writable = {
  ...editionTaxFields,
  contact_name: z.string().nullish(),
  company_name: z.string().nullish(),
  contact_type: openEnum(CONTACT_TYPES).nullish(),
  customer_sub_type: openEnum(CUSTOMER_SUB_TYPES).nullish(),
  website: z.string().nullish(),
  language_code: z.string().nullish(),
  credit_limit: optionalNumber,
  pricebook_id: ZohoIdRefSchema.nullish(),
  contact_number: z.string().nullish(),
  ignore_auto_number_generation: z.boolean().nullish(),
  is_portal_enabled: z.boolean().nullish(),
  currency_id: ZohoIdRefSchema.nullish(),
  payment_terms: optionalNumber,
  payment_terms_label: z.string().nullish(),
  notes: z.string().nullish(),
  owner_id: ZohoIdRefSchema.nullish(),
  facebook: z.string().nullish(),
  twitter: z.string().nullish(),
  billing_address: FinanceAddressSchema.nullish(),
  shipping_address: FinanceAddressSchema.nullish(),
  contact_persons: z.array(FinanceContactPersonUpdateSchema).nullish(),
  custom_fields: z.array(FinanceCustomFieldSchema).nullish(),
  tags: z.array(FinanceTagSchema).nullish(),
  opening_balances: z.array(FinanceOpeningBalanceSchema).nullish(),
  // `*_template_id` keys; which ones exist varies by module set, so they pass through untyped.
  default_templates: z.looseObject({}).nullish(),
};

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
export const FinanceContactSchema = z.looseObject({
  ...writable,
  contact_id: ZohoIdSchema,
  contact_persons: z.array(FinanceContactPersonSchema).nullish(),
  has_transaction: z.boolean().nullish(),
  primary_contact_id: ZohoIdRefSchema.nullish(),
  currency_code: z.string().nullish(),
  currency_symbol: z.string().nullish(),
  status: openEnum(['active', 'inactive'] as const).nullish(),
  payment_reminder_enabled: z.boolean().nullish(),
  is_linked_with_zohocrm: z.boolean().nullish(),
  outstanding_receivable_amount: optionalNumber,
  outstanding_receivable_amount_bcy: optionalNumber,
  unused_credits_receivable_amount: optionalNumber,
  unused_credits_receivable_amount_bcy: optionalNumber,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  mobile: z.string().nullish(),
  created_time: z.string().nullish(),
  last_modified_time: z.string().nullish(),
});

/** A Books/Invoice contact. */
export type FinanceContact = z.infer<typeof FinanceContactSchema>;

/**
 * Input of `POST /contacts`: `contact_name` is required (contacts.yml).
 *
 * @example
 * ```ts
 * FinanceContactCreateSchema.parse({ contact_name: 'Bowman and Co', customer_sub_type: 'business', gst_treatment: 'business_gst' });
 * ```
 */
export const FinanceContactCreateSchema = z.looseObject({ ...writable, contact_name: z.string().min(1) });

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
export const FinanceContactUpdateSchema = z.looseObject(writable);

/** Input of `PUT /contacts/{id}`. */
export type FinanceContactUpdate = z.infer<typeof FinanceContactUpdateSchema>;
