import type { ConfigTax, ConfigTaxExemption } from '../tax-config.js';

// Small builders and field lists the edition modules share.

/** A default tax. */
export function tax(id: string, name: string, rate: string, extra: Omit<ConfigTax, 'id' | 'name' | 'rate'> = {}): ConfigTax {
  return { id, name, rate, ...extra };
}

/** A default exemption reason. */
export function exemption(id: string, code: string, type: ConfigTaxExemption['type'], description: string): ConfigTaxExemption {
  return { id, code, type, description };
}

/** FSM Companies/Contacts tax fields of every edition. */
export const FSM_CONTACT_TAX_FIELDS = ['Taxable', 'Tax_Name', 'Tax_Exemption_Code'] as const;

/** FSM Service_And_Parts tax block. */
export const FSM_ITEM_TAX_FIELDS = ['Tax.Taxable', 'Tax.Tax_Name', 'Tax.Tax_Id', 'Tax.Tax_Exemption_Id', 'Tax.Tax_Exemption_Code'] as const;

/** GCC VAT treatments (as listed for the UAE). */
export const GCC_TREATMENTS = [
  { code: 'vat_registered', label: 'VAT Registered' },
  { code: 'vat_not_registered', label: 'Non VAT Registered' },
  { code: 'gcc_vat_registered', label: 'GCC VAT Registered' },
  { code: 'gcc_vat_not_registered', label: 'GCC Non VAT Registered' },
  { code: 'non_gcc', label: 'Non GCC' },
  { code: 'dz_vat_registered', label: 'VAT Registered - Designated Zone' },
  { code: 'dz_vat_not_registered', label: 'Non VAT Registered - Designated Zone' },
] as const;

/** GCC place-of-supply codes: UAE emirates and GCC countries (Books `country_code`). */
export const GCC_PLACES = ['AB', 'AJ', 'DU', 'FU', 'RA', 'SH', 'UM', 'AE', 'SA', 'BH', 'KW', 'OM', 'QA'] as const;

/** Books fields of a GCC contact: treatment, TRN, place of supply. */
export const GCC_CONTACT_FIELDS = ['tax_treatment', 'tax_reg_no', 'country_code'] as const;
