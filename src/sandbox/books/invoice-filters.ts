import type { StoredRecord } from '../record-table.js';
import { isObject } from '../request-body.js';

/** `status` values of GET /invoices. */
export const INVOICE_STATUSES = ['sent', 'draft', 'overdue', 'paid', 'void', 'unpaid', 'partially_paid', 'viewed'] as const;

/** `filter_by=Status.<Name>` spelled as Zoho's examples do (`Status.Sent`, `Status.PartiallyPaid`). */
const STATUS_FILTERS: Record<string, (typeof INVOICE_STATUSES)[number]> = {
  'status.sent': 'sent', 'status.draft': 'draft', 'status.overdue': 'overdue', 'status.paid': 'paid', 'status.void': 'void',
  'status.unpaid': 'unpaid', 'status.partiallypaid': 'partially_paid', 'status.partially_paid': 'partially_paid', 'status.viewed': 'viewed',
};

/** An invoice list row: its rendered view and the stored record. */
export interface InvoiceRow {
  row: StoredRecord;
  view: Record<string, unknown>;
}

/**
 * True when an invoice is in a `status` filter's state. Zoho stores sent/draft/void/viewed; paid,
 * unpaid, partially paid and overdue follow from the balance and the due date (the org's today).
 */
export function statusMatches(wanted: string, view: Record<string, unknown>, today: string): boolean {
  const { status } = view;
  const balance = Number(view.balance);
  const open = status !== 'draft' && status !== 'void';
  if (wanted === 'unpaid') return open && balance > 0;
  if (wanted === 'overdue') return open && balance > 0 && typeof view.due_date === 'string' && view.due_date < today;
  if (wanted === 'paid') return open && balance === 0 && Number(view.total) > 0;
  if (wanted === 'partially_paid') return open && balance > 0 && balance < Number(view.total);
  return status === wanted;
}

/**
 * `filter_by` of GET /invoices: `Status.All`, `Status.<Name>` for each status, or
 * `Date.PaymentExpectedDate` (invoices with an expected payment date). `undefined` for anything else.
 */
export function invoiceFilterBy(value: string | null, today: string): ((r: InvoiceRow) => boolean) | undefined {
  if (value === null || value === 'Status.All') return () => true;
  if (value === 'Date.PaymentExpectedDate') return ({ row }) => typeof row.data.payment_expected_date === 'string' && row.data.payment_expected_date !== '';
  const status = STATUS_FILTERS[value.toLowerCase()];
  return status === undefined ? undefined : ({ view }) => statusMatches(status, view, today);
}

function dateFamily(query: URLSearchParams, name: string, valueOf: (r: InvoiceRow) => string): Array<(r: InvoiceRow) => boolean> {
  const tests: Array<(r: InvoiceRow) => boolean> = [];
  const read = (suffix: string) => query.get(`${name}${suffix}`);
  const exact = read('');
  const start = read('_start');
  const end = read('_end');
  const before = read('_before');
  const after = read('_after');
  if (exact !== null) tests.push((r) => valueOf(r) === exact);
  if (start !== null) tests.push((r) => valueOf(r) >= start);
  if (end !== null) tests.push((r) => valueOf(r) <= end);
  if (before !== null) tests.push((r) => valueOf(r) < before);
  if (after !== null) tests.push((r) => valueOf(r) > after);
  return tests;
}

function lines(row: StoredRecord): Array<Record<string, unknown>> {
  return (Array.isArray(row.data.line_items) ? row.data.line_items : []).filter(isObject);
}

/**
 * The date and line filters of GET /invoices: `date`, `due_date` and `created_date` with their
 * `_start` / `_end` / `_before` / `_after` forms (yyyy-mm-dd), `item_id`, `item_name`,
 * `item_description` (any line), `total`, `balance`, `recurring_invoice_id`, `zcrm_potential_id`.
 */
export function invoiceFilters(query: URLSearchParams, createdDate: (row: StoredRecord) => string): (r: InvoiceRow) => boolean {
  const tests = [
    ...dateFamily(query, 'date', ({ view }) => String(view.date ?? '')),
    ...dateFamily(query, 'due_date', ({ view }) => String(view.due_date ?? '')),
    ...dateFamily(query, 'created_date', ({ row }) => createdDate(row)),
  ];
  const itemId = query.get('item_id');
  if (itemId !== null) tests.push(({ row }) => lines(row).some((l) => l.item_id === itemId));
  for (const [param, field] of [['item_name', 'name'], ['item_description', 'description']] as const) {
    const wanted = query.get(param)?.toLowerCase();
    if (wanted !== undefined) tests.push(({ row }) => lines(row).some((l) => String(l[field] ?? '').toLowerCase().includes(wanted)));
  }
  for (const field of ['total', 'balance'] as const) {
    const wanted = query.get(field);
    if (wanted !== null) tests.push(({ view }) => Number(view[field]) === Number(wanted));
  }
  for (const field of ['recurring_invoice_id', 'zcrm_potential_id'] as const) {
    const wanted = query.get(field);
    if (wanted !== null) tests.push(({ row }) => String(row.data[field] ?? '') === wanted);
  }
  return (r) => tests.every((test) => test(r));
}
