import { GCC_COUNTRY_CODES, GCC_TAX_TREATMENTS, GST_TREATMENTS, INDIAN_STATE_CODES, UAE_EMIRATE_CODES,
  UK_LEGACY_VAT_TREATMENTS, UK_VAT_TREATMENTS } from '../../schemas/tax-codes.js';
import { def, text, type FieldDef } from './field-spec.js';

/**
 * India GST treatments as FSM shows them, plus Books' API codes: FSM's
 * API documents `GST_Treatment` only as "String", and records created through it may carry the
 * Books codes directly.
 */
export const FSM_GST_TREATMENTS = /* @__PURE__ */ (() => [
  'Registered Business - Regular', 'Registered Business - Composition', 'Unregistered Business', 'Consumer',
  'Overseas', 'Special Economic Zone', 'Deemed Export', ...GST_TREATMENTS,
] as const)();

const S = 'create-company.html, create-contact.html';

/** Place of supply: an Indian state code, or a GCC emirate or country. */
export const PLACE_OF_SUPPLY_BY_TAG = /* @__PURE__ */ (() => ({ in: INDIAN_STATE_CODES, gcc: [...UAE_EMIRATE_CODES, ...GCC_COUNTRY_CODES] }) as const)();

/**
 * The edition tax fields of FSM companies and contacts. GCC names are not
 * published by FSM (❓): `Tax_Treatment`, and `Tax_Reg_Number` /
 * `Place_of_Supply` as India's, are assumed.
 */
export const FSM_CUSTOMER_TAX_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  def('Taxable', 'boolean', S),
  text('Tax_Name', S),
  text('Tax_Exemption_Code', S),
  text('Tax_Authority', S, undefined, { only: ['us'] }),
  def('Tax.Tax_Id', 'ref', 'get-companies.html (Tax)', { ref: 'taxes' }),
  def('Tax.Tax_Exemption_Id', 'ref', 'get-companies.html (Tax)', { ref: 'tax_exemptions' }),
  def('Tax.Tax_Authority_Id', 'ref', 'get-companies.html (Tax)', { ref: 'tax_authorities' }),
  def('Tax.Tax_Percentage', 'number', 'get-companies.html (Tax)', { readOnly: true }),
  def('GST_Treatment', 'enum', S, { enum: FSM_GST_TREATMENTS, only: ['in'] }),
  def('Place_of_Supply', 'enum', S, { only: ['in', 'gcc'], enumByTag: PLACE_OF_SUPPLY_BY_TAG }),
  text('Tax_Reg_Number', S, undefined, { only: ['in', 'gcc'] }),
  def('VAT_Treatment', 'enum', S, { enum: [...new Set([...UK_VAT_TREATMENTS, ...UK_LEGACY_VAT_TREATMENTS])], only: ['uk'] }),
  def('Tax_Treatment', 'enum', '❓ assumed (FSM does not publish it)', { enum: GCC_TAX_TREATMENTS, only: ['gcc'] }),
])();
