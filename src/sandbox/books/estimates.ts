import { isReply, type Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { dateFilters, documentFilters, type DocumentRow } from './document-filters.js';
import { documentErrors } from './document-errors.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { createEstimate, ESTIMATE_STATUSES, markEstimate, renderEstimate, updateEstimate } from './estimate-model.js';
import { searchText, textFilters } from './list-filters.js';

const SORT_COLUMNS = ['customer_name', 'estimate_number', 'date', 'total', 'created_time', 'last_modified_time'];

/** `filter_by` values applied (`Status.<Name>` for the statuses the sandbox keeps); the others declared are accepted and keep everything. */
const STATUS_FILTERS: Record<string, string> = {
  'Status.Sent': 'sent', 'Status.Draft': 'draft', 'Status.Invoiced': 'invoiced', 'Status.Accepted': 'accepted',
  'Status.Declined': 'declined',
};
const OTHER_FILTERS = new Set([
  'Status.All', 'Status.Pending', 'Status.Approved', 'Status.Expired', 'Status.Viewed', 'Status.AvalaraSyncFailed', 'Status.TaxAutomationFailed', 'Status.MyApprovals', 'WithAttachment',
  'WithoutAttachment', 'ExceptionList', 'EmailScheduled', 'Type.NewSubscription', 'Type.Invoice',
]);

/**
 * GET /estimates: `status`, `filter_by`, the number / reference / customer name filters (exact,
 * case-insensitive), `search_text`, `date`, the `expiry_date` family, line, total, customer and
 * modified-time filters, `sort_column`. `custom_field` and `location_ids` are accepted and not applied.
 */
export function listEstimates(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const column = query.get('sort_column') ?? 'created_time';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const status = query.get('status');
  if (status !== null && !(ESTIMATE_STATUSES as readonly string[]).includes(status)) return booksErrors.invalidValue('status');
  const filterBy = query.get('filter_by');
  if (filterBy !== null && STATUS_FILTERS[filterBy] === undefined && !OTHER_FILTERS.has(filterBy)) return booksErrors.invalidValue('filter_by');
  const byFilter = filterBy === null ? undefined : STATUS_FILTERS[filterBy];
  const shared = documentFilters(query);
  if (!shared) return booksErrors.invalidValue('last_modified_time');
  const tests = [
    ...shared,
    ...dateFilters(query, 'date', 'date'),
    ...dateFilters(query, 'expiry_date', 'expiry_date'),
  ];
  const byText = textFilters(query, ['estimate_number', 'reference_number', 'customer_name']);
  const bySearch = searchText(query, ['estimate_number', 'reference_number', 'customer_name']);
  const rows: DocumentRow[] = org.tables.estimates
    .all()
    .map((row) => ({ row, view: renderEstimate(org, row, 'list') }))
    .filter((r) => (status === null || r.view.status === status) && (byFilter === undefined || r.view.status === byFilter))
    .filter((r) => byText(r.view) && bySearch(r.view) && tests.every((test) => test(r)));
  const order = sortOrder(ctx, 'D');
  sortListed(rows, column, order);
  const applied = filterBy ?? (status === null ? 'Status.All' : `Status.${status}`);
  return listReply('estimates', rows.map((r) => r.view), query, { applied_filter: applied, report_name: 'Estimates', sort_column: column, sort_order: order });
}

/** POST /estimates */
export function createEstimateRoute(ctx: FinanceContext): Reply {
  const created = createEstimate(ctx.world, ctx.org, ctx.body);
  if (isReply(created)) return created;
  return success('The estimate has been created', { estimate: renderEstimate(ctx.org, created, 'full') }, 201);
}

/** GET /estimates/{id} */
export function getEstimate(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.estimates.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Estimate');
  return success('success', { estimate: renderEstimate(ctx.org, row, 'full') });
}

/** PUT /estimates/{id} */
export function updateEstimateRoute(ctx: FinanceContext): Reply {
  const updated = updateEstimate(ctx.world, ctx.org, ctx.params.id ?? '', ctx.body);
  if (isReply(updated)) return updated;
  return success('Estimate information has been updated.', { estimate: renderEstimate(ctx.org, updated, 'full') });
}

/** DELETE /estimates/{id}: an invoiced estimate is kept (its invoices point at it). */
export function deleteEstimate(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables.estimates.get(id);
  if (!row) return booksErrors.notFound('Estimate');
  if (row.data.status === 'invoiced') return documentErrors.invoiced('Estimate', row.data.estimate_number);
  ctx.org.tables.estimates.delete(id);
  return success('The estimate has been deleted.');
}

const MARK_MESSAGES = {
  sent: 'Estimate status has been changed to Sent',
  accepted: 'Estimate status has been changed to Accepted.',
  declined: 'Estimate status has been changed to Declined.',
} as const;

/** POST /estimates/{id}/status/sent | accepted | declined, with the published messages. */
export function markEstimateRoute(status: 'sent' | 'accepted' | 'declined') {
  return (ctx: FinanceContext): Reply => {
    const result = markEstimate(ctx.world, ctx.org, ctx.params.id ?? '', status);
    return isReply(result) ? result : success(MARK_MESSAGES[status]);
  };
}
