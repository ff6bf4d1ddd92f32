import { toZohoEditionTag, type TaxEdition } from '../../schemas/edition-codes.js';
import type { MappingEntry } from '../types.js';
import { both } from './entry.js';

/**
 * India: FSM's GST treatments to Books' four API codes (Zoho's Contacts API reference
 * `gst_treatment`). Composition, SEZ and Deemed Export customers are registered businesses, which
 * the API calls `business_gst`; back in FSM they read as Regular. Books codes already in FSM
 * records pass through unchanged.
 */
export const GST_TREATMENT_MAP = {
  toFinance: {
    'Registered Business - Regular': 'business_gst',
    'Registered Business - Composition': 'business_gst',
    'Special Economic Zone': 'business_gst',
    'Deemed Export': 'business_gst',
    'Unregistered Business': 'business_none',
    Consumer: 'consumer',
    Overseas: 'overseas',
  },
  toFsm: {
    business_gst: 'Registered Business - Regular',
    business_none: 'Unregistered Business',
    consumer: 'Consumer',
    overseas: 'Overseas',
  },
} as const;

/**
 * The customer tax entries of an edition: India GST
 * treatment, place of supply and GSTIN; UK VAT treatment; GCC tax treatment, TRN and place of
 * supply; US taxability, tax, authority and exemption; the taxable flag and exemption where Books
 * has them.
 */
export function customerTaxEntries(edition: TaxEdition): MappingEntry[] {
  const tag = toZohoEditionTag(edition);
  const entries: MappingEntry[] = [];
  if (['us', 'ca', 'au', 'in', 'za'].includes(tag)) entries.push(both('Taxable', 'is_taxable'));
  if (tag === 'us') entries.push(both('Tax.Tax_Id', 'tax_id'), both('Tax.Tax_Authority_Id', 'tax_authority_id'));
  if (['us', 'ca', 'au', 'in'].includes(tag)) entries.push(both('Tax.Tax_Exemption_Id', 'tax_exemption_id'));
  if (tag === 'in') {
    entries.push(
      both('GST_Treatment', 'gst_treatment', { valueMap: GST_TREATMENT_MAP }),
      both('Place_of_Supply', 'place_of_contact'),
      both('Tax_Reg_Number', 'gst_no'),
    );
  }
  if (tag === 'uk') entries.push(both('VAT_Treatment', 'vat_treatment'));
  if (tag === 'gcc') entries.push(both('Tax_Treatment', 'tax_treatment'), both('Tax_Reg_Number', 'tax_reg_no'), both('Place_of_Supply', 'country_code'));
  return entries;
}
