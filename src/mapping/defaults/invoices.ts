import { toZohoEditionTag } from '../../schemas/edition-codes.js';
import type { MappingEntry } from '../types.js';
import type { DefaultsOptions } from './customers.js';
import { addressEntries, toFinance } from './entry.js';

/**
 * Work Orders → invoices: the billing customer, the work order's
 * number as reference, its billing address, and one line per service and part line with item,
 * quantity, price, unit, description and tax. India and GCC carry the place of supply; currency
 * and exchange rate go along with multi-currency.
 */
export function invoiceDefaults(options: DefaultsOptions): MappingEntry[] {
  const tag = toZohoEditionTag(options.edition);
  return [
    toFinance('Customer', 'customer_id', { required: true }),
    toFinance('Name', 'reference_number'),
    ...addressEntries('Billing_Address', 'billing_address', toFinance),
    toFinance('Lines[].Item', 'line_items[].item_id', { required: true }),
    toFinance('Lines[].Quantity', 'line_items[].quantity'),
    toFinance('Lines[].List_Price', 'line_items[].rate'),
    toFinance('Lines[].Unit', 'line_items[].unit'),
    toFinance('Lines[].Description', 'line_items[].description'),
    toFinance('Lines[].Tax.Tax_Id', 'line_items[].tax_id'),
    ...(tag === 'in' || tag === 'gcc' ? [toFinance('Place_of_Supply', 'place_of_supply')] : []),
    ...(options.multiCurrency ? [toFinance('Currency', 'currency_id'), toFinance('Exchange_Rate', 'exchange_rate')] : []),
  ];
}
