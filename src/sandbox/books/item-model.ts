import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { fieldAvailable, gateOf, withoutUnavailable } from './edition-fields.js';
import { booksErrors } from './errors.js';
import { findTax } from './tax-model.js';

const READ_ONLY = new Set(['item_id', 'status', 'tax_name', 'tax_percentage', 'tax_type', 'created_time', 'last_modified_time']);
// Books product types (ZA adds capital ones).
const PRODUCT_TYPES = ['goods', 'service', 'digital_service', 'capital_service', 'capital_goods'];

function writable(input: Record<string, unknown>, org: FinanceOrgState): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!READ_ONLY.has(key)) data[key] = value;
  return withoutUnavailable('item', data, gateOf(org));
}

function taken(org: FinanceOrgState, field: 'name' | 'sku', value: unknown, exceptId?: string): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const wanted = value.trim().toLowerCase();
  return org.tables.items.lookup(field, (d) => String(d[field] ?? '').trim().toLowerCase(), wanted).some((i) => i.id !== exceptId);
}

function check(org: FinanceOrgState, data: Record<string, unknown>, exceptId?: string): Reply | undefined {
  if (typeof data.name !== 'string' || data.name.trim() === '' || data.name.length > 100) return booksErrors.invalidValue('name');
  if (typeof data.rate !== 'number' || !Number.isFinite(data.rate)) return booksErrors.invalidValue('rate');
  if (data.product_type !== undefined && !PRODUCT_TYPES.includes(String(data.product_type))) return booksErrors.invalidValue('product_type');
  if (typeof data.tax_id === 'string' && data.tax_id !== '' && !findTax(org, data.tax_id)) return booksErrors.notFound('Tax');
  // ⚠️ Zoho refuses a second item with the same name; the SKU is documented unique.
  if (taken(org, 'name', data.name, exceptId)) return booksErrors.duplicateItem('name', String(data.name));
  if (taken(org, 'sku', data.sku, exceptId)) return booksErrors.duplicateItem('sku', String(data.sku));
  return undefined;
}

function numericRate(data: Record<string, unknown>): void {
  if (typeof data.rate === 'string' && data.rate.trim() !== '' && Number.isFinite(Number(data.rate))) data.rate = Number(data.rate);
}

/** Creates an item, or the error Zoho would answer. */
export function createItem(world: SandboxWorld, org: FinanceOrgState, input: unknown, at = world.now()): StoredRecord | Reply {
  if (!isObject(input)) return booksErrors.invalidValue('name');
  const data: Record<string, unknown> = { product_type: 'service', item_type: 'sales', ...writable(input, org) };
  numericRate(data);
  const refused = check(org, data);
  if (refused) return refused;
  data.status = 'active';
  return org.tables.items.insert(world.ids.finance(), data, at);
}

/** Updates an item with the fields given. */
export function updateItem(world: SandboxWorld, org: FinanceOrgState, id: string, input: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.items.get(id);
  if (!row) return booksErrors.notFound('Item');
  if (!isObject(input)) return booksErrors.invalidJson();
  const patch = writable(input, org);
  numericRate(patch);
  const refused = check(org, { ...row.data, ...patch }, id);
  if (refused) return refused;
  return org.tables.items.update(id, patch, at) ?? row;
}

/**
 * An item as Zoho returns it. `created_time` / `last_modified_time` are not in Zoho's published
 * description of the item reply: rendered unless `timestamps` is false (the sandbox's
 * `undocumented.itemTimestamps: 'omit'`), so code can be tested both with and without them.
 */
export function renderItem(org: FinanceOrgState, row: StoredRecord, options: { timestamps?: boolean } = {}): Record<string, unknown> {
  const d = row.data;
  const gate = gateOf(org);
  const out: Record<string, unknown> = {
    item_id: row.id,
    name: d.name,
    status: d.status,
    description: typeof d.description === 'string' ? d.description : '',
    rate: d.rate,
    unit: typeof d.unit === 'string' ? d.unit : '',
    sku: typeof d.sku === 'string' ? d.sku : '',
    product_type: d.product_type,
    item_type: d.item_type,
  };
  const tax = typeof d.tax_id === 'string' && fieldAvailable('item', 'tax_id', gate) ? findTax(org, d.tax_id) : undefined;
  if (tax) Object.assign(out, { tax_id: tax.id, tax_name: tax.name, tax_percentage: tax.percentage, tax_type: tax.type });
  for (const [key, value] of Object.entries(d)) {
    if (!(key in out) && key !== 'tax_id' && fieldAvailable('item', key, gate)) out[key] = value;
  }
  out.custom_fields = Array.isArray(d.custom_fields) ? d.custom_fields : [];
  if (options.timestamps === false) return out;
  out.created_time = booksTimestamp(row.createdAt, org.utcOffsetMinutes);
  out.last_modified_time = booksTimestamp(row.modifiedAt, org.utcOffsetMinutes);
  return out;
}
