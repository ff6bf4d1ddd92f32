import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksDate, booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { renderAddress } from './address.js';
import { fieldAvailable, gateOf, withoutUnavailable } from './edition-fields.js';
import { booksErrors } from './errors.js';
import { invoiceTotals } from './invoice-totals.js';
import { findTax } from './tax-model.js';

const READ_ONLY = new Set([
  'invoice_id', 'status', 'customer_name', 'sub_total', 'tax_total', 'total', 'balance', 'taxes', 'currency_code',
  'created_time', 'last_modified_time', 'invoice_url', 'payment_made', 'credits_applied',
]);

function lineInput(org: FinanceOrgState, raw: unknown, world: SandboxWorld): Record<string, unknown> | Reply {
  if (!isObject(raw)) return booksErrors.invalidValue('line_items');
  const line: Record<string, unknown> = { ...raw };
  if (typeof line.line_item_id !== 'string') line.line_item_id = world.ids.finance();
  if (typeof raw.item_id === 'string' && raw.item_id !== '') {
    const item = org.tables.items.get(raw.item_id);
    if (!item) return booksErrors.notFound('Item');
    line.name ??= item.data.name;
    line.description ??= item.data.description ?? '';
    line.rate ??= item.data.rate;
    line.unit ??= item.data.unit ?? '';
    line.product_type ??= item.data.product_type;
    if (line.tax_id === undefined && typeof item.data.tax_id === 'string') line.tax_id = item.data.tax_id;
  }
  if (typeof line.name !== 'string' || line.name === '') return booksErrors.invalidValue('line_items.name');
  line.rate = Number(line.rate ?? 0);
  line.quantity = Number(line.quantity ?? 1);
  if (!Number.isFinite(line.rate) || !Number.isFinite(line.quantity)) return booksErrors.invalidValue('line_items.rate');
  if (typeof line.tax_id === 'string' && line.tax_id !== '' && !findTax(org, line.tax_id)) return booksErrors.notFound('Tax');
  return line;
}

function check(world: SandboxWorld, org: FinanceOrgState, input: Record<string, unknown>, current?: StoredRecord): Record<string, unknown> | Reply {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!READ_ONLY.has(key)) data[key] = value;
  const gated = withoutUnavailable('invoice', data, gateOf(org));
  const customerId = gated.customer_id ?? current?.data.customer_id;
  if (typeof customerId !== 'string' || !org.tables.contacts.get(customerId)) return booksErrors.notFound('Contact');
  const number = gated.invoice_number;
  if (typeof number === 'string' && org.tables.invoices.all().some((i) => i.id !== current?.id && i.data.invoice_number === number)) {
    return booksErrors.duplicateInvoiceNumber();
  }
  if (gated.line_items !== undefined || !current) {
    if (!Array.isArray(gated.line_items) || gated.line_items.length === 0) return booksErrors.invalidValue('line_items');
    const lines: Array<Record<string, unknown>> = [];
    for (const raw of gated.line_items) {
      const line = lineInput(org, raw, world);
      if (isReply(line)) return line;
      lines.push(line);
    }
    gated.line_items = lines;
  }
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
  data.due_date ??= data.date;
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

function priced(org: FinanceOrgState, row: StoredRecord) {
  const lines = (Array.isArray(row.data.line_items) ? row.data.line_items : []).filter(isObject);
  const taxed = lines.map((line) => ({ line, tax: typeof line.tax_id === 'string' ? findTax(org, line.tax_id) : undefined }));
  const totals = invoiceTotals(
    taxed.map(({ line, tax }) => ({
      rate: Number(line.rate),
      quantity: Number(line.quantity),
      discount: line.discount,
      taxes: tax ? tax.members.map((m) => ({ name: m.name, percentage: m.percentage })) : [],
    })),
    row.data.is_inclusive_tax === true,
  );
  const paid = typeof row.data.payment_made === 'number' ? row.data.payment_made : 0;
  const balance = row.data.status === 'void' ? 0 : Math.round((totals.total - paid) * 100) / 100;
  return { taxed, totals, paid, balance };
}

/** What the customer still owes on an invoice. */
export function invoiceBalance(org: FinanceOrgState, row: StoredRecord): number {
  return priced(org, row).balance;
}

/** An invoice as Zoho returns it; list rows are a subset. */
export function renderInvoice(org: FinanceOrgState, row: StoredRecord, view: 'full' | 'list'): Record<string, unknown> {
  const d = row.data;
  const inclusive = d.is_inclusive_tax === true;
  const { taxed, totals, paid, balance } = priced(org, row);
  const status = String(d.status);
  const customer = org.tables.contacts.get(String(d.customer_id));
  const common = {
    invoice_id: row.id,
    invoice_number: d.invoice_number,
    customer_id: d.customer_id,
    customer_name: customer?.data.contact_name ?? '',
    status,
    date: d.date,
    due_date: d.due_date,
    reference_number: typeof d.reference_number === 'string' ? d.reference_number : '',
    currency_id: org.currency.id,
    currency_code: org.currency.code,
    exchange_rate: 1,
    total: totals.total,
    balance,
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
  if (view === 'list') return common;
  const gate = gateOf(org);
  const gated = Object.fromEntries(Object.entries(d).filter(([k]) => fieldAvailable('invoice', k, gate)));
  return {
    ...gated,
    ...common,
    discount: d.discount ?? 0,
    is_discount_before_tax: d.is_discount_before_tax !== false,
    discount_type: d.discount_type ?? 'item_level',
    is_inclusive_tax: inclusive,
    line_items: taxed.map(({ line, tax }, i) => ({
      ...line,
      item_order: i + 1,
      item_total: totals.lineTotals[i] ?? 0,
      tax_id: tax?.id ?? '',
      tax_name: tax?.name ?? '',
      tax_type: tax?.type ?? '',
      tax_percentage: tax?.percentage ?? 0,
      line_item_category: 'line_item',
    })),
    sub_total: totals.subTotal,
    tax_total: totals.taxTotal,
    taxes: totals.taxes,
    payment_made: paid,
    credits_applied: 0,
    price_precision: 2,
    billing_address: renderAddress(customer?.data.billing_address),
    shipping_address: renderAddress(customer?.data.shipping_address),
    notes: typeof d.notes === 'string' ? d.notes : '',
    terms: typeof d.terms === 'string' ? d.terms : '',
    custom_fields: Array.isArray(d.custom_fields) ? d.custom_fields : [],
    invoice_url: `https://books.zoho.com/SecurePayment?CInvoiceID=${row.id}`,
  };
}
