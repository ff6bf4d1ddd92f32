import * as z from 'zod/mini';

// The documented values of Zoho's edition-specific tax fields. Record and input schemas accept any
// string in these fields (see open-enum.ts); these closed schemas are for callers who want to refuse
// unknown values, e.g. before creating a record.

/** India: contact/transaction `gst_treatment` (Zoho's Contacts API reference). */
export const GST_TREATMENTS = ['business_gst', 'business_none', 'overseas', 'consumer'] as const;
/** A value of {@link GST_TREATMENTS}. */
export type GstTreatment = (typeof GST_TREATMENTS)[number];
/** Zod schema of {@link GstTreatment}. */
export const GstTreatmentSchema = /* @__PURE__ */ z.enum(GST_TREATMENTS);

/** Every documented `tax_treatment`, across GCC, MX, KE and ZA (Zoho's Contacts API reference). */
export const TAX_TREATMENTS = [
  'vat_registered', 'vat_not_registered', 'gcc_vat_registered', 'gcc_vat_not_registered', 'non_gcc',
  'dz_vat_registered', 'dz_vat_not_registered', 'home_country_mexico', 'border_region_mexico', 'non_mexico',
  'non_kenya', 'overseas',
] as const;
/** A documented `tax_treatment` value of any edition. */
export type TaxTreatment = (typeof TAX_TREATMENTS)[number];
/** Zod schema of {@link TaxTreatment} (any edition). */
export const TaxTreatmentSchema = /* @__PURE__ */ z.enum(TAX_TREATMENTS);
/** GCC `tax_treatment`; the `dz_*` values are Algeria's. */
export const GCC_TAX_TREATMENTS = [
  'vat_registered', 'vat_not_registered', 'gcc_vat_registered', 'gcc_vat_not_registered', 'non_gcc',
  'dz_vat_registered', 'dz_vat_not_registered',
] as const satisfies readonly TaxTreatment[];
/** Mexico `tax_treatment`. */
export const MX_TAX_TREATMENTS = ['home_country_mexico', 'border_region_mexico', 'non_mexico'] as const satisfies readonly TaxTreatment[];
/** Kenya `tax_treatment`. */
export const KE_TAX_TREATMENTS = ['vat_registered', 'vat_not_registered', 'non_kenya'] as const satisfies readonly TaxTreatment[];
/** South Africa `tax_treatment`. */
export const ZA_TAX_TREATMENTS = ['vat_registered', 'vat_not_registered', 'overseas'] as const satisfies readonly TaxTreatment[];
/** `tax_treatment` values by OAS edition tag, for an edition-aware check. */
export const TAX_TREATMENTS_BY_EDITION = {
  gcc: GCC_TAX_TREATMENTS, mx: MX_TAX_TREATMENTS, ke: KE_TAX_TREATMENTS, za: ZA_TAX_TREATMENTS,
} as const;

/** UK: contact/invoice `vat_treatment` (Zoho's Contacts API reference). */
export const UK_VAT_TREATMENTS = ['uk', 'eu_vat_registered', 'overseas'] as const;
/** UK: pre-Brexit `vat_treatment` values that old records may still carry (Zoho's Contacts API reference). */
export const UK_LEGACY_VAT_TREATMENTS = ['eu_vat_registered', 'eu_vat_not_registered', 'non_eu'] as const;
/** A current UK `vat_treatment`. */
export type VatTreatment = (typeof UK_VAT_TREATMENTS)[number];
/** Zod schema of {@link VatTreatment}. */
export const VatTreatmentSchema = /* @__PURE__ */ z.enum(UK_VAT_TREATMENTS);

/** Contact `customer_sub_type` (Zoho's Contacts API reference). */
export const CUSTOMER_SUB_TYPES = ['individual', 'business'] as const;
/** A value of {@link CUSTOMER_SUB_TYPES}. */
export type CustomerSubType = (typeof CUSTOMER_SUB_TYPES)[number];
/** Zod schema of {@link CustomerSubType}. */
export const CustomerSubTypeSchema = /* @__PURE__ */ z.enum(CUSTOMER_SUB_TYPES);

/** Contact `contact_type` (Zoho's Contacts API reference). */
export const CONTACT_TYPES = ['customer', 'vendor'] as const;
/** A value of {@link CONTACT_TYPES}. */
export type ContactType = (typeof CONTACT_TYPES)[number];
/** Zod schema of {@link ContactType}. */
export const ContactTypeSchema = /* @__PURE__ */ z.enum(CONTACT_TYPES);

/**
 * Item `product_type`: `goods | service | digital_service`, plus South Africa's `capital_service`
 * and `capital_goods` (Zoho's Items API reference). Invoice line items document `services` instead (Zoho's Invoices API reference).
 */
export const PRODUCT_TYPES = ['goods', 'service', 'digital_service', 'capital_service', 'capital_goods'] as const;
/** A value of {@link PRODUCT_TYPES}. */
export type ProductType = (typeof PRODUCT_TYPES)[number];
/** Zod schema of {@link ProductType}. */
export const ProductTypeSchema = /* @__PURE__ */ z.enum(PRODUCT_TYPES);

/** India: tax `tax_specific_type` (Zoho's Taxes API reference). */
export const IN_TAX_SPECIFIC_TYPES = ['igst', 'cgst', 'sgst', 'nil', 'cess'] as const;
/** Mexico: tax `tax_specific_type` (Zoho's Taxes API reference). */
export const MX_TAX_SPECIFIC_TYPES = ['isr', 'iva', 'ieps'] as const;
/** South Africa: tax `tax_specific_type` (Zoho's Taxes API reference). */
export const ZA_TAX_SPECIFIC_TYPES = [
  'soa_less_than_28d', 'soa_more_than_28d', 'ciu_prev_tax_supply', 'ciu_prev_nontax_supply', 'export_of_shg',
] as const;
/** Every documented `tax_specific_type`. */
export const TAX_SPECIFIC_TYPES = /* @__PURE__ */ (() => [...IN_TAX_SPECIFIC_TYPES, ...MX_TAX_SPECIFIC_TYPES, ...ZA_TAX_SPECIFIC_TYPES] as const)();
/** A value of {@link TAX_SPECIFIC_TYPES}. */
export type TaxSpecificType = (typeof TAX_SPECIFIC_TYPES)[number];
/** Zod schema of {@link TaxSpecificType}. */
export const TaxSpecificTypeSchema = /* @__PURE__ */ z.enum(TAX_SPECIFIC_TYPES);

/** Tax `tax_type`: simple or compound (Zoho's Taxes API reference). */
export const TAX_TYPES = ['tax', 'compound_tax'] as const;
/** A value of {@link TAX_TYPES}. */
export type TaxType = (typeof TAX_TYPES)[number];

/** India: item `item_tax_preferences[].tax_specification` (Zoho's Items API reference). */
export const TAX_SPECIFICATIONS = ['intra', 'inter'] as const;
/** A value of {@link TAX_SPECIFICATIONS}. */
export type TaxSpecification = (typeof TAX_SPECIFICATIONS)[number];

/** Tax exemption `type` (Zoho's Taxes API reference). */
export const TAX_EXEMPTION_TYPES = ['customer', 'item'] as const;
/** A value of {@link TAX_EXEMPTION_TYPES}. */
export type TaxExemptionType = (typeof TAX_EXEMPTION_TYPES)[number];

/** UAE emirate codes for GCC `country_code` / `place_of_supply` (Zoho's Contacts API reference, Zoho's Invoices API reference). */
export const UAE_EMIRATE_CODES = ['AB', 'AJ', 'DU', 'FU', 'RA', 'SH', 'UM'] as const;
/** A value of {@link UAE_EMIRATE_CODES}. */
export type UaeEmirateCode = (typeof UAE_EMIRATE_CODES)[number];
/** Zod schema of {@link UaeEmirateCode}. */
export const UaeEmirateCodeSchema = /* @__PURE__ */ z.enum(UAE_EMIRATE_CODES);

/** GCC country codes for `country_code` / `place_of_supply` (Zoho's Contacts API reference, Zoho's Invoices API reference). */
export const GCC_COUNTRY_CODES = ['AE', 'SA', 'BH', 'KW', 'OM', 'QA'] as const;
/** A value of {@link GCC_COUNTRY_CODES}. */
export type GccCountryCode = (typeof GCC_COUNTRY_CODES)[number];

/**
 * India: state / union-territory codes for contact `place_of_contact` and transaction
 * `place_of_supply`. Zoho documents them as "State code according to Indian Census 2011" with `TN`
 * as example (Zoho's GST API note for Books); `TG` (Telangana, 2014) and `LA` (Ladakh, 2019) came
 * later. `DD` and `DN` are kept apart although the two UTs merged in 2020, since old records use them.
 */
export const INDIAN_STATE_CODES = [
  'AN', 'AP', 'AR', 'AS', 'BR', 'CH', 'CT', 'DD', 'DL', 'DN', 'GA', 'GJ', 'HP', 'HR', 'JH', 'JK', 'KA', 'KL',
  'LA', 'LD', 'MH', 'ML', 'MN', 'MP', 'MZ', 'NL', 'OR', 'PB', 'PY', 'RJ', 'SK', 'TG', 'TN', 'TR', 'UP', 'UT', 'WB',
] as const;
/** A value of {@link INDIAN_STATE_CODES}. */
export type IndianStateCode = (typeof INDIAN_STATE_CODES)[number];
/** Zod schema of {@link IndianStateCode}. */
export const IndianStateCodeSchema = /* @__PURE__ */ z.enum(INDIAN_STATE_CODES);
