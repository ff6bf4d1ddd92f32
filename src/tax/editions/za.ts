import type { TaxEditionModel } from '../edition-model.js';
import { validateZaVat } from '../validators/za-vat.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS, tax } from './shared.js';

/**
 * South Africa: VAT at 15% (Value-Added Tax Act 89 of 1991, since 1 April 2018), zero-rated and
 * exempt supplies; contacts carry a tax treatment (`vat_registered`, `vat_not_registered`,
 * `overseas` — zero-rated) and a VAT number.
 */
export const za: TaxEditionModel = {
  code: 'za',
  country: 'South Africa',
  countryCodes: ['ZA'],
  currency: 'ZAR',
  currencyDecimals: 2,
  zohoTag: 'za',
  taxLabel: 'VAT',
  taxTypes: [{ code: 'vat', label: 'VAT', zohoType: 'tax' }],
  supports: { compound: false, groups: false, authorities: false, taxAuthority: false, exemptions: false, countryCode: false, avalara: false },
  specificTypes: ['soa_less_than_28d', 'soa_more_than_28d', 'ciu_prev_tax_supply', 'ciu_prev_nontax_supply', 'export_of_shg'],
  treatments: {
    field: 'tax_treatment',
    values: [
      { code: 'vat_registered', label: 'VAT Registered' },
      { code: 'vat_not_registered', label: 'Not VAT Registered' },
      { code: 'overseas', label: 'Overseas', zeroRated: true },
    ],
  },
  contactFields: ['is_taxable', 'tax_treatment', 'tax_reg_no'],
  itemFields: ['tax_id', 'is_taxable', 'tax_exemption_id', 'hsn_or_sac', 'sales_tax_rule_id'],
  fsmContactFields: FSM_CONTACT_TAX_FIELDS,
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  registration: { label: 'VAT registration number', contactField: 'tax_reg_no', validate: validateZaVat },
  prefill: 'generic',
  defaults: {
    taxes: [/* @__PURE__ */ tax('vat15', 'Standard Rate', '15'), /* @__PURE__ */ tax('vat0', 'Zero Rate', '0'), /* @__PURE__ */ tax('exempt', 'Exempt', '0')],
    groups: [],
    authorities: [],
    exemptions: [],
    defaultTaxId: 'vat15',
  },
};
