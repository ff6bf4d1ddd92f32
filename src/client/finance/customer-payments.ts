import type * as z from 'zod/mini';
import { FinanceCustomerPaymentCreateSchema, FinanceCustomerPaymentSchema, FinanceCustomerPaymentUpdateSchema } from '../../schemas/finance/index.js';
import { type CallOptions, type CreateOptions, listFilters } from '../list-params.js';
import type { FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/** Filters and sorting of `GET /customerpayments`. */
export interface CustomerPaymentListParams {
  customerId?: string;
  customerName?: string;
  referenceNumber?: string;
  paymentMode?: string;
  /** `yyyy-mm-dd` */
  date?: string;
  amount?: number;
  /** Words of the payment's description. */
  notes?: string;
  /** `PaymentMode.All`, `PaymentMode.Cash`, `PaymentMode.CreditCard`, `PaymentMode.BankTransfer`… */
  filterBy?: string;
  sortColumn?: 'customer_name' | 'payment_number' | 'payment_mode' | 'date' | 'reference_number' | 'amount' | 'created_time' | 'last_modified_time';
  searchText?: string;
}

/**
 * The query names GET /customerpayments declares.
 */
export const PAYMENT_FILTERS = /* @__PURE__ */ listFilters<CustomerPaymentListParams>({
  customerId: 'customer_id',
  customerName: 'customer_name',
  referenceNumber: 'reference_number',
  paymentMode: 'payment_mode',
  date: 'date',
  amount: 'amount',
  notes: 'notes',
  filterBy: 'filter_by',
  sortColumn: 'sort_column',
  searchText: 'search_text',
});

type Create = z.input<typeof FinanceCustomerPaymentCreateSchema>;
type Update = z.input<typeof FinanceCustomerPaymentUpdateSchema>;

// Zoho's description marks a top-level invoice_id and amount_applied required beside `invoices`:
// when the caller leaves them out they repeat the first invoice the payment pays.
function withFirstInvoice<T extends { invoices?: Create['invoices'] | null | undefined; invoice_id?: unknown; amount_applied?: unknown }>(data: T): T {
  const first = data.invoices?.[0];
  if (!first) return data;
  return { ...data, invoice_id: data.invoice_id ?? first.invoice_id, amount_applied: data.amount_applied ?? first.amount_applied };
}

/**
 * Payments received from customers (`/customerpayments`), each applied to one or more of the
 * customer's invoices: applying moves the invoices to `partially_paid` or `paid`, deleting the
 * payment gives the invoices their balance back. Zoho refuses (HTTP 400) an amount applied beyond
 * an invoice's balance (code 24016). In Books the payment is deposited to a cash or bank account
 * of the chart of accounts (`account_id`).
 *
 * @example
 * ```ts
 * const payment = await client.finance.customerPayments.create({
 *   customer_id, payment_mode: 'banktransfer', amount: 100, date: '2026-03-01',
 *   invoices: [{ invoice_id, amount_applied: 100 }],
 * });
 * await client.finance.customerPayments.delete(payment.payment_id);
 * ```
 */
export class CustomerPaymentsResource extends FinanceResource<
  typeof FinanceCustomerPaymentSchema,
  typeof FinanceCustomerPaymentCreateSchema,
  typeof FinanceCustomerPaymentUpdateSchema,
  CustomerPaymentListParams
> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/customerpayments',
      one: 'payment',
      many: 'customer_payments',
      label: 'customer payment',
      record: FinanceCustomerPaymentSchema,
      create: FinanceCustomerPaymentCreateSchema,
      update: FinanceCustomerPaymentUpdateSchema,
      filters: PAYMENT_FILTERS,
    });
  }

  /** Records a payment and applies it to its invoices. A create is not retried after an ambiguous failure unless `retrySafe`. */
  override create(data: Create, options: CreateOptions = {}): Promise<z.output<typeof FinanceCustomerPaymentSchema>> {
    return super.create(withFirstInvoice(data), options);
  }

  /** Changes a payment; send `customer_id`, `payment_mode`, `amount` and `invoices` every time (Zoho requires them). */
  override update(id: string, data: Update, options: CallOptions = {}): Promise<z.output<typeof FinanceCustomerPaymentSchema>> {
    return super.update(id, withFirstInvoice(data), options);
  }
}
