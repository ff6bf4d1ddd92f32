import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { fieldAvailable, gateOf } from './edition-fields.js';

/** A tax or a tax group as a line item or contact references it. */
export interface TaxRef {
  id: string;
  name: string;
  percentage: number;
  type: 'tax' | 'compound_tax' | 'tax_group';
  /** For a group: its member taxes. */
  members: Array<{ id: string; name: string; percentage: number }>;
}

/** The tax or tax group with this id. */
export function findTax(org: FinanceOrgState, id: string): TaxRef | undefined {
  const tax = org.tables.taxes.get(id);
  if (tax) {
    const percentage = Number(tax.data.tax_percentage);
    const type = tax.data.tax_type === 'compound_tax' ? 'compound_tax' : 'tax';
    return { id, name: String(tax.data.tax_name), percentage, type, members: [{ id, name: String(tax.data.tax_name), percentage }] };
  }
  const group = org.tables.taxgroups.get(id);
  if (!group) return undefined;
  const members = groupMembers(org, group).map((t) => ({ id: t.id, name: String(t.data.tax_name), percentage: Number(t.data.tax_percentage) }));
  return { id, name: String(group.data.tax_group_name), percentage: round(members.reduce((s, m) => s + m.percentage, 0)), type: 'tax_group', members };
}

/** The member taxes of a group that still exist. */
export function groupMembers(org: FinanceOrgState, group: StoredRecord): StoredRecord[] {
  const ids = Array.isArray(group.data.tax_ids) ? group.data.tax_ids : [];
  return ids.map((id) => org.tables.taxes.get(String(id))).filter((t): t is StoredRecord => t !== undefined);
}

/** A tax as Zoho returns it (list rows add `is_default_tax` and `is_editable`). */
export function renderTax(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  const gate = gateOf(org);
  const out: Record<string, unknown> = {
    tax_id: row.id,
    tax_name: row.data.tax_name,
    tax_percentage: Number(row.data.tax_percentage),
    tax_type: row.data.tax_type ?? 'tax',
  };
  for (const field of ['tax_specific_type', 'tax_authority_id', 'country', 'country_code'] as const) {
    if (row.data[field] !== undefined && fieldAvailable('tax', field, gate)) out[field] = row.data[field];
  }
  const authorityId = row.data.tax_authority_id;
  if (typeof authorityId === 'string') out.tax_authority_name = org.tables.taxauthorities.get(authorityId)?.data.tax_authority_name ?? '';
  out.is_value_added = row.data.is_value_added === true;
  out.is_default_tax = row.data.is_default_tax === true;
  out.is_editable = row.data.is_editable !== false;
  return out;
}

/** A tax group as a row of GET /settings/taxes (⚠️ groups appear there). */
export function renderGroupAsTax(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  const ref = findTax(org, row.id);
  return {
    tax_id: row.id,
    tax_name: row.data.tax_group_name,
    tax_percentage: ref?.percentage ?? 0,
    tax_type: 'tax_group',
    is_value_added: false,
    is_default_tax: row.data.is_default_tax === true,
    is_editable: true,
  };
}

/** A tax group as GET /settings/taxgroups/{id} returns it. */
export function renderGroup(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  const members = groupMembers(org, row);
  return {
    tax_group_id: row.id,
    tax_group_name: row.data.tax_group_name,
    tax_group_percentage: round(members.reduce((s, t) => s + Number(t.data.tax_percentage), 0)),
    taxes: members.map((t) => renderTax(org, t)),
  };
}

/** Reads a group's `taxes` input: a comma-separated id string or an array. */
export function groupTaxIds(input: unknown): string[] | undefined {
  if (typeof input === 'string') return input.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(input)) return input.map((v) => (isObject(v) ? String(v.tax_id) : String(v)));
  return undefined;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
