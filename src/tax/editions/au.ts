import type { TaxEditionModel } from '../edition-model.js';
import { validateAbn } from '../validators/abn.js';
import { exemption, FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS, tax } from './shared.js';

/**
 * Australia: GST at 10% (A New Tax System (Goods and Services Tax) Act 1999); Services/Products,
 * Contacts and Companies are Taxable or Non-Taxable with an exemption reason — GST FREE, GST FREE
 * EXPORT, INPUT TAXED SALES. The ABN is entered when registered for GST.
 */
export const au: TaxEditionModel = {
  code: 'au',
  country: 'Australia',
  countryCodes: ['AU'],
  currency: 'AUD',
  currencyDecimals: 2,
  zohoTag: 'au',
  taxLabel: 'GST',
  taxTypes: [{ code: 'gst', label: 'GST', zohoType: 'tax' }],
  supports: { compound: false, groups: false, authorities: false, taxAuthority: false, exemptions: true, countryCode: false, avalara: false },
  specificTypes: [],
  contactFields: ['is_taxable', 'tax_exemption_id', 'tax_exemption_code'],
  itemFields: ['tax_id'],
  fsmContactFields: FSM_CONTACT_TAX_FIELDS,
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  registration: { label: 'ABN', validate: validateAbn },
  prefill: 'generic',
  defaults: {
    taxes: [/* @__PURE__ */ tax('gst', 'GST', '10')],
    groups: [],
    authorities: [],
    exemptions: [
      /* @__PURE__ */ exemption('gst_free', 'GST FREE', 'item', 'GST-free supply (food, health, education…)'),
      /* @__PURE__ */ exemption('gst_free_export', 'GST FREE EXPORT', 'item', 'GST-free export'),
      /* @__PURE__ */ exemption('input_taxed', 'INPUT TAXED SALES', 'item', 'Input-taxed supply (financial supplies, residential rent)'),
    ],
    defaultTaxId: 'gst',
  },
};
