import { text, type FieldDef } from './field-spec.js';

// create-company.html / create-contact.html: Billing_Address and Service_Address.
// FSM publishes no length limits.
const S = 'create-company.html (address)';

/** The fields of an FSM address, relative to the address object. */
export const FSM_ADDRESS_FIELDS: readonly FieldDef[] = [
  text('Address_Name', S),
  text('Street_1', S),
  text('Street_2', S),
  text('City', S),
  text('State', S),
  text('Zip_Code', S),
  text('Country', S),
];
