import type { TaxEditionModel } from '../edition-model.js';
import { validateUstIdNr } from '../validators/ust-idnr.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS, tax } from './shared.js';

/**
 * Germany: Umsatzsteuer at 19% and the reduced 7% (UStG §12). Books Germany sets a contact's VAT
 * treatment to home country, EU or outside the EU; its API field is not documented (❓), so the model lists none. EU is Zoho's OAS edition tag.
 */
export const de: TaxEditionModel = {
  code: 'de',
  country: 'Germany',
  countryCodes: ['DE'],
  currency: 'EUR',
  currencyDecimals: 2,
  zohoTag: 'eu',
  taxLabel: 'USt',
  taxTypes: [{ code: 'vat', label: 'Umsatzsteuer', zohoType: 'tax' }],
  supports: { compound: false, groups: false, authorities: false, taxAuthority: false, exemptions: false, countryCode: true, avalara: false },
  specificTypes: [],
  contactFields: [],
  itemFields: ['tax_id'],
  fsmContactFields: FSM_CONTACT_TAX_FIELDS,
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  placeOfSupply: { rule: 'Home country, another EU country (reverse charge for businesses) or outside the EU.' },
  registration: { label: 'USt-IdNr', validate: validateUstIdNr },
  prefill: 'generic',
  defaults: {
    taxes: [/* @__PURE__ */ tax('ust19', 'USt 19%', '19', { countryCode: 'DE' }), /* @__PURE__ */ tax('ust7', 'USt 7%', '7', { countryCode: 'DE' })],
    groups: [],
    authorities: [],
    exemptions: [],
    defaultTaxId: 'ust19',
  },
};
