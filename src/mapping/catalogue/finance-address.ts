import { text, type FieldDef } from './field-spec.js';

// Zoho's Contacts API reference, create_contact: billing_address / shipping_address, with their "Max-length [n]" notes.
const SOURCE = 'Zoho Books API reference, Contacts (address)';

/** The fields of a Books/Invoice address, relative to the address object. */
export const FINANCE_ADDRESS_FIELDS: readonly FieldDef[] = [
  /* @__PURE__ */ text('attention', SOURCE, 100),
  /* @__PURE__ */ text('address', SOURCE, 500),
  /* @__PURE__ */ text('street2', SOURCE, 255),
  /* @__PURE__ */ text('state_code', SOURCE, 100),
  /* @__PURE__ */ text('city', SOURCE, 100),
  /* @__PURE__ */ text('state', SOURCE, 100),
  /* @__PURE__ */ text('zip', SOURCE, 50),
  /* @__PURE__ */ text('country', SOURCE, 100),
  /* @__PURE__ */ text('fax', SOURCE, 50),
  /* @__PURE__ */ text('phone', SOURCE, 50),
];
