import { text, type FieldDef } from './field-spec.js';

// contacts.yml, create_contact: billing_address / shipping_address, with their "Max-length [n]" notes.
const SOURCE = 'contacts.yml (address)';

/** The fields of a Books/Invoice address, relative to the address object. */
export const FINANCE_ADDRESS_FIELDS: readonly FieldDef[] = [
  text('attention', SOURCE, 100),
  text('address', SOURCE, 500),
  text('street2', SOURCE, 255),
  text('state_code', SOURCE, 100),
  text('city', SOURCE, 100),
  text('state', SOURCE, 100),
  text('zip', SOURCE, 50),
  text('country', SOURCE, 100),
  text('fax', SOURCE, 50),
  text('phone', SOURCE, 50),
];
