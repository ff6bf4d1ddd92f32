import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import { booksErrors } from './errors.js';

/**
 * The body fields each write the sandbox serves must carry, keyed `METHOD /template` as the route
 * table names endpoints. They are the `required` lists of Zoho's published OpenAPI description of
 * Books for those operations (a test compares this table with that description), plus
 * `contact_id` on a contact-person create, which the description leaves optional although the
 * person cannot be placed without it (a sandbox assumption, listed in docs/sandbox.md).
 * `line_items[].item_id` names a field of every entry of an array.
 */
export const REQUIRED_BODY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'POST /organizations': ['name', 'currency_code', 'time_zone', 'portal_name'],
  'POST /contacts': ['contact_name'],
  'PUT /contacts/{id}': ['contact_name', 'contact_type'],
  'POST /contacts/contactpersons': ['contact_id', 'first_name'],
  'PUT /contacts/contactpersons/{id}': ['contact_id', 'first_name'],
  'POST /items': ['name', 'rate'],
  'PUT /items/{id}': ['name', 'rate'],
  'POST /invoices': ['customer_id', 'line_items', 'line_items[].item_id'],
  'PUT /invoices/{id}': ['customer_id', 'line_items', 'line_items[].item_id'],
  'POST /estimates': ['customer_id', 'line_items'],
  'PUT /estimates/{id}': ['customer_id', 'custom_fields'],
  'POST /salesorders': ['customer_id'],
  'PUT /salesorders/{id}': ['customer_id'],
  'POST /customerpayments': ['customer_id', 'payment_mode', 'amount', 'invoices', 'date', 'invoice_id', 'amount_applied'],
  'PUT /customerpayments/{id}': ['customer_id', 'payment_mode', 'amount', 'invoices', 'invoice_id', 'amount_applied'],
  'POST /settings/taxauthorities': ['tax_authority_name'],
  'POST /settings/taxexemptions': ['tax_exemption_code', 'type'],
  'PUT /settings/taxexemptions/{id}': ['tax_exemption_code', 'type'],
};

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** The first required field `body` lacks (`line_items[0].item_id` for an array entry), if any. */
export function missingRequiredField(method: string, template: string, body: unknown): string | undefined {
  const fields = REQUIRED_BODY_FIELDS[`${method} ${template}`];
  if (!fields) return undefined;
  const data = isObject(body) ? body : {};
  for (const field of fields) {
    const [array, inner] = field.split('[].');
    if (inner === undefined || array === undefined) {
      if (!present(data[field])) return field;
      continue;
    }
    const entries = Array.isArray(data[array]) ? data[array] : [];
    const at = entries.findIndex((entry) => !isObject(entry) || !present(entry[inner]));
    if (at >= 0) return `${array}[${at}].${inner}`;
  }
  return undefined;
}

/**
 * Zoho's refusal of a write that lacks a required field: HTTP 400 with `{ code, message }`. For a
 * contact's name Zoho documents code 3013 "Enter a valid Contact Name"; for every other field its
 * code and text are not documented, and the sandbox answers its "invalid value" reply (code 2).
 */
export function refuseMissing(method: string, template: string, body: unknown): Reply | undefined {
  const field = missingRequiredField(method, template, body);
  if (field === undefined) return undefined;
  return field === 'contact_name' ? booksErrors.invalidContactName() : booksErrors.invalidValue(field);
}
