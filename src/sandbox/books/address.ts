import { isObject } from '../request-body.js';

const ADDRESS_FIELDS = ['attention', 'address', 'street2', 'state_code', 'city', 'state', 'zip', 'country', 'fax', 'phone'] as const;

/** A Books address as returned: every documented field present, empty when unset. */
export function renderAddress(value: unknown): Record<string, unknown> {
  const source = isObject(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const field of ADDRESS_FIELDS) out[field] = typeof source[field] === 'string' ? source[field] : '';
  for (const [key, v] of Object.entries(source)) if (!(key in out)) out[key] = v;
  return out;
}

/** Merges an address update into the stored one (Zoho updates the fields given). */
export function mergeAddress(current: unknown, patch: unknown): Record<string, unknown> | undefined {
  if (!isObject(patch)) return undefined;
  return { ...(isObject(current) ? current : {}), ...patch };
}
