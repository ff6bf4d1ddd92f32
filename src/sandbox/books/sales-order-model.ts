import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksDate, booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { renderAddress } from './address.js';
import { checkDocument, type DocumentKind } from './document-check.js';
import { documentErrors } from './document-errors.js';
import { priceDocument, renderPriced, storedLines } from './document-lines.js';
import { nextDocumentNumber } from './document-numbers.js';
import { fieldAvailable, gateOf } from './edition-fields.js';
import { booksErrors } from './errors.js';
import { renderInvoice } from './invoice-model.js';

/** `status` values of GET /salesorders (Zoho's Sales Order API reference). */
export const SALES_ORDER_STATUSES = [
  'draft', 'pending_approval', 'approved', 'open', 'invoiced', 'invoiced_not_shipped', 'shipped_not_invoiced',
  'partially_invoiced', 'not_invoiced', 'to_be_invoiced', 'paid', 'partially_paid', 'unpaid', 'cancelled', 'void',
  'pending', 'overdue', 'closed', 'confirmed', 'onhold', 'network_pending_approval', 'rejected',
] as const;

const READ_ONLY = new Set([
  'salesorder_id', 'status', 'order_status', 'invoiced_status', 'invoices', 'customer_name', 'sub_total', 'tax_total',
  'total', 'taxes', 'currency_code', 'created_time', 'last_modified_time', 'price_precision',
]);

/**
 * The invoices raised against a sales order, voided ones left out: those made from it
 * (`salesorder_id`) and those with a line naming one of its lines (`salesorder_item_id`).
 */
export function invoicesOf(org: FinanceOrgState, order: StoredRecord): StoredRecord[] {
  const lineIds = new Set(storedLines(order.data).map((l) => l.line_item_id));
  return org.tables.invoices
    .all()
    .filter((inv) => inv.data.status !== 'void')
    .filter((inv) => inv.data.salesorder_id === order.id || storedLines(inv.data).some((l) => lineIds.has(l.salesorder_item_id)));
}

/** The order's line ids some live invoice covers. */
export function invoicedLineIds(org: FinanceOrgState, order: StoredRecord): Set<unknown> {
  return new Set(invoicesOf(org, order).flatMap((inv) => storedLines(inv.data).map((l) => l.salesorder_item_id)));
}

/** `not_invoiced`, `partially_invoiced` or `invoiced`: how many of the order's lines invoices cover. */
export function invoicedStatus(org: FinanceOrgState, order: StoredRecord): 'not_invoiced' | 'partially_invoiced' | 'invoiced' {
  const covered = invoicedLineIds(org, order);
  const lines = storedLines(order.data);
  const done = lines.filter((l) => covered.has(l.line_item_id)).length;
  return done === 0 ? 'not_invoiced' : done === lines.length ? 'invoiced' : 'partially_invoiced';
}

const KIND: DocumentKind = { table: 'salesorders', label: 'Sales order', numberField: 'salesorder_number', readOnly: READ_ONLY };

function check(world: SandboxWorld, org: FinanceOrgState, input: Record<string, unknown>, current?: StoredRecord): Record<string, unknown> | Reply {
  return checkDocument(KIND, world, org, input, current);
}

/** Creates a draft sales order, or the error Zoho would answer. */
export function createSalesOrder(world: SandboxWorld, org: FinanceOrgState, input: unknown, at = world.now()): StoredRecord | Reply {
  if (!isObject(input)) return booksErrors.invalidJson();
  const data = check(world, org, input);
  if (isReply(data)) return data;
  if (typeof data.salesorder_number !== 'string' || data.salesorder_number === '') data.salesorder_number = nextDocumentNumber(org, 'SO');
  data.date ??= booksDate(at, org.utcOffsetMinutes);
  data.status = 'draft';
  return org.tables.salesorders.insert(world.ids.finance(), data, at);
}

/** Updates a sales order; one with invoices cannot change. */
export function updateSalesOrder(world: SandboxWorld, org: FinanceOrgState, id: string, input: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.salesorders.get(id);
  if (!row) return booksErrors.notFound('Sales order');
  if (!isObject(input)) return booksErrors.invalidJson();
  if (invoicesOf(org, row).length > 0) return documentErrors.invoiced('Sales order', row.data.salesorder_number);
  const patch = check(world, org, input, row);
  if (isReply(patch)) return patch;
  return org.tables.salesorders.update(id, patch, at) ?? row;
}

/**
 * `status` and `order_status` as Zoho shows them: a void or draft order is that; an open one is
 * `invoiced` / `partially_invoiced` once invoices cover all / some of its lines (its order status
 * then `closed` / `open`).
 */
export function salesOrderStatus(org: FinanceOrgState, row: StoredRecord): { status: string; order_status: string; invoiced_status: string } {
  const stored = String(row.data.status);
  const invoiced = invoicedStatus(org, row);
  if (stored !== 'open') return { status: stored, order_status: stored, invoiced_status: invoiced };
  if (invoiced === 'not_invoiced') return { status: 'open', order_status: 'open', invoiced_status: invoiced };
  return { status: invoiced, order_status: invoiced === 'invoiced' ? 'closed' : 'open', invoiced_status: invoiced };
}

/** A sales order as Zoho returns it; list rows are a subset. */
export function renderSalesOrder(org: FinanceOrgState, row: StoredRecord, view: 'full' | 'list'): Record<string, unknown> {
  const d = row.data;
  const priced = renderPriced(priceDocument(org, d));
  const customer = org.tables.contacts.get(String(d.customer_id));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const common = {
    salesorder_id: row.id,
    salesorder_number: d.salesorder_number,
    customer_id: d.customer_id,
    customer_name: customer?.data.contact_name ?? '',
    ...salesOrderStatus(org, row),
    date: d.date,
    shipment_date: text(d.shipment_date),
    reference_number: text(d.reference_number),
    currency_id: org.currency.id,
    currency_code: org.currency.code,
    total: priced.total,
    sub_total: priced.sub_total,
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
  if (view === 'list') return common;
  const gate = gateOf(org);
  const gated = Object.fromEntries(Object.entries(d).filter(([k]) => fieldAvailable('invoice', k, gate)));
  const covered = invoicedLineIds(org, row);
  return {
    ...gated,
    ...common,
    ...priced,
    line_items: priced.line_items.map((line) => ({ ...line, is_invoiced: covered.has(line.line_item_id) })),
    // Zoho's Sales Order API reference types the order's discount as a string ("10%" or an amount).
    discount: d.discount === undefined || d.discount === null ? '' : String(d.discount),
    is_discount_before_tax: d.is_discount_before_tax !== false,
    discount_type: d.discount_type ?? 'item_level',
    is_inclusive_tax: d.is_inclusive_tax === true,
    exchange_rate: 1,
    price_precision: 2,
    invoices: invoicesOf(org, row).map((inv) => {
      const v = renderInvoice(org, inv, 'list');
      return { invoice_id: v.invoice_id, invoice_number: v.invoice_number, status: v.status, date: v.date, due_date: v.due_date, total: v.total, balance: v.balance };
    }),
    billing_address: renderAddress(customer?.data.billing_address),
    shipping_address: renderAddress(customer?.data.shipping_address),
    notes: text(d.notes),
    terms: text(d.terms),
    custom_fields: Array.isArray(d.custom_fields) ? d.custom_fields : [],
  };
}

const TRANSITIONS: Record<'open' | 'void', { from: readonly string[]; hint: string }> = {
  open: { from: ['draft', 'void'], hint: 'Only a draft or void sales order can be marked as open.' },
  void: { from: ['draft', 'open'], hint: 'Only a draft or open sales order without invoices can be voided.' },
};

/** Changes a sales order's status under the sandbox's rules, or answers the refusal (nothing changes then). */
export function markSalesOrder(world: SandboxWorld, org: FinanceOrgState, id: string, status: 'open' | 'void', body: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.salesorders.get(id);
  if (!row) return booksErrors.notFound('Sales order');
  const rule = TRANSITIONS[status];
  const shown = salesOrderStatus(org, row);
  if (!rule.from.includes(String(row.data.status)) || (status === 'void' && shown.invoiced_status !== 'not_invoiced')) {
    return documentErrors.statusChange('Sales order', shown.status, status, rule.hint);
  }
  const reason = status === 'void' && isObject(body) && typeof body.reason === 'string' ? { void_reason: body.reason } : {};
  return org.tables.salesorders.update(id, { status, ...reason }, at) ?? row;
}
