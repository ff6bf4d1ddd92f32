import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceContext } from './context.js';
import { gateOf, withoutUnavailable } from './edition-fields.js';
import { listReply, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { groupTaxIds, renderGroup, renderGroupAsTax, renderTax } from './tax-model.js';

const TAX_FIELDS = ['tax_name', 'tax_percentage', 'tax_type', 'tax_specific_type', 'tax_authority_id', 'country', 'country_code', 'is_value_added', 'is_editable'];

function taxInput(ctx: FinanceContext): Record<string, unknown> {
  const body = isObject(ctx.body) ? ctx.body : {};
  const data: Record<string, unknown> = {};
  for (const field of TAX_FIELDS) if (body[field] !== undefined) data[field] = body[field];
  return withoutUnavailable('tax', data, gateOf(ctx.org));
}

function checkTax(ctx: FinanceContext, data: Record<string, unknown>): Reply | undefined {
  if (typeof data.tax_name !== 'string' || data.tax_name.trim() === '') return booksErrors.invalidValue('tax_name');
  const pct = Number(data.tax_percentage);
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) return booksErrors.invalidValue('tax_percentage');
  if (data.tax_type !== undefined && data.tax_type !== 'tax' && data.tax_type !== 'compound_tax') return booksErrors.invalidValue('tax_type');
  const authority = data.tax_authority_id;
  if (typeof authority === 'string' && !ctx.org.tables.taxauthorities.get(authority)) return booksErrors.notFound('Tax Authority');
  return undefined;
}

/** GET /settings/taxes: taxes, then tax groups. */
export function listTaxes(ctx: FinanceContext): Reply {
  const { org } = ctx;
  const rows = [...org.tables.taxes.all().map((t) => renderTax(org, t)), ...org.tables.taxgroups.all().map((g) => renderGroupAsTax(org, g))];
  return listReply('taxes', rows, ctx.query, { report_name: 'Taxes', applied_filter: 'Status.All', sort_column: 'created_time', sort_order: 'D' });
}

/** POST /settings/taxes */
export function createTax(ctx: FinanceContext): Reply {
  const data: Record<string, unknown> = { tax_type: 'tax', ...taxInput(ctx) };
  const refused = checkTax(ctx, data);
  if (refused) return refused;
  data.tax_percentage = Number(data.tax_percentage);
  const row = ctx.org.tables.taxes.insert(ctx.world.ids.finance(), data, ctx.world.now());
  return success('The tax has been added.', { tax: renderTax(ctx.org, row) }, 201);
}

/** GET /settings/taxes/{id}. Returns an object, not the OAS's one-element array. */
export function getTax(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.taxes.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Tax');
  return success('success', { tax: renderTax(ctx.org, row) });
}

/** PUT /settings/taxes/{id} */
export function updateTax(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables.taxes.get(id);
  if (!row) return booksErrors.notFound('Tax');
  const patch = taxInput(ctx);
  const refused = checkTax(ctx, { ...row.data, ...patch });
  if (refused) return refused;
  if (patch.tax_percentage !== undefined) patch.tax_percentage = Number(patch.tax_percentage);
  ctx.org.tables.taxes.update(id, patch, ctx.world.now());
  return success('Tax information has been saved.', { tax: renderTax(ctx.org, row) });
}

/** DELETE /settings/taxes/{id} */
export function deleteTax(ctx: FinanceContext): Reply {
  if (!ctx.org.tables.taxes.delete(ctx.params.id ?? '')) return booksErrors.notFound('Tax');
  return success('The record has been deleted.');
}

function groupInput(ctx: FinanceContext, requireAll: boolean): { data: Record<string, unknown> } | { error: Reply } {
  const body = isObject(ctx.body) ? ctx.body : {};
  const data: Record<string, unknown> = {};
  if (body.tax_group_name !== undefined || requireAll) {
    if (typeof body.tax_group_name !== 'string' || body.tax_group_name.trim() === '') return { error: booksErrors.invalidValue('tax_group_name') };
    data.tax_group_name = body.tax_group_name;
  }
  if (body.taxes !== undefined || requireAll) {
    const ids = groupTaxIds(body.taxes);
    if (!ids || ids.length === 0) return { error: booksErrors.invalidValue('taxes') };
    if (ids.some((id) => !ctx.org.tables.taxes.get(id))) return { error: booksErrors.notFound('Tax') };
    data.tax_ids = ids;
  }
  return { data };
}

/** POST /settings/taxgroups. Zoho's success text for groups is not documented: `success`. */
export function createGroup(ctx: FinanceContext): Reply {
  const input = groupInput(ctx, true);
  if ('error' in input) return input.error;
  const row = ctx.org.tables.taxgroups.insert(ctx.world.ids.finance(), input.data, ctx.world.now());
  return success('success', { tax_group: renderGroup(ctx.org, row) }, 201);
}

/** GET /settings/taxgroups/{id} */
export function getGroup(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.taxgroups.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Tax Group');
  return success('success', { tax_group: renderGroup(ctx.org, row) });
}

/** PUT /settings/taxgroups/{id} */
export function updateGroup(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables.taxgroups.get(id);
  if (!row) return booksErrors.notFound('Tax Group');
  const input = groupInput(ctx, false);
  if ('error' in input) return input.error;
  ctx.org.tables.taxgroups.update(id, input.data, ctx.world.now());
  return success('success', { tax_group: renderGroup(ctx.org, row) });
}

/** DELETE /settings/taxgroups/{id} */
export function deleteGroup(ctx: FinanceContext): Reply {
  if (!ctx.org.tables.taxgroups.delete(ctx.params.id ?? '')) return booksErrors.notFound('Tax Group');
  return success('The tax group has been deleted.');
}
