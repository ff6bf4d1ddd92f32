import type { TaxEditionModel } from '../edition-model.js';
import type { ConfigTax } from '../tax-config.js';
import { validateTrn, type GccCountry } from '../validators/trn.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS, GCC_CONTACT_FIELDS, GCC_PLACES, GCC_TREATMENTS, tax } from './shared.js';

/** What differs between the Gulf editions. */
export interface GccFacts {
  code: Extract<GccCountry, 'ae' | 'sa' | 'kw' | 'qa' | 'bh' | 'om'>;
  country: string;
  iso: string;
  currency: string;
  currencyDecimals: number;
  /** Standard VAT rate in force, or undefined where VAT is not in force. */
  standardRate: string | undefined;
}

/**
 * A Gulf edition: VAT with the GCC treatments, a 15-digit TRN and the emirate or GCC state as
 * place of supply. Defaults: the standard rate and
 * a zero rate where VAT is in force; none where it is not (Kuwait, Qatar).
 */
export function gccEdition(facts: GccFacts): TaxEditionModel {
  const defaults: ConfigTax[] =
    facts.standardRate === undefined
      ? []
      : [
          tax('vat_standard', `VAT ${facts.standardRate}%`, facts.standardRate, { countryCode: facts.iso }),
          tax('vat_zero', 'Zero Rate', '0', { countryCode: facts.iso }),
        ];
  return {
    code: facts.code,
    country: facts.country,
    countryCodes: [facts.iso],
    currency: facts.currency,
    currencyDecimals: facts.currencyDecimals,
    zohoTag: 'gcc',
    taxLabel: 'VAT',
    taxTypes: [{ code: 'vat', label: 'VAT', zohoType: 'tax' }],
    supports: { compound: false, groups: false, authorities: false, taxAuthority: false, exemptions: false, countryCode: true, avalara: false },
    specificTypes: [],
    treatments: { field: 'tax_treatment', values: GCC_TREATMENTS },
    contactFields: GCC_CONTACT_FIELDS,
    itemFields: ['tax_id'],
    fsmContactFields: FSM_CONTACT_TAX_FIELDS,
    fsmItemFields: FSM_ITEM_TAX_FIELDS,
    placeOfSupply: {
      contactField: 'country_code',
      transactionField: 'place_of_supply',
      codes: facts.code === 'ae' ? GCC_PLACES : GCC_PLACES.slice(7),
      rule: facts.code === 'ae' ? 'The emirate (AB AJ DU FU RA SH UM) or the GCC state where the supply is made.' : 'The GCC state where the supply is made.',
    },
    registration: { label: 'TRN', contactField: 'tax_reg_no', validate: (value) => validateTrn(value, { country: facts.code }) },
    prefill: 'generic',
    defaults: { taxes: defaults, groups: [], authorities: [], exemptions: [], ...(defaults.length > 0 ? { defaultTaxId: 'vat_standard' } : {}) },
  };
}
