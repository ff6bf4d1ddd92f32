import { def, text, type FieldDef } from './field-spec.js';

// contact-persons.yml create_contact_person.
const S = 'contact-persons.yml';

/** Every field of a Books/Invoice contact person. */
export const FINANCE_CONTACT_PERSON_FIELDS: readonly FieldDef[] = [
  // The customer the person belongs to: under sync types III and IV, the FSM contact's company.
  def('contact_id', 'ref', S, { ref: 'companies', required: true }),
  text('salutation', S, 25),
  text('first_name', S, 100, { required: true }),
  text('last_name', S, 100),
  text('email', S, 100),
  text('phone', S, 50),
  text('mobile', S, 50),
  text('skype', S, 50),
  text('designation', S, 50),
  text('department', S, 50),
  def('is_primary_contact', 'boolean', S),
  def('enable_portal', 'boolean', S),
];
