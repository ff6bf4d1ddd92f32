import { def, text, type FieldDef } from './field-spec.js';

// Zoho's Contact Persons API reference create_contact_person.
const S = 'Zoho Books API reference, Contact Persons';

/** Every field of a Books/Invoice contact person. */
export const FINANCE_CONTACT_PERSON_FIELDS: readonly FieldDef[] = [
  // The customer the person belongs to: under sync types III and IV, the FSM contact's company.
  /* @__PURE__ */ def('contact_id', 'ref', S, { ref: 'companies', required: true }),
  /* @__PURE__ */ text('salutation', S, 25),
  /* @__PURE__ */ text('first_name', S, 100, { required: true }),
  /* @__PURE__ */ text('last_name', S, 100),
  /* @__PURE__ */ text('email', S, 100),
  /* @__PURE__ */ text('phone', S, 50),
  /* @__PURE__ */ text('mobile', S, 50),
  /* @__PURE__ */ text('skype', S, 50),
  /* @__PURE__ */ text('designation', S, 50),
  /* @__PURE__ */ text('department', S, 50),
  /* @__PURE__ */ def('is_primary_contact', 'boolean', S),
  /* @__PURE__ */ def('enable_portal', 'boolean', S),
];
