import { def, type FieldDef } from './field-spec.js';

/**
 * Custom fields of a Books/Invoice record (`custom_fields[]`; Zoho's Contacts API reference, Zoho's Items API reference,
 * Zoho's Invoices API reference): named by `label` (as replies show them), `customfield_id` or `index`. Their types
 * live in the org's settings, so values are any scalar.
 */
export function financeCustomFields(source: string): FieldDef[] {
  return ['label', 'customfield_id', 'index'].map((key) => def(`custom_fields[${key}=*].value`, 'unknown', source));
}
