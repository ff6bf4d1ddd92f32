import { toZohoEditionTag, type TaxEdition } from '../../schemas/edition-codes.js';
import type { MappingEntry } from '../types.js';
import { both } from './entry.js';

/**
 * FSM `Type` ↔ Books `product_type`. FSM calls goods "Part" on create
 * and "Goods" in replies; Books has digital services, and South Africa capital goods and services,
 * which FSM knows as plain services and parts.
 */
export function productTypeMap(edition: TaxEdition) {
  const za = toZohoEditionTag(edition) === 'za';
  return {
    toFinance: { Service: 'service', Part: 'goods', Goods: 'goods' },
    toFsm: za
      ? { service: 'Service', goods: 'Part', capital_service: 'Service', capital_goods: 'Part' }
      : { service: 'Service', goods: 'Part', digital_service: 'Service' },
  };
}

/**
 * Services and Parts ↔ items: name, price, description, SKU, unit, type, and the item tax of the
 * edition: the tax id where Books items carry one, taxability and
 * exemption in the US and India, and India's intra/inter-state taxes and HSN/SAC code.
 */
export function itemDefaults(edition: TaxEdition): MappingEntry[] {
  const tag = toZohoEditionTag(edition);
  const entries: MappingEntry[] = [
    both('Name', 'name', { transform: 'trim', required: true }),
    both('Unit_Price', 'rate'),
    both('Description', 'description'),
    both('SKU', 'sku'),
    both('Unit', 'unit'),
    both('Type', 'product_type', { valueMap: productTypeMap(edition) }),
  ];
  // Zoho's Items API reference: tax_id is not offered in the US and India editions.
  if (tag !== 'us' && tag !== 'in') entries.push(both('Tax.Tax_Id', 'tax_id'));
  if (tag === 'us' || tag === 'in' || tag === 'za') entries.push(both('Tax.Taxable', 'is_taxable'), both('Tax.Tax_Exemption_Id', 'tax_exemption_id'));
  if (tag === 'in') {
    entries.push(
      both('Intra_State_Tax_Rate', 'item_tax_preferences[tax_specification=intra].tax_id'),
      both('Inter_State_Tax_Rate', 'item_tax_preferences[tax_specification=inter].tax_id'),
      both('HSN_SAC', 'hsn_or_sac'),
    );
  }
  return entries;
}
