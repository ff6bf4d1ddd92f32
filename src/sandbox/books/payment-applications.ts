import { Decimal } from '../../tax/decimal.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { isObject } from '../request-body.js';

/** One invoice a stored customer payment pays: `{ invoice_id, amount_applied }`. */
export interface PaymentApplication {
  invoice_id: string;
  amount_applied: number;
}

/** The applications of a stored payment. */
export function applicationsOf(payment: StoredRecord): PaymentApplication[] {
  const raw = Array.isArray(payment.data.invoices) ? payment.data.invoices : [];
  return raw.filter(isObject).map((entry) => ({ invoice_id: String(entry.invoice_id), amount_applied: Number(entry.amount_applied ?? 0) }));
}

/** The stored payments that pay part of an invoice, oldest first. */
export function paymentsOfInvoice(org: FinanceOrgState, invoiceId: string): StoredRecord[] {
  return org.tables.customerpayments.all().filter((p) => applicationsOf(p).some((a) => a.invoice_id === invoiceId && a.amount_applied > 0));
}

/** What the customer has paid on an invoice, exactly: the payments applied to it, plus a stored `payment_made` (generated data). */
export function paidOn(org: FinanceOrgState, invoice: StoredRecord): Decimal {
  let paid = Decimal.from(typeof invoice.data.payment_made === 'number' ? invoice.data.payment_made : 0);
  for (const payment of org.tables.customerpayments.all()) {
    for (const a of applicationsOf(payment)) if (a.invoice_id === invoice.id) paid = paid.plus(Decimal.from(a.amount_applied));
  }
  return paid;
}
