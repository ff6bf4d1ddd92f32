import { isReply, type Reply } from '../reply.js';
import { booksDate, parseTimestamp } from '../time-format.js';
import type { FinanceContext } from './context.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { createInvoice, renderInvoice, updateInvoice } from './invoice-model.js';
import { INVOICE_STATUSES, invoiceFilterBy, invoiceFilters, statusMatches } from './invoice-filters.js';
import { searchText, textFilters } from './list-filters.js';
import { mergeAddress } from './address.js';
import { isObject } from '../request-body.js';
import { invoiceErrors } from './invoice-errors.js';
import { paidOn, paymentsOfInvoice } from './payment-applications.js';
import { renderInvoicePayment } from './payment-model.js';

const SORT_COLUMNS = ['customer_name', 'invoice_number', 'date', 'due_date', 'total', 'balance', 'created_time', 'last_modified_time'];

/** GET /invoices. `last_modified_time` keeps invoices modified at or after it. */
export function listInvoices(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const column = query.get('sort_column') ?? 'created_time';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const status = query.get('status');
  if (status !== null && !(INVOICE_STATUSES as readonly string[]).includes(status)) return booksErrors.invalidValue('status');
  const today = booksDate(ctx.world.now(), org.utcOffsetMinutes);
  const byFilter = invoiceFilterBy(query.get('filter_by'), today);
  if (!byFilter) return booksErrors.invalidValue('filter_by');
  const modifiedText = query.get('last_modified_time');
  const modifiedAfter = modifiedText === null ? undefined : parseTimestamp(modifiedText);
  if (modifiedText !== null && modifiedAfter === undefined) return booksErrors.invalidValue('last_modified_time');
  const customerId = query.get('customer_id');
  const order = sortOrder(ctx, 'D');
  const byText = textFilters(query, ['invoice_number', 'reference_number', 'customer_name']);
  const bySearch = searchText(query, ['invoice_number', 'reference_number', 'customer_name']);
  const byFields = invoiceFilters(query, (row) => booksDate(row.createdAt, org.utcOffsetMinutes));
  const rows = org.tables.invoices
    .all()
    .filter((row) => modifiedAfter === undefined || row.modifiedAt >= modifiedAfter)
    .map((row) => ({ row, view: renderInvoice(org, row, 'list', today) }))
    .filter(({ view }) => (customerId === null || view.customer_id === customerId) && byText(view) && bySearch(view))
    .filter((r) => (status === null || statusMatches(status, r.view, today)) && byFilter(r) && byFields(r));
  sortListed(rows, column, order);
  const applied = query.get('filter_by') ?? (status === null ? 'Status.All' : `Status.${status}`);
  return listReply('invoices', rows.map((r) => r.view), query, { applied_filter: applied, report_name: 'Invoices', sort_column: column, sort_order: order });
}

/** POST /invoices */
export function createInvoiceRoute(ctx: FinanceContext): Reply {
  const created = createInvoice(ctx.world, ctx.org, ctx.body);
  if (isReply(created)) return created;
  return success('The invoice has been created.', { invoice: renderInvoice(ctx.org, created, 'full', orgToday(ctx)) }, 201);
}

/** GET /invoices/{id} */
export function getInvoice(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.invoices.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Invoice');
  return success('success', { invoice: renderInvoice(ctx.org, row, 'full', orgToday(ctx)) });
}

/** PUT /invoices/{id} */
export function updateInvoiceRoute(ctx: FinanceContext): Reply {
  const updated = updateInvoice(ctx.world, ctx.org, ctx.params.id ?? '', ctx.body);
  if (isReply(updated)) return updated;
  return success('Invoice information has been updated.', { invoice: renderInvoice(ctx.org, updated, 'full', orgToday(ctx)) });
}

/** DELETE /invoices/{id} */
export function deleteInvoice(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables.invoices.get(id);
  if (!row) return booksErrors.notFound('Invoice');
  if (paidOn(ctx.org, row).compare(0) > 0) return booksErrors.invoiceHasPayments();
  ctx.org.tables.invoices.delete(id);
  return success('The invoice has been deleted.');
}

/** Where each status change may start from: sent from draft, void from draft or sent (overdue included), draft from void. */
const ALLOWED_FROM: Record<'sent' | 'void' | 'draft', readonly string[]> = {
  sent: ['draft'],
  void: ['draft', 'sent', 'overdue'],
  draft: ['void'],
};

/**
 * POST /invoices/{id}/status/sent | void | draft, with the OAS's messages. A change the
 * invoice's state does not allow is refused and changes nothing; so is voiding an invoice with
 * payments (Books would move them to customer credits, which the sandbox does not keep).
 */
export function markInvoice(status: 'sent' | 'void' | 'draft') {
  const messages = {
    sent: 'Invoice status has been changed to Sent.',
    void: 'Invoice status has been changed to Void.',
    draft: 'Status of invoice changed from void to draft',
  };
  return (ctx: FinanceContext): Reply => {
    const id = ctx.params.id ?? '';
    const row = ctx.org.tables.invoices.get(id);
    if (!row) return booksErrors.notFound('Invoice');
    const shown = String(renderInvoice(ctx.org, row, 'list', orgToday(ctx)).status);
    if (status === 'void' && paidOn(ctx.org, row).compare(0) > 0) return invoiceErrors.voidWithPayments();
    if (!ALLOWED_FROM[status].includes(shown)) return invoiceErrors.statusChange(shown, status);
    ctx.org.tables.invoices.update(id, { status }, ctx.world.now());
    return success(messages[status]);
  };
}

/** GET /invoices/{id}/payments: the payments applied to the invoice, as its own rows. */
export function listInvoicePayments(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  if (!ctx.org.tables.invoices.get(id)) return booksErrors.notFound('Invoice');
  return success('success', { payments: paymentsOfInvoice(ctx.org, id).map((payment) => renderInvoicePayment(ctx.org, payment, id)) });
}

/** The org's date today (`yyyy-mm-dd`): what makes an invoice overdue. */
export function orgToday(ctx: FinanceContext): string {
  return booksDate(ctx.world.now(), ctx.org.utcOffsetMinutes);
}

const BILLING_ADDRESS_FIELDS = ['address', 'street2', 'city', 'state', 'zip', 'country', 'fax'];

/**
 * PUT /invoices/{id}/address/billing: the invoice's own billing address (the customer's is left
 * as it is). Fields other than the address's are refused, as is a value that is not text.
 */
export function updateInvoiceBillingAddress(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables.invoices.get(id);
  if (!row) return booksErrors.notFound('Invoice');
  if (!isObject(ctx.body)) return booksErrors.invalidJson();
  for (const [key, value] of Object.entries(ctx.body)) {
    if (!BILLING_ADDRESS_FIELDS.includes(key) || typeof value !== 'string') return booksErrors.invalidValue(key);
  }
  ctx.org.tables.invoices.update(id, { billing_address: mergeAddress(row.data.billing_address, ctx.body) }, ctx.world.now());
  return success('Billing address updated');
}
