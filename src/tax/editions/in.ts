import type { TaxEditionModel } from '../edition-model.js';
import { GST_STATE_NUMBERS } from '../validators/gst-state-codes.js';
import { validateGstin } from '../validators/gstin.js';
import { FSM_CONTACT_TAX_FIELDS, tax } from './shared.js';

const STATES = /* @__PURE__ */ (() => [...new Set(Object.values(GST_STATE_NUMBERS).filter((code): code is string => code !== undefined))].sort())();

/** GST slabs of the defaults: the rates in force since 22 September 2025 (56th GST Council: 5%, 18%, 40%). */
const SLABS = ['5', '18', '40'];
const half = (rate: string): string => String(Number(rate) / 2);

/**
 * India: GST. Within a state, CGST + SGST (a tax group); across states, IGST; cess on top. The
 * customer's GST treatment and the work order's place of supply pick the intra- or inter-state rate
 * of the Service/Part; SEZ and overseas supplies are zero-rated IGST.
 * Defaults: the 5%, 18% and 40% slabs, plus IGST0 for zero-rated supplies; add 12% or 28% taxes if
 * you still invoice at those rates.
 */
export const india: TaxEditionModel = /* @__PURE__ */ (() => ({
  code: 'in',
  country: 'India',
  countryCodes: ['IN'],
  currency: 'INR',
  currencyDecimals: 2,
  zohoTag: 'in',
  taxLabel: 'GST',
  taxTypes: [
    { code: 'cgst', label: 'CGST', zohoType: 'tax', specificType: 'cgst' },
    { code: 'sgst', label: 'SGST / UTGST', zohoType: 'tax', specificType: 'sgst' },
    { code: 'igst', label: 'IGST', zohoType: 'tax', specificType: 'igst' },
    { code: 'cess', label: 'Cess', zohoType: 'tax', specificType: 'cess' },
    { code: 'nil', label: 'Nil rated', zohoType: 'tax', specificType: 'nil' },
    { code: 'gst', label: 'GST (CGST + SGST)', zohoType: 'tax_group' },
  ],
  supports: { compound: false, groups: true, authorities: false, taxAuthority: false, exemptions: true, countryCode: false, avalara: false },
  specificTypes: ['cgst', 'sgst', 'igst', 'cess', 'nil'],
  treatments: {
    field: 'gst_treatment',
    fsmField: 'GST_Treatment',
    values: [
      { code: 'business_gst', label: 'Registered Business - Regular' },
      { code: 'business_registered_regular', label: 'Registered Business - Regular' },
      { code: 'business_registered_composition', label: 'Registered Business - Composition' },
      { code: 'business_none', label: 'Unregistered Business' },
      { code: 'business_unregistered', label: 'Unregistered Business' },
      { code: 'consumer', label: 'Consumer' },
      { code: 'deemed_export', label: 'Deemed Export' },
      { code: 'business_sez', label: 'Special Economic Zone', zeroRated: true },
      { code: 'overseas', label: 'Overseas', zeroRated: true },
    ],
  },
  contactFields: ['is_taxable', 'tax_id', 'tax_name', 'tax_exemption_id', 'tax_exemption_code', 'gst_no', 'gst_treatment', 'place_of_contact'],
  itemFields: ['is_taxable', 'tax_exemption_id', 'hsn_or_sac', 'item_tax_preferences'],
  fsmContactFields: [...FSM_CONTACT_TAX_FIELDS, 'GST_Treatment', 'Place_of_Supply', 'Tax_Reg_Number'],
  fsmItemFields: ['Tax.Taxable', 'Tax.Tax_Exemption_Id', 'Intra_State_Tax_Rate', 'Inter_State_Tax_Rate'],
  placeOfSupply: {
    contactField: 'place_of_contact',
    transactionField: 'place_of_supply',
    codes: STATES,
    rule: 'Same state as the business: CGST + SGST (intra-state rate); another state: IGST (inter-state rate); SEZ and overseas: IGST, zero-rated.',
  },
  registration: { label: 'GSTIN', contactField: 'gst_no', fsmField: 'Tax_Reg_Number', validate: validateGstin },
  prefill: 'india',
  defaults: {
    taxes: [
      ...SLABS.flatMap((rate) => [
        tax(`cgst${rate}`, `CGST${half(rate)}`, half(rate), { specificType: 'cgst' }),
        tax(`sgst${rate}`, `SGST${half(rate)}`, half(rate), { specificType: 'sgst' }),
        tax(`igst${rate}`, `IGST${rate}`, rate, { specificType: 'igst' }),
      ]),
      tax('igst0', 'IGST0', '0', { specificType: 'igst' }),
    ],
    groups: SLABS.map((rate) => ({ id: `gst${rate}`, name: `GST${rate}`, taxIds: [`cgst${rate}`, `sgst${rate}`] })),
    authorities: [],
    exemptions: [],
    defaultTaxId: 'gst18',
  },
}))();
