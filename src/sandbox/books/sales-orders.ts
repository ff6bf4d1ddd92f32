import { isReply, type Reply } from '../reply.js';
import type { FinanceContext, FinanceHandler } from './context.js';
import { dateFilters, documentFilters, type DocumentRow } from './document-filters.js';
import { documentErrors } from './document-errors.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { searchText, textFilters } from './list-filters.js';
import { createSalesOrder, invoicesOf, markSalesOrder, renderSalesOrder, SALES_ORDER_STATUSES, updateSalesOrder } from './sales-order-model.js';

/**
 * Serves a sales-order endpoint only where Zoho has sales orders: Zoho Invoice has none (the URL is
 * unknown there), and a Books organisation only with inventory enabled (⚠️ the refusal's code and
 * text are a sandbox choice).
 */
export function salesOrdersOnly(handler: FinanceHandler): FinanceHandler {
  return (ctx) => {
    if (ctx.app !== 'books') return booksErrors.invalidUrl();
    if (!ctx.org.inventory) return documentErrors.salesOrdersDisabled();
    return handler(ctx);
  };
}

const SORT_COLUMNS = ['customer_name', 'salesorder_number', 'reference_number', 'shipment_date', 'total', 'date', 'created_time', 'last_modified_time'];

/** `filter_by` values applied; every other declared value is accepted and keeps everything. */
const STATUS_FILTERS: Record<string, string> = {
  'Status.Draft': 'draft', 'Status.Open': 'open', 'Status.Invoiced': 'invoiced', 'Status.PartiallyInvoiced': 'partially_invoiced',
  'Status.Void': 'void', 'Status.Closed': 'closed',
};

/**
 * GET /salesorders: `status`, `filter_by`, number / reference / customer name filters (exact,
 * case-insensitive: a caller finds the order it created after a lost reply by `reference_number`),
 * `search_text`, `date`, `shipment_date`, line, total, customer, `salesorder_ids`
 * and modified-time filters, `sort_column`. Other declared parameters are accepted and not applied.
 */
export function listSalesOrders(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const column = query.get('sort_column') ?? 'created_time';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const status = query.get('status');
  if (status !== null && !(SALES_ORDER_STATUSES as readonly string[]).includes(status)) return booksErrors.invalidValue('status');
  const byFilter = STATUS_FILTERS[query.get('filter_by') ?? ''];
  const shared = documentFilters(query);
  if (!shared) return booksErrors.invalidValue('last_modified_time');
  const ids = query.get('salesorder_ids')?.split(',').map((id) => id.trim());
  const tests = [...shared, ...dateFilters(query, 'date', 'date'), ...dateFilters(query, 'shipment_date', 'shipment_date')];
  const byText = textFilters(query, ['salesorder_number', 'reference_number', 'customer_name']);
  const bySearch = searchText(query, ['salesorder_number', 'reference_number', 'customer_name']);
  const rows: DocumentRow[] = org.tables.salesorders
    .all()
    .filter((row) => ids === undefined || ids.includes(row.id))
    .map((row) => ({ row, view: renderSalesOrder(org, row, 'list') }))
    .filter((r) => (status === null || r.view.status === status || r.view.order_status === status) && (byFilter === undefined || r.view.status === byFilter || r.view.order_status === byFilter))
    .filter((r) => byText(r.view) && bySearch(r.view) && tests.every((test) => test(r)));
  const order = sortOrder(ctx, 'D');
  sortListed(rows, column, order);
  const applied = query.get('filter_by') ?? (status === null ? 'Status.All' : `Status.${status}`);
  return listReply('salesorders', rows.map((r) => r.view), query, { applied_filter: applied, report_name: 'Sales Orders', sort_column: column, sort_order: order });
}

/** POST /salesorders */
export function createSalesOrderRoute(ctx: FinanceContext): Reply {
  const created = createSalesOrder(ctx.world, ctx.org, ctx.body);
  if (isReply(created)) return created;
  return success('Sales Order Created Successfully.', { salesorder: renderSalesOrder(ctx.org, created, 'full') }, 201);
}

/** GET /salesorders/{id} */
export function getSalesOrder(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.salesorders.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Sales order');
  return success('success', { salesorder: renderSalesOrder(ctx.org, row, 'full') });
}

/** PUT /salesorders/{id} */
export function updateSalesOrderRoute(ctx: FinanceContext): Reply {
  const updated = updateSalesOrder(ctx.world, ctx.org, ctx.params.id ?? '', ctx.body);
  if (isReply(updated)) return updated;
  return success('Sales Order Updated Successfully.', { salesorder: renderSalesOrder(ctx.org, updated, 'full') });
}

/** DELETE /salesorders/{id}: one with invoices is kept. */
export function deleteSalesOrder(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables.salesorders.get(id);
  if (!row) return booksErrors.notFound('Sales order');
  if (invoicesOf(ctx.org, row).length > 0) return documentErrors.invoiced('Sales order', row.data.salesorder_number);
  ctx.org.tables.salesorders.delete(id);
  return success('Sales Order Deleted Successfully.');
}

/** POST /salesorders/{id}/status/open | void: HTTP 201 and the published messages. */
export function markSalesOrderRoute(status: 'open' | 'void') {
  const message = status === 'open' ? 'Sales order status has been changed to Open.' : 'Sales order status has been changed to Void.';
  return (ctx: FinanceContext): Reply => {
    const result = markSalesOrder(ctx.world, ctx.org, ctx.params.id ?? '', status, ctx.body);
    return isReply(result) ? result : success(message, {}, 201);
  };
}
