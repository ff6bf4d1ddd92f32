import type { SyncCollection } from './record-source.js';

type Data = Record<string, unknown>;

/**
 * The fields Zoho's published API description requires in the body of each update the sync
 * sends: `PUT /contacts/{id}` wants `contact_name` and `contact_type` (business and individual
 * customers alike), `PUT /items/{id}` wants `name` and `rate`, `PUT /contacts/contactpersons/{id}`
 * wants `contact_id` and `first_name`. A partial patch may be refused for lacking them.
 */
export const REQUIRED_ON_UPDATE: Readonly<Record<SyncCollection, readonly string[]>> = {
  companies: ['contact_name', 'contact_type'],
  contacts: ['contact_name', 'contact_type'],
  contact_persons: ['contact_id', 'first_name'],
  items: ['name', 'rate'],
};

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** An update body with its required fields filled, and those no source could fill. */
export interface FilledUpdate {
  body: Data;
  missing: string[];
}

/**
 * The patch with every required field it lacks taken from the first of `known` that has a value
 * for it (the record as last read or written, then fixed facts). A field the patch carries is
 * kept as is, even blank: the sync means to write that value, and Zoho's refusal of a blank
 * required field is the truthful outcome, not a silent revert to the old value.
 *
 * @example
 * ```ts
 * withRequired({ rate: 12 }, ['name', 'rate'], [{ name: 'Bolt', rate: 10 }]);
 * // { body: { rate: 12, name: 'Bolt' }, missing: [] }
 * ```
 */
export function withRequired(patch: Data, required: readonly string[], known: ReadonlyArray<Data | undefined>): FilledUpdate {
  const body: Data = { ...patch };
  for (const field of required) {
    if (Object.hasOwn(patch, field)) continue;
    const from = known.find((record) => record !== undefined && !blank(record[field]));
    if (from) body[field] = from[field];
  }
  return { body, missing: required.filter((field) => blank(body[field])) };
}
