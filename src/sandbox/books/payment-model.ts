import { Decimal } from '../../tax/decimal.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import { booksDate, booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { accountNamed, DEFAULT_DEPOSIT_ACCOUNT, DEPOSIT_ACCOUNT_TYPES } from './account-model.js';
import { booksErrors } from './errors.js';
import { priced, renderInvoice } from './invoice-model.js';
import { applicationsOf } from './payment-applications.js';
import { paymentErrors } from './payment-errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function amountOf(value: unknown): Decimal | undefined {
  const parsed = typeof value === 'number' || typeof value === 'string' ? Decimal.tryFrom(value) : undefined;
  return parsed !== undefined && parsed.compare(0) >= 0 ? parsed : undefined;
}

/** The invoices a payment pays, checked: each exists, is the customer's, was sent, and owes what is applied. */
function checkApplications(org: FinanceOrgState, customerId: string, raw: unknown, current: StoredRecord | undefined, today: string): Array<Record<string, unknown>> | Reply {
  if (!Array.isArray(raw)) return booksErrors.invalidValue('invoices');
  const previous = new Map<string, Decimal>();
  for (const a of current ? applicationsOf(current) : []) previous.set(a.invoice_id, (previous.get(a.invoice_id) ?? Decimal.ZERO).plus(a.amount_applied));
  const wanted = new Map<string, Decimal>();
  const out: Array<Record<string, unknown>> = [];
  for (const [i, entry] of raw.entries()) {
    if (!isObject(entry) || typeof entry.invoice_id !== 'string') return booksErrors.invalidValue(`invoices[${i}].invoice_id`);
    const applied = amountOf(entry.amount_applied ?? 0);
    if (applied === undefined) return booksErrors.invalidValue(`invoices[${i}].amount_applied`);
    const invoice = org.tables.invoices.get(entry.invoice_id);
    if (!invoice) return booksErrors.notFound('Invoice');
    const number = String(invoice.data.invoice_number);
    if (invoice.data.customer_id !== customerId) return paymentErrors.otherCustomer(number);
    const status = String(invoice.data.status);
    if (status === 'draft' || status === 'void') return paymentErrors.notPayable(number, status);
    const total = (wanted.get(invoice.id) ?? Decimal.ZERO).plus(applied);
    wanted.set(invoice.id, total);
    // What this payment already pays on the invoice is free again when the payment is changed.
    const owed = Decimal.from(priced(org, invoice).balance).plus(previous.get(invoice.id) ?? Decimal.ZERO);
    if (total.compare(owed) > 0) return paymentErrors.overBalance();
    out.push({ invoice_id: invoice.id, amount_applied: Number(applied.toFixed(2)), date: today });
  }
  return out;
}

/** The deposit account: as given (a cash or bank account of the chart), else Undeposited Funds. Invoice orgs have no chart. */
function depositAccount(org: FinanceOrgState, given: unknown): string | undefined | Reply {
  if (org.app === 'invoice') return undefined;
  if (given === undefined || given === null || given === '') return accountNamed(org, DEFAULT_DEPOSIT_ACCOUNT)?.id;
  const account = org.tables.chartofaccounts.get(String(given));
  if (!account || !DEPOSIT_ACCOUNT_TYPES.includes(String(account.data.account_type)) || account.data.is_active === false) return paymentErrors.invalidDepositAccount();
  return account.id;
}

/**
 * Checks a payment's fields (all of them on create; on update the stored ones fill the gaps) and
 * returns what to store, or Zoho's refusal.
 */
function check(org: FinanceOrgState, input: unknown, today: string, current?: StoredRecord): Record<string, unknown> | Reply {
  if (!isObject(input)) return booksErrors.invalidJson();
  const merged: Record<string, unknown> = { ...current?.data, ...input };
  const customerId = merged.customer_id;
  if (typeof customerId !== 'string' || !org.tables.contacts.get(customerId)) return paymentErrors.invalidCustomer();
  const amount = amountOf(merged.amount);
  if (amount === undefined || amount.isZero()) return booksErrors.invalidValue('amount');
  if (typeof merged.payment_mode !== 'string' || merged.payment_mode.trim() === '') return booksErrors.invalidValue('payment_mode');
  if (typeof merged.date !== 'string' || !DATE.test(merged.date)) return booksErrors.invalidValue('date');
  const currency = input.currency_code ?? input.currency_id;
  if (currency !== undefined && currency !== org.currency.code && currency !== org.currency.id) return paymentErrors.currencyMismatch();
  const account = depositAccount(org, merged.account_id);
  if (typeof account === 'object') return account;
  const invoices = checkApplications(org, customerId, merged.invoices ?? [], current, today);
  if (isReply(invoices)) return invoices;
  const applied = invoices.reduce((sum, a) => sum.plus(Decimal.from(Number(a.amount_applied))), Decimal.ZERO);
  if (applied.compare(amount) > 0) return paymentErrors.overApplied();
  return {
    customer_id: customerId,
    payment_mode: merged.payment_mode,
    amount: Number(amount.toFixed(2)),
    date: merged.date,
    reference_number: typeof merged.reference_number === 'string' ? merged.reference_number : '',
    description: typeof merged.description === 'string' ? merged.description : '',
    bank_charges: Number(merged.bank_charges ?? 0) || 0,
    ...(account === undefined ? {} : { account_id: account }),
    ...(typeof merged.online_transaction_id === 'string' ? { online_transaction_id: merged.online_transaction_id } : {}),
    invoices,
  };
}

/** Records a customer payment and applies it to its invoices, or answers Zoho's refusal. */
export function createPayment(world: SandboxWorld, org: FinanceOrgState, input: unknown, at = world.now()): StoredRecord | Reply {
  const data = check(org, input, booksDate(at, org.utcOffsetMinutes));
  if (isReply(data)) return data;
  org.paymentCounter += 1;
  const invoices = (data.invoices as Array<Record<string, unknown>>).map((a) => ({ ...a, invoice_payment_id: world.ids.finance() }));
  return org.tables.customerpayments.insert(world.ids.finance(), { ...data, invoices, payment_number: org.paymentCounter }, at);
}

/** Changes a payment (its applications are checked again, what it paid before counting as free). */
export function updatePayment(world: SandboxWorld, org: FinanceOrgState, id: string, input: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.customerpayments.get(id);
  if (!row) return booksErrors.notFound('Payment');
  const data = check(org, input, booksDate(at, org.utcOffsetMinutes), row);
  if (isReply(data)) return data;
  const before = new Map(applicationsOf(row).map((a, i) => [a.invoice_id, (row.data.invoices as Array<Record<string, unknown>>)[i]?.invoice_payment_id]));
  const invoices = (data.invoices as Array<Record<string, unknown>>).map((a) => ({ ...a, invoice_payment_id: before.get(String(a.invoice_id)) ?? world.ids.finance() }));
  return org.tables.customerpayments.update(id, { ...data, invoices }, at) ?? row;
}

function customerOf(org: FinanceOrgState, row: StoredRecord) {
  return org.tables.contacts.get(String(row.data.customer_id));
}

function accountName(org: FinanceOrgState, row: StoredRecord): string {
  return typeof row.data.account_id === 'string' ? String(org.tables.chartofaccounts.get(row.data.account_id)?.data.account_name ?? '') : '';
}

/** A payment as GET /customerpayments/{id} returns it. */
export function renderPayment(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  const d = row.data;
  const customer = customerOf(org, row);
  const applications = applicationsOf(row);
  const applied = applications.reduce((sum, a) => sum.plus(Decimal.from(a.amount_applied)), Decimal.ZERO);
  return {
    payment_id: row.id,
    payment_number: String(d.payment_number),
    payment_mode: d.payment_mode,
    amount: d.amount,
    amount_refunded: 0,
    unused_amount: Number(Decimal.from(Number(d.amount)).minus(applied).toFixed(2)),
    bank_charges: d.bank_charges ?? 0,
    date: d.date,
    status: 'success',
    reference_number: d.reference_number ?? '',
    description: d.description ?? '',
    customer_id: d.customer_id,
    customer_name: customer?.data.contact_name ?? '',
    email: typeof customer?.data.email === 'string' ? customer.data.email : '',
    ...(org.app === 'books' ? { account_id: d.account_id ?? '', account_name: accountName(org, row) } : {}),
    online_transaction_id: typeof d.online_transaction_id === 'string' ? d.online_transaction_id : '',
    invoices: applications.map((a) => {
      const invoice = org.tables.invoices.get(a.invoice_id);
      const view = invoice ? renderInvoice(org, invoice, 'list') : {};
      return {
        invoice_id: a.invoice_id,
        invoice_number: view.invoice_number ?? '',
        date: view.date ?? '',
        invoice_amount: view.total ?? 0,
        amount_applied: a.amount_applied,
        balance_amount: view.balance ?? 0,
        tax_amount_withheld: 0,
      };
    }),
    currency_code: org.currency.code,
    currency_symbol: org.currency.symbol,
    custom_fields: [],
    tags: [],
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
}

/** A payment as a row of GET /customerpayments. */
export function renderPaymentRow(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  const d = row.data;
  const numbers = applicationsOf(row).map((a) => String(org.tables.invoices.get(a.invoice_id)?.data.invoice_number ?? ''));
  return {
    payment_id: row.id,
    payment_number: String(d.payment_number),
    invoice_numbers: numbers.join(','),
    invoice_number: numbers[0] ?? '',
    date: d.date,
    payment_mode: d.payment_mode,
    amount: d.amount,
    // Typed as text in Zoho's description of the list.
    bcy_amount: Number(d.amount).toFixed(2),
    customer_id: d.customer_id,
    customer_name: customerOf(org, row)?.data.contact_name ?? '',
    reference_number: d.reference_number ?? '',
    description: d.description ?? '',
    ...(org.app === 'books' ? { account_id: d.account_id ?? '', account_name: accountName(org, row) } : {}),
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
}

/** A payment as a row of GET /invoices/{id}/payments: what it applied to that invoice. */
export function renderInvoicePayment(org: FinanceOrgState, row: StoredRecord, invoiceId: string): Record<string, unknown> {
  const entries = (Array.isArray(row.data.invoices) ? row.data.invoices : []).filter(isObject);
  const entry = entries.find((e) => e.invoice_id === invoiceId);
  return {
    payment_id: row.id,
    // An integer here, text in the customer-payment replies, as Zoho's description types them.
    payment_number: Number(row.data.payment_number),
    invoice_id: invoiceId,
    invoice_payment_id: String(entry?.invoice_payment_id ?? ''),
    payment_mode: row.data.payment_mode,
    date: row.data.date,
    reference_number: row.data.reference_number ?? '',
    description: row.data.description ?? '',
    exchange_rate: 1,
    amount: Number(entry?.amount_applied ?? 0),
    tax_amount_withheld: 0,
    online_transaction_id: typeof row.data.online_transaction_id === 'string' ? row.data.online_transaction_id : '',
    is_single_invoice_payment: entries.length === 1,
  };
}
