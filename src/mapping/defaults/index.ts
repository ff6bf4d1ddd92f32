import type { MappingEntry, MappingModule } from '../types.js';
import { companyDefaults, contactDefaults, contactPersonDefaults, type DefaultsOptions } from './customers.js';
import { invoiceDefaults } from './invoices.js';
import { itemDefaults } from './items.js';

export type { DefaultsOptions } from './customers.js';
export { GST_TREATMENT_MAP } from './customer-tax.js';
export { productTypeMap } from './items.js';

/**
 * The default entries of a module for a sync type and edition: what "configured automatically"
 * means (setup page). The list of Zoho's own defaults is not public (❓); these
 * follow the field names of Zoho's API docs and the setup page's rules. docs/field-mapping.md
 * shows them as tables.
 *
 * @example
 * ```ts
 * defaultEntries('items', { syncType: 'I', edition: 'in', multiCurrency: false }).map((e) => `${e.fsm} ↔ ${e.finance}`);
 * ```
 */
export function defaultEntries(module: MappingModule, options: DefaultsOptions): MappingEntry[] {
  switch (module) {
    case 'companies': return companyDefaults(options);
    case 'contacts': return contactDefaults(options);
    case 'contact_persons': return contactPersonDefaults();
    case 'items': return itemDefaults(options.edition);
    case 'invoices': return invoiceDefaults(options);
  }
}
