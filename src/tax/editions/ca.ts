import type { TaxEditionModel } from '../edition-model.js';
import { validateCanadaBn } from '../validators/canada-bn.js';
import { FSM_CONTACT_TAX_FIELDS, FSM_ITEM_TAX_FIELDS, tax } from './shared.js';

/**
 * The sales taxes charged in each province (Canada Revenue Agency): HST alone, or the 5% GST plus
 * a provincial PST/RST/QST, charged on the price (not compounded, since 2013). Nova Scotia's HST is
 * 14% since 1 April 2025.
 */
export const CANADA_PROVINCE_TAXES: Readonly<Record<string, readonly string[]>> = {
  AB: ['gst'], BC: ['gst', 'pst_bc'], MB: ['gst', 'rst_mb'], NB: ['hst15'], NL: ['hst15'], NS: ['hst14'],
  NT: ['gst'], NU: ['gst'], ON: ['hst13'], PE: ['hst15'], QC: ['gst', 'qst'], SK: ['gst', 'pst_sk'], YT: ['gst'],
};

/**
 * Canada: GST, HST, PST, RST and QST by province, combined in tax groups; tax authorities carry the
 * registration number (GST/HST program account); customers are taxable or exempt; "the Default
 * Tax will be applied to transactions for which the tax preference is not set".
 */
export const ca: TaxEditionModel = {
  code: 'ca',
  country: 'Canada',
  countryCodes: ['CA'],
  currency: 'CAD',
  currencyDecimals: 2,
  zohoTag: 'ca',
  taxLabel: 'GST/HST',
  taxTypes: [
    { code: 'gst', label: 'GST', zohoType: 'tax' },
    { code: 'hst', label: 'HST', zohoType: 'tax' },
    { code: 'pst', label: 'PST / RST', zohoType: 'tax' },
    { code: 'qst', label: 'QST', zohoType: 'tax' },
    { code: 'compound_tax', label: 'Compound provincial tax (before 2013)', zohoType: 'compound_tax' },
    { code: 'tax_group', label: 'GST + provincial tax', zohoType: 'tax_group' },
  ],
  supports: { compound: true, groups: true, authorities: true, taxAuthority: false, exemptions: true, countryCode: false, avalara: false },
  specificTypes: [],
  contactFields: ['is_taxable', 'tax_exemption_id', 'tax_exemption_code'],
  itemFields: ['tax_id'],
  fsmContactFields: FSM_CONTACT_TAX_FIELDS,
  fsmItemFields: FSM_ITEM_TAX_FIELDS,
  placeOfSupply: { codes: /* @__PURE__ */ Object.keys(CANADA_PROVINCE_TAXES), rule: 'The province of supply decides HST, or GST plus the provincial tax (CANADA_PROVINCE_TAXES).' },
  registration: { label: 'Business Number', validate: validateCanadaBn },
  prefill: 'generic',
  defaults: {
    taxes: [
      /* @__PURE__ */ tax('gst', 'GST', '5'),
      /* @__PURE__ */ tax('hst13', 'HST (ON)', '13'),
      /* @__PURE__ */ tax('hst14', 'HST (NS)', '14'),
      /* @__PURE__ */ tax('hst15', 'HST (NB, NL, PE)', '15'),
      /* @__PURE__ */ tax('pst_bc', 'PST (BC)', '7'),
      /* @__PURE__ */ tax('rst_mb', 'RST (MB)', '7'),
      /* @__PURE__ */ tax('pst_sk', 'PST (SK)', '6'),
      /* @__PURE__ */ tax('qst', 'QST', '9.975'),
    ],
    groups: [
      { id: 'gst_pst_bc', name: 'GST + PST (BC)', taxIds: ['gst', 'pst_bc'] },
      { id: 'gst_rst_mb', name: 'GST + RST (MB)', taxIds: ['gst', 'rst_mb'] },
      { id: 'gst_pst_sk', name: 'GST + PST (SK)', taxIds: ['gst', 'pst_sk'] },
      { id: 'gst_qst', name: 'GST + QST', taxIds: ['gst', 'qst'] },
    ],
    authorities: [
      { id: 'cra', name: 'Canada Revenue Agency', description: 'GST/HST' },
      { id: 'rq', name: 'Revenu Québec', description: 'QST' },
    ],
    exemptions: [],
    defaultTaxId: 'gst',
  },
};
