import type { TaxEditionModel } from '../edition-model.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS } from './shared.js';

/**
 * Global: for a country "that does not currently have a designated tax edition": generic taxes, compound taxes and groups, Taxable / Tax Name / Exemption. No defaults:
 * there is no one rate to assume.
 */
export const global: TaxEditionModel = {
  code: 'global',
  country: 'Other countries',
  countryCodes: [],
  currency: 'USD',
  currencyDecimals: 2,
  zohoTag: 'global',
  taxLabel: 'Tax',
  taxTypes: [
    { code: 'tax', label: 'Tax', zohoType: 'tax' },
    { code: 'compound_tax', label: 'Compound tax', zohoType: 'compound_tax' },
    { code: 'tax_group', label: 'Tax group', zohoType: 'tax_group' },
  ],
  supports: { compound: true, groups: true, authorities: false, taxAuthority: false, exemptions: false, countryCode: true, avalara: false },
  specificTypes: [],
  contactFields: [],
  itemFields: ['tax_id'],
  fsmContactFields: FSM_CONTACT_TAX_FIELDS,
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  prefill: 'generic',
  defaults: { taxes: [], groups: [], authorities: [], exemptions: [] },
};
