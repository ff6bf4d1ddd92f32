import { GCC_TAX_TREATMENTS, GCC_COUNTRY_CODES, GST_TREATMENTS, INDIAN_STATE_CODES, KE_TAX_TREATMENTS, MX_TAX_TREATMENTS,
  UAE_EMIRATE_CODES, UK_LEGACY_VAT_TREATMENTS, UK_VAT_TREATMENTS, ZA_TAX_TREATMENTS } from '../../schemas/tax-codes.js';
import { FINANCE_ADDRESS_FIELDS } from './finance-address.js';
import { financeCustomFields } from './finance-custom-fields.js';
import { def, text, under, type FieldDef } from './field-spec.js';

// Books/Invoice contact (customer) fields: Zoho's Contacts API reference create_contact. Edition
// tags are the OAS `x-node_available_in` lists.
const S = 'Zoho Books API reference, Contacts';
const PRIMARY = 'contact_persons[is_primary_contact=true]';

/** Whether a customer path is in its contact persons (which unit may write it depends on the sync type). */
export function isPersonPath(path: string): boolean {
  return path === 'contact_persons' || path.startsWith('contact_persons[') || path.startsWith('contact_persons.');
}

// The customer's primary person (Zoho's Contacts API reference contact_persons[]): where a customer's email and
// phones live, since the contact itself has no email field on create.
const PRIMARY_PERSON: readonly FieldDef[] = [
  /* @__PURE__ */ text('salutation', S, 25),
  /* @__PURE__ */ text('first_name', S, 100),
  /* @__PURE__ */ text('last_name', S, 100),
  /* @__PURE__ */ text('email', S, 100),
  /* @__PURE__ */ text('phone', S, 50),
  /* @__PURE__ */ text('mobile', S, 50),
  /* @__PURE__ */ text('designation', S, 100),
  /* @__PURE__ */ text('department', S, 50),
  /* @__PURE__ */ text('skype', S, 50),
];

const TAX: readonly FieldDef[] = /* @__PURE__ */ (() => [
  def('is_taxable', 'boolean', S, { only: ['us', 'ca', 'au', 'in', 'mx', 'ke', 'za'] }),
  def('tax_id', 'ref', S, { ref: 'taxes', only: ['in', 'us'] }),
  def('tax_authority_id', 'ref', S, { ref: 'tax_authorities', only: ['us'] }),
  def('tax_exemption_id', 'ref', S, { ref: 'tax_exemptions', only: ['us', 'ca', 'au', 'in'] }),
  text('tax_exemption_code', S, undefined, { only: ['us', 'ca', 'au', 'in'] }),
  text('gst_no', S, 15, { only: ['in'] }),
  def('gst_treatment', 'enum', S, { enum: GST_TREATMENTS, only: ['in'] }),
  def('place_of_contact', 'enum', S, { enum: INDIAN_STATE_CODES, only: ['in'] }),
  def('tax_treatment', 'enum', S, {
    only: ['gcc', 'mx', 'ke', 'za'],
    enumByTag: { gcc: GCC_TAX_TREATMENTS, mx: MX_TAX_TREATMENTS, ke: KE_TAX_TREATMENTS, za: ZA_TAX_TREATMENTS },
  }),
  text('tax_reg_no', S, undefined, { only: ['gcc', 'mx', 'ke', 'za'] }),
  // GCC: the place of supply, an emirate or a GCC country; UK: a country code.
  def('country_code', 'enum', S, { only: ['uk', 'gcc'], enumByTag: { gcc: [...UAE_EMIRATE_CODES, ...GCC_COUNTRY_CODES] } }),
  // Old records keep the pre-Brexit values (Zoho's Contacts API reference), so both sets are accepted.
  def('vat_treatment', 'enum', S, { enum: [...new Set([...UK_VAT_TREATMENTS, ...UK_LEGACY_VAT_TREATMENTS])], only: ['uk'] }),
  text('vat_reg_no', S, 12, { only: ['uk'] }),
  def('track_1099', 'boolean', S, { only: ['us'] }),
  def('tax_id_type', 'enum', S, { enum: ['SSN', 'ATIN', 'ITIN', 'EIN'], only: ['us'] }),
  text('tax_id_value', S, undefined, { only: ['us'] }),
])();

/** Every field of a Books/Invoice customer, across editions. */
export const FINANCE_CONTACT_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  text('contact_name', S, 200, { required: true }),
  text('company_name', S, 200),
  // Fixed by the sync type's module map (business or individual customer), never by an entry.
  def('contact_type', 'enum', S, { enum: ['customer', 'vendor'], readOnly: true }),
  def('customer_sub_type', 'enum', S, { enum: ['business', 'individual'], readOnly: true }),
  text('website', S),
  def('language_code', 'enum', S, { enum: ['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pt', 'pt_br', 'sv', 'zh', 'en_gb'] }),
  def('credit_limit', 'number', S),
  text('contact_number', S, 200),
  def('payment_terms', 'integer', S),
  text('payment_terms_label', S, 200),
  text('notes', S),
  text('facebook', S, 100),
  text('twitter', S, 100),
  def('currency_id', 'ref', S, { ref: 'currencies' }),
  text('currency_code', S, undefined, { readOnly: true }),
  // List replies flatten the primary person to the top level: readable only.
  ...['first_name', 'last_name', 'email', 'phone', 'mobile'].map((name) => text(name, S, undefined, { readOnly: true })),
  ...under('billing_address', FINANCE_ADDRESS_FIELDS),
  ...under('shipping_address', FINANCE_ADDRESS_FIELDS),
  ...under(PRIMARY, PRIMARY_PERSON),
  ...TAX,
  ...financeCustomFields(S),
])();
