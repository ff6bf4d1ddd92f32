import type { TaxEdition } from '../schemas/edition-codes.js';

// The FSM tax configuration: what Setup > Billing > Tax Setting holds, in
// the SDK's own ids. `pull()` builds it from a finance org, `push()` creates it in one, and the
// id map (id-map.ts) ties each FSM id to the finance id. Plain types, no zod: the edition modules
// use them and stay light.

/** A tax (FSM's fields: Tax Name, Rate (%), Tax Authority; Books adds Tax Type). */
export interface ConfigTax {
  /** The FSM tax id: yours, stable; letters, digits and `_ . : -`. */
  id: string;
  name: string;
  /** Percent as an exact decimal string (`'9.975'`). */
  rate: string;
  /** Compound: charged on the amount plus the simple taxes (Books `tax_type: compound_tax`). */
  compound?: boolean;
  /** Books `tax_specific_type`: India `cgst sgst igst cess nil`, South Africa's codes. */
  specificType?: string;
  /** US: the FSM id of the tax's authority. */
  authorityId?: string;
  /** Books `country_code` of the tax (UK, EU, GCC and global editions). */
  countryCode?: string;
}

/** A tax group: taxes applied together, e.g. CGST + SGST, or a US state + county tax. */
export interface ConfigTaxGroup {
  id: string;
  name: string;
  /** FSM ids of the member taxes. */
  taxIds: string[];
}

/** A tax authority (US and Canada editions). */
export interface ConfigTaxAuthority {
  id: string;
  name: string;
  description?: string;
  /** Canada: e.g. the GST/HST program account `123456782RT0001`. */
  registrationNumber?: string;
  registrationNumberLabel?: string;
}

/** A tax exemption reason, for a customer or an item. */
export interface ConfigTaxExemption {
  id: string;
  /** The reason's code, e.g. `RESELLER`, `GST FREE`. */
  code: string;
  description?: string;
  type: 'customer' | 'item';
}

/** The tax facts Zoho exposes on the finance organisation, as last read by `pull()` or `health()`. */
export interface FinanceTaxSettings {
  organizationId: string;
  /** Undocumented `is_tax_enabled` (absent: unknown). */
  taxEnabled?: boolean;
  /** `tax_group_enabled` (Zoho's Organizations API reference). */
  taxGroupEnabled?: boolean;
  /** Undocumented `is_avalara_integrated`. */
  avalara?: boolean;
  /** The edition read from the org (see `editionOfOrganization`). */
  edition?: TaxEdition;
  currencyCode?: string;
}

/** The FSM tax configuration of one edition. */
export interface TaxConfig {
  edition: TaxEdition;
  /** Taxes are on in FSM. */
  taxesEnabled: boolean;
  /** `'avalara'`: the finance org's Avalara integration computes taxes at invoicing only. */
  managedBy: 'fsm' | 'avalara';
  /** Where the business is: India's state code (`'KA'`), a UAE emirate; decides intra- vs inter-state. */
  origin?: string;
  /** FSM id of the default tax or group ("Default tax from Books/Invoice"). */
  defaultTaxId?: string;
  taxes: ConfigTax[];
  groups: ConfigTaxGroup[];
  authorities: ConfigTaxAuthority[];
  exemptions: ConfigTaxExemption[];
  /** Avalara: each finance item id with its Avalara tax code, the only tax data FSM keeps. */
  itemTaxCodes?: Record<string, string>;
  /** Read from the finance org. */
  finance?: FinanceTaxSettings;
}

/** A tax as you write it: the rate may be a number. */
export type ConfigTaxInput = Omit<ConfigTax, 'rate'> & { rate: string | number };

/**
 * A configuration as you pass it to `push()` or `checkTaxConfig()`: everything but the taxes has a
 * default (`edition`: TaxSync's, `taxesEnabled: true`, `managedBy: 'fsm'`, empty lists).
 */
export interface TaxConfigInput {
  edition?: TaxEdition;
  taxesEnabled?: boolean;
  managedBy?: 'fsm' | 'avalara';
  origin?: string;
  defaultTaxId?: string;
  taxes?: ConfigTaxInput[];
  groups?: ConfigTaxGroup[];
  authorities?: ConfigTaxAuthority[];
  exemptions?: ConfigTaxExemption[];
  itemTaxCodes?: Record<string, string>;
}

/** The kinds of tax objects, as the id map names them. */
export type TaxObjectKind = 'tax' | 'group' | 'authority' | 'exemption';
