import type { SandboxApp } from './faults.js';
import type { Reply } from './reply.js';
import { isObject } from './request-body.js';

/** The field an `extra-field` fault adds: unknown to every schema, as when Zoho ships a new field. */
export const DRIFT_FIELD = { books: 'zb_new_attribute', fsm: 'New_Attribute__s' } as const;

// Fields optional in any reasonable schema: dropping one is what "a missing optional field" means.
const OPTIONAL = {
  books: ['notes', 'website', 'custom_fields', 'payment_terms_label', 'facebook', 'twitter', 'sku', 'unit', 'description', 'terms', 'reference_number', 'tax_authority_name', 'is_value_added'],
  fsm: ['$currency_symbol', 'Exchange_Rate', 'Website', 'Mobile', 'Phone', 'Description', 'SKU', 'Priority', 'Modified_By'],
} as const;

/** The record objects of a reply body. */
function recordsOf(app: SandboxApp, body: unknown): Array<Record<string, unknown>> {
  if (!isObject(body)) return [];
  if (app === 'fsm') {
    const data = body.data;
    if (Array.isArray(data)) return data.filter(isObject);
    if (isObject(data)) return Object.values(data).flatMap((v) => (Array.isArray(v) ? v.filter(isObject) : []));
    return [];
  }
  const out: Array<Record<string, unknown>> = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'code' || key === 'message' || key === 'page_context') continue;
    if (Array.isArray(value)) out.push(...value.filter(isObject));
    else if (isObject(value)) out.push(value);
  }
  return out;
}

/** Applies schema drift to every record of a reply, in place. */
export function applyDrift(reply: Reply, app: SandboxApp, kind: 'extra-field' | 'missing-field'): void {
  const family = app === 'fsm' ? 'fsm' : 'books';
  for (const record of recordsOf(app, reply.body)) {
    if (kind === 'extra-field') {
      record[DRIFT_FIELD[family]] = 'added by schema drift';
      continue;
    }
    const field = OPTIONAL[family].find((f) => f in record);
    if (field !== undefined) delete record[field];
  }
}
