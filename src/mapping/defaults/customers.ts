import type { TaxEdition } from '../../schemas/edition-codes.js';
import type { MappingEntry, SyncType } from '../types.js';
import { customerTaxEntries } from './customer-tax.js';
import { addressEntries, both, toFinance } from './entry.js';

const PRIMARY = 'contact_persons[is_primary_contact=true]';

/** Defaults' options that change the entries. */
export interface DefaultsOptions {
  syncType: SyncType;
  edition: TaxEdition;
  /** Map currency (and, on invoices, the exchange rate): only when the org has multi-currency. */
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
 * primary contact person's. Under type I no other unit writes the customer's persons, so the
 * company's email and phones go to the primary person. Under types III and IV the company's people
 * are its FSM contacts, and the contacts unit owns every person of the customer (the primary one
 * included): were the company's fields mapped there too, two units would write the same Books
 * fields, the later one (contacts) undoing the earlier, and a company with no email would give
 * its customer a primary person with no name. So the company's phone goes to the billing address.
 */
export function companyDefaults(options: DefaultsOptions): MappingEntry[] {
  const reachable = options.syncType === 'I'
    ? [both('Email', `${PRIMARY}.email`), both('Phone', `${PRIMARY}.phone`), both('Mobile', `${PRIMARY}.mobile`)]
    : [both('Phone', 'billing_address.phone')];
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
