import type { TaxEdition } from '../../schemas/edition-codes.js';
import type { MappingEntry, SyncType } from '../types.js';
import { customerTaxEntries } from './customer-tax.js';
import { addressEntries, both, toFinance } from './entry.js';

const PRIMARY = 'contact_persons[is_primary_contact=true]';

/** Defaults' options that change the entries. */
export interface DefaultsOptions {
  syncType: SyncType;
  edition: TaxEdition;
  /** Map currency (and, on invoices, the exchange rate): only when the org has multi-currency (product-rules.md §4.8). */
  multiCurrency: boolean;
}

function common(options: DefaultsOptions): MappingEntry[] {
  return [
    ...addressEntries('Billing_Address', 'billing_address'),
    ...addressEntries('Service_Address', 'shipping_address'),
    ...customerTaxEntries(options.edition),
    ...(options.multiCurrency ? [both('Currency', 'currency_id')] : []),
  ];
}

/**
 * FSM Companies ↔ business customers. A Books customer has no email of its own: it shows its
 * primary contact person's, so under types I and IV the company's email and phones go there. Under
 * type III the company's people are its FSM contacts, who become the persons, so the company's
 * phone goes to the billing address instead.
 */
export function companyDefaults(options: DefaultsOptions): MappingEntry[] {
  const reachable = options.syncType === 'III'
    ? [both('Phone', 'billing_address.phone')]
    : [both('Email', `${PRIMARY}.email`), both('Phone', `${PRIMARY}.phone`), both('Mobile', `${PRIMARY}.mobile`)];
  return [
    both('Company_Name', 'contact_name', { transform: 'trim', required: true }),
    toFinance('Company_Name', 'company_name', { transform: 'trim' }),
    both('Website', 'website'),
    ...reachable,
    both('Fax', 'billing_address.fax'),
    ...common(options),
  ];
}

/** FSM Contacts ↔ individual customers: the name and reach of the customer's primary person. */
export function contactDefaults(options: DefaultsOptions): MappingEntry[] {
  return [
    toFinance('Full_Name', 'contact_name', { transform: 'trim', required: true }),
    both('Salutation', `${PRIMARY}.salutation`),
    both('First_Name', `${PRIMARY}.first_name`),
    both('Last_Name', `${PRIMARY}.last_name`),
    both('Email', `${PRIMARY}.email`),
    both('Phone', `${PRIMARY}.phone`),
    both('Mobile', `${PRIMARY}.mobile`),
    ...common(options),
  ];
}

/** FSM Contacts ↔ contact persons of the company's customer (types III and IV). */
export function contactPersonDefaults(): MappingEntry[] {
  return [
    both('Company', 'contact_id'),
    both('Salutation', 'salutation'),
    both('First_Name', 'first_name'),
    both('Last_Name', 'last_name'),
    both('Email', 'email'),
    both('Phone', 'phone'),
    both('Mobile', 'mobile'),
  ];
}
