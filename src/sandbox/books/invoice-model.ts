import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksDate, booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { renderAddress } from './address.js';
import { fieldAvailable, gateOf, withoutUnavailable } from './edition-fields.js';
import { readLines } from './document-lines.js';
import { booksErrors } from './errors.js';
import { Decimal } from '../../tax/decimal.js';
import { discountLevel, invoiceTotals, isTotalsProblem, pricePrecision } from './invoice-totals.js';
import { invoiceErrors } from './invoice-errors.js';
import { paidOn, paymentsOfInvoice } from './payment-applications.js';
import { findTax } from './tax-model.js';

const READ_ONLY = new Set([
  'invoice_id', 'status', 'customer_name', 'sub_total', 'tax_total', 'total', 'balance', 'taxes', 'currency_code',
  'created_time', 'last_modified_time', 'invoice_url', 'payment_made', 'credits_applied', 'roundoff_value', 'last_payment_date',
  // Not in the create or update body Zoho describes: an invoice's addresses are set through
  // /invoices/{id}/address/billing and /shipping, and start as the customer's.
  'billing_address', 'shipping_address',
]);

const DAY = 86_400_000;

/** `yyyy-mm-dd` plus whole days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Books' label of a payment term in days. */
function termsLabel(days: number): string {
  return days === 0 ? 'Due on Receipt' : `Net ${days}`;
}

function check(world: SandboxWorld, org: FinanceOrgState, input: Record<string, unknown>, current?: StoredRecord): Record<string, unknown> | Reply {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!READ_ONLY.has(key)) data[key] = value;
  const gated = withoutUnavailable('invoice', data, gateOf(org));
  const customerId = gated.customer_id ?? current?.data.customer_id;
  if (typeof customerId !== 'string' || !org.tables.contacts.get(customerId)) return booksErrors.notFound('Contact');
  // Invoice's documented 3010: the customer cannot change once payments are recorded.
  if (current && customerId !== current.data.customer_id && paidOn(org, current).compare(0) > 0) return invoiceErrors.customerLocked();
  if (gated.contact_persons !== undefined) {
    if (!Array.isArray(gated.contact_persons)) return booksErrors.invalidValue('contact_persons');
    const own = new Set(org.tables.contactpersons.where('contact_id', customerId).map((p) => p.id));
    if (gated.contact_persons.some((id) => !own.has(String(id)))) return invoiceErrors.unknownContactPerson();
    gated.contact_persons = gated.contact_persons.map(String);
  }
  if (gated.payment_terms !== undefined && gated.payment_terms !== null) {
    const days = Number(gated.payment_terms);
    // Zoho's description: a number of days, at most 100.
    if (!Number.isInteger(days) || days < 0 || days > 100) return booksErrors.invalidValue('payment_terms');
    gated.payment_terms = days;
  }
  const number = gated.invoice_number;
  if (typeof number === 'string' && org.tables.invoices.all().some((i) => i.id !== current?.id && i.data.invoice_number === number)) {
    return booksErrors.duplicateInvoiceNumber();
  }
  if (gated.line_items !== undefined || !current) {
    const lines = readLines(world, org, gated.line_items);
    if (isReply(lines)) return lines;
    gated.line_items = lines;
  }
  const totals = invoiceTotals(org, { ...current?.data, ...gated });
  if (isTotalsProblem(totals)) return booksErrors.invalidValue(totals.field);
  return gated;
}

/** Creates a draft invoice, or the error Zoho would answer. */
export function createInvoice(world: SandboxWorld, org: FinanceOrgState, input: unknown, at = world.now()): StoredRecord | Reply {
  if (!isObject(input)) return booksErrors.invalidJson();
  const data = check(world, org, input);
  if (isReply(data)) return data;
  if (typeof data.invoice_number !== 'string') {
    org.invoiceCounter += 1;
    data.invoice_number = `INV-${String(org.invoiceCounter).padStart(6, '0')}`;
  }
  const today = booksDate(at, org.utcOffsetMinutes);
  data.date ??= today;
  // Without terms of its own an invoice takes its customer's; the due date is the date plus the terms.
  const customer = org.tables.contacts.get(String(data.customer_id));
  if (data.payment_terms === undefined || data.payment_terms === null) {
    data.payment_terms = Number(customer?.data.payment_terms ?? 0) || 0;
    data.payment_terms_label ??= customer?.data.payment_terms_label ?? termsLabel(Number(data.payment_terms));
  }
  data.payment_terms_label ??= termsLabel(Number(data.payment_terms));
  data.due_date ??= addDays(String(data.date), Number(data.payment_terms));
  data.status = 'draft';
  data.payment_made = 0;
  return org.tables.invoices.insert(world.ids.finance(), data, at);
}

/** Updates an invoice with the fields given. */
export function updateInvoice(world: SandboxWorld, org: FinanceOrgState, id: string, input: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.invoices.get(id);
  if (!row) return booksErrors.notFound('Invoice');
  if (!isObject(input)) return booksErrors.invalidJson();
  const patch = check(world, org, input, row);
  if (isReply(patch)) return patch;
  return org.tables.invoices.update(id, patch, at) ?? row;
}

/** An invoice's totals, what has been paid on it and what is left. */
export function priced(org: FinanceOrgState, row: StoredRecord) {
  const lines = (Array.isArray(row.data.line_items) ? row.data.line_items : []).filter(isObject);
  const taxed = lines.map((line) => ({ line, tax: typeof line.tax_id === 'string' && line.tax_id !== '' ? findTax(org, line.tax_id) : undefined }));
  const computed = invoiceTotals(org, row.data);
  // Stored data was checked when written; a tax deleted since cannot make it unreadable.
  const totals = isTotalsProblem(computed) ? invoiceTotals(org, { line_items: [] }) : computed;
  if (isTotalsProblem(totals)) throw new Error('empty invoice totals failed');
  const paidExact = paidOn(org, row);
  const precision = pricePrecision(org);
  const paid = Number(paidExact.toFixed(precision));
  const balance = row.data.status === 'void' ? 0 : Number(Decimal.from(totals.total).minus(paidExact).toFixed(precision));
  return { taxed, totals, paid, balance, level: discountLevel(row.data, lines) };
}

/** What the customer still owes on an invoice. */
export function invoiceBalance(org: FinanceOrgState, row: StoredRecord): number {
  return priced(org, row).balance;
}

/**
 * The status Books shows: `draft` and `void` as stored; a sent invoice is `paid` when nothing is
 * left to pay, `overdue` when money is owed after its due date (`today`, the org's date; without
 * it nothing is overdue), `partially_paid` when part is paid, else `sent`.
 */
export function invoiceStatus(row: StoredRecord, total: number, paid: number, balance: number, today: string | undefined): string {
  const stored = String(row.data.status);
  if (stored === 'draft' || stored === 'void') return stored;
  if (balance <= 0 && total > 0) return 'paid';
  if (balance > 0 && today !== undefined && typeof row.data.due_date === 'string' && row.data.due_date < today) return 'overdue';
  return paid > 0 ? 'partially_paid' : 'sent';
}

function lastPaymentDate(org: FinanceOrgState, row: StoredRecord): string {
  const dates = paymentsOfInvoice(org, row.id).map((p) => String(p.data.date ?? ''));
  return dates.sort().at(-1) ?? '';
}

/** An invoice as Zoho returns it; list rows are a subset. `today` (the org's date) makes past-due invoices `overdue`. */
export function renderInvoice(org: FinanceOrgState, row: StoredRecord, view: 'full' | 'list', today?: string): Record<string, unknown> {
  const d = row.data;
  const inclusive = d.is_inclusive_tax === true;
  const { taxed, totals, paid, balance, level } = priced(org, row);
  const customer = org.tables.contacts.get(String(d.customer_id));
  const common = {
    invoice_id: row.id,
    invoice_number: d.invoice_number,
    customer_id: d.customer_id,
    customer_name: customer?.data.contact_name ?? '',
    status: invoiceStatus(row, totals.total, paid, balance, today),
    date: d.date,
    due_date: d.due_date,
    reference_number: typeof d.reference_number === 'string' ? d.reference_number : '',
    currency_id: org.currency.id,
    currency_code: org.currency.code,
    exchange_rate: 1,
    total: totals.total,
    balance,
    salesperson_name: typeof d.salesperson_name === 'string' ? d.salesperson_name : '',
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
  if (view === 'list') return common;
  const gate = gateOf(org);
  const gated = Object.fromEntries(Object.entries(d).filter(([k]) => fieldAvailable('invoice', k, gate)));
  const entityDiscount = level === 'entity_level' && d.discount !== undefined && d.discount !== null && d.discount !== '' ? d.discount : 0;
  return {
    ...gated,
    ...common,
    payment_terms: Number(d.payment_terms ?? 0),
    payment_terms_label: typeof d.payment_terms_label === 'string' ? d.payment_terms_label : termsLabel(Number(d.payment_terms ?? 0)),
    salesperson_id: typeof d.salesperson_id === 'string' ? d.salesperson_id : '',
    contact_persons: Array.isArray(d.contact_persons) ? d.contact_persons : [],
    // A flat discount is a number; a percentage stays the text it was given ("10%"), as Books writes it.
    discount: typeof entityDiscount === 'string' && !entityDiscount.trim().endsWith('%') ? Number(entityDiscount) : entityDiscount,
    discount_amount: totals.discountAmount,
    is_discount_before_tax: d.is_discount_before_tax !== false,
    discount_type: level,
    is_inclusive_tax: inclusive,
    line_items: taxed.map(({ line, tax }, i) => ({
      ...line,
      item_order: i + 1,
      item_total: totals.lines[i]?.itemTotal ?? 0,
      discount_amount: totals.lines[i]?.discountAmount ?? 0,
      tax_id: tax?.id ?? '',
      tax_name: tax?.name ?? '',
      tax_type: tax?.type ?? '',
      tax_percentage: tax?.percentage ?? 0,
      line_item_category: 'line_item',
    })),
    sub_total: totals.subTotal,
    tax_total: totals.taxTotal,
    taxes: totals.taxes,
    adjustment: totals.adjustment,
    adjustment_description: typeof d.adjustment_description === 'string' ? d.adjustment_description : '',
    // Zoho's description names no rounding field; Books' "Rounding Off" line, kept apart from
    // `adjustment` so that an invoice sent back as read is not rounded twice.
    roundoff_value: totals.roundOff,
    payment_made: paid,
    last_payment_date: lastPaymentDate(org, row),
    credits_applied: 0,
    price_precision: pricePrecision(org),
    billing_address: renderAddress(d.billing_address ?? customer?.data.billing_address),
    shipping_address: renderAddress(customer?.data.shipping_address),
    notes: typeof d.notes === 'string' ? d.notes : '',
    terms: typeof d.terms === 'string' ? d.terms : '',
    custom_fields: Array.isArray(d.custom_fields) ? d.custom_fields : [],
    invoice_url: `https://books.zoho.com/SecurePayment?CInvoiceID=${row.id}`,
  };
}
