import { isReply, type Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { searchText, textFilters } from './list-filters.js';
import { createPayment, renderPayment, renderPaymentRow, updatePayment } from './payment-model.js';

const SORT_COLUMNS = ['customer_name', 'payment_number', 'payment_mode', 'date', 'reference_number', 'amount', 'created_time', 'last_modified_time'];

/**
 * `filter_by=PaymentMode.<Mode>` (`PaymentMode.All`, `PaymentMode.Cash`, `PaymentMode.CreditCard`…):
 * the payment mode without spaces or case. `undefined` for a value of another form.
 */
function modeFilter(value: string | null): ((mode: unknown) => boolean) | undefined {
  if (value === null || value === 'PaymentMode.All') return () => true;
  const mode = /^PaymentMode\.(\w+)$/.exec(value)?.[1]?.toLowerCase();
  return mode === undefined ? undefined : (m) => String(m ?? '').replace(/\s+/g, '').toLowerCase() === mode;
}

/** GET /customerpayments: the declared filters (`customer_id`, `customer_name`, `reference_number`, `payment_mode`, `notes`, `date`, `amount`, `filter_by`, `search_text`), sorting and paging. */
export function listPayments(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const column = query.get('sort_column') ?? 'created_time';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const byMode = modeFilter(query.get('filter_by'));
  if (!byMode) return booksErrors.invalidValue('filter_by');
  const byText = textFilters(query, ['customer_name', 'reference_number', 'payment_mode']);
  const notes = query.get('notes')?.toLowerCase();
  const bySearch = searchText(query, ['customer_name', 'reference_number', 'payment_number', 'description']);
  const exact = (['customer_id', 'date'] as const).map((name) => [name, query.get(name)] as const).filter(([, v]) => v !== null);
  const amount = query.get('amount');
  const rows = org.tables.customerpayments
    .all()
    .map((row) => ({ row, view: renderPaymentRow(org, row) }))
    .filter(({ view }) => byMode(view.payment_mode) && byText(view) && bySearch(view))
    .filter(({ view }) => exact.every(([name, value]) => view[name] === value) && (amount === null || Number(view.amount) === Number(amount)))
    .filter(({ view }) => notes === undefined || String(view.description).toLowerCase().includes(notes));
  const order = sortOrder(ctx, 'D');
  sortListed(rows, column, order);
  return listReply('customer_payments', rows.map((r) => r.view), query, { applied_filter: query.get('filter_by') ?? 'PaymentMode.All', sort_column: column, sort_order: order });
}

/** POST /customerpayments */
export function createPaymentRoute(ctx: FinanceContext): Reply {
  const created = createPayment(ctx.world, ctx.org, ctx.body);
  if (isReply(created)) return created;
  return success('The payment has been created.', { payment: renderPayment(ctx.org, created) }, 201);
}

/** GET /customerpayments/{payment_id} */
export function getPayment(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.customerpayments.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Payment');
  return success('success', { payment: renderPayment(ctx.org, row) });
}

/** PUT /customerpayments/{payment_id} */
export function updatePaymentRoute(ctx: FinanceContext): Reply {
  const updated = updatePayment(ctx.world, ctx.org, ctx.params.id ?? '', ctx.body);
  if (isReply(updated)) return updated;
  return success('The payment details have been updated.', { payment: renderPayment(ctx.org, updated) });
}

/** DELETE /customerpayments/{payment_id}: the invoices it paid owe that amount again. */
export function deletePayment(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  if (!ctx.org.tables.customerpayments.get(id)) return booksErrors.notFound('Payment');
  ctx.org.tables.customerpayments.delete(id);
  return success('The payment has been deleted.');
}
