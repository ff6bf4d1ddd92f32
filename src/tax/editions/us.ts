import type { TaxEditionModel } from '../edition-model.js';
import { validateEin } from '../validators/ein.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS } from './shared.js';

/**
 * United States: sales tax per state, county and city, combined in tax groups; each tax has an
 * authority; customers and items are taxable or exempt with a reason.
 * A non-taxable customer needs an exemption reason and a tax authority;
 * a service address with its own tax overrides the customer's. Avalara may manage the
 * taxes instead. No defaults: rates depend on the ship-to address.
 */
export const us: TaxEditionModel = /* @__PURE__ */ (() => ({
  code: 'us',
  country: 'United States',
  countryCodes: ['US'],
  currency: 'USD',
  currencyDecimals: 2,
  zohoTag: 'us',
  taxLabel: 'Sales tax',
  taxTypes: [
    { code: 'sales_tax', label: 'Sales tax', zohoType: 'tax' },
    { code: 'compound_tax', label: 'Compound tax', zohoType: 'compound_tax' },
    { code: 'tax_group', label: 'Tax group (state + county + city)', zohoType: 'tax_group' },
  ],
  supports: { compound: true, groups: true, authorities: true, taxAuthority: true, exemptions: true, countryCode: false, avalara: true },
  specificTypes: [],
  contactFields: ['is_taxable', 'tax_id', 'tax_authority_id', 'tax_exemption_id', 'tax_exemption_code', 'tax_id_type', 'tax_id_value', 'avatax_exempt_no', 'avatax_use_code'],
  itemFields: ['is_taxable', 'tax_exemption_id', 'avatax_tax_code', 'avatax_use_code'],
  fsmContactFields: [...FSM_CONTACT_TAX_FIELDS, 'Tax_Authority', 'Service_Address.Tax'],
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  placeOfSupply: { rule: 'The tax of the service address, when it has one, replaces the customer’s tax.' },
  registration: { label: 'EIN', contactField: 'tax_id_value', validate: validateEin },
  prefill: 'us',
  defaults: { taxes: [], groups: [], authorities: [], exemptions: [] },
}))();
