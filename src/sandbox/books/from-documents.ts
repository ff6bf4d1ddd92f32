import { isReply, type Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { documentErrors } from './document-errors.js';
import type { FinanceOrgState } from '../org-state.js';
import { priceDocument } from './document-lines.js';
import { success } from './envelope.js';
import { booksErrors } from './errors.js';
import { createInvoice, renderInvoice } from './invoice-model.js';
import { invoicedLineIds, salesOrderStatus } from './sales-order-model.js';

// The document fields an invoice made from an estimate or a sales order takes over.
const CARRIED = ['customer_id', 'discount', 'discount_type', 'is_discount_before_tax', 'is_inclusive_tax', 'notes', 'terms', 'salesperson_name', 'location_id'];

function carried(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CARRIED.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
}

/**
 * The lines of a document as lines of a new invoice: their own fields and new line ids; a line
 * discount becomes the amount it took off (invoices type it as a number), so the totals agree.
 */
function invoiceLines(org: FinanceOrgState, data: Record<string, unknown>): Array<{ source: Record<string, unknown>; line: Record<string, unknown> }> {
  const { lines, totals } = priceDocument(org, data);
  return lines.map(({ line }, i) => {
    const { line_item_id: _id, item_total: _total, discount_amount: _discount, discount, ...rest } = line;
    const amount = Number(totals.lines[i]?.lineDiscount ?? 0);
    return { source: line, line: discount === undefined || data.discount_type === 'entity_level' ? { ...rest, ...(discount === undefined ? {} : { discount }) } : { ...rest, discount: amount } };
  });
}

/**
 * POST /invoices/fromestimates?estimate_ids=a,b: one draft invoice per estimate, each estimate
 * accepted (anything else is refused before any invoice is made). The invoice names its estimate
 * (`invoiced_estimate_id`) and takes the estimate's number as its reference number (⚠️ sandbox
 * choice); the estimate becomes `invoiced`. The published reply carries no invoice.
 */
export function invoicesFromEstimates(ctx: FinanceContext): Reply {
  const { org, world } = ctx;
  const ids = (ctx.query.get('estimate_ids') ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) return booksErrors.invalidValue('estimate_ids');
  const estimates = [];
  for (const id of ids) {
    const row = org.tables.estimates.get(id);
    if (!row) return booksErrors.notFound('Estimate');
    const status = String(row.data.status);
    if (status !== 'accepted') return documentErrors.notConvertible('Estimate', row.data.estimate_number, status, 'Only an accepted estimate can be converted; mark it as sent, then accepted.');
    estimates.push(row);
  }
  for (const row of estimates) {
    const input = {
      ...carried(row.data),
      reference_number: row.data.estimate_number,
      invoiced_estimate_id: row.id,
      line_items: invoiceLines(org, row.data).map(({ line }) => line),
    };
    const invoice = createInvoice(world, org, input);
    if (isReply(invoice)) return invoice;
    const invoiceIds = Array.isArray(row.data.invoice_ids) ? row.data.invoice_ids : [];
    org.tables.estimates.update(row.id, { status: 'invoiced', invoice_ids: [...invoiceIds, invoice.id] }, world.now());
  }
  return success('The invoices have been created.');
}

/**
 * POST /invoices/fromsalesorder?salesorder_id=: a draft invoice of the order's lines no invoice
 * covers yet, each naming its order line (`salesorder_item_id`); the invoice carries
 * `salesorder_id`, `salesorder_number` and the order's number as reference (⚠️ sandbox choice). The
 * order must be open and not fully invoiced. HTTP 201 with the invoice.
 */
export function invoiceFromSalesOrder(ctx: FinanceContext): Reply {
  const { org, world } = ctx;
  const id = ctx.query.get('salesorder_id') ?? '';
  const row = org.tables.salesorders.get(id);
  if (!row) return booksErrors.notFound('Sales order');
  const shown = salesOrderStatus(org, row);
  if (row.data.status !== 'open' || shown.invoiced_status === 'invoiced') {
    return documentErrors.notConvertible('Sales order', row.data.salesorder_number, shown.status, 'Only an open sales order with lines not yet invoiced can be converted; mark a draft as open first.');
  }
  const covered = invoicedLineIds(org, row);
  const lines = invoiceLines(org, row.data)
    .filter(({ source }) => !covered.has(source.line_item_id))
    .map(({ source, line }) => ({ ...line, salesorder_item_id: source.line_item_id }));
  const input = {
    ...carried(row.data),
    reference_number: row.data.salesorder_number,
    salesorder_id: row.id,
    salesorder_number: row.data.salesorder_number,
    line_items: lines,
  };
  const invoice = createInvoice(world, org, input);
  if (isReply(invoice)) return invoice;
  org.tables.salesorders.touch(row.id, world.now());
  return success('The invoice has been created.', { invoice: renderInvoice(org, invoice, 'full') }, 201);
}
