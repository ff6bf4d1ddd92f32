import type { TaxEditionModel } from '../edition-model.js';
import { validateUkVat } from '../validators/uk-vat.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS, tax } from './shared.js';

/**
 * United Kingdom: VAT at the standard 20%, reduced 5% and zero rates (Value Added Tax Act 1994;
 * the old FSM page lists the same). Contacts carry a VAT treatment — `uk`, `eu_vat_registered`
 * (Northern Ireland protocol), `overseas` — and a VAT registration number.
 */
export const uk: TaxEditionModel = /* @__PURE__ */ (() => ({
  code: 'uk',
  country: 'United Kingdom',
  countryCodes: ['GB'],
  currency: 'GBP',
  currencyDecimals: 2,
  zohoTag: 'uk',
  taxLabel: 'VAT',
  taxTypes: [{ code: 'vat', label: 'VAT', zohoType: 'tax' }],
  supports: { compound: false, groups: false, authorities: false, taxAuthority: false, exemptions: false, countryCode: true, avalara: false },
  specificTypes: [],
  treatments: {
    field: 'vat_treatment',
    fsmField: 'VAT_Treatment',
    values: [
      { code: 'uk', label: 'United Kingdom' },
      { code: 'eu_vat_registered', label: 'EU VAT registered (Northern Ireland)' },
      { code: 'overseas', label: 'Overseas' },
    ],
  },
  contactFields: ['vat_treatment', 'vat_reg_no', 'country_code'],
  itemFields: ['tax_id'],
  fsmContactFields: [...FSM_CONTACT_TAX_FIELDS, 'VAT_Treatment'],
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  placeOfSupply: { contactField: 'country_code', rule: 'The customer’s country (and VAT treatment) decides whether UK VAT applies.' },
  registration: { label: 'VAT registration number', contactField: 'vat_reg_no', validate: validateUkVat },
  prefill: 'generic',
  defaults: {
    taxes: [
      tax('vat20', 'Standard Rate', '20', { countryCode: 'GB' }),
      tax('vat5', 'Reduced Rate', '5', { countryCode: 'GB' }),
      tax('vat0', 'Zero Rate', '0', { countryCode: 'GB' }),
    ],
    groups: [],
    authorities: [],
    exemptions: [],
    defaultTaxId: 'vat20',
  },
}))();
