import { text, type FieldDef } from './field-spec.js';

// create-company.html / create-contact.html: Billing_Address and Service_Address.
// FSM publishes no length limits.
const S = 'create-company.html (address)';

/** The fields of an FSM address, relative to the address object. */
export const FSM_ADDRESS_FIELDS: readonly FieldDef[] = [
  /* @__PURE__ */ text('Address_Name', S),
  /* @__PURE__ */ text('Street_1', S),
  /* @__PURE__ */ text('Street_2', S),
  /* @__PURE__ */ text('City', S),
  /* @__PURE__ */ text('State', S),
  /* @__PURE__ */ text('Zip_Code', S),
  /* @__PURE__ */ text('Country', S),
];
