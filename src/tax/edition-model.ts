import type { TaxEdition, ZohoEditionTag } from '../schemas/edition-codes.js';
import type { ConfigTax, ConfigTaxAuthority, ConfigTaxExemption, ConfigTaxGroup } from './tax-config.js';
import type { RegistrationCheck } from './validators/registration-check.js';

/** A kind of tax an edition works with. */
export interface TaxTypeInfo {
  /** Short code, e.g. `'cgst'`, `'hst'`, `'vat'`, `'sales_tax'`. */
  code: string;
  label: string;
  /** How Books stores it: a simple tax, a compound tax or a group. */
  zohoType: 'tax' | 'compound_tax' | 'tax_group';
  /** Books `tax_specific_type`, where the edition has one. */
  specificType?: string;
}

/** A customer tax treatment (India GST treatment, GCC/ZA tax treatment, UK VAT treatment). */
export interface TreatmentInfo {
  /** Zoho's API value, e.g. `'business_gst'`, `'vat_registered'`. */
  code: string;
  label: string;
  /** Supplies to such a customer are zero-rated (India SEZ and overseas, South Africa overseas). */
  zeroRated?: boolean;
}

/** Where a supply is taxed, and by which field. */
export interface PlaceOfSupplyInfo {
  /** Books field on contacts, e.g. `'place_of_contact'` (India), `'country_code'` (GCC). */
  contactField?: string;
  /** Books field on transactions, e.g. `'place_of_supply'`. */
  transactionField?: string;
  /** Accepted codes, where the edition has a closed list. */
  codes?: readonly string[];
  /** The rule in one sentence. */
  rule: string;
}

/** The edition's tax registration number and its validator. */
export interface RegistrationInfo {
  /** What people call it: `'GSTIN'`, `'ABN'`, `'TRN'`. */
  label: string;
  /** Books contact field holding it, where there is one. */
  contactField?: string;
  /** FSM field holding it, where there is one. */
  fsmField?: string;
  validate(value: string): RegistrationCheck;
}

/** What a new finance org of the edition gets when you push the defaults. */
export interface TaxDefaults {
  taxes: readonly ConfigTax[];
  groups: readonly ConfigTaxGroup[];
  authorities: readonly ConfigTaxAuthority[];
  exemptions: readonly ConfigTaxExemption[];
  defaultTaxId?: string;
}

/**
 * One tax edition's model: its tax types, the
 * contact and item fields carrying tax, treatments, place-of-supply rule, registration number,
 * which prefill matrix it uses, and sensible defaults.
 */
export interface TaxEditionModel {
  code: TaxEdition;
  /** Country name, or `'Other countries'` for global. */
  country: string;
  /** ISO 3166 codes of the edition's country (none for global). */
  countryCodes: readonly string[];
  /** Base currency of a new org, and its decimals (3 for KWD, BHD, OMR). */
  currency: string;
  currencyDecimals: number;
  /** The OAS edition tag gating its fields. */
  zohoTag: ZohoEditionTag;
  /** `'GST'`, `'VAT'`, `'Sales tax'`, `'Tax'`. */
  taxLabel: string;
  taxTypes: readonly TaxTypeInfo[];
  /** What the finance org of this edition supports. */
  supports: {
    compound: boolean;
    groups: boolean;
    /** `/settings/taxauthorities` (US and Canada). */
    authorities: boolean;
    /** A tax carries `tax_authority_id` (US). */
    taxAuthority: boolean;
    /** `/settings/taxexemptions`. */
    exemptions: boolean;
    /** A tax carries `country_code`. */
    countryCode: boolean;
    /** Avalara can manage the taxes (FSM allows it in the US edition only). */
    avalara: boolean;
  };
  /** Books `tax_specific_type` values the edition accepts (empty: none). */
  specificTypes: readonly string[];
  /** The customer treatment field and its values. */
  treatments?: { field: string; fsmField?: string; values: readonly TreatmentInfo[] };
  /** Books contact fields that carry tax. */
  contactFields: readonly string[];
  /** Books item fields that carry tax. */
  itemFields: readonly string[];
  /** FSM fields on Companies/Contacts. */
  fsmContactFields: readonly string[];
  /** FSM fields on Service_And_Parts. */
  fsmItemFields: readonly string[];
  placeOfSupply?: PlaceOfSupplyInfo;
  registration?: RegistrationInfo;
  /** Which prefill matrix picks a line's tax. */
  prefill: 'generic' | 'us' | 'india';
  defaults: TaxDefaults;
}
